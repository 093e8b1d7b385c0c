import { complianceLabel } from "../engine/finding.ts";
import type { AnyRule } from "../rules/types.ts";
import { CATEGORIES } from "../rules/types.ts";

/** docs/rules.md: the catalogue index, generated from the metas and checked by a test. */
export function renderRulesIndex(rules: readonly AnyRule[]): string {
  const lines = [
    "# azaudit rules",
    "",
    "Generated from the rule metas by `npm run gen`; a test fails when this file is stale.",
    "",
    `${rules.length} rules. Each links to its README (what it checks, why it matters, how to fix it, options, compliance).`,
    "",
  ];
  for (const category of CATEGORIES) {
    const inCat = rules.filter((r) => r.meta.category === category);
    if (inCat.length === 0) continue;
    lines.push(
      `## ${category}`,
      "",
      "| rule | severity | confidence | default | title | compliance |",
      "|---|---|---|---|---|---|",
    );
    for (const r of inCat) {
      const m = r.meta;
      lines.push(
        `| [\`${m.id}\`](../src/rules/${m.id}/README.md) | ${m.severity} | ${m.confidence} | ${m.enabledByDefault ? "on" : "off"} | ${m.title} | ${m.compliance.map(complianceLabel).join("<br>") || "—"} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}
