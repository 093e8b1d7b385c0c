// Azure PIM eligible role assignments (roleEligibilityScheduleInstances) at every scope role
// assignments are read at (the walk: scope-walk.ts). A tenant without Entra ID P2 answers 400
// AadPremiumLicenseRequired everywhere: that is "no eligible assignments", a note, not a gap.
import type { CoverageGap, CoverageNote, RoleEligibility, Section } from "../../inventory/types.ts";
import { NO_P2_NOTE, isNoP2Answer } from "../pim-license.ts";
import { gapFrom, iso, runSection, str, type CollectContext } from "../section.ts";
import { roleGrantCore, type SdkOrRawGrantFields } from "./role-grant.ts";
import { walkArmScopes } from "./scope-walk.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

const PERMISSION = "Microsoft.Authorization/roleEligibilityScheduleInstances/read";
/** the api-version @azure/arm-authorization uses for this operation */
const API_VERSION = "2020-10-01";

export interface SdkOrRawEligibility extends SdkOrRawGrantFields {
  id?: string;
  memberType?: string;
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
  const core = roleGrantCore(e, p);
  if (!e.id || !core) return undefined;
  return {
    id: e.id,
    ...core,
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
      const walk = await walkArmScopes(
        ctx,
        subscriptionIds,
        mgNames,
        {
          atSubscription: (sub) =>
            ctx.clients.authorization(sub).roleEligibilityScheduleInstances.listForScope(`subscriptions/${sub}`),
          atManagementGroup: (scope, options) =>
            ctx.clients.authorization().roleEligibilityScheduleInstances.listForScope(scope, options),
          root: {
            path: "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances",
            apiVersion: API_VERSION,
          },
        },
        toRoleEligibility,
        withRoot,
      );
      const unlicensed = walk.failures.filter((f) => isNoP2Answer(f.error));
      const gaps: CoverageGap[] = walk.failures
        .filter((f) => !isNoP2Answer(f.error))
        .map((f) => gapFrom(f.scope, f.error, PERMISSION));
      const notes: CoverageNote[] = unlicensed.length > 0 ? [{ scope: "/", reason: NO_P2_NOTE }] : [];
      return { items: walk.items, gaps, notes, attempted: walk.attempted };
    },
    SECTION_ORDER.roleEligibilities,
  );
}
