// Indexes over one fixture, built once per server so list calls on large generated tenants stay
// proportional to their answer, not to the tenant.
import { parseScope, scopeKey } from "../arm/resource-id.ts";
import { ScopeTree } from "./scopes.ts";
import type { ArmResource, ArmRoleAssignment, GraphEntity, JsonObject, TenantFixture } from "./types.ts";

export type DirectoryKind = "application" | "servicePrincipal" | "user" | "group";

export interface IndexedAssignment {
  a: ArmRoleAssignment;
  order: number;
  scope: string; // normalized, lowercase
  principalId: string; // lowercase
}

/** inline sub-collections the fixture keeps on their parent but Graph serves at sub-paths */
const INLINE_KEYS: Record<DirectoryKind, string[]> = {
  application: ["federatedIdentityCredentials", "owners"],
  servicePrincipal: ["appRoleAssignments", "owners"],
  user: [],
  group: ["members", "owners"],
};

function stripInline(kind: DirectoryKind, e: GraphEntity): GraphEntity {
  const inline = INLINE_KEYS[kind];
  return { ...Object.fromEntries(Object.entries(e).filter(([k]) => !inline.includes(k))), id: e.id };
}

export class TenantIndex {
  readonly tree: ScopeTree;
  readonly assignments: IndexedAssignment[];
  private readonly assignmentsByScope = new Map<string, IndexedAssignment[]>();
  private readonly assignmentsBySub = new Map<string, IndexedAssignment[]>();
  readonly subscriptions = new Map<string, JsonObject>();
  readonly resourcesBySub = new Map<string, ArmResource[]>();
  readonly resourceGroupsBySub = new Map<string, JsonObject[]>();

  /** Graph objects as served (inline sub-collections stripped), in fixture order */
  readonly graph: Record<DirectoryKind, GraphEntity[]>;
  readonly directoryById = new Map<string, { kind: DirectoryKind; raw: GraphEntity; served: GraphEntity }>();
  /** every appRoleAssignment in the tenant, from the SPs' inline arrays */
  readonly appRoleAssignments: GraphEntity[] = [];

  /** whether a resource provider namespace is registered on a subscription (fixture `unregisteredProviders`) */
  providerRegistered(subId: string, namespace: string): boolean {
    const sub = this.fixture.subscriptions.find((s) => s.subscriptionId.toLowerCase() === subId.toLowerCase());
    const unregistered = sub?.["unregisteredProviders"];
    return !(
      Array.isArray(unregistered) &&
      unregistered.some((n) => typeof n === "string" && n.toLowerCase() === namespace.toLowerCase())
    );
  }

  constructor(readonly fixture: TenantFixture) {
    this.tree = new ScopeTree(fixture);
    this.assignments = fixture.roleAssignments.map((a, order) => ({
      a,
      order,
      scope: scopeKey(a.properties.scope),
      principalId: a.properties.principalId.toLowerCase(),
    }));
    for (const ia of this.assignments) {
      push(this.assignmentsByScope, ia.scope, ia);
      const parsed = parseScope(ia.scope);
      if (parsed && "subId" in parsed) push(this.assignmentsBySub, parsed.subId, ia);
    }
    for (const s of fixture.subscriptions) {
      const { managementGroup: _mg, unregisteredProviders: _unreg, ...wire } = s;
      // Subscriptions_List carries each subscription's home tenant (spec example GetSubscriptions.json)
      this.subscriptions.set(s.subscriptionId.toLowerCase(), {
        ...wire,
        tenantId: typeof s["tenantId"] === "string" ? s["tenantId"] : fixture.tenant.id,
      });
    }
    const rgSeen = new Map<string, Map<string, JsonObject>>();
    const addRg = (subId: string, rg: string, location: string | undefined) => {
      let m = rgSeen.get(subId);
      if (!m) rgSeen.set(subId, (m = new Map<string, JsonObject>()));
      if (m.has(rg.toLowerCase())) return;
      m.set(rg.toLowerCase(), {
        id: `/subscriptions/${subId}/resourceGroups/${rg}`,
        name: rg,
        type: "Microsoft.Resources/resourceGroups",
        location: location ?? "westeurope",
        properties: { provisioningState: "Succeeded" },
      });
    };
    for (const r of fixture.resources) {
      const p = parseScope(r.id);
      if (!p || !("subId" in p)) continue;
      if (r.type.toLowerCase() === "microsoft.resources/resourcegroups" && p.kind === "rg") {
        // an explicit resource group object wins over the derived one
        let m = rgSeen.get(p.subId);
        if (!m) rgSeen.set(p.subId, (m = new Map<string, JsonObject>()));
        m.set(p.rg.toLowerCase(), r);
        continue;
      }
      push(this.resourcesBySub, p.subId, r);
      if (p.kind === "resource") addRg(p.subId, p.rg, typeof r.location === "string" ? r.location : undefined);
    }
    // resource groups that only hold role assignments exist too
    for (const ia of this.assignments) {
      const p = parseScope(ia.a.properties.scope);
      if (p && (p.kind === "rg" || p.kind === "resource")) addRg(p.subId, p.rg, undefined);
    }
    for (const [sub, m] of rgSeen) this.resourceGroupsBySub.set(sub, [...m.values()]);

    const g = fixture.graph;
    const raws: Record<DirectoryKind, GraphEntity[]> = {
      application: g.applications,
      servicePrincipal: g.servicePrincipals,
      user: g.users,
      group: g.groups,
    };
    this.graph = { application: [], servicePrincipal: [], user: [], group: [] };
    for (const kind of Object.keys(raws) as DirectoryKind[]) {
      for (const raw of raws[kind]) {
        const served = stripInline(kind, raw);
        this.graph[kind].push(served);
        this.directoryById.set(raw.id.toLowerCase(), { kind, raw, served });
      }
    }
    for (const sp of g.servicePrincipals) {
      const inline = sp.appRoleAssignments;
      if (Array.isArray(inline)) for (const a of inline) this.appRoleAssignments.push(a as GraphEntity);
    }
  }

  assignmentsAtScope(scope: string): IndexedAssignment[] {
    return this.assignmentsByScope.get(scope.toLowerCase()) ?? [];
  }

  assignmentsInSub(subId: string): IndexedAssignment[] {
    return this.assignmentsBySub.get(subId.toLowerCase()) ?? [];
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const arr = m.get(k);
  if (arr) arr.push(v);
  else m.set(k, [v]);
}

export const ODATA_TYPES: Record<DirectoryKind, string> = {
  application: "#microsoft.graph.application",
  servicePrincipal: "#microsoft.graph.servicePrincipal",
  user: "#microsoft.graph.user",
  group: "#microsoft.graph.group",
};
