import { describe, expect, it } from "vitest";
import { inventory } from "../../test/support/inventory-builder.ts";
import { RULES } from "../rules/index.ts";
import type { AnyRule, Severity, Violation } from "../rules/types.ts";
import { evaluate } from "./run.ts";
import { defaultSettings } from "./settings.ts";

const base = RULES[0]!;

/** A copy of a real rule whose two subjects give one violation each: one at the rule's severity, one raised. */
const rule: AnyRule = {
  ...base,
  meta: { ...base.meta, severity: "medium", enabledByDefault: true, requires: [], messages: { m: "case {{n}}" } },
  subjects: () => [1, 2],
  check: (subject): Violation[] => [
    {
      messageId: "m",
      data: { n: subject },
      resource: { id: `entra/x/${String(subject)}`, type: "t", displayName: null, subscriptionId: null },
      discriminator: "",
      evidence: {},
      ...(subject === 2 ? { severity: "critical" as const } : {}),
    },
  ],
};

function severities(override: Severity | null): Severity[] {
  const settings = defaultSettings([rule]);
  settings.set(rule.meta.id, { ...settings.get(rule.meta.id)!, severity: override });
  return evaluate(inventory(), [rule], settings).findings.map((f) => f.severity);
}

describe("severity of a finding", () => {
  it("is the rule's, or the case's where the rule raises it", () => {
    expect(severities(null)).toEqual(["medium", "critical"]);
  });

  it("is the user's override over both, the rule's per-case severity included", () => {
    expect(severities("low")).toEqual(["low", "low"]);
  });
});
