import { SEVERITY_RANK } from "../engine/finding.ts";
import type { ScanResult } from "../engine/result.ts";
import { SEVERITIES } from "../rules/types.ts";
import { codeSpan, escapeMarkdown as md } from "./escape.ts";
import type { ReportContext } from "./context.ts";
import { fixFirstMarkdown, reportLocation } from "./markdown-fix-first.ts";
import { exportCitation } from "./source.ts";

const TOP = 25;
const ICON: Record<string, string> = { critical: "🟥", high: "🟧", medium: "🟨", low: "🟦", info: "⬜" };

/** A job summary for $GITHUB_STEP_SUMMARY: verdict, where the full report is, totals, fix first, top findings, gaps. */
export function renderMarkdown(result: ScanResult, ctx?: ReportContext): string {
  const s = result.summary;
  const out: string[] = [];
  const tenant = result.run.tenantName
    ? `${md(result.run.tenantName)} (${codeSpan(result.run.tenantId ?? "unknown")})`
    : codeSpan(result.run.tenantId ?? "unknown");
  out.push(`# azaudit: ${tenant}`, "");
  const verdict =
    s.exitCode === 3
      ? s.rulesInError.length > 0
        ? `⚠️ **Incomplete scan**: ${s.rulesInError.length === 1 ? "a rule" : `${s.rulesInError.length} rules`} failed (${s.rulesInError.map((id) => `\`${id}\``).join(", ")}; see Rules). Do not treat missing findings as a pass.`
        : "⚠️ **Incomplete scan**: some data could not be collected (see Coverage). Do not treat missing findings as a pass."
      : s.exitCode === 1
        ? `❌ **Failed**: open findings at or above \`${s.failOn}\`.`
        : `✅ **Passed**: no open findings at or above \`${s.failOn}\`.`;
  const cited = exportCitation(result.run);
  out.push(
    verdict,
    "",
    `Tenant seen at ${result.run.collectedAt} (${cited ? md(cited) : result.run.source}); azaudit ${result.tool.version}.`,
    "",
    ...reportLocation(ctx),
  );

  out.push("| severity | open | suppressed | baseline |", "|---|---:|---:|---:|");
  for (const sev of SEVERITIES) {
    const all = result.findings.filter((f) => f.severity === sev);
    out.push(
      `| ${ICON[sev]} ${sev} | ${s.bySeverity[sev]} | ${all.filter((f) => f.state === "suppressed").length} | ${all.filter((f) => f.state === "baseline").length} |`,
    );
  }
  out.push(`| **total** | **${s.open}** | **${s.suppressed}** | **${s.baseline}** |`, "");
  if (s.baseline > 0) out.push(`**${s.open} new** since the baseline; ${s.baseline} known.`, "");
  out.push(...fixFirstMarkdown(result));

  const open = result.findings
    .filter((f) => f.state === "open")
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  if (open.length > 0) {
    out.push(
      `## Top findings${open.length > TOP ? ` (${TOP} of ${open.length})` : ""}`,
      "",
      "| severity | rule | resource | finding |",
      "|---|---|---|---|",
    );
    for (const f of open.slice(0, TOP)) {
      out.push(
        `| ${ICON[f.severity]} ${f.severity} | \`${f.ruleId}\` | ${md(f.resource.displayName ?? f.resource.id)} | ${md(f.message)} |`,
      );
    }
    out.push("");
  }

  out.push("## Rules", "", "| rule | result |", "|---|---|");
  for (const r of result.rules) {
    const state =
      r.status === "ran"
        ? `${r.subjectsFailing} of ${r.subjectsChecked} ${r.subjectNoun} fail (${r.findings} finding${r.findings === 1 ? "" : "s"})`
        : `${r.status}: ${md(r.reason ?? "")}`;
    out.push(`| \`${r.id}\` | ${state} |`);
  }
  out.push("");

  const gaps = result.coverage.filter((c) => c.status === "unavailable" || c.gaps.length > 0);
  out.push("## Coverage", "");
  if (gaps.length === 0) out.push("Every section was collected in full.");
  for (const c of gaps) {
    if (c.status === "unavailable")
      out.push(
        `- **${c.name}** unavailable: ${md(c.reason ?? "")}${c.missingPermission ? ` (needs ${codeSpan(c.missingPermission)})` : ""}`,
      );
    for (const g of c.gaps)
      out.push(
        `- **${c.name}** missing ${codeSpan(g.scope)}: ${md(g.reason)}${g.missingPermission ? ` (needs ${codeSpan(g.missingPermission)})` : ""}`,
      );
  }
  for (const c of result.coverage)
    for (const n of c.notes) out.push(`- **${c.name}** ${codeSpan(n.scope)}: ${md(n.reason)}`);
  out.push("");
  if (result.warnings.length > 0) {
    out.push("## Warnings", "");
    for (const w of result.warnings) out.push(`- ${md(w.message)}`);
    out.push("");
  }
  return out.join("\n");
}
