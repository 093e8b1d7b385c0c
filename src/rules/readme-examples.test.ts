import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES } from "./index.ts";
import {
  app,
  appPermissionGrant,
  certificate,
  credentialSignIn,
  defenderAssessment,
  defenderSubscription,
  delegatedGrant,
  directoryRoleAssignment,
  directoryRoleEligibility,
  group,
  inventory,
  managementGroup,
  principal,
  roleAssignment,
  roleDefinition,
  roleEligibility,
  secret,
  servicePrincipal,
  subscription,
  workload,
} from "../../test/support/inventory-builder.ts";
import { OptionsValidator } from "../engine/options.ts";
import { evaluate } from "../engine/run.ts";

// The hand-written examples of each rule README (below the generated block), run through their
// rule as ESLint runs its rule docs' examples: a fenced ```json fires / ```json does-not-fire block
// holds inventory sections, each item given as the test builder's input (defaults fill the rest).
// An optional "options" key holds rule options, merged over the rule's defaults as a config's are
// (and validated like them), for rules that judge nothing until told what to look for.
// The clock is the builder's collectedAt (2026-06-01), so dated examples never age.

type Item = Record<string, unknown>;
type Build = (p: Item) => unknown;

/** Nested credentials get the builders' defaults too, so an example names only what matters. */
function credentials(p: Item): Item {
  const list = (key: string, make: (c: Item) => unknown) =>
    Array.isArray(p[key]) ? { [key]: (p[key] as Item[]).map(make) } : {};
  return { ...p, ...list("passwordCredentials", secret), ...list("keyCredentials", certificate) };
}

/** A subscription's Defender assessments get the builder's defaults too. */
function assessments(p: Item): Item {
  return Array.isArray(p.assessments)
    ? { ...p, assessments: (p.assessments as Item[]).map(defenderAssessment as Build) }
    : p;
}

const BUILDERS: Record<string, Build> = {
  applications: (p) => app(credentials(p)),
  servicePrincipals: (p) => servicePrincipal(credentials(p)),
  roleDefinitions: roleDefinition as Build,
  roleAssignments: roleAssignment as Build,
  principals: principal as Build,
  subscriptions: subscription,
  managementGroups: managementGroup as Build,
  workloads: workload as Build,
  appPermissionGrants: appPermissionGrant as Build,
  delegatedGrants: delegatedGrant as Build,
  directoryRoleAssignments: directoryRoleAssignment as Build,
  defender: (p) => defenderSubscription(assessments(p)),
  groups: group,
  roleEligibilities: roleEligibility as Build,
  directoryRoleEligibilities: directoryRoleEligibility as Build,
  credentialSignIns: credentialSignIn as Build,
};

const KINDS = ["fires", "does-not-fire"] as const;
type Kind = (typeof KINDS)[number];

interface Example {
  kind: Kind;
  sections: Record<string, Item[]>;
  options: Item;
}

function examplesOf(readme: string): Example[] {
  const handWritten = readme.slice(readme.indexOf("<!-- END GENERATED -->"));
  return [...handWritten.matchAll(/^```json (fires|does-not-fire)\n([\s\S]*?)^```$/gm)].map((m) => {
    const { options = {}, ...sections } = JSON.parse(m[2] ?? "") as { options?: Item } & Record<string, Item[]>;
    return { kind: m[1] as Kind, sections, options };
  });
}

function inventoryOf(sections: Record<string, Item[]>) {
  const built = Object.fromEntries(
    Object.entries(sections).map(([name, items]) => {
      const build = BUILDERS[name];
      if (!build) throw new Error(`no builder for section ${name}`);
      return [name, items.map(build)];
    }),
  );
  return inventory(built);
}

describe("rule README examples", () => {
  for (const rule of RULES) {
    const readme = readFileSync(new URL(`./${rule.meta.id}/README.md`, import.meta.url), "utf8");
    const examples = examplesOf(readme);

    it(`${rule.meta.id} has an example that fires and one that does not`, () => {
      expect(new Set(examples.map((e) => e.kind))).toEqual(new Set(KINDS));
    });

    examples.forEach((example, i) => {
      it(`${rule.meta.id} example ${i + 1} ${example.kind}`, () => {
        const options = { ...(rule.defaultOptions as Item), ...example.options };
        expect(new OptionsValidator().problems(rule, options)).toEqual([]);
        const settings = new Map([[rule.meta.id, { enabled: true, severity: null, options }]]);
        const { findings, rules } = evaluate(inventoryOf(example.sections), [rule], settings);
        expect(rules[0]?.status).toBe("ran");
        if (example.kind === "fires") expect(findings.length).toBeGreaterThan(0);
        else expect(findings).toEqual([]);
      });
    });
  }
});
