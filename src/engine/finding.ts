import type { FindingFix } from "../remediation/commands.ts";
import type { ComplianceRef, Confidence, Evidence, ResourceRef, Severity } from "../rules/types.ts";

export type FindingState = "open" | "suppressed" | "baseline";

export interface Finding {
  ruleId: string;
  severity: Severity;
  confidence: Confidence;
  messageId: string;
  message: string;
  resource: ResourceRef;
  evidence: Evidence;
  /** sha256 of stable facts only: never names, days left or timestamps. */
  fingerprint: string;
  compliance: string[];
  state: FindingState;
  suppression?: { reason: string; expires: string; resource: string };
  /** In the --baseline at this lower severity: it got worse, so it is open again. */
  escalatedFrom?: Severity;
  /** Commands that fix it with its own ids filled in, to review and run by hand; absent when none. */
  fix?: FindingFix;
}

/** `CIS Azure 5.0.0 5.3.3`-style strings: what users grep for in reports. */
export function complianceLabel(ref: ComplianceRef): string {
  switch (ref.framework) {
    case "CIS Azure":
      return `CIS Azure ${ref.version} ${ref.id}`;
    case "Azure Policy":
      return `Azure Policy: ${ref.displayName}`;
    case "MCSB":
      return `MCSB ${ref.id}`;
    case "Entra recommendation":
      return `Entra recommendation: ${ref.displayName}`;
  }
}

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Deterministic order for every report: severity, rule, resource, fingerprint. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.resource.id.toLowerCase(), b.resource.id.toLowerCase()) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
