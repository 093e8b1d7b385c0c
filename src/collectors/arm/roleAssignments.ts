// Role assignments at every scope level. A subscription list returns what applies there (from
// management groups and root above, and resource groups/resources below); each management group
// and the root are also listed with atScope(), so groups without subscriptions are covered.
// Deduped by lowercased id: an assignment inherited from a management group appears in every
// subscription's list.
import type { CoverageGap, RoleAssignment, Section } from "../../inventory/types.ts";
import { ARM_API_VERSIONS } from "../clients.ts";
import { mapSettled } from "../limit.ts";
import { gapFrom, iso, isProgrammingError, runSection, str, type CollectContext } from "../section.ts";
import { lastSegment, MG_PROVIDER, scopeLevel, subscriptionIdOf, subscriptionScope } from "../../arm/resource-id.ts";
import { sdkScope } from "./scopes.ts";

const PERMISSION = "Microsoft.Authorization/roleAssignments/read";

export interface SdkOrRawAssignment {
  id?: string;
  name?: string;
  scope?: string;
  roleDefinitionId?: string;
  principalId?: string;
  principalType?: string;
  condition?: string | null;
  conditionVersion?: string | null;
  createdOn?: Date | string;
  properties?: {
    scope?: string;
    roleDefinitionId?: string;
    principalId?: string;
    principalType?: string;
    condition?: string | null;
    conditionVersion?: string | null;
    createdOn?: string;
  };
}

export function toRoleAssignment(a: SdkOrRawAssignment): RoleAssignment | undefined {
  const p = a.properties ?? {};
  const scope = p.scope ?? a.scope;
  const roleDefinitionId = p.roleDefinitionId ?? a.roleDefinitionId;
  const principalId = p.principalId ?? a.principalId;
  if (!a.id || !scope || !roleDefinitionId || !principalId) return undefined;
  const created = p.createdOn ?? a.createdOn;
  const createdDate = created instanceof Date ? created : typeof created === "string" ? new Date(created) : undefined;
  return {
    id: a.id,
    name: a.name ?? lastSegment(a.id),
    scope,
    scopeLevel: scopeLevel(scope),
    subscriptionId: subscriptionIdOf(scope),
    roleDefinitionId,
    roleDefinitionName: lastSegment(roleDefinitionId).toLowerCase(),
    principalId: principalId.toLowerCase(),
    principalType: p.principalType ?? a.principalType ?? "Unknown",
    condition: str(p.condition ?? a.condition),
    conditionVersion: str(p.conditionVersion ?? a.conditionVersion),
    // one format whichever API path returned it (SDK Date or raw string)
    createdOn: createdDate && !Number.isNaN(createdDate.getTime()) ? createdDate.toISOString() : iso(created),
  };
}

export async function collectRoleAssignments(
  ctx: CollectContext,
  subscriptionIds: string[],
  mgNames: string[],
  /** false in a shard of a split scan that leaves the tenant's root scope to another part */
  withRoot = true,
): Promise<Section<RoleAssignment>> {
  return runSection<RoleAssignment>(
    ctx,
    "roleAssignments",
    PERMISSION,
    async () => {
      const byId = new Map<string, RoleAssignment>();
      const add = (raw: SdkOrRawAssignment) => {
        const a = toRoleAssignment(raw);
        if (a && !byId.has(a.id.toLowerCase())) byId.set(a.id.toLowerCase(), a);
      };
      const gaps: CoverageGap[] = [];
      const fail = (scope: string, err: unknown) => {
        if (isProgrammingError(err)) throw err;
        gaps.push(gapFrom(scope, err, PERMISSION));
      };

      const subs = await mapSettled(ctx.limit, subscriptionIds, async (sub) => {
        for await (const a of ctx.clients.authorization(sub).roleAssignments.listForSubscription()) add(a);
      });
      const mgScopes = mgNames.map((n) => `${MG_PROVIDER}${n}`);
      const mgs = await mapSettled(ctx.limit, mgScopes, async (scope) => {
        for await (const a of ctx.clients
          .authorization()
          .roleAssignments.listForScope(sdkScope(scope), { filter: "atScope()" }))
          add(a);
      });
      const root = await mapSettled(ctx.limit, withRoot ? ["/"] : [], async () => {
        for await (const page of ctx.clients.armPages<SdkOrRawAssignment>(
          "/providers/Microsoft.Authorization/roleAssignments",
          ARM_API_VERSIONS.roleAssignments,
          { $filter: "atScope()" },
        ))
          page.forEach(add);
      });
      for (const r of subs) if (!r.ok) fail(subscriptionScope(r.item), r.error);
      for (const r of mgs) if (!r.ok) fail(r.item, r.error);
      // Root needs elevated access. An atScope() list at any management group already returns the
      // assignments at "/" (inherited), so a denied root list loses nothing once a group was read.
      const anyMgRead = mgs.some((r) => r.ok);
      for (const r of root) if (!r.ok && !(anyMgRead && !isProgrammingError(r.error))) fail("/", r.error);
      const attempted = subscriptionIds.length + mgScopes.length + (anyMgRead || !withRoot ? 0 : 1);
      return { items: [...byId.values()], gaps, attempted };
    },
    (a) => a.id.toLowerCase(),
  );
}
