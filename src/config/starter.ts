import type { AnyRule } from "../rules/types.ts";

/** The commented starter azaudit.yaml written by `azaudit config init`. */
export function renderStarterConfig(rules: readonly AnyRule[], schemaRef: string): string {
  const lines = [
    `# yaml-language-server: $schema=${schemaRef}`,
    "# azaudit configuration. Every key is optional; built-in defaults apply to what you leave out.",
    "# Check it with: azaudit config validate azaudit.yaml",
    "",
    "# Exit 1 when an open finding is at or above this severity: critical | high | medium | low | none",
    "failOn: high",
    "",
    "report:",
    "  dir: reports",
    "  # sarif (GitHub code scanning), json (findings.json, the --baseline input), md (job summary), html, csv",
    "  formats: [sarif, json, md]",
    "",
    "# What a live scan reads (command-line flags override these).",
    "# scope:",
    "#   subscriptions: [00000000-0000-0000-0000-000000000000]",
    "#   excludeSubscriptions: []",
    "",
    "# Per rule: off | on | { enabled, severity, options }. `azaudit explain RULE` shows the options.",
    "rules:",
  ];
  for (const r of rules) {
    const m = r.meta;
    lines.push(`  # ${m.id}: ${m.title} (${m.severity}${m.enabledByDefault ? "" : ", off by default"})`);
    const opts = Object.entries((r.defaultOptions ?? {}) as Record<string, unknown>);
    if (opts.length === 0) {
      lines.push(`  # ${m.id}: off`);
    } else {
      lines.push(`  # ${m.id}:`, "  #   options:");
      for (const [k, v] of opts) lines.push(`  #     ${k}: ${JSON.stringify(v)}`);
    }
  }
  lines.push(
    "",
    "# Accepted risks. All four keys are required; an expired suppression stops applying and is reported.",
    "suppressions: []",
    "#  - rule: app-secret-lifetime",
    "#    resource: entra/applications/00000000-0000-0000-0000-000000000000   # id or glob (* and **)",
    "#    reason: Vendor integration, rotation tracked in SEC-123",
    "#    expires: 2027-01-31",
    "",
  );
  return lines.join("\n");
}
