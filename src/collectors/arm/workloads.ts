// Workloads (resources that run code) and user-assigned identities, with their identity blocks.
// Azure Resource Graph first (one paged query across every in-scope subscription); when it
// fails, `resources.list` per subscription with a resourceType $filter.
import type {
  CoverageGap,
  CoverageNote,
  ResourceIdentity,
  Section,
  UserAssignedIdentityRef,
  Workload,
} from "../../inventory/types.ts";
import { WORKLOAD_TYPES } from "../../inventory/workload-types.ts";
import { ARM_API_VERSIONS } from "../clients.ts";
import { mapSettled } from "../limit.ts";
import {
  describeError,
  gapFrom,
  isProgrammingError,
  runSection,
  str,
  tagsOf,
  type CollectContext,
} from "../section.ts";
import { WireError } from "../wire/errors.ts";
import { lastSegment, resourceGroupOf, subscriptionIdOf } from "../../arm/resource-id.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

/** The workload types, and user-assigned identities: the rules resolve which workloads carry them. */
export const COLLECTED_TYPES = [...WORKLOAD_TYPES, "Microsoft.ManagedIdentity/userAssignedIdentities"];

const PERMISSION = "Microsoft.Resources/subscriptions/resources/read";
const ARG_PAGE = 1000;
const ARG_MAX_SUBSCRIPTIONS = 1000;

export function workloadQuery(): string {
  const types = COLLECTED_TYPES.map((t) => `'${t.toLowerCase()}'`).join(", ");
  return `Resources | where type in~ (${types}) | project id, name, type, kind, location, subscriptionId, resourceGroup, tags, identity | order by id asc`;
}

interface RawIdentity {
  type?: string;
  principalId?: string | null;
  tenantId?: string | null;
  userAssignedIdentities?: Record<string, { principalId?: string | null; clientId?: string | null } | null> | null;
}

export interface RawResource {
  id?: string;
  name?: string;
  type?: string;
  kind?: string | null;
  location?: string | null;
  tags?: Record<string, string> | null;
  identity?: RawIdentity | null;
}

export function toIdentity(i: RawIdentity | null | undefined): ResourceIdentity | null {
  if (!i || typeof i !== "object" || Object.keys(i).length === 0) return null;
  const uai: Record<string, UserAssignedIdentityRef> = {};
  for (const k of Object.keys(i.userAssignedIdentities ?? {}).sort((a, b) =>
    a.toLowerCase() < b.toLowerCase() ? -1 : 1,
  )) {
    const v = i.userAssignedIdentities?.[k];
    uai[k] = {
      principalId: str(v?.principalId)?.toLowerCase() ?? null,
      clientId: str(v?.clientId)?.toLowerCase() ?? null,
    };
  }
  return {
    type: i.type ?? "None",
    principalId: str(i.principalId)?.toLowerCase() ?? null,
    tenantId: str(i.tenantId),
    userAssignedIdentities: uai,
  };
}

const CANONICAL = new Map(COLLECTED_TYPES.map((t) => [t.toLowerCase(), t]));

/** Resource Graph lowercases types, ARM does not: one spelling whichever answered. */
export function canonicalType(type: string): string {
  return CANONICAL.get(type.toLowerCase()) ?? type;
}

export function toWorkload(r: RawResource): Workload | undefined {
  if (!r.id || !r.type) return undefined;
  const sub = subscriptionIdOf(r.id);
  if (!sub) return undefined;
  return {
    id: r.id,
    name: r.name ?? lastSegment(r.id),
    type: canonicalType(r.type),
    kind: str(r.kind) || null,
    location: str(r.location) || null,
    subscriptionId: sub,
    resourceGroup: resourceGroupOf(r.id) ?? "",
    tags: tagsOf(r.tags),
    identity: toIdentity(r.identity),
  };
}

/** A resource group as ARM lists it (`resourceGroups.list()`, and `az group list` prints it): what the mapping reads. */
export interface RawResourceGroup {
  id?: string | null;
  managedBy?: string | null;
}

