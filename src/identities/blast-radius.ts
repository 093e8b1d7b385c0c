import { allowsAction, roleAssignmentWriteAccess } from "../classification/index.ts";
import type { Inventory } from "../inventory/types.ts";
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
  const workloads = optionalItems(inventory, "workloads");
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

  const result = new Map<string, BlastRadius>();
  for (const d of drafts) {
    const out: WeightedPath[] = [];
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
      if (takeAny) {
        for (const other of drafts) {
          if (other.holder.kind !== "application") continue;
          out.push(
            ...into(
              d,
              [holds(d, p), { from: name(d), edge: TAKE_ANY_APP_EDGE, to: name(other), source: takeAny.source }],
              other,
            ),
          );
        }
      }
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
        for (const w of workloads) {
          if (w.type.toLowerCase() !== rule.workloadType || !contains(p.target, w.id)) continue;
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
    result.set(d.holder.key, dedupe(out));
  }
  return result;
}

/** Distinct paths, heaviest first (then by their text, for a stable order), the first MAX_BLAST_PATHS kept. */
function dedupe(paths: WeightedPath[]): BlastRadius {
  const seen = new Map<string, WeightedPath>();
  for (const p of paths) {
    const k = JSON.stringify(p.path);
    if (!seen.has(k)) seen.set(k, p);
  }
  const kept = [...seen.entries()]
    .sort(([ka, a], [kb, b]) => b.weight - a.weight || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, MAX_BLAST_PATHS)
    .map(([, p]) => p);
  return { paths: kept, total: seen.size };
}
