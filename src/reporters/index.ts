import { join } from "node:path";
import type { ReportFormat } from "../config/types.ts";
import type { ScanResult } from "../engine/result.ts";
import { writeFileAtomic } from "../fs-atomic.ts";
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
  md: (r) => renderMarkdown(r),
  html: renderHtml,
  csv: (r) => renderCsv(r),
};

/** Renders every report first, then writes each atomically: a render error writes nothing. */
export async function writeReports(result: ScanResult, ctx: ReportContext, formats: readonly ReportFormat[], dir: string): Promise<string[]> {
  const rendered = formats.map((format) => {
    return { file: join(dir, REPORT_FILES[format]), body: REPORTERS[format](result, ctx) };
  });
  for (const r of rendered) await writeFileAtomic(r.file, r.body);
  return rendered.map((r) => r.file);
}
