import type { ScanResult } from "../engine/result.ts";
import { inertJson } from "../text/inert.ts";

/** findings.json: the ScanResult as is. Key order is fixed by construction, so output is stable. */
export function renderJson(result: ScanResult): string {
  return `${inertJson(result, 2)}\n`;
}
