// Subscriptions the caller can see (arm-resources-subscriptions), narrowed to the scan's scope,
// with the management group each one sits in.
import type { CoverageGap, CoverageNote, Subscription, Section } from "../../inventory/types.ts";
import { runSection, tagsOf, type CollectContext } from "../section.ts";
import { WireError } from "../wire/errors.ts";
import { isGuid } from "../../inventory/guid.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

export interface SubscriptionScope {
  subscriptions?: string[];
  excludeSubscriptions?: string[];
  /** keep subscriptions whose home tenant is another one (Azure Lighthouse); default: excluded */
  includeOtherTenants?: boolean;
}

export interface SubscriptionsResult {
  section: Section<Subscription>;
  /** lowercased ids of the in-scope subscriptions, sorted */
  ids: string[];
}

/**
 * `homeTenant` is the scanned tenant's id (null when unknown): a subscription ARM lists with
 * another `tenantId` is delegated from that tenant through Azure Lighthouse. Its directory is
 * not this one, so by default it is left out and named in the coverage.
 */
export async function collectSubscriptions(
  ctx: CollectContext,
  scope: SubscriptionScope,
  parentOf: Promise<Map<string, string> | null>,
  homeTenant: Promise<string | null> = Promise.resolve(null),
): Promise<SubscriptionsResult> {
  const ids: string[] = [];
  const section = await runSection<Subscription>(
    ctx,
    "subscriptions",
    "Microsoft.Resources/subscriptions/read",
    async () => {
      const want = scope.subscriptions?.length ? new Set(scope.subscriptions.map((s) => s.toLowerCase())) : undefined;
      const exclude = new Set((scope.excludeSubscriptions ?? []).map((s) => s.toLowerCase()));
      const items: Subscription[] = [];
      const seen = new Set<string>();
      const raw: Array<Omit<Subscription, "managementGroupId">> = [];
      const notes: CoverageNote[] = [];
      const home = (await homeTenant)?.toLowerCase() ?? null;
      for await (const s of ctx.clients.subscriptions.subscriptions.list()) {
        const id = (s.subscriptionId ?? "").toLowerCase();
        // the id goes into every ARM path of the scan: a GUID or the answer is not believed
        if (!isGuid(id))
          throw new WireError(
            "arm",
            "shape",
            "ARM listed a subscription whose subscriptionId is not a GUID",
            "/subscriptions",
          );
        if (seen.has(id)) continue;
        seen.add(id);
        if (want && !want.has(id)) continue;
        if (exclude.has(id)) continue;
        const tenantId = isGuid(s.tenantId) ? s.tenantId.toLowerCase() : null;
        const foreign = home !== null && tenantId !== null && tenantId !== home;
        if (foreign && !scope.includeOtherTenants) {
          notes.push({
            scope: `/subscriptions/${id}`,
            reason: `excluded: its home tenant is ${tenantId}, not the scanned tenant (delegated through Azure Lighthouse); scan it with --include-other-tenants`,
          });
          continue;
        }
        raw.push({
          id: `/subscriptions/${id}`,
          subscriptionId: id,
          displayName: s.displayName ?? id,
          state: s.state ?? "Unknown",
          tags: tagsOf(s.tags),
          ...(foreign ? { tenantId } : {}),
        });
      }
      const parents = await parentOf;
      for (const r of raw) {
        items.push({ ...r, managementGroupId: parents?.get(r.subscriptionId) ?? null });
        ids.push(r.subscriptionId);
      }
      const gaps: CoverageGap[] = [];
      for (const w of want ?? []) {
        if (!seen.has(w))
          gaps.push({
            scope: `/subscriptions/${w}`,
            reason: "the subscription named in the scan scope is not visible to the caller (not found or no access)",
            missingPermission: "Microsoft.Resources/subscriptions/read",
          });
      }
      ids.sort();
      return { items, gaps, notes };
    },
    SECTION_ORDER.subscriptions,
  );
  return { section, ids: section.status === "ok" ? ids : [] };
}
