import { allowsAction, roleAssignmentWriteAccess } from "../classification/index.ts";
import type { Inventory, Workload } from "../inventory/types.ts";
import { groupBy, optionalItems } from "../rules/support/sections.ts";
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

/** What a privilege reaches, with how it is held: through which groups, eligible or standing. */
function heldLabel(p: IdentityPrivilege): string {
  const via = p.via.length > 0 ? ` via group ${p.via.join(" in ")}` : "";
  return `${privilegeLabel(p)}${via}${p.eligible ? " (eligible, PIM)" : ""}`;
}

/** Workloads of a type under a scope, narrowed to the scope's subscription when it is in one. */
function workloadIndex(inventory: Inventory): (type: string, scope: string) => Workload[] {
  // a role below a management group reaches only its own subscription's workloads, so it need
  // not test the whole tenant's
  const byType = new Map(
    [...groupBy(optionalItems(inventory, "workloads"), (w) => w.type.toLowerCase())].map(([type, all]) => [
      type,
      { all, bySubscription: groupBy(all, (w) => subscriptionIdOf(w.id)?.toLowerCase() ?? "") },
    ]),
  );
  return (type, scope) => {
    const t = byType.get(type);
    if (!t) return [];
    const sub = subscriptionIdOf(scope);
    return sub === null ? t.all : (t.bySubscription.get(sub.toLowerCase()) ?? []);
  };
}

/** The principal ids of a workload's managed identities, system-assigned first. */
function managedIdentityIds(w: Workload): (string | null | undefined)[] {
  return [
    w.identity?.principalId,
    ...Object.values(w.identity?.userAssignedIdentities ?? {}).map((u) => u.principalId),
  ];
}

/**
 * What each identity can reach: its own privileged roles and permissions, and one step of
 * escalation along the documented edges of edges.ts. Keyed by identity key, sorted.
 */
export function blastRadius(inventory: Inventory, drafts: readonly IdentityDraft[]): Map<string, BlastRadius> {
  const byObjectId = new Map(drafts.map((d) => [d.holder.objectId, d]));
  const bySpId = new Map(
    drafts.flatMap((d) =>
      d.holder.servicePrincipal ? [[d.holder.servicePrincipal.id.toLowerCase(), d] as const] : [],
    ),
  );
  const contains = scopeContainment(inventory);
  const nameScope = scopeNamer(inventory);
  const workloadsUnder = workloadIndex(inventory);
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

  // The last step of a shared route: through `via` into `target`, then what it holds.
  const reached = (target: IdentityDraft, via: string, p: IdentityPrivilege): SharedEntry => {
    const step = holds(target, p);
    const reach = `${privilegeLabel(p)}, as ${name(target)}`;
    return { target, via, step, reach, weight: privilegeWeight(p) * 0.9, key: JSON.stringify([via, step, reach]) };
  };
  // Every app, whichever edge takes it over: one part for all three.
  const takeOverPart: CataloguePart = {
    id: "take over any app",
    entries: () =>
      drafts
        .filter((t) => t.holder.kind === "application")
        .flatMap((t) => reachable(t).map((p) => reached(t, name(t), p))),
  };
  const runCodePart = (rule: RunCodeRule, scope: string): CataloguePart => ({
    id: JSON.stringify([rule.workloadType, rule.action, scope]),
    entries: () =>
      workloadsUnder(rule.workloadType, scope)
        .filter((w) => contains(scope, w.id))
        .flatMap((w) =>
          managedIdentityIds(w).flatMap((id) => {
            const mi = id ? bySpId.get(id.toLowerCase()) : undefined;
            return mi ? reachable(mi).map((p) => reached(mi, w.name, p)) : [];
          }),
        ),
  });
  const catalogues = new Map<string, Catalogue>();
  const catalogueOf = (parts: readonly CataloguePart[]): Catalogue => {
    const id = parts.map((p) => p.id).join("\n");
    let c = catalogues.get(id);
    if (!c) catalogues.set(id, (c = catalogue(parts.flatMap((p) => p.entries()))));
    return c;
  };

  const result = new Map<string, BlastRadius>();
  for (const d of drafts) {
    const out: WeightedPath[] = [];
    const routes = new SharedRoutes();
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
      if (takeAny) routes.add(holds(d, p), TAKE_ANY_APP_EDGE, takeAny.source, takeOverPart);
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
      for (const rule of RUN_CODE_AS)
        if (allowsAction(r.permissions, rule.action))
          routes.add(holds(d, p), RUN_CODE_AS_EDGE, rule.source, runCodePart(rule, p.target));
    }
    result.set(d.holder.key, withSharedRoutes(d, out, routes, catalogueOf));
  }
  return result;
}

type RunCodeRule = (typeof RUN_CODE_AS)[number];

/**
 * Why catalogues: taking over any app, or running code in the workloads under a scope, reaches
 * the same identities and privileges for every holder of that edge; only the first two steps of
 * each path name the holder. A role at a subscription with hundreds of workloads held by hundreds
 * of principals would otherwise list holders × workloads × privileges paths, to keep 20 of each
 * holder's. So what an edge reaches is built once, ordered as the final sort orders full paths,
 * and each holder takes its heaviest entries and its count from it.
 *
 * Within one route (same first step, edge and source) a path's JSON differs from another's first
 * at the second step's `to`, so [via, step, reach] as JSON sorts and dedupes the paths as their
 * full JSON does.
 */
