// A scan split across machines: which part collects what. Every shard lists all subscriptions
// (one cheap list) and collects the subscription-scoped sections only for its share; the
// tenant-wide sections (Graph, and ARM at management groups and the root) are collected by
// exactly one part: shard 1, or a separate `--part graph` when the shards run `--part arm`.
import { createHash } from "node:crypto";
import { UsageError } from "../errors.ts";
import type { CollectPart } from "../collectors/index.ts";
import type { SectionName, OptionalSectionName, SupplementarySectionName } from "../inventory/types.ts";

export type AnySectionName = SectionName | OptionalSectionName | SupplementarySectionName;

/**
 * `shard`: shard I of N, and shard 1 also owns the tenant-wide sections; `arm`: shard I of N
 * without them; `graph`: only the tenant-wide sections, for shards that run `--part arm`.
 */
export type PartKind = "shard" | "arm" | "graph";

export interface PartId {
  kind: PartKind;
  /** 1-based; null for the graph part */
  index: number | null;
  count: number | null;
}

/** Graph sections: only the tenant-wide part collects them. */
export const GRAPH_SECTIONS = [
  "applications",
  "servicePrincipals",
  "appPermissionGrants",
  "delegatedGrants",
  "directoryRoleAssignments",
  "directoryRoleEligibilities",
  "credentialSignIns",
] as const satisfies readonly AnySectionName[];

/** ARM sections read per subscription and also at management groups and the root. */
export const SCOPED_SECTIONS = [
  "roleAssignments",
  "roleDefinitions",
  "roleEligibilities",
] as const satisfies readonly AnySectionName[];

/** ARM sections read only per subscription. */
export const SUBSCRIPTION_SECTIONS = ["workloads", "defender"] as const satisfies readonly AnySectionName[];

/**
 * Read by every part that needs them: the tenant (it names the part's tenant), management groups
 * (subscriptions' parents, the tenant-wide walk), and the principals and groups the part's own
 * sections name. Merging unions them by id.
 */
export const SHARED_SECTIONS = [
  "tenant",
  "managementGroups",
  "subscriptions",
  "principals",
  "groups",
] as const satisfies readonly AnySectionName[];

export function tenantWide(p: PartId): boolean {
  return p.kind === "graph" || (p.kind === "shard" && p.index === 1);
}

/** The sections a part's file holds, in inventory order. */
export function sectionsOf(p: PartId): AnySectionName[] {
  const names: AnySectionName[] = [...SHARED_SECTIONS, ...SCOPED_SECTIONS];
  if (p.kind === "graph") return [...names.filter((n) => n !== "subscriptions"), ...GRAPH_SECTIONS];
  return [...names, ...SUBSCRIPTION_SECTIONS, ...(tenantWide(p) ? GRAPH_SECTIONS : [])];
}

/**
 * The shard (1..count) a subscription belongs to: a hash of its lowercased id, so a subscription
 * stays in its shard when others are added or removed (list position would move them all).
 */
export function shardOf(subscriptionId: string, count: number): number {
  const digest = createHash("sha256").update(subscriptionId.toLowerCase()).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function collectPlan(p: PartId): CollectPart {
  return {
    listSubscriptions: p.kind !== "graph",
    ownsSubscription: (id) => p.index !== null && p.count !== null && shardOf(id, p.count) === p.index,
    tenantWide: tenantWide(p),
  };
}

export function partName(p: PartId): string {
  return p.kind === "graph" ? "part graph" : `shard ${p.index}/${p.count}${p.kind === "arm" ? " (--part arm)" : ""}`;
}

const SHARD_FORM = "--shard I/N with whole numbers 1 ≤ I ≤ N, e.g. --shard 2/8";

/** `--shard I/N` and `--part arm|graph` → the part, or undefined for an unsplit scan. */
export function parsePart(shard: string | undefined, part: string | undefined): PartId | undefined {
  if (part !== undefined && part !== "arm" && part !== "graph")
    throw new UsageError(
      `--part ${JSON.stringify(part)} is not valid`,
      "use --part arm (with --shard I/N) or --part graph",
    );
  if (part === "graph") {
    if (shard !== undefined)
      throw new UsageError(
        "--part graph is one part of its own, not a shard",
        "run it without --shard, beside shards that run --shard I/N --part arm",
      );
    return { kind: "graph", index: null, count: null };
  }
  if (shard === undefined) {
    if (part === "arm") throw new UsageError("--part arm needs --shard I/N", `give ${SHARD_FORM}`);
    return undefined;
  }
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(shard.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index < 1 || count < 1 || index > count)
    throw new UsageError(`--shard ${JSON.stringify(shard)} is not a shard of a split scan`, `give ${SHARD_FORM}`);
  return { kind: part === "arm" ? "arm" : "shard", index, count };
}
