import { allowsAction, roleAssignmentWriteAccess } from "../classification/index.ts";
import type { Inventory, Workload } from "../inventory/types.ts";
import { optionalItems } from "../rules/support/sections.ts";
import type { IdentityDraft } from "./build.ts";
import {
  GRANT_ANY_APP_ROLE,
  GRANT_SELF_OWNER,
  HOLDS,
  OWNS_APP,
  RUN_CODE_AS,
  RUN_CODE_AS_EDGE,
  TAKE_ANY_APP,
  TAKE_ANY_APP_EDGE,
} from "./edges.ts";
import { scopeContainment, scopeNamer } from "./scopes.ts";
import { subscriptionIdOf } from "../arm/resource-id.ts";
import type { BlastPath, BlastStep, IdentityPrivilege } from "./types.ts";
import { privilegeLabel, privilegeWeight } from "./weights.ts";

/** A path with the weight of what it ends at, for the rank. */
export interface WeightedPath {
  path: BlastPath;
  weight: number;
}

/** The heaviest paths of one identity, and how many distinct paths it has in all. */
export interface BlastRadius {
  paths: WeightedPath[];
  total: number;
}

/**
 * Paths kept per identity. One holder of Application.ReadWrite.All reaches every privileged app,
 * so a tenant with thousands of them would list millions of paths; the heaviest ones say what a
 * leak costs, and the total says how far it goes.
 */
export const MAX_BLAST_PATHS = 20;

const OWNER_AT_TOP_WEIGHT = { top: 95, other: 80 } as const;

/**
 * What each identity can reach: its own privileged roles and permissions, and one step of
 * escalation along the documented edges of edges.ts. Keyed by identity key, sorted.
 */
/** What a privilege reaches, with how it is held: through which groups, eligible or standing. */
function heldLabel(p: IdentityPrivilege): string {
  const via = p.via.length > 0 ? ` via group ${p.via.join(" in ")}` : "";
  return `${privilegeLabel(p)}${via}${p.eligible ? " (eligible, PIM)" : ""}`;
}

