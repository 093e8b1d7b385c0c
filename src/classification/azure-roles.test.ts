import { describe, expect, it } from "vitest";
import type { RoleDefinition, RolePermission } from "../inventory/types.ts";
import { azureBuiltinRoles } from "../refdata/index.ts";
import {
  CONTRIBUTOR_ROLE_ID,
  OWNER_ROLE_ID,
  RBAC_ADMINISTRATOR_ROLE_ID,
  READER_ROLE_ID,
  USER_ACCESS_ADMINISTRATOR_ROLE_ID,
  actionMatches,
  allowsAction,
  allowsDataAction,
  canGrantAccess,
  canWriteRoleAssignments,
  classifyAzureRole,
  classifyPermissions,
  isPrivilegedAzureRole,
  isWriteCapableRole,
  roleAssignmentWriteAccess,
  roleDefinitionGuid,
  type AzureRoleClass,
} from "./azure-roles.ts";
import { AZURE_ROLE_TIER_DIFFERENCES, IDENTITY_TAKEOVER_ROLES } from "./azure-identity-roles.ts";

const RA_WRITE = "Microsoft.Authorization/roleAssignments/write";

function perm(
  actions: string[],
  notActions: string[] = [],
  dataActions: string[] = [],
  notDataActions: string[] = [],
): RolePermission {
  return { actions, notActions, dataActions, notDataActions };
}