/**
 * Each workload with the `managedBy` of its resource group: the service that manages the group (AKS
 * node groups, Databricks, managed applications…), or null for a customer's own group and for a
 * group that is not among `groups` (its subscription's groups could not be listed: judged as the
 * customer's own). Pure: the live collector and the az export source both map through it.
 */
export function withResourceGroupManagers(workloads: Workload[], groups: Iterable<RawResourceGroup>): Workload[] {
  const managed = new Map<string, string>();
  for (const rg of groups) {
    const by = str(rg.managedBy);
    if (rg.id && by) managed.set(rg.id.toLowerCase(), by);
  }
  return workloads.map((w) => ({
    ...w,
    resourceGroupManagedBy:
      managed.get(`/subscriptions/${w.subscriptionId}/resourcegroups/${w.resourceGroup}`.toLowerCase()) ?? null,
  }));
}

/** The subscriptions whose resource groups are listed: those holding workloads, sorted. */
export function subscriptionsHoldingWorkloads(workloads: Workload[]): string[] {
  return [...new Set(workloads.map((w) => w.subscriptionId.toLowerCase()))].sort();
}

/**
 * The resource groups of the subscriptions that hold workloads, for their `managedBy`. Enrichment:
 * a subscription whose groups cannot be listed leaves its workloads' field null (judged as the
 * customer's own), it does not make the section partial.
 */
async function withResourceGroupOwners(ctx: CollectContext, workloads: Workload[]): Promise<Workload[]> {
  const groups: RawResourceGroup[] = [];
  const results = await mapSettled(ctx.limit, subscriptionsHoldingWorkloads(workloads), async (sub) => {
    for await (const rg of ctx.clients.resources(sub).resourceGroups.list()) groups.push(rg);
  });
  for (const r of results) if (!r.ok && isProgrammingError(r.error)) throw r.error;
  return withResourceGroupManagers(workloads, groups);
}

/** Which subscriptions Resource Graph answered for: it leaves out, without an error, those it does not cover. */
export const SUBSCRIPTIONS_QUERY =
  "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project subscriptionId";

const ARG_SCOPE = "/providers/Microsoft.ResourceGraph/resources";

export async function collectWorkloads(ctx: CollectContext, subscriptionIds: string[]): Promise<Section<Workload>> {
  return runSection<Workload>(
    ctx,
    "workloads",
    PERMISSION,
    async () => {
      if (subscriptionIds.length === 0) return { items: [] };
      const byId = new Map<string, Workload>();
      const notes: CoverageNote[] = [];
      // Resource Graph first; the subscriptions it failed for or silently left out are listed one
      // by one, and the coverage says how many (a counted fallback, never just a progress line).
      let fallback = subscriptionIds;
      try {
        const [rows, covered] = await Promise.all([
          argRows(ctx, subscriptionIds, workloadQuery()),
          argRows(ctx, subscriptionIds, SUBSCRIPTIONS_QUERY),
        ]);
        for (const r of rows) {
          const w = toWorkload(r);
          if (w) byId.set(w.id.toLowerCase(), w);
        }
        const answered = new Set(
          covered.map((r) => {
            const sub = (r as { subscriptionId?: unknown }).subscriptionId;
            return typeof sub === "string" ? sub.toLowerCase() : "";
          }),
        );
        fallback = subscriptionIds.filter((s) => !answered.has(s));
        if (fallback.length > 0) {
          const named = fallback.slice(0, 5).join(", ") + (fallback.length > 5 ? ", …" : "");
          notes.push({
            scope: ARG_SCOPE,
            reason: `Resource Graph did not answer for ${fallback.length} of ${subscriptionIds.length} subscriptions (${named}); their resources were listed per subscription instead`,
          });
        }
      } catch (err) {
        if (isProgrammingError(err)) throw err;
        const reason = describeError(err).reason;
        ctx.progress.section(
          "workloads",
          "started",
          `Resource Graph failed (${reason}); listing resources per subscription`,
        );
        notes.push({
          scope: ARG_SCOPE,
          reason: `Resource Graph failed (${reason}); all ${subscriptionIds.length} subscriptions were listed per subscription instead`,
        });
        byId.clear();
      }
      if (fallback.length === 0) return { items: await withResourceGroupOwners(ctx, [...byId.values()]), notes };
      const gaps: CoverageGap[] = [];
      const filter = COLLECTED_TYPES.map((t) => `resourceType eq '${t}'`).join(" or ");
      const results = await mapSettled(ctx.limit, fallback, async (sub) => {
        for await (const r of ctx.clients.resources(sub).resources.list({ filter })) {
          const w = toWorkload(r);
          if (w) byId.set(w.id.toLowerCase(), w);
        }
      });
      for (const r of results) {
        if (r.ok) continue;
        if (isProgrammingError(r.error)) throw r.error;
        gaps.push(gapFrom(`/subscriptions/${r.item}`, r.error, PERMISSION));
      }
      return { items: await withResourceGroupOwners(ctx, [...byId.values()]), gaps, notes, attempted: fallback.length };
    },
    SECTION_ORDER.workloads,
  );
}

