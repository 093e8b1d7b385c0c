import { complianceLabel } from "../engine/finding.ts";
import type { AnyRule } from "../rules/types.ts";
import { optionRows } from "./options-table.ts";

export const GENERATED_START = "<!-- BEGIN GENERATED FROM META (npm run gen); edit the rule's meta, not this block -->";
export const GENERATED_END = "<!-- END GENERATED -->";

/** The part of a rule's README that is derived from its meta: regenerated, and checked by a test. */
export function renderRuleDocBlock(rule: AnyRule): string {
  const m = rule.meta;
  const lines: string[] = [
    GENERATED_START,
    `# ${m.id}`,
    "",
    `**${m.title}**`,
    "",
    "| severity | confidence | category | on by default | reads |",
    "|---|---|---|---|---|",
    `| ${m.severity} | ${m.confidence} | ${m.category} | ${m.enabledByDefault ? "yes" : "no"} | ${m.requires.join(", ")} |`,
    "",
  ];
  if (m.aliases.length > 0) lines.push(`Former ids: ${m.aliases.map((a) => `\`${a}\``).join(", ")}`, "");
  lines.push(
    "## What it checks",
    "",
    m.description,
    "",
    "## Why it matters",
    "",
    m.rationale,
    "",
    "## How to fix it",
    "",
  );
  m.remediation.portal.forEach((step, i) => lines.push(`${i + 1}. ${step}`));
  lines.push("");
  if (m.remediation.cli) lines.push("```sh", m.remediation.cli, "```", "");
  lines.push("## Options", "");
  const rows = optionRows(rule);
  if (rows.length === 0) {
    lines.push("None.", "");
  } else {
    lines.push("| option | type | default | meaning |", "|---|---|---|---|");
    for (const r of rows) lines.push(`| \`${r.name}\` | ${r.type} | \`${r.defaultValue}\` | ${r.description} |`);
    lines.push("", "Set them in `azaudit.yaml`:", "", "```yaml", "rules:", `  ${m.id}:`, "    options:");
    for (const r of rows) lines.push(`      ${r.name}: ${r.defaultValue}`);
    lines.push("```", "");
  }
  lines.push("## Messages", "");
  for (const [id, template] of Object.entries(m.messages)) lines.push(`- \`${id}\`: ${template}`);
  lines.push("", "## Compliance references", "");
  if (m.compliance.length === 0) lines.push("None mapped.");
  for (const c of m.compliance)
    lines.push(`- ${complianceLabel(c)}${c.framework === "Azure Policy" ? ` (\`${c.id}\`)` : ""}`);
  lines.push("", "## References", "");
  for (const r of m.references) lines.push(`- <${r}>`);
  lines.push("", GENERATED_END);
  return lines.join("\n");
}

/** Replaces the generated block of an existing README, keeping the hand-written rest. */
export function updateRuleReadme(existing: string | null, rule: AnyRule): string {
  const block = renderRuleDocBlock(rule);
  if (existing === null) return `${block}\n`;
  // A README with only hand-written parts (examples, notes) gets the generated block on top.
  if (!existing.includes(GENERATED_START)) return `${block}\n\n${existing.trim()}\n`;
  const start = existing.indexOf(GENERATED_START);
  const end = existing.indexOf(GENERATED_END) + GENERATED_END.length;
  return existing.slice(0, start) + block + existing.slice(end);
}

/** The terminal form of `azaudit explain`: the same facts without the table markup. */
export function renderExplain(rule: AnyRule, handWritten: string | null): string {
  const block = renderRuleDocBlock(rule)
    .split("\n")
    .filter((l) => l !== GENERATED_START && l !== GENERATED_END)
    .join("\n");
  return `${block}${handWritten ? `\n\n${handWritten.trim()}` : ""}\n`;
}
