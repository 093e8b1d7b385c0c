import type { ReportFormat } from "../config/types.ts";
import type { ScanResult } from "../engine/result.ts";
import type { ReportFile } from "../report-set.ts";
import type { ReportContext } from "./context.ts";
import { redactedBatches } from "../text/json-pieces.ts";
import { renderCsvPieces } from "./csv.ts";
import { renderHtmlPieces } from "./html.ts";
import { renderJsonPieces } from "./json.ts";
import { renderMarkdown } from "./markdown.ts";
import { renderSarif } from "./sarif.ts";

/** Fixed file names: CI steps and scripts rely on them. */
export const REPORT_FILES: Record<ReportFormat, string> = {
  sarif: "azaudit.sarif",
  json: "findings.json",
  md: "summary.md",
  html: "report.html",
  csv: "findings.csv",
};

/**
 * A report's text, whole or in pieces: the reports whose size grows with the tenant (findings.json,
 * findings.csv, report.html) are written piece by piece, since a large tenant's would not fit in
 * one string. The SARIF is capped at GitHub's result limit and the summary is bounded.
 */
export type Reporter = (result: ScanResult, ctx: ReportContext) => string | Iterable<string>;

export const REPORTERS: Record<ReportFormat, Reporter> = {
  sarif: renderSarif,
  json: (r) => renderJsonPieces(r),
  md: renderMarkdown,
  html: renderHtmlPieces,
  csv: (r) => renderCsvPieces(r),
};

/**
 * Every report, rendered and passed through the run's redaction: a render error writes nothing,
 * and no token or secret the run knows can reach a file. Pieces are rendered and redacted as the
 * report set writes them, so a large report is never held whole.
 */
export function renderReports(
  result: ScanResult,
  ctx: ReportContext,
  formats: readonly ReportFormat[],
  redact: (text: string) => string,
): ReportFile[] {
  return formats.map((format) => {
    const body = REPORTERS[format](result, ctx);
    return {
      name: REPORT_FILES[format],
      body: typeof body === "string" ? redact(body) : redactedBatches(body, redact),
    };
  });
}