/** Every row of a Resource Graph query over the subscriptions, page by page, under the wire guards. */
async function argRows(ctx: CollectContext, subscriptionIds: string[], query: string): Promise<RawResource[]> {
  const out: RawResource[] = [];
  const chunks: string[][] = [];
  for (let i = 0; i < subscriptionIds.length; i += ARG_MAX_SUBSCRIPTIONS)
    chunks.push(subscriptionIds.slice(i, i + ARG_MAX_SUBSCRIPTIONS));
  const url = "/providers/Microsoft.ResourceGraph/resources";
  for (const subscriptions of chunks) {
    let skipToken: string | undefined;
    // Resource Graph pages by a token in the body, not a link: the same guards as next links
    const seen = new Set<string>();
    let pages = 0;
    do {
      const options: Record<string, unknown> = { $top: ARG_PAGE, resultFormat: "objectArray" };
      if (skipToken) options.$skipToken = skipToken;
      const page = await ctx.limit(() =>
        ctx.clients.armJson("POST", "/providers/Microsoft.ResourceGraph/resources", {
          apiVersion: ARM_API_VERSIONS.resourceGraph,
          body: { subscriptions, query, options },
        }),
      );
      const {
        data: rows,
        resultTruncated,
        $skipToken,
      } = page !== null && typeof page === "object"
        ? (page as { data?: unknown; resultTruncated?: unknown; $skipToken?: unknown })
        : {};
      if (!Array.isArray(rows))
        throw new WireError("arm", "shape", "Resource Graph answered without an object array in `data`", url);
      const data: unknown[] = rows;
      if (data.length > ARG_PAGE)
        throw new WireError(
          "arm",
          "page-too-large",
          `Resource Graph answered with ${data.length} rows where at most ${ARG_PAGE} were asked; refused`,
          url,
        );
      // a truncated answer is part of the data passed off as all of it
      if (resultTruncated === "true" || resultTruncated === true)
        throw new WireError("arm", "shape", "Resource Graph answered with resultTruncated true", url);
      for (const [i, r] of data.entries()) {
        if (!r || typeof r !== "object" || Array.isArray(r))
          throw new WireError("arm", "shape", `Resource Graph answered with data[${i}] that is not an object`, url);
        out.push(r);
      }
      skipToken = typeof $skipToken === "string" && $skipToken ? $skipToken : undefined;
      if (skipToken && seen.has(skipToken))
        throw new WireError(
          "arm",
          "paging-loop",
          "Resource Graph answered with a $skipToken it had given before; the walk was ended",
          url,
        );
      if (skipToken && ++pages >= ctx.clients.limits.maxPages)
        throw new WireError(
          "arm",
          "too-many-pages",
          `Resource Graph went on past ${ctx.clients.limits.maxPages} pages; the walk was ended`,
          url,
        );
      if (skipToken) seen.add(skipToken);
    } while (skipToken);
  }
  return out;
}
