import type { AnyRule, Severity } from "../rules/types.ts";

/** What the config decided for one rule, after merging over the rule's defaults. */
export interface RuleSetting {
  enabled: boolean;
  /** User override of the rule's severity (applies to every finding of the rule). */
  severity: Severity | null;
  options: unknown;
}

export type RuleSettings = Map<string, RuleSetting>;

export function defaultSettings(rules: readonly AnyRule[]): RuleSettings {
  return new Map(
    rules.map((r) => [
      r.meta.id,
      { enabled: r.meta.enabledByDefault, severity: null, options: structuredClone(r.defaultOptions) },
    ]),
  );
}
