import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import { inventory, unavailable, workload } from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

const uai = {
  "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-web": {
    principalId: "p",
    clientId: "c",
  },
};

describe("workload-managed-identity", () => {
  describe("valid", () => {
    it.each([
      ["SystemAssigned", {}],
      ["UserAssigned", uai],
      ["SystemAssigned, UserAssigned", uai],
      ["SystemAssigned,UserAssigned", uai],
      ["systemassigned", {}],
    ])("passes identity type %j", (type, userAssignedIdentities) => {
      const w = workload({
        type: "Microsoft.Web/sites",
        identity: { type, principalId: "p", tenantId: "t", userAssignedIdentities },
      });
      const { findings, run } = runRule(rule, inventory({ workloads: [w] }));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("does not judge resource types outside the list (storage accounts, identities)", () => {
      const inv = inventory({
        workloads: [
          workload({ type: "Microsoft.Storage/storageAccounts" }),
          workload({ type: "Microsoft.ManagedIdentity/userAssignedIdentities" }),
        ],
      });
      const { findings, run } = runRule(rule, inv);
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(0);
    });
  });

  describe("invalid", () => {
    it("flags a workload with no identity block at all", () => {
      const { findings } = runRule(
        rule,
        inventory({
          workloads: [
            workload({ type: "Microsoft.Compute/virtualMachines", name: "vm-build", resourceGroup: "rg-ci" }),
          ],
        }),
      );
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        'Microsoft.Compute/virtualMachines "vm-build" in resource group rg-ci has no managed identity (no identity block): anything it calls needs a stored credential.',
      );
    });

    it('flags identity type "None" and says so', () => {
      const w = workload({
        type: "Microsoft.App/containerApps",
        identity: { type: "None", principalId: null, tenantId: null, userAssignedIdentities: {} },
      });
      expect(runRule(rule, inventory({ workloads: [w] })).findings[0]!.message).toContain('identity type "None"');
    });

    it("flags UserAssigned with no identity attached", () => {
      const w = workload({
        type: "Microsoft.Web/sites",
        identity: { type: "UserAssigned", principalId: null, tenantId: null, userAssignedIdentities: {} },
      });
      expect(runRule(rule, inventory({ workloads: [w] })).findings).toHaveLength(1);
    });

    it("matches resource types case-insensitively (ARM returns both casings)", () => {
      const w = workload({ type: "microsoft.web/SITES" });
      expect(runRule(rule, inventory({ workloads: [w] })).findings).toHaveLength(1);
    });

    it("honours a custom resourceTypes list", () => {
      const inv = inventory({
        workloads: [
          workload({ type: "Microsoft.Web/sites" }),
          workload({ type: "Microsoft.Synapse/workspaces", name: "syn" }),
        ],
      });
      const { findings } = runRule(rule, inv, { resourceTypes: ["Microsoft.Synapse/workspaces"] });
      expect(findings.map((f) => f.resource.displayName)).toEqual(["syn"]);
    });
  });

  it("does not judge a workload in a managed resource group, but judges the same one in a customer's group", () => {
    const aksNodes = (managedBy: string | null | undefined) =>
      workload({
        type: "Microsoft.Compute/virtualMachineScaleSets",
        name: "aks-nodepool1-vmss",
        resourceGroup: "MC_rg-aks_aks-prod_westeurope",
        identity: null,
        resourceGroupManagedBy: managedBy,
      });
    const cluster =
      "/subscriptions/x/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod";
    expect(runRule(rule, inventory({ workloads: [aksNodes(cluster)] }))).toMatchObject({
      findings: [],
      run: { subjectsChecked: 0 },
    });
    expect(runRule(rule, inventory({ workloads: [aksNodes(null)] })).findings).toHaveLength(1);
    // Snapshots from before managedBy was collected: judged as the customer's own.
    expect(runRule(rule, inventory({ workloads: [aksNodes(undefined)] })).findings).toHaveLength(1);
  });

  it("is skipped with the reason when workloads could not be listed", () => {
    const { run } = runRule(rule, unavailable(inventory(), "workloads", "Resource Graph query failed"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toContain("Resource Graph");
  });
});