function customRole(guid: string, ...permissions: RolePermission[]): RoleDefinition {
  return {
    id: `/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
    name: guid,
    roleName: `custom ${guid}`,
    roleType: "CustomRole",
    description: null,
    assignableScopes: ["/subscriptions/00000000-0000-0000-0000-000000000001"],
    permissions,
  };
}

describe("actionMatches (ARM wildcard semantics)", () => {
  it.each([
    ["*", RA_WRITE, true],
    ["*", "", true],
    ["Microsoft.Authorization/*", RA_WRITE, true],
    ["Microsoft.Authorization/*/Write", RA_WRITE, true],
    ["microsoft.authorization/roleassignments/write", RA_WRITE, true],
    ["MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE", RA_WRITE, true],
    ["*/write", RA_WRITE, true],
    ["*/write", "Microsoft.Authorization/roleAssignments/read", false],
    ["*/read", "Microsoft.Compute/virtualMachines/read", true],
    ["*/read", "Microsoft.Compute/virtualMachines/write", false],
    ["Microsoft.Authorization/*/read", RA_WRITE, false],
    ["Microsoft.Authorization/roleAssignments/*", RA_WRITE, true],
    ["Microsoft.Authorization/roleAssignments", RA_WRITE, false],
    ["Microsoft.Authorization/roleAssignments/write/extra", RA_WRITE, false],
    ["Microsoft.Auth*", RA_WRITE, true],
    ["Microsoft.*/write", RA_WRITE, true],
    ["*Assignments*", RA_WRITE, true],
    ["**", RA_WRITE, true],
    ["Microsoft.Authorization/*/*/write", RA_WRITE, false],
    ["Microsoft.Compute/*", RA_WRITE, false],
    ["Microsoft.Authorization/roleAssignments/write*", RA_WRITE, true],
    // Regex metacharacters are literal: `.` is a dot, not any character.
    ["Microsoft.Authorization/roleAssignments/writ.", RA_WRITE, false],
    ["Microsoft?Authorization/roleAssignments/write", RA_WRITE, false],
    ["Microsoft.Web/sites/config/list/Action", "microsoft.web/sites/config/list/action", true],
  ])("%s vs %s -> %s", (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  it("backtracks across several stars", () => {
    expect(actionMatches("*a*b*c", "xxaxxbxxbxxc")).toBe(true);
    expect(actionMatches("*a*b*c", "xxaxxcxxb")).toBe(false);
  });
});

describe("allowsAction", () => {
  it("needs a matching action and no matching notAction", () => {
    expect(allowsAction([perm(["*"])], RA_WRITE)).toBe(true);
    expect(allowsAction([perm(["*"], ["Microsoft.Authorization/*/Write"])], RA_WRITE)).toBe(false);
    expect(allowsAction([perm(["*"], ["microsoft.authorization/roleassignments/WRITE"])], RA_WRITE)).toBe(false);
    expect(allowsAction([perm(["*"], ["Microsoft.Authorization/*/Delete"])], RA_WRITE)).toBe(true);
    expect(allowsAction([perm(["*"], ["Microsoft.Compute/*"])], RA_WRITE)).toBe(true);
    expect(allowsAction([perm(["Microsoft.Compute/*"])], RA_WRITE)).toBe(false);
    expect(allowsAction([], RA_WRITE)).toBe(false);
  });

  it("notActions only subtract from their own block; blocks add up", () => {
    const blocks = [perm(["*"], ["Microsoft.Authorization/*/Write"]), perm([RA_WRITE])];
    expect(allowsAction(blocks, RA_WRITE)).toBe(true);
  });

  it("ignores data actions, and allowsDataAction checks them", () => {
    const p = [perm([], [], ["Microsoft.KeyVault/vaults/secrets/*"], ["Microsoft.KeyVault/vaults/secrets/delete"])];
    expect(allowsAction(p, "Microsoft.KeyVault/vaults/secrets/getSecret/action")).toBe(false);
    expect(allowsDataAction(p, "Microsoft.KeyVault/vaults/secrets/getSecret/action")).toBe(true);
    expect(allowsDataAction(p, "Microsoft.KeyVault/vaults/secrets/delete")).toBe(false);
  });

  it("tolerates missing arrays from sloppy input", () => {
    const p = [{ actions: ["*"] } as unknown as RolePermission];
    expect(allowsAction(p, RA_WRITE)).toBe(true);
  });
});

describe("classifyPermissions / classifyAzureRole for custom roles", () => {
  const cases: [string, RolePermission[], AzureRoleClass][] = [
    ["`*`", [perm(["*"])], "ownerEquivalent"],
    [
      "`*` less unrelated things",
      [perm(["*"], ["Microsoft.Compute/virtualMachines/delete", "Microsoft.Authorization/*/Delete"])],
      "ownerEquivalent",
    ],
    [
      "`*` less Authorization writes (Contributor-like)",
      [perm(["*"], ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"])],
      "contributor",
    ],
    [
      "`*` less roleAssignments/write only, but role definitions still writable",
      [perm(["*"], [RA_WRITE])],
      "ownerEquivalent",
    ],
    ["roleAssignments/write alone", [perm([RA_WRITE])], "ownerEquivalent"],
    ["Microsoft.Authorization/*", [perm(["Microsoft.Authorization/*"])], "ownerEquivalent"],
    ["Microsoft.Authorization/*/write", [perm(["Microsoft.Authorization/*/write"])], "ownerEquivalent"],
    ["*/write", [perm(["*/write"])], "ownerEquivalent"],
    ["roleDefinitions/write", [perm(["Microsoft.Authorization/roleDefinitions/write"])], "ownerEquivalent"],
    ["*/read", [perm(["*/read"])], "readAll"],
    ["*/read plus a few writes", [perm(["*/read", "Microsoft.Compute/virtualMachines/start/action"])], "readAll"],
    ["*/write less */write", [perm(["*/write"], ["*/write"])], "other"],
    ["resource-specific", [perm(["Microsoft.Compute/*", "Microsoft.Network/*/read"])], "other"],
    ["Authorization read only", [perm(["Microsoft.Authorization/*/read"])], "other"],
    ["empty", [], "other"],
  ];
  it.each(cases)("%s", (_name, permissions, expected) => {
    expect(classifyPermissions(permissions)).toBe(expected);
    expect(
      classifyAzureRole(
        customRole("11111111-2222-3333-4444-555555555555", ...permissions),
        "11111111-2222-3333-4444-555555555555",
      ),
    ).toBe(expected);
  });

  it("a block with an ABAC condition writes role assignments only conditionally", () => {
    const conditional = [{ ...perm([RA_WRITE]), condition: "@Request[...] ForAnyOfAnyValues:GuidEquals {...}" }];
    expect(roleAssignmentWriteAccess(conditional)).toBe("conditional");
    expect(classifyPermissions(conditional)).toBe("other");
    expect(roleAssignmentWriteAccess([perm([RA_WRITE])])).toBe("unconditional");
    expect(roleAssignmentWriteAccess([perm(["*/read"])])).toBe("none");
  });

  it("unknown GUID without a definition is other", () => {
    expect(classifyAzureRole(undefined, "99999999-9999-9999-9999-999999999999")).toBe("other");
  });
});

describe("classifyAzureRole for built-ins", () => {
  it("names the five roles by GUID, in any casing or as a full ARM id", () => {
    expect(classifyAzureRole(undefined, OWNER_ROLE_ID)).toBe("owner");
    expect(classifyAzureRole(undefined, OWNER_ROLE_ID.toUpperCase())).toBe("owner");
    expect(
      classifyAzureRole(
        undefined,
        `/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/${CONTRIBUTOR_ROLE_ID.toUpperCase()}`,
      ),
    ).toBe("contributor");
    expect(classifyAzureRole(undefined, USER_ACCESS_ADMINISTRATOR_ROLE_ID)).toBe("userAccessAdministrator");
    expect(classifyAzureRole(undefined, RBAC_ADMINISTRATOR_ROLE_ID)).toBe("rbacAdministrator");
    expect(classifyAzureRole(undefined, READER_ROLE_ID)).toBe("readAll");
  });

  it("the GUID decides even when the inventory definition says otherwise", () => {
    expect(classifyAzureRole(customRole(OWNER_ROLE_ID, perm(["*/read"])), OWNER_ROLE_ID)).toBe("owner");
  });

  it("classifies every built-in from the reference actions as expected", () => {
    const roles = azureBuiltinRoles();
    expect(roles).toHaveLength(928);
    const byClass = new Map<AzureRoleClass, string[]>();
    const byActions = new Map<string, AzureRoleClass>();
    for (const r of roles) {
      const cls = classifyAzureRole(undefined, r.id);
      byClass.set(cls, [...(byClass.get(cls) ?? []), r.roleName]);
      byActions.set(r.roleName, classifyPermissions(r.permissions));
    }
    // The named roles, judged from their actions alone, land where their names say.
    expect(byActions.get("Owner")).toBe("ownerEquivalent");
    expect(byActions.get("User Access Administrator")).toBe("ownerEquivalent");
    expect(byActions.get("Role Based Access Control Administrator")).toBe("ownerEquivalent");
    expect(byActions.get("Contributor")).toBe("contributor");
    expect(byActions.get("Reader")).toBe("readAll");
    expect(byActions.get("Monitoring Reader")).toBe("readAll");

    // Exactly three built-ins write role assignments without a condition: the three named ones.
    const ownerEquivalentByActions = [...byActions]
      .filter(([, c]) => c === "ownerEquivalent")
      .map(([n]) => n)
      .sort();
    expect(ownerEquivalentByActions).toEqual([
      "Owner",
      "Role Based Access Control Administrator",
      "User Access Administrator",
    ]);
    expect(byClass.get("ownerEquivalent") ?? []).toEqual([]);
    const contributorClass = [...byActions].filter(([, c]) => c === "contributor").map(([n]) => n);
    expect(contributorClass).toEqual(["Contributor"]);

    // Condition-constrained delegation roles are not owner-equivalent…
    for (const name of [
      "Key Vault Data Access Administrator",
      "Azure Sphere Owner",
      "DevCenter Owner",
      "Foundry Account Owner",
    ]) {
      const r = roles.find((x) => x.roleName === name)!;
      expect(roleAssignmentWriteAccess(r.permissions), name).toBe("conditional");
      expect(classifyAzureRole(undefined, r.id), name).toBe("other");
    }
    // …even when the inventory's definition (which has no condition field) is passed in.
    const kv = roles.find((x) => x.roleName === "Key Vault Data Access Administrator")!;
    const kvFromInventory = customRole(kv.id, ...kv.permissions.map((p) => perm([...p.actions], [...p.notActions])));
    expect(classifyPermissions(kvFromInventory.permissions)).toBe("ownerEquivalent");
    expect(classifyAzureRole(kvFromInventory, kv.id)).toBe("other");

    // Privileged built-ins are exactly the four named privileged roles and the identity-takeover list.
    const privileged = roles
      .filter((r) => isPrivilegedAzureRole(classifyAzureRole(undefined, r.id)))
      .map((r) => r.roleName)
      .sort();
    expect(privileged).toEqual(
      [
        "Contributor",
        "Owner",
        "Role Based Access Control Administrator",
        "User Access Administrator",
        ...IDENTITY_TAKEOVER_ROLES.map((r) => r.roleName),
      ].sort(),
    );
  });

  it("rates the identity-takeover built-ins privileged by GUID, and no AzTier difference privileged", () => {
    const names = new Map(azureBuiltinRoles().map((r) => [roleDefinitionGuid(r.id), r.roleName] as const));
    for (const r of IDENTITY_TAKEOVER_ROLES) {
      expect(names.get(r.id), r.roleName).toBe(r.roleName);
      expect(classifyAzureRole(undefined, r.id.toUpperCase()), r.roleName).toBe("identityTakeover");
    }
    for (const d of AZURE_ROLE_TIER_DIFFERENCES) {
      expect(isPrivilegedAzureRole(classifyAzureRole(undefined, d.id)), d.roleName).toBe(false);
      if (names.has(d.id)) expect(names.get(d.id), d.roleName).toBe(d.roleName);
    }
    expect(classifyAzureRole(undefined, "9980e02c-c2be-4d73-94e8-173b1dc7cf3c")).toBe("identityTakeover");
    expect(classifyAzureRole(undefined, "acdd72a7-3385-48ef-bd42-f606fba81ae7")).toBe("readAll");
  });

  it("tells write-capable roles from read-only ones", () => {
    const byName = (n: string) => azureBuiltinRoles().find((r) => r.roleName === n)!;
    expect(isWriteCapableRole(undefined, byName("Reader").id)).toBe(false);
    expect(isWriteCapableRole(undefined, byName("Monitoring Reader").id)).toBe(false);
    expect(isWriteCapableRole(undefined, byName("Tag Contributor").id)).toBe(true);
    expect(isWriteCapableRole(undefined, OWNER_ROLE_ID)).toBe(true);
    const custom = customRole(
      "aaaaaaaa-0000-4000-8000-0000000000aa",
      perm(["Microsoft.Web/sites/*"], ["Microsoft.Web/sites/*"]),
    );
    expect(isWriteCapableRole(custom, custom.name)).toBe(false);
    const writer = customRole("aaaaaaaa-0000-4000-8000-0000000000ab", perm(["Microsoft.Web/sites/write"]));
    expect(isWriteCapableRole(writer, writer.name)).toBe(true);
    const restarter = customRole("aaaaaaaa-0000-4000-8000-0000000000ac", perm(["Microsoft.Web/sites/restart/action"]));
    expect(isWriteCapableRole(restarter, restarter.name)).toBe(false);
  });

  it("a built-in GUID missing from the inventory is still classified from the reference data", () => {
    const monitoringReader = azureBuiltinRoles().find((r) => r.roleName === "Monitoring Reader")!;
    expect(classifyAzureRole(undefined, monitoringReader.id.toUpperCase())).toBe("readAll");
  });
});

describe("helpers", () => {
  it("roleDefinitionGuid takes the lower-cased last segment", () => {
    expect(
      roleDefinitionGuid(
        "/subscriptions/S/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635",
      ),
    ).toBe(OWNER_ROLE_ID);
    expect(
      roleDefinitionGuid("/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635/"),
    ).toBe(OWNER_ROLE_ID);
    expect(roleDefinitionGuid("8E3AF657-A8FF-443C-A75C-2FE8C4BCB635")).toBe(OWNER_ROLE_ID);
  });

  it("isPrivilegedAzureRole and canGrantAccess", () => {
    const privileged = ["owner", "contributor", "userAccessAdministrator", "rbacAdministrator", "ownerEquivalent"];
    for (const c of [
      "owner",
      "contributor",
      "userAccessAdministrator",
      "rbacAdministrator",
      "ownerEquivalent",
      "readAll",
      "other",
    ] as AzureRoleClass[]) {
      expect(isPrivilegedAzureRole(c), c).toBe(privileged.includes(c));
      expect(canGrantAccess(c), c).toBe(privileged.includes(c) && c !== "contributor");
    }
  });

  it("canWriteRoleAssignments", () => {
    expect(canWriteRoleAssignments(undefined)).toBe(false);
    expect(canWriteRoleAssignments(customRole("a", perm(["*"])))).toBe(true);
    expect(canWriteRoleAssignments(customRole("a", perm(["*"], ["Microsoft.Authorization/*/Write"])))).toBe(false);
    expect(canWriteRoleAssignments(customRole("a", perm(["Microsoft.Authorization/roleDefinitions/write"])))).toBe(
      false,
    );
  });
});
