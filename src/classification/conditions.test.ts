import { describe, expect, it } from "vitest";
import { readCondition, restrictsPrivilegedGrants } from "./conditions.ts";
import { OWNER_ROLE_ID } from "./azure-roles.ts";

// The examples of https://learn.microsoft.com/en-us/azure/role-based-access-control/delegate-role-assignments-examples
const BACKUP_ROLES = "5e467623-bb1f-42f4-a55d-6e525e11384b, a795c7a0-d4a2-40c1-ae25-d81f01202912";
const CONSTRAIN_ROLES = `(
 (
  !(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})
 )
 OR
 (
  @Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${BACKUP_ROLES}}
 )
)
AND
(
 (
  !(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})
 )
 OR
 (
  @Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${BACKUP_ROLES}}
 )
)`;
const CONSTRAIN_ROLES_AND_PRINCIPAL_TYPES = `(
 (
  !(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})
 )
 OR
 (
  @Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${BACKUP_ROLES}}
  AND
  @Request[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'ServicePrincipal'}
 )
)`;
// The portal's "Allow user to assign all roles except privileged administrator roles Owner, UAA, RBAC".
const ALL_EXCEPT_PRIVILEGED = `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {8e3af657-a8ff-443c-a75c-2fe8c4bcb635, 18d7d88d-d35e-4fb5-a5c3-7773c20a72d9, f58310d9-a9f6-439a-9e8d-f62e7b41a168})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {8e3af657-a8ff-443c-a75c-2fe8c4bcb635, 18d7d88d-d35e-4fb5-a5c3-7773c20a72d9, f58310d9-a9f6-439a-9e8d-f62e7b41a168}))`;

describe("readCondition", () => {
  it("reads the documented 'constrain roles' example as a delegation that cannot grant privileged roles", () => {
    const r = readCondition(CONSTRAIN_ROLES);
    expect(r).toEqual({
      kind: "delegation",
      constraint: {
        allowedRoleIds: ["5e467623-bb1f-42f4-a55d-6e525e11384b", "a795c7a0-d4a2-40c1-ae25-d81f01202912"],
        excludedRoleIds: null,
        principalTypes: null,
        principalIds: null,
        excludesPrivilegedAdministratorRoles: true,
      },
    });
    expect(restrictsPrivilegedGrants(r)).toBe(true);
  });

  it("reads roles and principal types together", () => {
    const r = readCondition(CONSTRAIN_ROLES_AND_PRINCIPAL_TYPES);
    expect(r.kind === "delegation" && r.constraint.principalTypes).toEqual(["ServicePrincipal"]);
    expect(restrictsPrivilegedGrants(r)).toBe(true);
  });

  it("reads 'all roles except the privileged administrator roles' as constrained", () => {
    expect(restrictsPrivilegedGrants(readCondition(ALL_EXCEPT_PRIVILEGED))).toBe(true);
  });

  it("does not count a delegation that may still assign Owner as constrained", () => {
    const r = readCondition(CONSTRAIN_ROLES.replaceAll(BACKUP_ROLES, `${BACKUP_ROLES}, ${OWNER_ROLE_ID}`));
    expect(r.kind).toBe("delegation");
    expect(restrictsPrivilegedGrants(r)).toBe(false);
  });

  it("does not count a principal-type-only restriction as constraining the roles", () => {
    const r = readCondition(
      "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'ServicePrincipal'}))",
    );
    expect(r.kind).toBe("delegation");
    expect(restrictsPrivilegedGrants(r)).toBe(false);
  });

  it("treats an OR inside the restriction, another attribute or another action as not understood", () => {
    const withOr = CONSTRAIN_ROLES_AND_PRINCIPAL_TYPES.replace("\n  AND\n", "\n  OR\n");
    expect(readCondition(withOr).kind).toBe("not-understood");
    expect(
      readCondition(
        "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:ContainerName] StringEqualsIgnoreCase 'foo_storage_container'",
      ).kind,
    ).toBe("not-understood");
    expect(readCondition("((ActionMatches{'Microsoft.Authorization/roleAssignments/write'}) OR (x))").kind).toBe(
      "not-understood",
    );
  });

  it("reads no condition as none", () => {
    expect(readCondition(null)).toEqual({ kind: "none" });
    expect(readCondition("  ")).toEqual({ kind: "none" });
  });
});
