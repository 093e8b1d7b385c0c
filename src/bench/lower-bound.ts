// The benchmark's yardstick: the fewest requests a scan of this tenant needs, and the
// time they take at best, `sum(ceil(items/pageSize)) × latency ÷ allowed concurrency`.
//
// Item counts come from the fixture through the emulator's own index, so a list counts exactly
// what the emulator would serve for it (role assignments inherited from management groups
// included). Pure: no I/O, no clock.
import { COLLECTED_TYPES } from "../collectors/arm/workloads.ts";
import { assignmentsForScope } from "../emulator/arm-routes.ts";
import { DEFAULT_ARM_PAGE_SIZE, DEFAULT_GRAPH_PAGE_SIZE, MAX_GRAPH_TOP } from "../emulator/paging.ts";
import { mgScope, parseScope, scopeKey, subscriptionIdOf, subscriptionScope } from "../arm/resource-id.ts";
import { jsonText } from "../emulator/json-narrow.ts";
import { TenantIndex } from "../emulator/tenant-index.ts";
import type { TenantFixture } from "../emulator/types.ts";
import type { GraphBudget } from "../emulator/graph-throttle.ts";
import { isGuid } from "../inventory/guid.ts";
import { RESOURCE_APP_ID } from "../refdata/well-known.ts";

/** Graph app id of Microsoft Graph itself (its service principal holds the app roles grants point at) */
const MICROSOFT_GRAPH_APP_ID = RESOURCE_APP_ID.microsoftGraph;
/** Resource Graph answers at most 1000 rows a page and 1000 subscriptions a query */
const ARG_PAGE = 1000;
const ARG_MAX_SUBSCRIPTIONS = 1000;
/** Graph $batch holds at most 20 requests; directoryObjects/getByIds at most 1000 ids */
const GRAPH_BATCH = 20;
const GET_BY_IDS = 1000;

/** the resource types the workloads collector asks Resource Graph for */
export const WORKLOAD_TYPES_LOWER = new Set(COLLECTED_TYPES.map((t) => t.toLowerCase()));

export interface LowerBoundSettings {
  /** the emulator's --page-size (undefined: its defaults, ARM 100, Graph 100 or the request's $top ≤ 999) */
  pageSize?: number;
  latencyMs: number;
  /** the emulator's concurrent-request limit (undefined: none) */
  rateLimit?: number;
  /** the collectors' concurrency bound */
  concurrency: number;
  /** Graph's app+tenant resource-unit budget the emulator enforces, if any */
  graphBudget?: GraphBudget;
}

export interface LowerBoundComponent {
  name: string;
  api: "arm" | "graph";
  /** separate lists (each at least one request) */
  lists: number;
  /** items over all of them */
  items: number;
  pageSize: number;
  /** sum over the lists of max(1, ceil(items/pageSize)) */
  requests: number;
  /** pages of the longest single list (they are sequential: each needs the previous nextLink) */
  longestList: number;
  note?: string;
}

export interface LowerBound {
  components: LowerBoundComponent[];
  /** the fewest requests a scan needs */
  requests: number;
  arm: number;
  graph: number;
  /** min(rateLimit, concurrency) */
  allowedConcurrency: number;
  /**
   * max(ARM requests, Graph requests) × latency ÷ allowedConcurrency (each service has its own
   * bound in the collectors), and all requests × latency ÷ the rate limit
   */
  volumeSeconds: number;
  /** the longest chain of requests that must follow one another, × latency */
  criticalPathRequests: number;
  criticalPathSeconds: number;
  /**
   * Graph's app+tenant resource-unit budget (the emulator's graphBudget, as documented): the
   * resource units the scan's Graph requests cost beyond one full bucket, ÷ the refill rate
   */
  graphResourceUnits: number;
  graphBudgetSeconds: number;
  /** max(volumeSeconds, criticalPathSeconds, graphBudgetSeconds): no scan can be faster */
  seconds: number;
  /** where the arithmetic approximates, in words */
  notes: string[];
}

export interface TenantSize {
  managementGroups: number;
  subscriptions: number;
  roleAssignments: number;
  roleDefinitions: number;
  resources: number;
  workloads: number;
  applications: number;
  servicePrincipals: number;
  users: number;
  groups: number;
  appRoleAssignments: number;
  delegatedGrants: number;
  directoryRoleAssignments: number;
}

/** pages a list of `items` takes; an empty list still costs one request */
export function pagesFor(items: number, pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError(`page size must be an integer ≥ 1, got ${pageSize}`);
  if (!Number.isInteger(items) || items < 0) throw new RangeError(`item count must be an integer ≥ 0, got ${items}`);
  return Math.max(1, Math.ceil(items / pageSize));
}

