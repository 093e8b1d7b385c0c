// Role definitions, built-in and custom, deduped by GUID. Built-in roles are listed once (at the
// root scope, else at the first subscription); custom roles are listed with
// `$filter=type eq 'CustomRole'` at every management group and in-scope subscription, because a
// custom role is only visible at (and under) its assignable scopes.
import type { CoverageGap, RoleAssignment, RoleDefinition, RolePermission, Section } from "../../inventory/types.ts";
import { ARM_API_VERSIONS } from "../clients.ts";
import { mapSettled } from "../limit.ts";
import { gapFrom, isProgrammingError, runSection, sortBy, sortStrings, str, type CollectContext } from "../section.ts";
import { WireError } from "../wire/errors.ts";
import { MG_PROVIDER } from "../../arm/resource-id.ts";
import { sdkScope } from "./scopes.ts";
import { preferId } from "./role-definition-id.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

export { preferId };

const PERMISSION = "Microsoft.Authorization/roleDefinitions/read";

interface RawPermission {
  actions?: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
}

export interface SdkOrRawDefinition {
  id?: string;
  name?: string;
  roleName?: string;
  roleType?: string;
  description?: string;
  permissions?: RawPermission[];
  assignableScopes?: string[];
  properties?: {
    roleName?: string;
    type?: string;
    description?: string;
    permissions?: RawPermission[];
    assignableScopes?: string[];
  };
}

export function toRoleDefinition(d: SdkOrRawDefinition): RoleDefinition | undefined {
  const p = d.properties;
  if (!d.id || !d.name) return undefined;
  const perms = (p?.permissions ?? d.permissions ?? []).map((x): RolePermission => ({
    actions: sortStrings(x.actions ?? []),
    notActions: sortStrings(x.notActions ?? []),
    dataActions: sortStrings(x.dataActions ?? []),
    notDataActions: sortStrings(x.notDataActions ?? []),
  }));
  return {
    id: d.id,
    name: d.name.toLowerCase(),
    roleName: p?.roleName ?? d.roleName ?? d.name,
    roleType: p?.type ?? d.roleType ?? "Unknown",
    description: str(p?.description ?? d.description),
    assignableScopes: sortStrings(p?.assignableScopes ?? d.assignableScopes ?? []),
    permissions: perms,
  };
}

export async function collectRoleDefinitions(
  ctx: CollectContext,
  subscriptionIds: string[],
  mgNames: string[],
): Promise<Section<RoleDefinition>> {
  return runSection<RoleDefinition>(
    ctx,
    "roleDefinitions",
    PERMISSION,
    async () => {
      const byName = new Map<string, RoleDefinition>();
      const add = (raw: SdkOrRawDefinition) => {
        const d = toRoleDefinition(raw);
        if (!d) return;
        const prev = byName.get(d.name);
        // keep the unscoped id when one is seen, else the smallest: the same whatever the order
        if (!prev || preferId(d.id, prev.id)) byName.set(d.name, d);
      };
      const gaps: CoverageGap[] = [];
      const authz = ctx.clients.authorization();

      // built-in roles: once
      const builtIn = async () => {
        try {
          await ctx.limit(async () => {
            for await (const page of ctx.clients.armPages<SdkOrRawDefinition>(
              "/providers/Microsoft.Authorization/roleDefinitions",
              ARM_API_VERSIONS.roleDefinitions,
              { $filter: "type eq 'BuiltInRole'" },
            ))
              page.forEach(add);
          });
        } catch (err) {
          if (isProgrammingError(err) || subscriptionIds.length === 0) throw err;
          try {
            await ctx.limit(async () => {
              for await (const d of authz.roleDefinitions.list(`subscriptions/${subscriptionIds[0]}`, {
                filter: "type eq 'BuiltInRole'",
              }))
                add(d);
            });
          } catch (err2) {
            if (isProgrammingError(err2)) throw err2;
            gaps.push(gapFrom("/", err2, PERMISSION));
          }
        }
      };
      const scopes = [
        ...mgNames.map((n) => `${MG_PROVIDER}${n}`),
        ...subscriptionIds.map((s) => `/subscriptions/${s}`),
      ];
      const [, custom] = await Promise.all([
        builtIn(),
        mapSettled(ctx.limit, scopes, async (scope) => {
          const found: SdkOrRawDefinition[] = [];
          for await (const d of authz.roleDefinitions.list(sdkScope(scope), { filter: "type eq 'CustomRole'" }))
            found.push(d);
          return found;
        }),
      ]);
      for (const r of custom) {
        if (r.ok) r.value.forEach(add);
        else if (isProgrammingError(r.error)) throw r.error;
        else gaps.push(gapFrom(r.item, r.error, PERMISSION));
      }
      return { items: [...byName.values()], gaps, attempted: scopes.length + 1 };
    },
    SECTION_ORDER.roleDefinitions,
  );
}

// A role definition id as an assignment names it: unscoped, or under a subscription or a
// management group. Anything else does not go into a request path.
const ROLE_DEFINITION_ID =
  /^(\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\/providers\/Microsoft\.Management\/managementGroups\/[\w.()-]{1,90})?\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Role definition lists return the roles applicable at the listed scope and above
 * (RoleDefinitions_List), so a custom role whose assignable scopes are all below a subscription
 * (a resource group) is in none of them. Every definition an assignment references and the lists
 * did not return is read by id; one that cannot be read is a gap, never a silently unknown role.
 */
export async function resolveReferencedRoleDefinitions(
  ctx: CollectContext,
  definitions: Section<RoleDefinition>,
  assignments: Section<RoleAssignment>,
): Promise<Section<RoleDefinition>> {
  if (definitions.status !== "ok" || assignments.status !== "ok") return definitions;
  const known = new Set(definitions.items.map((d) => d.name));
  const wanted = new Map<string, string>();
  for (const a of assignments.items) {
    const guid = a.roleDefinitionName.toLowerCase();
    if (!known.has(guid) && !wanted.has(guid)) wanted.set(guid, a.roleDefinitionId);
  }
  if (wanted.size === 0) return definitions;
  const gaps: CoverageGap[] = [...(definitions.gaps ?? [])];
  const found: RoleDefinition[] = [];
  const ids = [...wanted.values()].sort();
  const results = await mapSettled(ctx.limit, ids, async (id) => {
    if (!ROLE_DEFINITION_ID.test(id))
      throw new WireError(
        "arm",
        "shape",
        "ARM listed a role assignment whose roleDefinitionId is not a role definition id",
        "roleAssignments",
      );
    return ctx.clients.armJson<SdkOrRawDefinition>("GET", id, { apiVersion: ARM_API_VERSIONS.roleDefinitions });
  });
  for (const r of results) {
    if (r.ok) {
      const d = toRoleDefinition(r.value);
      if (d) found.push(d);
      else
        gaps.push({
          scope: r.item,
          reason: "ARM answered the role definition without an id or name",
          missingPermission: PERMISSION,
        });
    } else if (isProgrammingError(r.error)) throw r.error;
    else gaps.push(gapFrom(r.item, r.error, PERMISSION));
  }
  const items = sortBy([...definitions.items, ...found], (d) => d.id.toLowerCase());
  const notes = definitions.notes;
  return { status: "ok", items, ...(gaps.length ? { gaps } : {}), ...(notes?.length ? { notes } : {}) };
}
