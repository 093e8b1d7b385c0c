import { describe, expect, it } from "vitest";
import rule, { COVERED_BY_RULE, IDENTITY_ASSESSMENTS } from "./index.ts";
import { RULES } from "../index.ts";
import {
  defenderSubscription,
  inventory,
  SUB_ID,
  subscription,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";
import type { DefenderAssessment } from "../../inventory/types.ts";

const SUB = `/subscriptions/${SUB_ID}`;
const MFA_OWNER = "6240402e-f77c-46fa-9060-a7ce53997754";
const MAX_3_OWNERS = "6f90a6d6-d4d6-0794-0ec1-98fa77878c2e"; // covered by subscription-owner-count
const MFA_WRITE = "c0cb17b2-0607-48a7-b0e0-903ed22de39b";
const WEBAPP_MI = "4a3d7cd3-f17c-637a-1ffc-614a01dd03cf";
const ENDPOINT_PROTECTION = "21300918-b2e3-0346-785f-c77ff57d243b"; // not identity-related

function assessment(p: Partial<DefenderAssessment> & { name: string }): DefenderAssessment {
  const resourceId = p.resourceId === undefined ? SUB : p.resourceId;
  return {
    id: `${resourceId ?? SUB}/providers/Microsoft.Security/assessments/${p.name}`,
    displayName:
      IDENTITY_ASSESSMENTS[p.name.toLowerCase()] ??
      "Install endpoint protection solution on virtual machine scale sets",
    statusCode: "Unhealthy",
    statusCause: null,
    statusDescription: null,
    resourceId,
    severity: "High",
    ...p,
  };
}

function inv(...assessments: DefenderAssessment[]) {
  return inventory({
    defender: [defenderSubscription({ assessments })],
    subscriptions: [subscription({ displayName: "prod" })],
  });
}

describe("defender-unhealthy-assessment", () => {
  describe("valid", () => {
    it("passes Healthy and NotApplicable identity assessments", () => {
      const { findings, run } = runRule(
        rule,
        inv(
          assessment({ name: MFA_OWNER, statusCode: "Healthy" }),
          assessment({ name: MFA_WRITE, statusCode: "NotApplicable", statusCause: "OffByPolicy" }),
        ),
      );
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(2);
    });

    it("does not judge (or count) unhealthy assessments outside the list", () => {
      const { findings, run } = runRule(
        rule,
        inv(
          assessment({
            name: ENDPOINT_PROTECTION,
            resourceId: `${SUB}/resourceGroups/myRg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss1`,
          }),
        ),
      );
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(0);
    });

    it("judges only the configured keys when assessmentKeys is overridden", () => {
      expect(runRule(rule, inv(assessment({ name: MFA_OWNER })), { assessmentKeys: [MAX_3_OWNERS] }).findings).toEqual(
        [],
      );
    });
  });

  describe("invalid", () => {
    it("flags an unhealthy MFA recommendation on a subscription with Defender's severity and the exact message", () => {
      const { findings } = runRule(
        rule,
        inv(assessment({ name: MFA_OWNER, statusDescription: "2 accounts without MFA" })),
      );
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.severity).toBe("high");
      expect(f.message).toBe(
        'Defender for Cloud reports "Accounts with owner permissions on Azure resources should be MFA enabled" as unhealthy for prod in subscription "prod" (Defender severity: High).',
      );
      expect(f.resource).toEqual({
        id: SUB,
        type: "Microsoft.Resources/subscriptions",
        displayName: "prod",
        subscriptionId: SUB_ID,
      });
      expect(f.evidence).toMatchObject({
        assessmentKey: MFA_OWNER,
        statusDescription: "2 accounts without MFA",
        defenderSeverity: "High",
      });
    });

    it.each([
      ["High", "high"],
      ["Medium", "medium"],
      ["low", "low"],
      [null, "medium"],
      ["Informational", "medium"],
    ] as const)("maps Defender severity %j to %s", (defenderSeverity, expected) => {
      const { findings } = runRule(rule, inv(assessment({ name: MFA_WRITE, severity: defenderSeverity })));
      expect(findings[0]!.severity).toBe(expected);
    });

    it("names the assessed resource and its type for a resource-level assessment", () => {
      const site = `${SUB}/resourceGroups/rg-web/providers/Microsoft.Web/sites/shop`;
      const { findings } = runRule(rule, inv(assessment({ name: WEBAPP_MI, resourceId: site, severity: "Medium" })));
      expect(findings[0]!.resource).toEqual({
        id: site,
        type: "Microsoft.Web/sites",
        displayName: "shop",
        subscriptionId: SUB_ID,
      });
      expect(findings[0]!.message).toContain(
        '"Managed identity should be used in web apps" as unhealthy for shop in subscription "prod"',
      );
    });

    it("derives the resource from the assessment id when resourceId is missing", () => {
      const a = assessment({ name: MFA_OWNER, resourceId: null });
      expect(a.id).toBe(`${SUB}/providers/Microsoft.Security/assessments/${MFA_OWNER}`);
      expect(runRule(rule, inv(a)).findings[0]!.resource.id).toBe(SUB);
    });

    it("matches assessment keys and status case-insensitively", () => {
      const { findings } = runRule(
        rule,
        inv(
          assessment({
            name: MFA_OWNER.toUpperCase(),
            displayName: "Accounts with owner permissions on Azure resources should be MFA enabled",
            statusCode: "unhealthy",
          }),
        ),
      );
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence.assessmentKey).toBe(MFA_OWNER);
    });

    it("also judges recommendations whose display name matches a pattern", () => {
      const a = assessment({
        name: "99999999-0000-4000-8000-000000000001",
        displayName: "Managed identity should be used in your Container Apps",
        severity: "Low",
      });
      const { findings } = runRule(rule, inv(a), { displayNamePatterns: ["MANAGED IDENTITY"] });
      expect(findings.map((f) => f.severity)).toEqual(["low"]);
    });

    it("names the subscription by id when the subscriptions section is unavailable, and keeps the fingerprint", () => {
      const a = assessment({ name: MFA_OWNER });
      const named = runRule(rule, inv(a)).findings[0]!;
      const bare = runRule(
        rule,
        unavailable(inv({ ...a, name: a.name.toUpperCase(), resourceId: SUB.toUpperCase() }), "subscriptions"),
      ).findings[0]!;
      expect(bare.message).toContain(`in subscription "${SUB_ID}"`);
      expect(bare.fingerprint).toBe(named.fingerprint);
    });
  });

  it("leaves out by default what another rule judges (one issue, one finding), and judges it when asked", () => {
    const owners = () => inv(assessment({ name: MAX_3_OWNERS }));
    expect(runRule(rule, owners())).toMatchObject({ findings: [], run: { subjectsChecked: 0 } });
    expect(runRule(rule, owners(), { assessmentKeys: [MAX_3_OWNERS] }).findings).toHaveLength(1);
    // Every covering rule exists, and every covered key is a known identity recommendation.
    for (const [key, ruleId] of Object.entries(COVERED_BY_RULE)) {
      expect(RULES.map((r) => r.meta.id)).toContain(ruleId);
      expect(IDENTITY_ASSESSMENTS[key]).toBeDefined();
    }
  });

  it("defaults to GUID-shaped, lower-case, unique assessment keys", () => {
    const keys = rule.defaultOptions.assessmentKeys;
    expect(keys.length).toBe(26 - Object.keys(COVERED_BY_RULE).length);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("is skipped with the reason when Defender data is unavailable", () => {
    const { run } = runRule(rule, unavailable(inventory(), "defender", "403 Microsoft.Security/assessments/read"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("defender unavailable: 403 Microsoft.Security/assessments/read");
  });
});
