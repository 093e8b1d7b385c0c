import type { Suppression } from "../engine/triage.ts";
import type { Severity } from "../rules/types.ts";
import type { FailOn } from "../engine/fail-on.ts";

export const REPORT_FORMATS = ["sarif", "json", "md", "html", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export { FAIL_ON_LEVELS, type FailOn } from "../engine/fail-on.ts";

export type RuleConfig = "off" | "on" | { enabled?: boolean; severity?: Severity; options?: Record<string, unknown> };

/** azaudit.yaml after validation. */
export interface Config {
  scope: { tenant?: string; subscriptions?: string[]; excludeSubscriptions?: string[]; includeOtherTenants?: boolean };
  rules: Record<string, RuleConfig>;
  suppressions: Suppression[];
  failOn: FailOn;
  report: { dir: string; formats: ReportFormat[] };
}
