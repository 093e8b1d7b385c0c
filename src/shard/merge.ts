// The parts of a split scan → one Inventory, equal to what one unsplit scan collects: sections
// concatenated, deduped and ordered exactly as the collectors order them. A part that is missing,
// or a section a part could not collect, becomes what the unsplit scan would have reported for the
// same scopes: gaps at its subscriptions (or at "/"), or an unavailable section.
import { InputError } from "../errors.ts";
import { preferId } from "../collectors/arm/role-definition-id.ts";
import { sortBy, sortGaps } from "../collectors/section.ts";
import {
  INVENTORY_SCHEMA_VERSION,
  type CoverageGap,
  type CoverageNote,
  type Inventory,
  type RoleDefinition,
  type Section,
  type Subscription,
} from "../inventory/types.ts";
import { SECTION_ORDER } from "../inventory/section-order.ts";
import type { PartFile } from "./part-file.ts";
import {
  GRAPH_SECTIONS,
  SCOPED_SECTIONS,
  SUBSCRIPTION_SECTIONS,
  partName,
  shardOf,
  tenantWide,
  type AnySectionName,
} from "./plan.ts";

type Item = Record<string, unknown>;
const ALL_SECTIONS = Object.keys(SECTION_ORDER) as AnySectionName[];
const SCOPED: readonly AnySectionName[] = [...SCOPED_SECTIONS, ...SUBSCRIPTION_SECTIONS];

export interface Merged {
  inventory: Inventory;
  /** one line each, for stderr: missing parts */
  warnings: string[];
}

/** Joins the parts; throws an InputError (exit 2) naming the file for a duplicate, foreign or mismatched part. */
export function mergeParts(input: readonly PartFile[]): Merged {
  const parts = orderParts(input);
  const shards = parts.filter((p) => p.header.kind !== "graph");
  const graph = parts.filter((p) => p.header.kind === "graph");
  const { count, kind, lead } = checkSameScan(parts, shards, graph);
  const present = new Set(shards.map((p) => p.header.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));
  const owner = parts.find((p) => tenantWide(p.header));
  const ownerName = kind === "arm" ? "part graph" : `shard 1/${count}`;
  const warnings: string[] = [];
  for (const i of missing)
    warnings.push(`shard ${i}/${count} was not among the merged parts: its subscriptions are gaps`);
  if (!owner)
    warnings.push(
      `${ownerName} was not among the merged parts: the tenant-wide sections (Graph, management groups, root) are missing`,
    );

  const subscriptions = mergeSection(
    "subscriptions",
    parts.filter((p) => p.inventory.subscriptions !== undefined),
  ) as Section<Subscription>;
  const listed = subscriptions.status === "ok" ? subscriptions.items.map((s) => s.subscriptionId.toLowerCase()) : [];
  const sections = new Map<AnySectionName, Section<unknown>>();
  for (const name of ALL_SECTIONS) {
    if (name === "subscriptions") {
      sections.set(name, subscriptions);
      continue;
    }
    if (!owner && (GRAPH_SECTIONS as readonly string[]).includes(name)) {
      sections.set(name, { status: "unavailable", reason: `${ownerName} was not among the merged parts` });
      continue;
    }
    const holders = parts.filter((p) => p.inventory[name] !== undefined);
    if (holders.length === 0) continue;
    let s = mergeSection(name, holders);
    if (SCOPED.includes(name)) {
      const lost: CoverageGap[] = [];
      for (const i of missing) {
        const reason = `shard ${i}/${count} was not among the merged parts`;
        const share = listed.filter((id) => shardOf(id, count) === i);
        if (share.length === 0) lost.push({ scope: `shard ${i}/${count}`, reason });
        for (const id of share) lost.push({ scope: `/subscriptions/${id}`, reason });
      }
      if (!owner && (SCOPED_SECTIONS as readonly string[]).includes(name))
        lost.push({
          scope: "/",
          reason: `${ownerName} (the management-group and root scopes) was not among the merged parts`,
        });
      s = withGaps(s, lost);
    }
    sections.set(name, s);
  }

  const first = lead.inventory;
  const scanners = new Set(parts.map((p) => p.inventory.source.scannerObjectId ?? null));
  const [scanner] = scanners;
  const required = (name: AnySectionName): Section<never> =>
    (sections.get(name) as Section<never> | undefined) ?? {
      status: "unavailable",
      reason: "no merged part holds this section",
    };
  const optional = (name: AnySectionName) => sections.get(name) as Section<never> | undefined;
  const inventory: Inventory = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    // the earliest: rules judge time against it, and nothing was seen before it
    collectedAt: parts.reduce(
      (min, p) => (p.inventory.collectedAt < min ? p.inventory.collectedAt : min),
      first.collectedAt,
    ),
    source: {
      kind: "live",
      cloud: first.source.cloud,
      tool: first.source.tool,
      // the scanner's own roles are recognised only when every part ran as the same identity
      scannerObjectId: scanners.size === 1 ? (scanner ?? null) : null,
    },
    tenant: required("tenant"),
    managementGroups: required("managementGroups"),
    subscriptions: required("subscriptions"),
    roleDefinitions: required("roleDefinitions"),
    roleAssignments: required("roleAssignments"),
    principals: required("principals"),
    applications: required("applications"),
    servicePrincipals: required("servicePrincipals"),
    appPermissionGrants: required("appPermissionGrants"),
    delegatedGrants: required("delegatedGrants"),
    directoryRoleAssignments: required("directoryRoleAssignments"),
    workloads: required("workloads"),
    defender: required("defender"),
  };
  for (const name of ["groups", "roleEligibilities", "directoryRoleEligibilities", "credentialSignIns"] as const) {
    const s = optional(name);
    if (s) inventory[name] = s;
  }
  return { inventory, warnings };
}