export function blastRadius(inventory: Inventory, drafts: readonly IdentityDraft[]): Map<string, BlastRadius> {
  const byObjectId = new Map(drafts.map((d) => [d.holder.objectId, d]));
  const bySpId = new Map(
    drafts.flatMap((d) =>
      d.holder.servicePrincipal ? [[d.holder.servicePrincipal.id.toLowerCase(), d] as const] : [],
    ),
  );
  const contains = scopeContainment(inventory);
  const nameScope = scopeNamer(inventory);
  // Workloads by type, then by subscription: a role below a management group reaches only its
  // own subscription's workloads, so it need not test the whole tenant's.
  const workloadsByType = new Map<string, { all: Workload[]; bySubscription: Map<string, Workload[]> }>();
  for (const w of optionalItems(inventory, "workloads")) {
    const type = w.type.toLowerCase();
    let t = workloadsByType.get(type);
    if (!t) workloadsByType.set(type, (t = { all: [], bySubscription: new Map() }));
    t.all.push(w);
    const sub = subscriptionIdOf(w.id)?.toLowerCase() ?? "";
    const list = t.bySubscription.get(sub);
    if (list) list.push(w);
    else t.bySubscription.set(sub, [w]);
  }
  const workloadsUnder = (type: string, scope: string): Workload[] => {
    const t = workloadsByType.get(type);
    if (!t) return [];
    const sub = subscriptionIdOf(scope);
    return sub === null ? t.all : (t.bySubscription.get(sub.toLowerCase()) ?? []);
  };
  const name = (d: IdentityDraft) => d.holder.displayName ?? d.holder.objectId;
  // asked once per holder that can take over any app, for every app: computed once per identity
  const reachableOf = new Map<IdentityDraft, IdentityPrivilege[]>();
  const reachable = (d: IdentityDraft) => {
    let r = reachableOf.get(d);
    if (!r) reachableOf.set(d, (r = d.privileges.filter((p) => p.kind !== "owner" && privilegeWeight(p) > 0)));
    return r;
  };
  const holds = (d: IdentityDraft, p: IdentityPrivilege): BlastStep => {
    const e = HOLDS[p.kind === "owner" ? "azureRole" : p.kind];
    // a group-held privilege names the groups, holder outward
    const edge = p.via.length > 0 ? `${e.edge} through ${p.via.join(" → ")}` : e.edge;
    return { from: name(d), edge, to: privilegeLabel(p), source: e.source };
  };
  // Escalating into another identity, then what that one holds.
  const into = (d: IdentityDraft, first: BlastStep[], target: IdentityDraft): WeightedPath[] =>
    target === d || reachable(target).length === 0
      ? []
      : reachable(target).map((p) => ({
          path: { steps: [...first, holds(target, p)], reach: `${privilegeLabel(p)}, as ${name(target)}` },
          weight: privilegeWeight(p) * 0.9,
        }));

  const catalogues = new Map<string, TakeOverCatalogue>();
  const catalogueOf = (source: string): TakeOverCatalogue => {
    let c = catalogues.get(source);
    if (!c) catalogues.set(source, (c = takeOverCatalogue(drafts, reachable, holds, name)));
    return c;
  };

  const result = new Map<string, BlastRadius>();
  for (const d of drafts) {
    const out: WeightedPath[] = [];
    const takeOvers: { first: BlastStep; source: string }[] = [];
    for (const p of reachable(d))
      out.push({ path: { steps: [holds(d, p)], reach: heldLabel(p) }, weight: privilegeWeight(p) });

    for (const p of d.privileges) {
      if (p.kind !== "owner") continue;
      const owned = byObjectId.get(p.target);
      if (owned)
        out.push(...into(d, [{ from: name(d), edge: OWNS_APP.edge, to: name(owned), source: OWNS_APP.source }], owned));
    }

    for (const p of d.privileges) {
      const takeAny = TAKE_ANY_APP.find(
        (e) =>
          e.kind === p.kind &&
          (p.kind === "appPermission"
            ? p.name.toLowerCase() === e.match.toLowerCase() && p.tier !== null
            : d.roles.some((r) => r.privilege === p && r.templateId === e.match)),
      );
      if (takeAny) takeOvers.push({ first: holds(d, p), source: takeAny.source });
      if (
        p.kind === "appPermission" &&
        p.tier !== null &&
        p.name.toLowerCase() === GRANT_ANY_APP_ROLE.permission.toLowerCase()
      ) {
        out.push({
          path: {
            steps: [
              holds(d, p),
              {
                from: name(d),
                edge: GRANT_ANY_APP_ROLE.edge,
                to: GRANT_ANY_APP_ROLE.to,
                source: GRANT_ANY_APP_ROLE.source,
              },
            ],
            reach: GRANT_ANY_APP_ROLE.reach,
          },
          weight: 100 * 0.9,
        });
      }
    }

    for (const r of d.roles) {
      const p = r.privilege;
      if (p.kind !== "azureRole") continue;
      if (p.tier !== "owner" && roleAssignmentWriteAccess(r.permissions) === "unconditional" && !p.condition) {
        const where = nameScope(p.target);
        const top = p.target === "/" || p.target.toLowerCase().startsWith("/providers/microsoft.management/");
        out.push({
          path: {
            steps: [
              holds(d, p),
              { from: name(d), edge: GRANT_SELF_OWNER.edge, to: where ?? p.target, source: GRANT_SELF_OWNER.source },
            ],
            reach: `Owner at ${where ? `${where} (${p.target})` : p.target}`,
          },
          weight: OWNER_AT_TOP_WEIGHT[top ? "top" : "other"] * 0.9,
        });
      }
      for (const rule of RUN_CODE_AS) {
        if (!allowsAction(r.permissions, rule.action)) continue;
        for (const w of workloadsUnder(rule.workloadType, p.target)) {
          if (!contains(p.target, w.id)) continue;
          const ids = [
            w.identity?.principalId,
            ...Object.values(w.identity?.userAssignedIdentities ?? {}).map((u) => u.principalId),
          ];
          for (const id of ids) {
            const mi = id ? bySpId.get(id.toLowerCase()) : undefined;
            if (mi)
              out.push(
                ...into(
                  d,
                  [holds(d, p), { from: name(d), edge: RUN_CODE_AS_EDGE, to: w.name, source: rule.source }],
                  mi,
                ),
              );
          }
        }
      }
    }
    result.set(d.holder.key, withTakeOvers(d, out, takeOvers, catalogueOf, name));
  }
  return result;
}

