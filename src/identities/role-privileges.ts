import { classifyAzureRole, entraRole, isPrivilegedAzureRole, roleDefinitionGuid } from "../classification/index.ts";
import { azureBuiltinRoleById } from "../refdata/index.ts";
import type { Inventory, RolePermission } from "../inventory/types.ts";
import { effectivePrivileges, type GroupHop } from "../privilege/effective.ts";
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
 * Every Azure and Entra role held, as the privilege of its holder: the ONE place that turns role
 * data into privileges. Held directly or through groups (transitively; `via` names them from the
 * holder outward), standing or PIM eligible (src/privilege/effective.ts). A group holding a role is
 * a holder too.
 */
export function roleHoldings(inventory: Inventory): RoleHolding[] {
  const definitions = new Map(optionalItems(inventory, "roleDefinitions").map((d) => [d.name.toLowerCase(), d]));
  const nameScope = scopeNamer(inventory);
  const held = effectivePrivileges(inventory);
  const via = (hops: readonly GroupHop[]) => hops.map((g) => g.displayName ?? g.id);
  const out: RoleHolding[] = [];
  for (const g of held.azure) {
    const a = g.assignment;
    const guid = roleDefinitionGuid(a.roleDefinitionId);
    const def = definitions.get(guid);
    const cls = classifyAzureRole(def, guid);
    out.push({
      principalId: g.principalId.toLowerCase(),
      privilege: {
        kind: "azureRole",
        name: def?.roleName ?? azureBuiltinRoleById(guid)?.roleName ?? guid,
        target: a.scope,
        targetName: nameScope(a.scope),
        via: via(g.via),
        eligible: g.eligible,
        condition: g.condition,
        tier: isPrivilegedAzureRole(cls) ? cls : null,
      },
      permissions: azureBuiltinRoleById(guid)?.permissions ?? def?.permissions ?? [],
      templateId: null,
    });
  }
  for (const g of held.entra) {
    const d = g.assignment;
    const templateId = roleDefinitionGuid(d.roleDefinitionId);
    const cls = entraRole(templateId);
    out.push({
      principalId: g.principalId.toLowerCase(),
      privilege: {
        kind: "entraRole",
        name: d.roleDisplayName ?? cls?.displayName ?? templateId,
        target: d.directoryScopeId,
        targetName: d.directoryScopeId === "/" ? "whole directory" : null,
        via: via(g.via),
        eligible: g.eligible,
        condition: null,
        tier: cls ? `${cls.tier}: ${cls.reason}` : null,
      },
      permissions: [],
      templateId,
    });
  }
  return out;
}
