// Azure PIM eligible role assignments (roleEligibilityScheduleInstances) at every scope role
// assignments are read at: each subscription (at, above and below it), each management group and
// the root with atScope(). Deduped by lowercased id. A tenant without Entra ID P2 answers 400
// AadPremiumLicenseRequired everywhere: that is "no eligible assignments", a note, not a gap.
import type { CoverageGap, CoverageNote, RoleEligibility, Section } from "../../inventory/types.ts";
import { mapSettled } from "../limit.ts";
import { NO_P2_NOTE, isNoP2Answer } from "../pim-license.ts";
import { gapFrom, iso, isProgrammingError, runSection, str, type CollectContext } from "../section.ts";
import { lastSegment, MG_PROVIDER, scopeLevel, subscriptionIdOf } from "../../arm/resource-id.ts";
import { sdkScope } from "./scopes.ts";

const PERMISSION = "Microsoft.Authorization/roleEligibilityScheduleInstances/read";
/** the api-version @azure/arm-authorization uses for this operation */
const API_VERSION = "2020-10-01";

export interface SdkOrRawEligibility {
  id?: string;
  scope?: string;
  roleDefinitionId?: string;
  principalId?: string;
  principalType?: string;
  memberType?: string;
  condition?: string | null;
  conditionVersion?: string | null;
  startDateTime?: Date | string | null;
  endDateTime?: Date | string | null;
  properties?: Omit<SdkOrRawEligibility, "id" | "properties">;
}

function isoOf(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return iso(v);
}

export function toRoleEligibility(e: SdkOrRawEligibility): RoleEligibility | undefined {
  const p = e.properties ?? {};
  const scope = p.scope ?? e.scope;
  const roleDefinitionId = p.roleDefinitionId ?? e.roleDefinitionId;
  const principalId = p.principalId ?? e.principalId;
  if (!e.id || !scope || !roleDefinitionId || !principalId) return undefined;
  return {
    id: e.id,
    scope,
    scopeLevel: scopeLevel(scope),
    subscriptionId: subscriptionIdOf(scope),
    roleDefinitionId,
    roleDefinitionName: lastSegment(roleDefinitionId).toLowerCase(),
    principalId: principalId.toLowerCase(),
    principalType: p.principalType ?? e.principalType ?? "Unknown",
    memberType: str(p.memberType ?? e.memberType),
    condition: str(p.condition ?? e.condition),
    conditionVersion: str(p.conditionVersion ?? e.conditionVersion),
    startDateTime: isoOf(p.startDateTime ?? e.startDateTime),
    endDateTime: isoOf(p.endDateTime ?? e.endDateTime),
  };
}

export async function collectRoleEligibilities(
  ctx: CollectContext,
  subscriptionIds: string[],
  mgNames: string[],
  /** false in a shard of a split scan that leaves the tenant's root scope to another part */
  withRoot = true,
): Promise<Section<RoleEligibility>> {
  return runSection<RoleEligibility>(
    ctx,
    "roleEligibilities",
    PERMISSION,
    async () => {
      const byId = new Map<string, RoleEligibility>();
      const add = (raw: SdkOrRawEligibility) => {
        const e = toRoleEligibility(raw);
        if (e && !byId.has(e.id.toLowerCase())) byId.set(e.id.toLowerCase(), e);
      };
      const gaps: CoverageGap[] = [];
      const notes: CoverageNote[] = [];
      const unlicensed = new Set<string>();
      const fail = (scope: string, err: unknown) => {
        if (isProgrammingError(err)) throw err;
        if (isNoP2Answer(err)) unlicensed.add(scope);
        else gaps.push(gapFrom(scope, err, PERMISSION));
      };
      const subs = await mapSettled(ctx.limit, subscriptionIds, async (sub) => {
        for await (const e of ctx.clients
          .authorization(sub)
          .roleEligibilityScheduleInstances.listForScope(`subscriptions/${sub}`))
          add(e);
      });
      const mgScopes = mgNames.map((n) => `${MG_PROVIDER}${n}`);
      const mgs = await mapSettled(ctx.limit, mgScopes, async (scope) => {
        for await (const e of ctx.clients
          .authorization()
          .roleEligibilityScheduleInstances.listForScope(sdkScope(scope), { filter: "atScope()" }))
          add(e);
      });
      const root = await mapSettled(ctx.limit, withRoot ? ["/"] : [], async () => {
        for await (const page of ctx.clients.armPages<SdkOrRawEligibility>(
          "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances",
          API_VERSION,
          { $filter: "atScope()" },
        ))
          page.forEach(add);
      });
      for (const r of subs) if (!r.ok) fail(`/subscriptions/${r.item}`, r.error);
      for (const r of mgs) if (!r.ok) fail(r.item, r.error);
      // as for role assignments: a management group's atScope() list includes what is at "/"
      const anyMgRead = mgs.some((r) => r.ok);
      for (const r of root) if (!r.ok && !(anyMgRead && !isProgrammingError(r.error))) fail("/", r.error);
      if (unlicensed.size > 0) notes.push({ scope: "/", reason: NO_P2_NOTE });
      const attempted = subscriptionIds.length + mgScopes.length + (anyMgRead || !withRoot ? 0 : 1);
      return { items: [...byId.values()], gaps, notes, attempted };
    },
    (e) => e.id.toLowerCase(),
  );
}
