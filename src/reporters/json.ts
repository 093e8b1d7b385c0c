import type { ScanResult } from "../engine/result.ts";
import { jsonPieces } from "../text/json-pieces.ts";

/**
 * findings.json: the ScanResult as is, indented by two spaces. Key order is fixed by
 * construction, so output is stable. Written in pieces (each finding and each identity is one):
 * a large tenant's result is past what V8 holds as one string.
 */
export function* renderJsonPieces(result: ScanResult): Generator<string> {
  yield* jsonPieces(result, { expandDepth: 2, indent: 2, leafIndent: 2 });
  yield "\n";
}

/** findings.json as one string, for results that fit in one. */
export function renderJson(result: ScanResult): string {
  return [...renderJsonPieces(result)].join("");
}
