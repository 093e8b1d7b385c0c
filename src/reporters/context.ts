import type { AnyRule } from "../rules/types.ts";

/** What reporters need beyond the ScanResult: the rule metas (for SARIF rules and help text). */
export interface ReportContext {
  rules: readonly AnyRule[];
}