interface SharedEntry {
  target: IdentityDraft;
  /** what the second step goes to: the app, or the workload whose identity `target` is */
  via: string;
  step: BlastStep;
  reach: string;
  weight: number;
  key: string;
}

/** Entries of one catalogue, built when first asked for; id names what they reach. */
interface CataloguePart {
  id: string;
  entries: () => SharedEntry[];
}

interface Catalogue {
  /** the first entry of each key, in the order of the final sort */
  entries: SharedEntry[];
  /** every entry of a key in build order: a holder skips its own, and the next one counts */
  byKey: Map<string, SharedEntry[]>;
  /** each identity's own entries, for the holder that is itself reached */
  byTarget: Map<IdentityDraft, SharedEntry[]>;
}

const byRank = (a: { weight: number; key: string }, b: { weight: number; key: string }) =>
  b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Entries in build order (the order the paths of one holder were once listed in) to a catalogue. */
function catalogue(all: SharedEntry[]): Catalogue {
  const byKey = groupBy(all, (e) => e.key);
  const entries = [...byKey.values()].map((list) => list[0]).filter((e) => e !== undefined);
  return { entries: entries.sort(byRank), byKey, byTarget: groupBy(all, (e) => e.target) };
}

/**
 * One holder's routes into catalogues, by first step, edge and source: paths along one route are
 * the same whichever of the holder's privileges led there (eligible and standing, or one role
 * assigned twice), so parts that share a route make one catalogue.
 */
class SharedRoutes {
  readonly byRoute = new Map<string, { first: BlastStep; edge: string; source: string; parts: CataloguePart[] }>();

  add(first: BlastStep, edge: string, source: string, part: CataloguePart): void {
    const key = JSON.stringify([first, edge, source]);
    const route = this.byRoute.get(key);
    if (!route) this.byRoute.set(key, { first, edge, source, parts: [part] });
    else if (!route.parts.some((p) => p.id === part.id)) route.parts.push(part);
  }
}

/** The identity's own paths plus, per shared route, the heaviest paths along it and their count. */
function withSharedRoutes(
  d: IdentityDraft,
  out: WeightedPath[],
  routes: SharedRoutes,
  catalogueOf: (parts: readonly CataloguePart[]) => Catalogue,
): BlastRadius {
  const own = distinct(out);
  let total = own.size;
  const along = [...routes.byRoute.values()].map((route) => ({ route, ...alongRoute(d, catalogueOf(route.parts)) }));
  // Only a path at least as heavy as the 20th heaviest can be listed: lighter ones are counted
  // without writing out their JSON, which is most of the cost for a holder of many routes. Each
  // candidate is a distinct path (routes differ in their first two steps from each other and from
  // the holder's own paths), so the 20th weight among them is the 20th among its paths.
  const floor = nthHeaviest([...own.values(), ...along.flatMap((a) => a.heaviest)], MAX_BLAST_PATHS);
  for (const { route, count, heaviest } of along) {
    total += count;
    const { first, edge, source } = route;
    for (const e of heaviest.filter((h) => h.weight >= floor)) {
      const path: BlastPath = { steps: [first, { from: first.from, edge, to: e.via, source }, e.step], reach: e.reach };
      own.set(JSON.stringify(path), { path, weight: e.weight });
    }
  }
  const paths = [...own.entries()]
    .sort(([ka, a], [kb, b]) => b.weight - a.weight || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, MAX_BLAST_PATHS)
    .map(([, p]) => p);
  return { paths, total };
}

/** The n-th largest weight, or -Infinity when there are not n. */
function nthHeaviest(list: readonly { weight: number }[], n: number): number {
  if (list.length < n) return -Infinity;
  return list.map((p) => p.weight).sort((a, b) => b - a)[n - 1] ?? -Infinity;
}

/**
 * How many distinct paths a holder has along one route, and the ones that can be among its
 * heaviest. Escalating into itself reaches nothing, so a key the holder reaches only through
 * itself is not counted, and a key it shares with others counts with the next entry's weight.
 */
function alongRoute(d: IdentityDraft, c: Catalogue): { count: number; heaviest: SharedEntry[] } {
  const mine = new Set((c.byTarget.get(d) ?? []).map((e) => e.key));
  let count = c.entries.length;
  const instead: SharedEntry[] = [];
  for (const key of mine) {
    const next = c.byKey.get(key)?.find((e) => e.target !== d);
    if (next) instead.push(next);
    else count--;
  }
  const heaviest: SharedEntry[] = [];
  for (const e of c.entries) {
    if (heaviest.length >= MAX_BLAST_PATHS) break;
    if (!mine.has(e.key)) heaviest.push(e);
  }
  heaviest.push(...instead.sort(byRank).slice(0, MAX_BLAST_PATHS));
  return { count, heaviest };
}

/** Paths by their JSON: the same path found twice (one role assigned twice) is one. */
function distinct(paths: WeightedPath[]): Map<string, WeightedPath> {
  const seen = new Map<string, WeightedPath>();
  for (const p of paths) {
    const k = JSON.stringify(p.path);
    if (!seen.has(k)) seen.set(k, p);
  }
  return seen;
}
