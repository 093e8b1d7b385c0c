// Role assignments at every scope level (the walk: scope-walk.ts). Assignments at "/" are only
// listed to an identity with elevated access; a management group's list includes them.
import type { CoverageGap, RoleAssignment, Section } from "../../inventory/types.ts";
import { ARM_API_VERSIONS } from "../clients.ts";
import { gapFrom, iso, runSection, str, type CollectContext } from "../section.ts";
import { lastSegment } from "../../arm/resource-id.ts";
import { roleGrantCore, type SdkOrRawGrantFields } from "./role-grant.ts";
import { walkArmScopes } from "./scope-walk.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

const PERMISSION = "Microsoft.Authorization/roleAssignments/read";

export interface SdkOrRawAssignment extends SdkOrRawGrantFields {
  id?: string;
  name?: string;
  createdOn?: Date | string;
  properties?: SdkOrRawGrantFields & { createdOn?: string };
}

export function toRoleAssignment(a: SdkOrRawAssignment): RoleAssignment | undefined {
  const p = a.properties ?? {};
  const core = roleGrantCore(a, p);
  if (!a.id || !core) return undefined;
  const created = p.createdOn ?? a.createdOn;
  const createdDate = created instanceof Date ? created : typeof created === "string" ? new Date(created) : undefined;
  return {
    id: a.id,
    name: a.name ?? lastSegment(a.id),
    ...core,
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
      const walk = await walkArmScopes(
        ctx,
        subscriptionIds,
        mgNames,
        {
          atSubscription: (sub) => ctx.clients.authorization(sub).roleAssignments.listForSubscription(),
          atManagementGroup: (scope, options) =>
            ctx.clients.authorization().roleAssignments.listForScope(scope, options),
          root: {
            path: "/providers/Microsoft.Authorization/roleAssignments",
            apiVersion: ARM_API_VERSIONS.roleAssignments,
          },
        },
        toRoleAssignment,
        withRoot,
      );
      const gaps: CoverageGap[] = walk.failures.map((f) => gapFrom(f.scope, f.error, PERMISSION));
      return { items: walk.items, gaps, attempted: walk.attempted };
    },
    SECTION_ORDER.roleAssignments,
  );
}
