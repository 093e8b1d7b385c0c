// Effective privileges: what each principal holds, its own grants plus those of every group it
// belongs to, transitively, standing or PIM eligible. Pure: a function of the inventory.
//
//   const p = effectivePrivileges(inventory);
//   p.azure / p.entra / p.app      every grant, one entry per (holder, grant, path)
//   p.of(principalId)              the grants one principal holds: { azure, entra, app }
//   p.membersOf(groupId)           a group's transitive members, each with its path
//   p.complete                     false when a section it reads is missing, unavailable or partial
//   viaLabel(grant.via)            "via group Platform Ops in Platform Admins" ("" when direct)
//
// Every grant carries:
//   principalId  who holds it: the principal itself, or a member of the group that holds it
//   via          the groups it comes through, innermost first, the group holding the grant last;
//                empty when the principal holds it directly
//   eligible     true for a PIM eligible assignment (the principal may activate it), false for
//                a standing (active) one
//   condition    the assignment's ABAC condition (Azure grants), null when none
//
// A group inside a group is a member too (type "group"); membership cycles are cut where they
// close. The path kept for a member is the shortest one (ties broken by group id), so a member
// reached twice through the same holding group is one grant, not two.
import type {
  AppPermissionGrant,
  DirectoryRoleAssignment,
  Group,
  Inventory,
  PrincipalType,
  RoleAssignment,
  Section,
} from "../inventory/types.ts";

export interface GroupHop {
  id: string;
  displayName: string | null;
}

interface GrantBase {
  /** The holder: the principal itself, or a (transitive) member of the group in `via`. */
  principalId: string;
  /** The groups the grant comes through, innermost first, the holding group last; [] when direct. */
  via: GroupHop[];
  /** PIM eligible (may be activated) rather than standing. */
  eligible: boolean;
}

export interface AzureGrant extends GrantBase {
  kind: "azure";
  /** The assignment as collected (an eligibility in the same shape); its principalId is the direct holder's. */
  assignment: RoleAssignment;
  condition: string | null;
}

export interface EntraGrant extends GrantBase {
  kind: "entra";
  /** The directory role assignment (an eligibility in the same shape); its principalId is the direct holder's. */
  assignment: DirectoryRoleAssignment;
  condition: null;
}

export interface AppGrant extends GrantBase {
  kind: "app";
  grant: AppPermissionGrant;
  condition: null;
}

export interface PrincipalGrants {
  azure: AzureGrant[];
  entra: EntraGrant[];
  app: AppGrant[];
}

export interface TransitiveMember {
  id: string;
  type: PrincipalType;
  /** From the member's own group up to the group asked about (included), innermost first. */
  via: GroupHop[];
}

export interface EffectivePrivileges extends PrincipalGrants {
  complete: boolean;
  of(principalId: string): PrincipalGrants;
  membersOf(groupId: string): TransitiveMember[];
}

/** How a message names the path: "via group A in B" (innermost first), "" when direct. */
export function viaLabel(via: readonly GroupHop[]): string {
  if (via.length === 0) return "";
  return `via group ${via.map((g) => g.displayName ?? g.id).join(" in ")}`;
}

/** The ids of a path, holding group last, for evidence and fingerprints. */
export function viaIds(via: readonly GroupHop[]): string[] {
  return via.map((g) => g.id);
}

const READ = ["roleAssignments", "directoryRoleAssignments", "appPermissionGrants"] as const;
const OPTIONAL_READ = ["groups", "roleEligibilities", "directoryRoleEligibilities"] as const;

function okItems<T>(s: Section<T> | undefined): T[] {
  return s?.status === "ok" ? s.items : [];
}

function isComplete(s: Section<unknown> | undefined): boolean {
  return s?.status === "ok" && (s.gaps ?? []).length === 0;
}