/**
 * What taking over any app registration reaches: every app's reachable privileges, heaviest first.
 * The same for every holder that can take over apps, so it is built once per edge source, and each
 * holder's paths through it differ only in their first two steps. Ordered as dedupe() orders full
 * paths: within one holder's take-over paths the JSON of the path differs first at the app's name,
 * so [name, step, reach] sorts them the same way.
 */
interface TakeOverEntry {
  target: IdentityDraft;
  step: BlastStep;
  reach: string;
  weight: number;
  key: string;
}

interface TakeOverCatalogue {
  entries: TakeOverEntry[];
  /** each app's own entries, for the holder that is itself an app */
  byTarget: Map<IdentityDraft, TakeOverEntry[]>;
  /** how many apps' entries share a key: a key vanishes for a holder only when all are its own */
  keyCount: Map<string, number>;
}

function takeOverCatalogue(
  drafts: readonly IdentityDraft[],
  reachable: (d: IdentityDraft) => IdentityPrivilege[],
  holds: (d: IdentityDraft, p: IdentityPrivilege) => BlastStep,
  name: (d: IdentityDraft) => string,
): TakeOverCatalogue {
  const entries: TakeOverEntry[] = [];
  const byTarget = new Map<IdentityDraft, TakeOverEntry[]>();
  const keyCount = new Map<string, number>();
  for (const target of drafts) {
    if (target.holder.kind !== "application") continue;
    for (const p of reachable(target)) {
      const step = holds(target, p);
      const reach = `${privilegeLabel(p)}, as ${name(target)}`;
      const key = JSON.stringify([name(target), step, reach]);
      const entry = { target, step, reach, weight: privilegeWeight(p) * 0.9, key };
      entries.push(entry);
      const own = byTarget.get(target);
      if (own) own.push(entry);
      else byTarget.set(target, [entry]);
      keyCount.set(key, (keyCount.get(key) ?? 0) + 1);
    }
  }
  entries.sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { entries, byTarget, keyCount };
}

/** The identity's own paths plus, per take-over edge it holds, the heaviest paths through it and their count. */
function withTakeOvers(
  d: IdentityDraft,
  out: WeightedPath[],
  takeOvers: readonly { first: BlastStep; source: string }[],
  catalogueOf: (source: string) => TakeOverCatalogue,
  name: (d: IdentityDraft) => string,
): BlastRadius {
  const own = distinct(out);
  let total = own.size;
  const seenFirst = new Set<string>();
  for (const { first, source } of takeOvers) {
    const firstKey = JSON.stringify([first, source]);
    if (seenFirst.has(firstKey)) continue; // the same privilege held twice reaches the same paths
    seenFirst.add(firstKey);
    const { entries, byTarget, keyCount } = catalogueOf(source);
    const mine = new Map<string, number>();
    for (const e of byTarget.get(d) ?? []) mine.set(e.key, (mine.get(e.key) ?? 0) + 1);
    let count = keyCount.size;
    for (const [key, n] of mine) if (keyCount.get(key) === n) count--;
    total += count;
    const picked = new Set<string>();
    for (const e of entries) {
      if (picked.size >= MAX_BLAST_PATHS) break;
      if (e.target === d || picked.has(e.key)) continue;
      picked.add(e.key);
      const path: BlastPath = {
        steps: [first, { from: first.from, edge: TAKE_ANY_APP_EDGE, to: name(e.target), source }, e.step],
        reach: e.reach,
      };
      own.set(JSON.stringify(path), { path, weight: e.weight });
    }
  }
  const paths = [...own.entries()]
    .sort(([ka, a], [kb, b]) => b.weight - a.weight || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, MAX_BLAST_PATHS)
    .map(([, p]) => p);
  return { paths, total };
}

/** Paths by their JSON: the same path found twice (two routes to one workload) is one. */
function distinct(paths: WeightedPath[]): Map<string, WeightedPath> {
  const seen = new Map<string, WeightedPath>();
  for (const p of paths) {
    const k = JSON.stringify(p.path);
    if (!seen.has(k)) seen.set(k, p);
  }
  return seen;
}
