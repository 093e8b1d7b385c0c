import { evaluate } from "../../src/engine/run.ts";
import type { Finding } from "../../src/engine/finding.ts";
import type { RuleRun } from "../../src/engine/result.ts";
import type { Inventory } from "../../src/inventory/types.ts";
import type { Rule } from "../../src/rules/types.ts";

/**
 * Runs one rule through the real engine (options merged over defaults, messages rendered,
 * fingerprints computed), so rule tests see exactly what reports will.
 */
export function runRule<O, S>(
  rule: Rule<O, S>,
  inv: Inventory,
  options: Partial<O> = {},
): { findings: Finding[]; run: RuleRun } {
  const merged = { ...rule.defaultOptions, ...options };
  const { findings, rules } = evaluate(
    inv,
    [rule],
    new Map([[rule.meta.id, { enabled: true, severity: null, options: merged }]]),
  );
  // The engine turns a throwing rule into an `error` run; a rule test must see the exception instead.
  if (rules[0]!.status === "error") throw new Error(`${rule.meta.id}: ${rules[0]!.reason}`);
  return { findings, run: rules[0]! };
}
