import type { FailOn } from "./fail-on.ts";
import { checkBaseline, type Baseline } from "./baseline.ts";
import {
  OPTIONAL_SECTION_NAMES,
  SECTION_NAMES,
  SUPPLEMENTARY_SECTION_NAMES,
  type Inventory,
  type Section,
} from "../inventory/types.ts";
import type { AnyRule, Severity } from "../rules/types.ts";
import { compareFindings, SEVERITY_RANK } from "./finding.ts";
import { SCAN_RESULT_SCHEMA, type ScanResult, type ScanWarning, type SectionCoverage } from "./result.ts";
import { evaluate } from "./run.ts";
import type { RuleSettings } from "./settings.ts";
import { triage, type Suppression } from "./triage.ts";
import { isGuid } from "../inventory/guid.ts";
import { buildIdentities } from "../identities/build.ts";
import { fixContext, fixFor } from "../remediation/commands.ts";

export interface ScanInput {
  inventory: Inventory;
  rules: readonly AnyRule[];
  settings: RuleSettings;
  /** What the engine needs of the user's config (src/config depends on the engine, never the reverse). */
  config: { suppressions: Suppression[] };
  failOn: FailOn;
  baseline: Baseline | null;
  /** Injected clock reading: the one field of the result that differs between runs. */
  startedAt: Date;
  toolVersion: string;
}

export function coverageOf(inventory: Inventory): SectionCoverage[] {
  // an optional section the source did not collect is left out, not reported as unavailable
  const present = OPTIONAL_SECTION_NAMES.flatMap((name) => {
    const s = inventory[name];
    return s ? [{ name, s }] : [];
  });
  return [
    ...SECTION_NAMES.map((name): { name: SectionCoverage["name"]; s: Section<unknown> } => ({
      name,
      s: inventory[name],
    })),
    ...present,
  ].map(({ name, s }): SectionCoverage =>
    s.status === "ok"
      ? {
          name,
          status: "ok",
          items: s.items.length,
          reason: null,
          missingPermission: null,
          gaps: s.gaps ?? [],
          notes: s.notes ?? [],
        }
      : {
          name,
          status: "unavailable",
          items: null,
          reason: s.reason,
          missingPermission: s.missingPermission ?? null,
          gaps: [],
          notes: [],
        },
  );
}

/** An optional section Graph refused is named, without making the scan incomplete. */
function optionalSectionNotes(inventory: Inventory): ScanWarning[] {
  return SUPPLEMENTARY_SECTION_NAMES.flatMap((name) => {
    const s = inventory[name];
    if (s?.status !== "unavailable") return [];
    const needs = s.missingPermission ? ` (needs ${s.missingPermission})` : "";
    return [
      {
        code: "optional-section-unavailable" as const,
        message: `optional ${name} not collected: ${s.reason}${needs}; the rules that need it were skipped, the scan is complete without it`,
      },
    ];
  });
}

/** Judge and triage an inventory into the ScanResult every reporter renders. */
export function scan(input: ScanInput): ScanResult {
  const { inventory } = input;
  const baselineWarnings = input.baseline ? checkBaseline(input.baseline, inventory) : [];
  const evaluation = evaluate(inventory, input.rules, input.settings);
  const triaged = triage(evaluation.findings, {
    suppressions: input.config.suppressions,
    baseline: input.baseline,
    now: new Date(inventory.collectedAt),
  });
  const findings = triaged.findings.sort(compareFindings);
  const fixes = fixContext(inventory);
  for (const f of findings) {
    const fix = fixFor(f, fixes);
    if (fix) f.fix = fix;
  }
  const coverage = coverageOf(inventory);
  const rulesInError = evaluation.rules.filter((r) => r.status === "error").map((r) => r.id);
  const complete = coverage.every((c) => c.status === "ok" && c.gaps.length === 0) && rulesInError.length === 0;

  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (f.state === "open") bySeverity[f.severity] += 1;
  const failing =
    input.failOn !== "none" &&
    findings.some((f) => f.state === "open" && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[input.failOn as Severity]);
  // Incomplete wins over failing: CI must see that the SARIF is partial and not upload it.
  const exitCode = !complete ? 3 : failing ? 1 : 0;
  const tenant = inventory.tenant.status === "ok" ? inventory.tenant.items[0] : undefined;

  const warnings = [
    ...evaluation.rules
      .filter((r) => r.status === "error")
      .map((r) => ({
        code: "rule-error" as const,
        message: `rule ${r.id} failed, so the scan is incomplete: ${r.reason ?? "unknown error"}; please report it with the rule id`,
      })),
    ...baselineWarnings,
    ...triaged.warnings,
    ...optionalSectionNotes(inventory),
  ];
  return {
    schema: SCAN_RESULT_SCHEMA,
    tool: { name: "azaudit", version: input.toolVersion },
    run: {
      startedAt: input.startedAt.toISOString(),
      collectedAt: inventory.collectedAt,
      source: inventory.source.kind,
      ...(inventory.source.export ? { export: inventory.source.export } : {}),
      cloud: inventory.source.cloud,
      // it names the SARIF category and report titles: a GUID, whatever the inventory says, or nothing
      tenantId: tenant && isGuid(tenant.id) ? tenant.id : null,
      tenantName: tenant?.displayName ?? null,
    },
    summary: {
      total: findings.length,
      open: findings.filter((f) => f.state === "open").length,
      suppressed: findings.filter((f) => f.state === "suppressed").length,
      baseline: findings.filter((f) => f.state === "baseline").length,
      bySeverity,
      failOn: input.failOn,
      complete,
      rulesInError,
      exitCode,
    },
    coverage,
    rules: evaluation.rules,
    findings,
    identities: buildIdentities(inventory, findings),
    warnings,
  };
}
