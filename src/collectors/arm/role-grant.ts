// What an ARM role assignment and a PIM eligibility say alike: who holds which role where. The
// SDK flattens an item's `properties` and a REST page (the root list) does not, so each field is
// read from either.
import type { RoleAssignment } from "../../inventory/types.ts";
import { lastSegment, scopeLevel, subscriptionIdOf } from "../../arm/resource-id.ts";

export interface SdkOrRawGrantFields {
  scope?: string;
  roleDefinitionId?: string;
  principalId?: string;
  principalType?: string;
  /** an ABAC condition and its version (2.0), null when there is none */
  condition?: string | null;
  conditionVersion?: string | null;
}

export type RoleGrantCore = Pick<
  RoleAssignment,
  | "scope"
  | "scopeLevel"
  | "subscriptionId"
  | "roleDefinitionId"
  | "roleDefinitionName"
  | "principalId"
  | "principalType"
>;

/** Undefined when the item names no scope, role or principal: nothing a rule could judge. */
export function roleGrantCore(flat: SdkOrRawGrantFields, properties: SdkOrRawGrantFields): RoleGrantCore | undefined {
  const scope = properties.scope ?? flat.scope;
  const roleDefinitionId = properties.roleDefinitionId ?? flat.roleDefinitionId;
  const principalId = properties.principalId ?? flat.principalId;
  if (!scope || !roleDefinitionId || !principalId) return undefined;
  return {
    scope,
    scopeLevel: scopeLevel(scope),
    subscriptionId: subscriptionIdOf(scope),
    roleDefinitionId,
    // the GUID, lower case: the same role whichever scope the definition id is spelt under
    roleDefinitionName: lastSegment(roleDefinitionId).toLowerCase(),
    principalId: principalId.toLowerCase(),
    principalType: properties.principalType ?? flat.principalType ?? "Unknown",
  };
}