/** min(rate limit, concurrency); a missing rate limit does not bound */
export function allowedConcurrency(rateLimit: number | undefined, concurrency: number): number {
  return Math.max(1, Math.min(rateLimit ?? Number.POSITIVE_INFINITY, concurrency));
}

/** `requests × latency ÷ concurrency`, in seconds */
export function volumeSeconds(requests: number, latencyMs: number, concurrency: number): number {
  return (requests * latencyMs) / concurrency / 1000;
}

/** A component from per-list item counts. */
export function component(
  name: string,
  api: "arm" | "graph",
  itemsPerList: readonly number[],
  pageSize: number,
  note?: string,
): LowerBoundComponent {
  let requests = 0;
  let longestList = 0;
  let items = 0;
  for (const n of itemsPerList) {
    const p = pagesFor(n, pageSize);
    requests += p;
    items += n;
    longestList = Math.max(longestList, p);
  }
  return { name, api, lists: itemsPerList.length, items, pageSize, requests, longestList, ...(note ? { note } : {}) };
}

/** Sums components and applies the latency and concurrency. */
export function summarise(
  components: LowerBoundComponent[],
  criticalPathRequests: number,
  s: LowerBoundSettings,
  notes: string[] = [],
  graph: { resourceUnits: number; budget?: GraphBudget } = { resourceUnits: 0 },
): LowerBound {
  const requests = components.reduce((n, c) => n + c.requests, 0);
  const arm = components.filter((c) => c.api === "arm").reduce((n, c) => n + c.requests, 0);
  const conc = allowedConcurrency(s.rateLimit, s.concurrency);
  // the collectors bound ARM and Graph apart (each to `concurrency`); the emulator's rate limit bounds both together
  const vol = Math.max(
    volumeSeconds(arm, s.latencyMs, conc),
    volumeSeconds(requests - arm, s.latencyMs, conc),
    s.rateLimit ? volumeSeconds(requests, s.latencyMs, s.rateLimit) : 0,
  );
  const crit = (criticalPathRequests * s.latencyMs) / 1000;
  return {
    components,
    requests,
    arm,
    graph: requests - arm,
    allowedConcurrency: conc,
    volumeSeconds: vol,
    criticalPathRequests,
    criticalPathSeconds: crit,
    graphResourceUnits: graph.resourceUnits,
    graphBudgetSeconds: budgetSeconds(graph.resourceUnits, graph.budget),
    seconds: Math.max(vol, crit, budgetSeconds(graph.resourceUnits, graph.budget)),
    notes,
  };
}

export function tenantSize(f: TenantFixture): TenantSize {
  return {
    managementGroups: f.managementGroups.length,
    subscriptions: f.subscriptions.length,
    roleAssignments: f.roleAssignments.length,
    roleDefinitions: f.roleDefinitions.length,
    resources: f.resources.length,
    workloads: f.resources.filter((r) => WORKLOAD_TYPES_LOWER.has(r.type.toLowerCase())).length,
    applications: f.graph.applications.length,
    servicePrincipals: f.graph.servicePrincipals.length,
    users: f.graph.users.length,
    groups: f.graph.groups.length,
    appRoleAssignments: f.graph.servicePrincipals.reduce(
      (n, sp) => n + (Array.isArray(sp.appRoleAssignments) ? sp.appRoleAssignments.length : 0),
      0,
    ),
    delegatedGrants: f.graph.oauth2PermissionGrants.length,
    directoryRoleAssignments: f.graph.directoryRoleAssignments.length,
  };
}

/**
 * The fewest requests the collectors' data needs from the emulator serving `fixture`: every
 * list the collectors walk, at the emulator's page sizes, plus the per-object reads no list
 * can replace (application owners and federated credentials, batched 20 per request).
 */
