import { classifyAzureRole, entraRole, isPrivilegedAzureRole, roleDefinitionGuid } from "../classification/index.ts";
import { azureBuiltinRoleById } from "../refdata/index.ts";
import type { Inventory, RolePermission } from "../inventory/types.ts";
import { optionalItems } from "../rules/support/sections.ts";
import { scopeNamer } from "./scopes.ts";
import type { IdentityPrivilege } from "./types.ts";

/** An Azure or Entra role held by a principal, with the permissions the blast radius reads. */
export interface RoleHolding {
  /** The object id that holds it (directly, or the group it is held through). */
  principalId: string;
  privilege: IdentityPrivilege;
  /** Azure roles only: the role's control-plane permissions, [] when the definition is unknown. */
  permissions: readonly RolePermission[];
  /** Entra roles only: the role template id. */
  templateId: string | null;
}

/**
 * Every Azure and Entra role assignment, as the privilege of the principal it names. The ONE place
 * that turns role data into privileges: direct, standing assignments from the inventory, so `via`
 * is [] and `eligible` false. Group-held and eligible roles come from the effective-privilege
 * resolver once the inventory carries groups and eligibility; only this function changes then.
 */
export function roleHoldings(inventory: Inventory): RoleHolding[] {
  const definitions = new Map(optionalItems(inventory, "roleDefinitions").map((d) => [d.name.toLowerCase(), d]));
  const nameScope = scopeNamer(inventory);
  const out: RoleHolding[] = [];
  for (const a of optionalItems(inventory, "roleAssignments")) {
    const guid = roleDefinitionGuid(a.roleDefinitionId);
    const def = definitions.get(guid);
    const cls = classifyAzureRole(def, guid);
    out.push({
      principalId: a.principalId.toLowerCase(),
      privilege: {
        kind: "azureRole",
        name: def?.roleName ?? azureBuiltinRoleById(guid)?.roleName ?? guid,
        target: a.scope,
        targetName: nameScope(a.scope),
        via: [],
        eligible: false,
        condition: a.condition,
        tier: isPrivilegedAzureRole(cls) ? cls : null,
      },
      permissions: azureBuiltinRoleById(guid)?.permissions ?? def?.permissions ?? [],
      templateId: null,
    });
  }
  for (const d of optionalItems(inventory, "directoryRoleAssignments")) {
    const templateId = roleDefinitionGuid(d.roleDefinitionId);
    const cls = entraRole(templateId);
    out.push({
      principalId: d.principalId.toLowerCase(),
      privilege: {
        kind: "entraRole",
        name: d.roleDisplayName ?? cls?.displayName ?? templateId,
        target: d.directoryScopeId,
        targetName: d.directoryScopeId === "/" ? "whole directory" : null,
        via: [],
        eligible: false,
        condition: null,
        tier: cls ? `${cls.tier}: ${cls.reason}` : null,
      },
      permissions: [],
      templateId,
    });
  }
  return out;
}
