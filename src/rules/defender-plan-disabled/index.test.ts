import { describe, expect, it } from "vitest";
import rule, { DEFAULT_PLANS, PLAN_FACTS } from "./index.ts";
import {
  defenderSubscription,
  inventory,
  SUB_ID,
  subscription,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";
import type { DefenderPricing } from "../../inventory/types.ts";

const on = (name: string, subPlan: string | null = null): DefenderPricing => ({
  name,
  pricingTier: "Standard",
  subPlan,
});
const off = (name: string): DefenderPricing => ({ name, pricingTier: "Free", subPlan: null });
const allOn = () => DEFAULT_PLANS.map((p) => on(p));

describe("defender-plan-disabled", () => {
  describe("valid", () => {
    it("passes a subscription with every default plan on Standard", () => {
      const { findings, run } = runRule(rule, inventory({ defender: [defenderSubscription({ pricings: allOn() })] }));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("does not judge a subscription for which Defender returned no pricings at all", () => {
      const { findings, run } = runRule(rule, inventory({ defender: [defenderSubscription({ pricings: [] })] }));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(0);
    });

    it("ignores Free plans that are not named in the options (deprecated KubernetesService, Dns)", () => {
      const d = defenderSubscription({
        pricings: [...allOn(), off("KubernetesService"), off("ContainerRegistry"), off("Dns")],
      });
      expect(runRule(rule, inventory({ defender: [d] })).findings).toEqual([]);
    });

    it.each(["Disabled", "Warned", "Deleted"])(
      "does not judge a subscription in state %s, but judges an enabled one",
      (state) => {
        const d = defenderSubscription({ pricings: [off("Arm")] });
        const judged = (s: string) =>
          runRule(rule, inventory({ defender: [d], subscriptions: [subscription({ state: s })] }), { plans: ["Arm"] });
        expect(judged(state)).toMatchObject({ findings: [], run: { subjectsChecked: 0 } });
        expect(judged("Enabled").findings).toHaveLength(1);
      },
    );

    it("matches plan names and tiers case-insensitively", () => {
      const d = defenderSubscription({ pricings: [{ name: "keyvaults", pricingTier: "standard", subPlan: null }] });
      expect(runRule(rule, inventory({ defender: [d] }), { plans: ["KeyVaults"] }).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags App Service on Free with the exact message, the pricing resource id and its CIS control", () => {
      const d = defenderSubscription({
        pricings: [...allOn().filter((p) => p.name !== "AppServices"), off("AppServices")],
      });
      const { findings } = runRule(
        rule,
        inventory({ defender: [d], subscriptions: [subscription({ displayName: "prod" })] }),
      );
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.severity).toBe("medium");
      expect(f.message).toBe(
        'Defender for App Service (AppServices) is off (Free tier) in subscription "prod": its resources get no threat detection.',
      );
      expect(f.resource).toEqual({
        id: `/subscriptions/${SUB_ID}/providers/Microsoft.Security/pricings/AppServices`,
        type: "Microsoft.Security/pricings",
        displayName: "AppServices (prod)",
        subscriptionId: SUB_ID,
      });
      expect(f.evidence).toMatchObject({
        cisControl: "8.1.6.1",
        azurePolicyId: "2913021d-f2fd-4f3d-b958-22354e2bdbcb",
        pricingTier: "Free",
      });
      // Only App Service's own controls: not the Servers or Key Vault ones the rule also cites.
      expect(f.compliance).toEqual([
        "CIS Azure 5.0.0 8.1.6.1",
        "CIS Azure 6.0.0 8.1.6.1",
        "Azure Policy: Azure Defender for App Service should be enabled",
      ]);
    });

    it("says what Defender CSPM on Free lacks: posture management, not threat detection", () => {
      const d = defenderSubscription({
        pricings: [...allOn().filter((p) => p.name !== "CloudPosture"), off("CloudPosture")],
      });
      const f = runRule(rule, inventory({ defender: [d], subscriptions: [subscription({ displayName: "prod" })] }))
        .findings[0]!;
      expect(f.message).toBe(
        'Defender CSPM (CloudPosture) is off (Free tier) in subscription "prod": it gets only foundational posture management, without attack path analysis, the cloud security explorer, agentless scanning or data-aware posture.',
      );
      expect(f.message).not.toContain("threat detection");
      expect(f.compliance).toEqual([
        "CIS Azure 5.0.0 8.1.1.1",
        "CIS Azure 6.0.0 8.1.1.1",
        "Azure Policy: Microsoft Defender CSPM should be enabled",
      ]);
    });

    it("cites no control the default plans do not check, and no control for a plan outside them", () => {
      const cited = rule.meta.compliance
        .filter((c) => c.framework === "CIS Azure")
        .map((c) => (c as { id: string }).id);
      const checked = DEFAULT_PLANS.map((p) => PLAN_FACTS.get(p.toLowerCase())!.cis);
      expect([...new Set(cited)].sort()).toEqual([...new Set(checked)].sort());
      const d = defenderSubscription({ pricings: [off("CosmosDbs")] });
      const f = runRule(rule, inventory({ defender: [d] }), { plans: ["CosmosDbs"] }).findings[0]!;
      expect(f.messageId).toBe("free");
      expect(f.compliance).toEqual([]);
      expect(f.evidence.cisControl).toBe("8.1.7.1");
    });

    it("gives one finding per (subscription, plan) across subscriptions", () => {
      const other = "33333333-3333-4333-8333-333333333333";
      const inv = inventory({
        defender: [
          defenderSubscription({ pricings: [off("VirtualMachines"), off("KeyVaults")] }),
          defenderSubscription({ subscriptionId: other, pricings: [off("VirtualMachines"), on("KeyVaults")] }),
        ],
      });
      const { findings, run } = runRule(rule, inv, { plans: ["VirtualMachines", "KeyVaults"] });
      expect(findings.map((f) => [f.resource.subscriptionId, f.evidence.plan])).toEqual([
        [SUB_ID, "VirtualMachines"],
        [SUB_ID, "KeyVaults"],
        [other, "VirtualMachines"],
      ]);
      expect(run.subjectsFailing).toBe(2);
      expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(3);
    });

    it("reports a named plan missing from the pricings list at severity info, and names the subscription by id when unknown", () => {
      const d = defenderSubscription({ pricings: [on("VirtualMachines")] });
      const { findings } = runRule(rule, inventory({ defender: [d] }), { plans: ["VirtualMachines", "KeyVault"] });
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("info");
      expect(findings[0]!.message).toBe(
        `Defender plan KeyVault is not listed in subscription "${SUB_ID}"'s pricings: it is not offered there or its name is misspelt in the config, so it could not be checked.`,
      );
      expect(findings[0]!.evidence.listedPlans).toEqual(["VirtualMachines"]);
    });

    it("keeps the fingerprint across plan-name casing and subscription renames", () => {
      const a = runRule(
        rule,
        inventory({
          defender: [defenderSubscription({ pricings: [off("Arm")] })],
          subscriptions: [subscription({ displayName: "prod" })],
        }),
        { plans: ["Arm"] },
      ).findings[0]!;
      const b = runRule(
        rule,
        inventory({
          defender: [defenderSubscription({ subscriptionId: SUB_ID.toUpperCase(), pricings: [off("arm")] })],
          subscriptions: [subscription({ displayName: "renamed" })],
        }),
        { plans: ["ARM"] },
      ).findings[0]!;
      expect(b.fingerprint).toBe(a.fingerprint);
    });

    it("uses the real pricing names of the ARM API (tiers as in the Pricings_List 2022-03-01 example): AppServices is Free there", () => {
      const pricings: DefenderPricing[] = [
        on("VirtualMachines", "P2"),
        on("SqlServers"),
        off("AppServices"),
        on("StorageAccounts"),
        on("SqlServerVirtualMachines"),
        off("KubernetesService"),
        off("ContainerRegistry"),
        on("KeyVaults"),
        on("Dns"),
        on("Arm"),
        off("OpenSourceRelationalDatabases"),
        on("Containers"),
      ];
      const { findings } = runRule(rule, inventory({ defender: [defenderSubscription({ pricings })] }));
      // CloudPosture is absent from that 2022 example: reported as not listed.
      expect(findings.map((f) => [f.evidence.plan, f.messageId])).toEqual([
        ["AppServices", "free"],
        ["CloudPosture", "notListed"],
      ]);
    });
  });

  it("maps every known plan to a distinct CIS control", () => {
    const ids = [...PLAN_FACTS.values()].map((f) => f.cis).filter((c) => c !== null);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of DEFAULT_PLANS) expect(PLAN_FACTS.get(p.toLowerCase())?.cis).toMatch(/^8\.1\.\d+\.\d+$/);
  });

  it("is skipped with the reason when Defender data is unavailable", () => {
    const { run } = runRule(rule, unavailable(inventory(), "defender", "403 Microsoft.Security/pricings/read"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("defender unavailable: 403 Microsoft.Security/pricings/read");
  });
});
