import type { Finding } from "../engine/finding.ts";
import type { ScanResult } from "../engine/result.ts";
import type { Evidence } from "../rules/types.ts";
import { csvCell } from "./escape.ts";

/**
 * UTF-8 byte order mark. findings.csv is read by people, mostly in Excel, and Excel decodes a CSV
 * without a BOM in the legacy ANSI code page: every non-ASCII display name (ü, 日本, emoji) turns to
 * mojibake. With the BOM Excel, LibreOffice, Google Sheets, pandas (`read_csv`) and Python's
 * `csv` with `encoding="utf-8-sig"` all read it right. Scripts that split the file themselves must
 * strip the leading U+FEFF; the JSON report (findings.json) is the machine interface anyway.
 */
export const CSV_BOM = "\uFEFF";

/** RFC 4180 line end: Excel and most CSV readers expect CRLF between records. */
const EOL = "\r\n";

export const CSV_COLUMNS = [
  "severity",
  "state",
  "ruleId",
  "resourceType",
  "resourceName",
  "resourceId",
  "subscriptionId",
  "message",
  "compliance",
  "fingerprint",
  "suppressionReason",
  "suppressionExpires",
  "evidence",
] as const;

/** Evidence as compact JSON with sorted keys, so the cell does not depend on how a rule built it. */
function evidenceJson(evidence: Evidence): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(evidence).sort()) sorted[key] = evidence[key];
  return JSON.stringify(sorted);
}

function row(f: Finding): string[] {
  return [
    f.severity,
    f.state,
    f.ruleId,
    f.resource.type,
    f.resource.displayName ?? "",
    f.resource.id,
    f.resource.subscriptionId ?? "",
    f.message,
    f.compliance.join("; "),
    f.fingerprint,
    f.suppression?.reason ?? "",
    f.suppression?.expires ?? "",
    evidenceJson(f.evidence),
  ];
}

/**
 * findings.csv: a header, then one finding a row in the ScanResult's order (already
 * sorted by compareFindings), every cell through csvCell (always quoted; cells starting with
 * `= + - @`, tab or CR are prefixed with `'` against formula injection). Embedded newlines stay
 * inside the quoted cell, as RFC 4180 allows. Pure and deterministic: same result, same bytes.
 * One piece a row: a large tenant's file is past what V8 holds as one string.
 */
export function* renderCsvPieces(result: ScanResult): Generator<string> {
  yield CSV_BOM + CSV_COLUMNS.map(csvCell).join(",") + EOL;
  for (const f of result.findings) yield row(f).map(csvCell).join(",") + EOL;
}

/** findings.csv as one string, for results that fit in one. */
export function renderCsv(result: ScanResult): string {
  return [...renderCsvPieces(result)].join("");
}
