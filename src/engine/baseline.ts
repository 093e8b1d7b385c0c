import { InputError } from "../errors.ts";
import type { Inventory } from "../inventory/types.ts";
import { SEVERITIES, type Severity } from "../rules/types.ts";
import type { Finding } from "./finding.ts";
import type { ScanResult, ScanWarning } from "./result.ts";

/** A previous findings.json, as --baseline uses it (docs/findings.md). */
export interface Baseline {
  /** The file it came from, for messages. */
  file: string;
  /** Fingerprint → the severity the finding had then: a finding now more severe is not "known". */
  severities: Map<string, Severity>;
  tenantId: string | null;
  /** false when that scan was incomplete: a finding missing from it may simply not have been seen. */
  complete: boolean;
}

/** The baseline a ScanResult gives (what src/input/findings-file.ts reads back from its findings.json). */
export function baselineOf(result: Pick<ScanResult, "findings" | "run" | "summary">, file = "findings.json"): Baseline {
  return {
    file,
    severities: new Map(result.findings.map((f) => [f.fingerprint, f.severity])),
    tenantId: result.run.tenantId,
    complete: result.summary.complete,
  };
}

/**
 * A baseline of another tenant would mark unrelated findings known: refused (exit 2). One from an
 * incomplete scan is usable — what it missed counts as new, never as known — but says so.
 */
export function checkBaseline(baseline: Baseline, inventory: Inventory): ScanWarning[] {
  const tenant = inventory.tenant.status === "ok" ? (inventory.tenant.items[0]?.id ?? null) : null;
  if (baseline.tenantId && tenant && baseline.tenantId.toLowerCase() !== tenant.toLowerCase()) {
    throw new InputError({
      file: baseline.file,
      path: "/run/tenantId",
      message: `the baseline is a scan of tenant ${baseline.tenantId}, this scan is of tenant ${tenant}`,
      expected: "a findings.json of the same tenant",
      hint: "pass the previous findings.json of this tenant (one baseline per tenant), or drop --baseline",
    });
  }
  const warnings: ScanWarning[] = [];
  if (!baseline.complete) {
    warnings.push({
      code: "baseline-incomplete",
      message: `the baseline ${baseline.file} is an incomplete scan: findings it could not see count as new here; re-baseline from a complete scan`,
    });
  }
  if (!baseline.tenantId || !tenant) {
    warnings.push({
      code: "baseline-tenant-unknown",
      message: `cannot check that the baseline ${baseline.file} is of the same tenant (${baseline.tenantId ? "this scan's tenant is unknown" : "the baseline names no tenant"})`,
    });
  }
  return warnings;
}

/** Known: in the baseline at the same or a higher severity. A finding that got worse is new again. */
export function isKnown(baseline: Baseline | null, f: Finding): boolean {
  const was = baseline?.severities.get(f.fingerprint);
  return was !== undefined && SEVERITIES.indexOf(was) <= SEVERITIES.indexOf(f.severity);
}
