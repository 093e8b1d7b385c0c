import { describe, expect, it } from "vitest";
import { resourceIdentityWire } from "./resource-identity.ts";
import { roleAssignmentWire } from "./role-assignment.ts";

describe("wire-shape builders", () => {
  it("lists an identity block's fields in ARM's order, with only the parts present", () => {
    const uai = { id: "/subscriptions/s/resourceGroups/rg/providers/x/y/id-a", principalId: "p2", clientId: "c2" };
    const both = resourceIdentityWire("SystemAssigned, UserAssigned", { principalId: "p1", tenantId: "t" }, [uai]);
    expect(JSON.stringify(both)).toBe(
      JSON.stringify({
        type: "SystemAssigned, UserAssigned",
        principalId: "p1",
        tenantId: "t",
        userAssignedIdentities: { [uai.id]: { principalId: "p2", clientId: "c2" } },
      }),
    );
    expect(resourceIdentityWire("None", null, null)).toEqual({ type: "None" });
  });

  it("files a management group assignment's role definition at tenant level", () => {
    const scope = "/providers/Microsoft.Management/managementGroups/corp";
    const a = roleAssignmentWire({
      name: "n1",
      scope,
      roleGuid: "r1",
      principalId: "p",
      principalType: "Group",
      createdOn: "2026-01-01T00:00:00Z",
      createdBy: null,
      condition: { expression: "true", version: "2.0" },
    });
    expect(a.id).toBe(`${scope}/providers/Microsoft.Authorization/roleAssignments/n1`);
    expect(a.properties.roleDefinitionId).toBe("/providers/Microsoft.Authorization/roleDefinitions/r1");
    expect(a.properties).toMatchObject({
      condition: "true",
      conditionVersion: "2.0",
      updatedOn: "2026-01-01T00:00:00Z",
    });
  });
});