/** Shards by index, then the graph part: every choice below ("the first") is then the same whatever the argument order. */
function orderParts(parts: readonly PartFile[]): PartFile[] {
  return sortBy([...parts], (p) => (p.header.kind === "graph" ? "~" : String(p.header.index).padStart(6, "0")));
}

interface Split {
  count: number;
  kind: PartFile["header"]["kind"];
  /** the first shard: its cloud and tool name the merged scan */
  lead: PartFile;
}

function checkSameScan(parts: PartFile[], shards: PartFile[], graph: PartFile[]): Split {
  const refuse = (p: PartFile, message: string, hint: string): never => {
    throw new InputError({ file: p.file, path: "/part", message, hint });
  };
  const tenanted = parts.find((p) => p.header.tenantId !== null);
  for (const p of parts)
    if (tenanted && p.header.tenantId !== null && p.header.tenantId !== tenanted.header.tenantId)
      refuse(
        p,
        `this part is of tenant ${p.header.tenantId}, ${tenanted.file} of tenant ${tenanted.header.tenantId}`,
        "merge only the parts of one scan of one tenant",
      );
  const [lead] = shards;
  if (!lead)
    throw new InputError({
      file: graph[0]?.file ?? null,
      message: "no shard among the parts: the subscriptions were collected by none",
      hint: "give every shard's part (azaudit scan --shard I/N)",
    });
  for (const p of parts)
    if (p.inventory.source.cloud !== lead.inventory.source.cloud)
      refuse(
        p,
        `this part is of cloud ${p.inventory.source.cloud}, ${lead.file} of ${lead.inventory.source.cloud}`,
        "merge only the parts of one scan",
      );
  const [firstGraph, secondGraph] = graph;
  if (firstGraph && secondGraph)
    refuse(secondGraph, `a second graph part (the first is ${firstGraph.file})`, "give each part once");
  const { count, kind } = lead.header;
  for (const p of shards) {
    if (p.header.count !== count)
      refuse(
        p,
        `this part is ${partName(p.header)}, ${lead.file} is ${partName(lead.header)}`,
        "merge the shards of one split (one N)",
      );
    if (p.header.kind !== kind)
      refuse(
        p,
        `shards with and without --part arm are mixed (${lead.file} is ${partName(lead.header)})`,
        "run every shard alike: all --shard I/N, or all --shard I/N --part arm beside one --part graph",
      );
  }
  const seen = new Map<number, string>();
  for (const p of shards) {
    const i = p.header.index ?? 0;
    const before = seen.get(i);
    if (before) refuse(p, `a second ${partName(p.header)} (the first is ${before})`, "give each part once");
    seen.set(i, p.file);
  }
  if (firstGraph && kind === "shard")
    refuse(
      firstGraph,
      `a graph part beside shards that collect the tenant-wide sections themselves (shard 1/${count})`,
      "run the shards with --part arm when a --part graph collects the tenant-wide sections",
    );
  // the count is a whole number in every shard's header (the part reader checks it)
  return { count: count ?? 0, kind, lead };
}

