import type { ReportFormat } from "../config/types.ts";
import type { ScanResult } from "../engine/result.ts";
import type { ReportFile } from "../report-set.ts";
import type { ReportContext } from "./context.ts";
import { renderCsv } from "./csv.ts";
import { renderHtml } from "./html.ts";
import { renderJson } from "./json.ts";
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

export type Reporter = (result: ScanResult, ctx: ReportContext) => string;

export const REPORTERS: Record<ReportFormat, Reporter> = {
  sarif: renderSarif,
  json: (r) => renderJson(r),
  md: renderMarkdown,
  html: renderHtml,
  csv: (r) => renderCsv(r),
};

/**
 * Every report, rendered and passed through the run's redaction: a render error writes nothing,
 * and no token or secret the run knows can reach a file.
 */
export function renderReports(
  result: ScanResult,
  ctx: ReportContext,
  formats: readonly ReportFormat[],
  redact: (text: string) => string,
): ReportFile[] {
  return formats.map((format) => ({ name: REPORT_FILES[format], body: redact(REPORTERS[format](result, ctx)) }));
}