export function effectivePrivileges(inventory: Inventory): EffectivePrivileges {
  const groups = new Map<string, Group>();
  for (const g of okItems(inventory.groups)) groups.set(g.id.toLowerCase(), g);
  const memberCache = new Map<string, TransitiveMember[]>();
  const membersOf = (groupId: string): TransitiveMember[] => {
    const key = groupId.toLowerCase();
    const cached = memberCache.get(key);
    if (cached) return cached;
    const out = transitiveMembers(groups, key);
    memberCache.set(key, out);
    return out;
  };

  const azure: AzureGrant[] = [];
  const entra: EntraGrant[] = [];
  const app: AppGrant[] = [];

  // One grant for the holder, one per transitive member when the holder is a group.
  const expand = <G extends AzureGrant | EntraGrant | AppGrant>(
    holderId: string,
    make: (principalId: string, via: GroupHop[]) => G,
    into: G[],
  ) => {
    into.push(make(holderId.toLowerCase(), []));
    if (!groups.has(holderId.toLowerCase())) return;
    for (const m of membersOf(holderId)) into.push(make(m.id, m.via));
  };

  for (const a of okItems(inventory.roleAssignments))
    expand(
      a.principalId,
      (principalId, via) => ({
        kind: "azure",
        principalId,
        via,
        eligible: false,
        assignment: a,
        condition: a.condition,
      }),
      azure,
    );
  for (const e of okItems(inventory.roleEligibilities)) {
    // an instance of memberType Group is the group's eligibility seen from a member: the group's own covers it
    if ((e.memberType ?? "").toLowerCase() === "group") continue;
    const assignment: RoleAssignment = {
      id: e.id,
      name: e.id.split("/").filter(Boolean).pop() ?? e.id,
      scope: e.scope,
      scopeLevel: e.scopeLevel,
      subscriptionId: e.subscriptionId,
      roleDefinitionId: e.roleDefinitionId,
      roleDefinitionName: e.roleDefinitionName,
      principalId: e.principalId,
      principalType: e.principalType,
      condition: e.condition,
      conditionVersion: e.conditionVersion,
      createdOn: null,
    };
    expand(
      e.principalId,
      (principalId, via) => ({ kind: "azure", principalId, via, eligible: true, assignment, condition: e.condition }),
      azure,
    );
  }
  for (const d of okItems(inventory.directoryRoleAssignments))
    expand(
      d.principalId,
      (principalId, via) => ({ kind: "entra", principalId, via, eligible: false, assignment: d, condition: null }),
      entra,
    );
  for (const e of okItems(inventory.directoryRoleEligibilities)) {
    if ((e.memberType ?? "").toLowerCase() === "group") continue;
    const assignment: DirectoryRoleAssignment = {
      id: e.id,
      principalId: e.principalId,
      roleDefinitionId: e.roleDefinitionId,
      roleDisplayName: e.roleDisplayName,
      directoryScopeId: e.directoryScopeId,
    };
    expand(
      e.principalId,
      (principalId, via) => ({ kind: "entra", principalId, via, eligible: true, assignment, condition: null }),
      entra,
    );
  }
  for (const g of okItems(inventory.appPermissionGrants))
    expand(
      g.principalId,
      (principalId, via) => ({ kind: "app", principalId, via, eligible: false, grant: g, condition: null }),
      app,
    );

  const byPrincipal = new Map<string, PrincipalGrants>();
  const slot = (id: string) => {
    let s = byPrincipal.get(id);
    if (!s) byPrincipal.set(id, (s = { azure: [], entra: [], app: [] }));
    return s;
  };
  for (const g of azure) slot(g.principalId).azure.push(g);
  for (const g of entra) slot(g.principalId).entra.push(g);
  for (const g of app) slot(g.principalId).app.push(g);

  const complete = READ.every((n) => isComplete(inventory[n])) && OPTIONAL_READ.every((n) => isComplete(inventory[n]));
  return {
    complete,
    azure,
    entra,
    app,
    of: (principalId) => byPrincipal.get(principalId.toLowerCase()) ?? { azure: [], entra: [], app: [] },
    membersOf,
  };
}

/** Breadth first from the group: the shortest path to each member, cycles cut, deterministic order. */
function transitiveMembers(groups: ReadonlyMap<string, Group>, rootId: string): TransitiveMember[] {
  const root = groups.get(rootId);
  if (!root) return [];
  const out: TransitiveMember[] = [];
  const seen = new Set<string>([rootId]);
  let frontier: { group: Group; via: GroupHop[] }[] = [{ group: root, via: [hop(root)] }];
  while (frontier.length > 0) {
    const next: { group: Group; via: GroupHop[] }[] = [];
    for (const { group, via } of frontier) {
      const members = [...(group.members ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const m of members) {
        const id = m.id.toLowerCase();
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ id, type: m.type, via });
        const nested = m.type === "group" ? groups.get(id) : undefined;
        if (nested) next.push({ group: nested, via: [hop(nested), ...via] });
      }
    }
    frontier = next;
  }
  return out;
}

function hop(g: Group): GroupHop {
  return { id: g.id.toLowerCase(), displayName: g.displayName };
}