/** One section from the parts that hold it: items deduped and ordered as the collector does. */
function mergeSection(name: AnySectionName, parts: readonly PartFile[]): Section<never> {
  const held = parts.map((p) => ({ p, s: p.inventory[name] as Section<Item> }));
  const ok = held.filter((h) => h.s.status === "ok");
  const down = held.filter((h) => h.s.status === "unavailable");
  const [d] = down;
  if (d && (ok.length === 0 || !SCOPED.includes(name))) {
    // a section every part needs whole (the principals it resolved, the tenant…): missing from one is missing
    const s = d.s as Extract<Section<Item>, { status: "unavailable" }>;
    const reason = held.length > 1 ? `${partName(d.p.header)}: ${s.reason}` : s.reason;
    return s.missingPermission
      ? { status: "unavailable", reason, missingPermission: s.missingPermission }
      : { status: "unavailable", reason };
  }
  // a validated part's section holds that section's items, in the order the collector keeps
  const key = SECTION_ORDER[name] as unknown as (item: Item) => string;
  const byKey = new Map<string, Item>();
  const gaps: CoverageGap[] = [];
  const notes: CoverageNote[] = [];
  for (const { s } of ok) {
    if (s.status !== "ok") continue;
    gaps.push(...(s.gaps ?? []));
    notes.push(...(s.notes ?? []));
    for (const item of s.items) {
      if (name === "roleDefinitions") {
        // one role, several scoped ids: the collector keeps the unscoped one, else the smallest
        const d = item as unknown as RoleDefinition;
        const prev = byKey.get(d.name) as RoleDefinition | undefined;
        if (!prev || preferId(d.id, prev.id)) byKey.set(d.name, item);
        continue;
      }
      const k = key(item);
      if (!byKey.has(k)) byKey.set(k, item);
    }
  }
  // a part that could not read its share: its subscriptions (or the root) are gaps, as one unsplit scan would say
  for (const { p, s } of down) {
    if (s.status !== "unavailable") continue;
    const reason = `${s.reason} (${partName(p.header)})`;
    const scopes = [
      ...p.header.subscriptionIds.map((id) => `/subscriptions/${id}`),
      ...(tenantWide(p.header) ? ["/"] : []),
    ];
    for (const scope of scopes.length ? scopes : [partName(p.header)])
      gaps.push(s.missingPermission ? { scope, reason, missingPermission: s.missingPermission } : { scope, reason });
  }
  return shaped(sortBy([...byKey.values()], key), gaps, notes) as Section<never>;
}

function withGaps<T>(s: Section<T>, more: CoverageGap[]): Section<T> {
  if (s.status !== "ok" || more.length === 0) return s;
  return shaped(s.items, [...(s.gaps ?? []), ...more], s.notes ?? []);
}

function shaped<T>(items: T[], gaps: CoverageGap[], notes: CoverageNote[]): Section<T> {
  const g = sortGaps(gaps);
  const n = dedupeNotes(notes);
  return { status: "ok", items, ...(g.length ? { gaps: g } : {}), ...(n.length ? { notes: n } : {}) };
}

function dedupeNotes(notes: CoverageNote[]): CoverageNote[] {
  const byKey = new Map(notes.map((n) => [`${n.scope.toLowerCase()}\u0000${n.reason}`, n]));
  return sortBy([...byKey.values()], (n) => `${n.scope.toLowerCase()}\u0000${n.reason}`);
}
