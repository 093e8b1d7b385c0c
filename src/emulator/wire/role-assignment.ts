// An ARM role assignment as `roleAssignments` lists it. The fixture serves it as stored, so the
// key order here is the order scans and snapshots see.
import { extensionResourceId, roleDefinitionIdAt } from "../../arm/resource-id.ts";
import type { ArmRoleAssignment } from "../types.ts";

export interface RoleAssignmentSpec {
  /** the assignment's GUID name */
  name: string;
  scope: string;
  roleGuid: string;
  principalId: string;
  principalType: "User" | "Group" | "ServicePrincipal";
  /** ISO time; ARM reports the same value for updatedOn on an assignment never edited */
  createdOn: string;
  createdBy: string | null;
  description?: string | null;
  /** an ABAC condition, e.g. constrained delegation of role assignment writes */
  condition?: { expression: string; version: string };
}

export function roleAssignmentWire(a: RoleAssignmentSpec): ArmRoleAssignment {
  return {
    id: extensionResourceId(a.scope, "Microsoft.Authorization/roleAssignments", a.name),
    name: a.name,
    type: "Microsoft.Authorization/roleAssignments",
    properties: {
      roleDefinitionId: roleDefinitionIdAt(a.scope, a.roleGuid),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: a.condition?.expression ?? null,
      conditionVersion: a.condition?.version ?? null,
      createdOn: a.createdOn,
      updatedOn: a.createdOn,
      createdBy: a.createdBy,
      updatedBy: a.createdBy,
      delegatedManagedIdentityResourceId: null,
      description: a.description ?? null,
    },
  };
}
