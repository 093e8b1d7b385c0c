import type { ScanResult } from "../engine/result.ts";

/** findings.json: the ScanResult as is. Key order is fixed by construction, so output is stable. */
export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
