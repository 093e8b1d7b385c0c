// summary.md's "Fix first" list and the line saying where the full report is.
import type { ScanResult } from "../engine/result.ts";
import type { ReportContext } from "./context.ts";
import { codeSpan, escapeMarkdown as md } from "./escape.ts";
import { expiryText, fixFirst, KIND_LABEL, lastUseText, pathCount, pathText, privilegeParts } from "./identities.ts";

const ICON: Record<string, string> = { critical: "🟥", high: "🟧", medium: "🟨", low: "🟦", info: "⬜" };
/** Lines per kind (findings, credentials, privileges, paths) under one identity: the HTML report has them all. */
const PER_KIND = 5;

export function fixFirstMarkdown(result: ScanResult): string[] {
  const ff = fixFirst(result);
  if (ff.top.length === 0) return [];
  const now = new Date(result.run.collectedAt);
  const out = [
    "## Fix first",
    "",
    `The ${ff.top.length === 1 ? "identity" : `${ff.top.length} identities`} to fix first, of ${ff.total} holding a credential or privilege, by risk.`,
    "",
  ];
  for (const { identity: id, findings } of ff.top) {
    out.push(
      `${id.rank}. ${ICON[id.risk.level] ?? ""} **${md(id.displayName ?? "(no name)")}** (${KIND_LABEL[id.kind]} ${codeSpan(id.objectId)}): ${md(id.risk.reason)}`,
    );
    const list = <T>(label: string, items: readonly T[], line: (x: T) => string) => {
      if (items.length === 0) return;
      out.push(`   - ${label}:`);
      for (const x of items.slice(0, PER_KIND)) out.push(`     - ${line(x)}`);
      if (items.length > PER_KIND) out.push(`     - and ${items.length - PER_KIND} more (report.html)`);
    };
    list("Findings", findings, (f) => `${ICON[f.severity] ?? ""} \`${f.ruleId}\` ${md(f.message)}`);
    list(
      "Credentials",
      id.credentials,
      (c) =>
        `${c.type} ${codeSpan(c.keyId)}${c.displayName ? ` ${md(c.displayName)}` : ""}: ${c.type === "federated" ? "no secret" : md(expiryText(c.expiresOn, now))}; ${lastUseText(c)}`,
    );
    list("Privileges", id.privileges, (p) => {
      const parts = privilegeParts(p);
      return `**${md(parts.what)}** on ${md(parts.target)} (${md(parts.notes.join("; "))})`;
    });
    const paths = pathCount(id);
    list(paths === String(id.blastRadius.length) ? "Blast radius" : `Blast radius (${paths})`, id.blastRadius, (p) =>
      md(pathText(p)),
    );
  }
  if (ff.total > ff.top.length)
    out.push("", `${ff.total - ff.top.length} more identities are ranked in findings.json (\`identities\`).`);
  out.push("");
  return out;
}

/** Where the full report is: the folder as the user named it, and in GitHub Actions how to get it. */
export function reportLocation(ctx: ReportContext | undefined): string[] {
  const o = ctx?.output;
  if (!o) return [];
  const full = ["report.html", "findings.json", "findings.csv"].filter((f) => o.files.includes(f));
  if (full.length === 0) return [];
  const dir = o.dir.replace(/\/+$/, "") || ".";
  const where = `📄 Full report: ${full.map((f) => codeSpan(`${dir}/${f}`)).join(", ")}${full[0] === "report.html" ? " (open report.html in a browser: every finding with its evidence, filters, credential expiry)" : ""}.`;
  const ci = o.githubActions
    ? [
        "",
        `In GitHub Actions that folder is on the runner: keep it with \`actions/upload-artifact\` (path ${codeSpan(dir)}) and download it from this run's Summary page, under Artifacts.`,
      ]
    : [];
  return [where, ...ci, ""];
}
