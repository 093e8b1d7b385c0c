import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import { WORKLOAD_TYPES as DEFAULT_WORKLOAD_TYPES } from "../../inventory/workload-types.ts";
import { inventory, SUB_ID, subscription, unavailable, workload } from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

const REQUIRED = { tags: ["service", "owner"] };
const fullTags = { service: "shop", owner: "team-payments" };

describe("required-tags", () => {
  it("is off by default and does nothing with the default empty tag list", () => {
    expect(rule.meta.enabledByDefault).toBe(false);
    expect(rule.defaultOptions.resourceTypes).toEqual(DEFAULT_WORKLOAD_TYPES);
    const { findings, run } = runRule(
      rule,
      inventory({ workloads: [workload({ type: "Microsoft.Web/sites" })], subscriptions: [subscription()] }),
    );
    expect(findings).toEqual([]);
    expect(run.subjectsChecked).toBe(2);
  });

  describe("valid", () => {
    it("does not judge a workload in a managed resource group, but judges one in a customer's group", () => {
      const vm = (managedBy: string | null) =>
        workload({ type: "Microsoft.Compute/virtualMachineScaleSets", tags: {}, resourceGroupManagedBy: managedBy });
      const databricks = "/subscriptions/x/resourceGroups/rg-data/providers/Microsoft.Databricks/workspaces/dbw-prod";
      expect(runRule(rule, inventory({ workloads: [vm(databricks)] }), { tags: ["owner"] }).findings).toEqual([]);
      expect(runRule(rule, inventory({ workloads: [vm(null)] }), { tags: ["owner"] }).findings).toHaveLength(1);
    });

    it("passes a workload and subscription carrying every required tag, names in any casing", () => {
      const inv = inventory({
        workloads: [
          workload({ type: "Microsoft.Web/sites", tags: { Service: "shop", OWNER: "team-payments", extra: "" } }),
        ],
        subscriptions: [subscription({ tags: fullTags })],
      });
      expect(runRule(rule, inv, REQUIRED).findings).toEqual([]);
    });

    it("does not judge resource types outside the list, nor subscriptions when checkSubscriptions is false", () => {
      const inv = inventory({
        workloads: [workload({ type: "Microsoft.Storage/storageAccounts" })],
        subscriptions: [subscription()],
      });
      const { findings, run } = runRule(rule, inv, { ...REQUIRED, checkSubscriptions: false });
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(0);
    });
  });

  describe("invalid", () => {
    it("flags a workload missing one tag with the exact message", () => {
      const w = workload({ type: "Microsoft.Web/sites", name: "shop-web", tags: { Service: "shop" } });
      const { findings } = runRule(rule, inventory({ workloads: [w] }), REQUIRED);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("low");
      expect(findings[0]!.message).toBe('Microsoft.Web/sites "shop-web" lacks the required tag owner.');
      expect(findings[0]!.evidence).toEqual({
        missingTags: ["owner"],
        requiredTags: ["service", "owner"],
        presentTags: ["Service"],
      });
      expect(findings[0]!.compliance).toEqual(["Azure Policy: Require a tag on resources"]);
    });

    it("counts an empty or blank value as missing", () => {
      const w = workload({
        type: "Microsoft.Compute/virtualMachines",
        name: "vm-1",
        tags: { service: "  ", owner: "" },
      });
      expect(runRule(rule, inventory({ workloads: [w] }), REQUIRED).findings[0]!.message).toBe(
        'Microsoft.Compute/virtualMachines "vm-1" lacks the required tags service, owner.',
      );
    });

    it("flags an untagged subscription", () => {
      const { findings } = runRule(
        rule,
        inventory({ subscriptions: [subscription({ displayName: "prod", tags: { owner: "platform" } })] }),
        REQUIRED,
      );
      expect(findings.map((f) => [f.message, f.resource.id, f.resource.type])).toEqual([
        [
          'Subscription "prod" lacks the required tag service.',
          `/subscriptions/${SUB_ID}`,
          "Microsoft.Resources/subscriptions",
        ],
      ]);
    });

    it("matches resource types case-insensitively and honours a custom type list", () => {
      const inv = inventory({
        workloads: [
          workload({ type: "microsoft.web/SITES", name: "a" }),
          workload({ type: "Microsoft.KeyVault/vaults", name: "kv" }),
        ],
      });
      expect(
        runRule(rule, inv, { ...REQUIRED, checkSubscriptions: false }).findings.map((f) => f.resource.displayName),
      ).toEqual(["a"]);
      expect(
        runRule(rule, inv, {
          ...REQUIRED,
          checkSubscriptions: false,
          resourceTypes: ["Microsoft.KeyVault/vaults"],
        }).findings.map((f) => f.resource.displayName),
      ).toEqual(["kv"]);
    });

    it("keeps one fingerprint per resource as the missing set changes", () => {
      const w = workload({ type: "Microsoft.Web/sites", tags: {} });
      const f1 = runRule(rule, inventory({ workloads: [w] }), REQUIRED).findings[0]!;
      const f2 = runRule(
        rule,
        inventory({ workloads: [{ ...w, id: w.id.toUpperCase(), tags: { service: "x" } }] }),
        REQUIRED,
      ).findings[0]!;
      expect(f2.fingerprint).toBe(f1.fingerprint);
    });
  });

  it("is skipped with the reason when workloads are unavailable", () => {
    const { run } = runRule(rule, unavailable(inventory(), "workloads", "Resource Graph query failed"), REQUIRED);
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("workloads unavailable: Resource Graph query failed");
  });
});
