// Management groups with their parents, and which management group each subscription sits in.
// One list, then one GET ?$expand=children per group (parent + direct children, subscriptions
// included): ARM's list answer does not carry parents.
import type { CoverageGap, ManagementGroup, Section } from "../../inventory/types.ts";
import { ARM_API_VERSIONS } from "../clients.ts";
import { mapSettled } from "../limit.ts";
import { gapFrom, isProgrammingError, runSection, str, type CollectContext } from "../section.ts";
import { WireError } from "../wire/errors.ts";
import { isSubscriptionScope, subscriptionIdOf } from "../../arm/resource-id.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

const PERMISSION = "Microsoft.Management/managementGroups/read";

export interface ArmMg {
  id: string;
  name: string;
  properties?: {
    displayName?: string;
    details?: { parent?: { id?: string | null } | null };
    children?: Array<{ id?: string; type?: string; name?: string }> | null;
  };
}

export interface ManagementGroupsResult {
  section: Section<ManagementGroup>;
  /** lowercased subscription id → management group id */
  subscriptionParent: Map<string, string>;
  /** management group names that were listed (for role assignment listing) */
  names: string[];
}

/**
 * A management group from its list entry and, when it could be read, its `$expand=children`
 * answer (which alone carries the parent), with the lowercased ids of its direct subscriptions.
 */
export function toManagementGroup(
  listed: ArmMg,
  detail: ArmMg | null,
): { item: ManagementGroup; subscriptions: string[] } {
  let parentId = str(listed.properties?.details?.parent?.id);
  let displayName = listed.properties?.displayName ?? listed.name;
  const subscriptions: string[] = [];
  if (detail) {
    parentId = str(detail.properties?.details?.parent?.id) ?? null;
    displayName = detail.properties?.displayName ?? displayName;
    for (const c of detail.properties?.children ?? []) {
      const sub = typeof c.id === "string" && isSubscriptionScope(c.id) ? subscriptionIdOf(c.id) : null;
      if (sub !== null) subscriptions.push(sub);
    }
  }
  return { item: { id: listed.id, name: listed.name, displayName, parentId: parentId ?? null }, subscriptions };
}

export async function collectManagementGroups(ctx: CollectContext): Promise<ManagementGroupsResult> {
  const subscriptionParent = new Map<string, string>();
  const names: string[] = [];
  const section = await runSection<ManagementGroup>(
    ctx,
    "managementGroups",
    PERMISSION,
    async () => {
      const listed: ArmMg[] = [];
      for await (const page of ctx.clients.armPages<ArmMg>(
        "/providers/Microsoft.Management/managementGroups",
        ARM_API_VERSIONS.managementGroups,
      )) {
        // names go into ARM paths: ARM allows letters, digits, - _ ( ) . and at most 90 of them
        const bad = page.find((mg) => typeof mg.name !== "string" || !/^[\w.()-]{1,90}$/.test(mg.name));
        if (bad)
          throw new WireError(
            "arm",
            "shape",
            "ARM listed a management group whose name is not a valid management group name",
            "/providers/Microsoft.Management/managementGroups",
          );
        for (const mg of page)
          listed.push({
            id: mg.id,
            name: mg.name,
            properties: { displayName: mg.properties?.displayName, details: mg.properties?.details },
          });
      }
      const gaps: CoverageGap[] = [];
      const details = await mapSettled(ctx.limit, listed, (mg) =>
        ctx.clients.armJson<ArmMg>(
          "GET",
          `/providers/Microsoft.Management/managementGroups/${encodeURIComponent(mg.name)}`,
          {
            apiVersion: ARM_API_VERSIONS.managementGroups,
            query: { $expand: "children" },
          },
        ),
      );
      const items: ManagementGroup[] = [];
      for (const d of details) {
        const mg = d.item;
        if (!d.ok) {
          if (isProgrammingError(d.error)) throw d.error;
          gaps.push(gapFrom(mg.id, d.error, PERMISSION));
        }
        const { item, subscriptions } = toManagementGroup(mg, d.ok ? d.value : null);
        for (const sub of subscriptions) subscriptionParent.set(sub, mg.id);
        names.push(mg.name);
        items.push(item);
      }
      return { items, gaps };
    },
    SECTION_ORDER.managementGroups,
  );
  return { section, subscriptionParent, names: section.status === "ok" ? names : [] };
}