export function computeLowerBound(fixture: TenantFixture, s: LowerBoundSettings): LowerBound {
  const index = new TenantIndex(fixture);
  const armPage = s.pageSize ?? DEFAULT_ARM_PAGE_SIZE;
  // graphPageSize(): a request's $top wins below the configured size; with none configured, $top itself
  const graphTop = (top: number) => (s.pageSize !== undefined ? Math.min(top, s.pageSize) : top);
  const graphNoTop = s.pageSize ?? DEFAULT_GRAPH_PAGE_SIZE;
  const subs = fixture.subscriptions.map((x) => x.subscriptionId.toLowerCase());
  const mgs = fixture.managementGroups.map((m) => m.name);
  const notes: string[] = [];

  const assignmentsAt = (scope: string, atScope: boolean) => {
    const parsed = parseScope(scope);
    if (!parsed) throw new Error(`lower bound: not an ARM scope: ${scope}`);
    return assignmentsForScope(index, scope, parsed, { atScope }).length;
  };
  const customVisible = (scope: string) => {
    const norm = scopeKey(scope);
    const from = new Set([norm, ...index.tree.ancestors(norm)]);
    return fixture.roleDefinitions.filter(
      (d) =>
        d.properties.type === "CustomRole" &&
        d.properties.assignableScopes.some((a) => {
          const n = scopeKey(a);
          return from.has(n) || n.startsWith(norm + "/");
        }),
    ).length;
  };

  const c: LowerBoundComponent[] = [];
  const subList = component("subscriptions", "arm", [subs.length], armPage);
  const mgList = component("managementGroups", "arm", [mgs.length], armPage);
  c.push(subList, mgList);
  c.push(
    component(
      "managementGroup hierarchy",
      "arm",
      [mgs.length],
      Number.MAX_SAFE_INTEGER,
      "one GET of the tenant root group with $expand=children&$recurse=true gives every subscription's parent",
    ),
  );
  const raSub = component(
    "roleAssignments per subscription",
    "arm",
    subs.map((id) => assignmentsAt(`/subscriptions/${id}`, false)),
    armPage,
    "inherited assignments repeat in every subscription's list",
  );
  c.push(raSub);
  c.push(
    component(
      "roleAssignments per management group (atScope)",
      "arm",
      mgs.map((n) => assignmentsAt(mgScope(n), true)),
      armPage,
    ),
  );
  c.push(component("roleAssignments at / (atScope)", "arm", [assignmentsAt("/", true)], armPage));
  c.push(
    component(
      "roleDefinitions built-in",
      "arm",
      [fixture.roleDefinitions.filter((d) => d.properties.type === "BuiltInRole").length],
      armPage,
    ),
  );
  c.push(
    component(
      "roleDefinitions custom per scope",
      "arm",
      [...mgs.map((n) => customVisible(mgScope(n))), ...subs.map((id) => customVisible(subscriptionScope(id)))],
      armPage,
    ),
  );
  const workloads = fixture.resources.filter((r) => WORKLOAD_TYPES_LOWER.has(r.type.toLowerCase())).length;
  const argChunks = Math.max(1, Math.ceil(subs.length / ARG_MAX_SUBSCRIPTIONS));
  const arg = component(
    "workloads (Resource Graph)",
    "arm",
    Array.from({ length: argChunks }, (_, i) => (i === 0 ? workloads : 0)),
    ARG_PAGE,
    argChunks > 1 ? "workloads counted in the first 1000-subscription chunk only" : undefined,
  );
  c.push(arg);
  // The resource groups of each subscription holding workloads, for their managedBy (managed groups).
  const rgIndex = new TenantIndex(fixture);
  const workloadSubs = [
    ...new Set(
      fixture.resources
        .filter((r) => WORKLOAD_TYPES_LOWER.has(r.type.toLowerCase()))
        .map((r) => subscriptionIdOf(r.id))
        .filter((s): s is string => Boolean(s)),
    ),
  ];
  c.push(
    component(
      "resource groups (managedBy)",
      "arm",
      workloadSubs.map((s) => rgIndex.resourceGroupsBySub.get(s)?.length ?? 0),
      armPage,
      "one list per subscription that holds workloads",
    ),
  );
  const defender = fixture.defender ?? {};
  const defAssess = component(
    "defender assessments",
    "arm",
    subs.map((id) => defenderOf(defender, id)?.assessments?.length ?? 0),
    armPage,
  );
  c.push(
    component(
      "defender pricings",
      "arm",
      subs.map((id) => defenderOf(defender, id)?.pricings?.length ?? 0),
      Number.MAX_SAFE_INTEGER,
      "not paged",
    ),
  );
  c.push(defAssess);
  c.push(
    component(
      "defender secureScores",
      "arm",
      subs.map((id) => defenderOf(defender, id)?.secureScores?.length ?? 0),
      armPage,
    ),
  );

  const g = fixture.graph;
  const graphSp = g.servicePrincipals.find((sp) => jsonText(sp.appId).toLowerCase() === MICROSOFT_GRAPH_APP_ID);
  const appGrants = graphSp
    ? g.servicePrincipals
        .flatMap(
          (sp) => (Array.isArray(sp.appRoleAssignments) ? sp.appRoleAssignments : []) as Array<Record<string, unknown>>,
        )
        .filter((a) => jsonText(a.resourceId).toLowerCase() === graphSp.id.toLowerCase())
    : [];
  c.push(component("organization", "graph", [1], graphNoTop));
  const apps = component("applications", "graph", [g.applications.length], graphTop(MAX_GRAPH_TOP));
  const sps = component("servicePrincipals", "graph", [g.servicePrincipals.length], graphTop(MAX_GRAPH_TOP));
  c.push(apps, sps);
  c.push(component("Microsoft Graph service principal", "graph", [graphSp ? 1 : 0], graphNoTop));
  const grants = component(
    "appRoleAssignedTo (app permissions on Graph)",
    "graph",
    graphSp ? [appGrants.length] : [],
    graphTop(MAX_GRAPH_TOP),
  );
  c.push(grants);
  c.push(component("oauth2PermissionGrants", "graph", [g.oauth2PermissionGrants.length], graphTop(MAX_GRAPH_TOP)));
  c.push(component("directory roleAssignments", "graph", [g.directoryRoleAssignments.length], graphNoTop));
  const dirDefs = new Set([
    ...(g.directoryRoleDefinitions ?? []).map((d) => d.id.toLowerCase()),
    ...g.directoryRoleAssignments.map((a) => jsonText(a.roleDefinitionId).toLowerCase()),
  ]);
  c.push(component("directory roleDefinitions", "graph", [dirDefs.size], graphNoTop));
  const batches = Math.ceil((2 * g.applications.length) / GRAPH_BATCH);
  c.push({
    name: "application owners + federated credentials ($batch)",
    api: "graph",
    lists: batches,
    items: 2 * g.applications.length,
    pageSize: GRAPH_BATCH,
    requests: batches,
    longestList: batches ? 1 : 0,
    note: "no tenant-wide list serves them: one sub-request per application and kind, 20 per $batch",
  });

  // principals named by assignments and grants, resolved 1000 ids per getByIds
  const ids = new Set<string>();
  const addId = (v: unknown) => {
    const id = typeof v === "string" ? v.toLowerCase() : "";
    if (isGuid(id)) ids.add(id);
  };
  for (const a of fixture.roleAssignments) addId(a.properties.principalId);
  for (const a of appGrants) if (!a.principalType || a.principalType === "ServicePrincipal") addId(a.principalId);
  for (const d of g.oauth2PermissionGrants) {
    addId(d.clientId);
    addId(d.principalId);
  }
  for (const a of g.directoryRoleAssignments) addId(a.principalId);
  const principals = component(
    "principals (directoryObjects/getByIds)",
    "graph",
    chunked(ids.size, GET_BY_IDS),
    GET_BY_IDS,
    "independent chunks of 1000 ids",
  );
  c.push(principals);

  // chains that cannot overlap: a list's pages follow nextLinks; per-subscription lists need the
  // subscription list; the principal lookup needs the assignments; the batches need the apps
  const perSubLongest = Math.max(raSub.longestList, defAssess.longestList, 1);
  const armChain = subList.longestList + Math.max(perSubLongest, arg.longestList) + principals.longestList;
  const graphChain = Math.max(
    apps.longestList + (batches ? 1 : 0),
    sps.longestList,
    1 + grants.longestList + principals.longestList,
  );
  const mgChain = mgList.longestList + 1;
  const critical = Math.max(armChain, graphChain, mgChain);

  if (argChunks > 1) notes.push("Resource Graph: more than 1000 subscriptions, workloads assumed in one chunk");
  notes.push(
    "role assignment lists are the ones the collectors walk (each subscription, each management group atScope, / atScope); a cleverer walk could skip management groups that have subscriptions below them",
  );
  // Graph's resource units: each list page and $batch sub-request costs 1 with $select (the
  // documented minimum), getByIds 3 − 1; the $batch envelopes themselves are not charged
  const graphRequests = c.filter((x) => x.api === "graph").reduce((n, x) => n + x.requests, 0);
  const resourceUnits = graphRequests - batches + 2 * g.applications.length + principals.requests;
  if (s.graphBudget)
    notes.push(
      `Graph budget: about ${resourceUnits} resource units at ${s.graphBudget.resourceUnits} per ${s.graphBudget.windowSeconds} s, the bucket full at the start`,
    );
  return summarise(c, critical, s, notes, { resourceUnits, budget: s.graphBudget });
}

/** Seconds a bucket of `budget` needs to serve `units` resource units, starting full. */
export function budgetSeconds(units: number, budget: GraphBudget | undefined): number {
  if (!budget) return 0;
  return Math.max(0, units - budget.resourceUnits) / (budget.resourceUnits / budget.windowSeconds);
}

/** sizes of the chunks `n` items make, `size` each; none for 0 */
export function chunked(n: number, size: number): number[] {
  const out: number[] = [];
  for (let left = n; left > 0; left -= size) out.push(Math.min(size, left));
  return out;
}

function defenderOf(d: NonNullable<TenantFixture["defender"]>, subId: string) {
  return d[subId] ?? Object.entries(d).find(([k]) => k.toLowerCase() === subId)?.[1];
}
