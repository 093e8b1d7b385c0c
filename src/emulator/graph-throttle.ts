// Microsoft Graph's identity and access throttling, as "Microsoft Graph service-specific throttling
// limits" (learn.microsoft.com/graph/throttling-limits, "Identity and access service limits")
// documents it: a token bucket of resource units per application+tenant pair — 3,500 per 10 s for
// a tenant under 50 users, 5,000 up to 500 users, 8,000 above — where each request costs its base
// cost from the documented table (1 when not listed; GET applications 2, POST
// directoryObjects/getByIds 3, GET oauth2PermissionGrants 2, GET users 2, …), minus 1 with
// `$select`, plus 1 with `$expand`, minus 1 with `$top` under 20, never below 1. Every answer says
// `x-ms-resource-unit` (what it cost) and, past 80% of the limit, `x-ms-throttle-limit-percentage`;
// beyond the limit, 429 with Retry-After, `x-ms-throttle-scope` and `x-ms-throttle-information`.
// Requests inside a `$batch` are evaluated one by one. The emulator has one caller (one app), so
// one bucket; the per-application (150,000 / 20 s) and write quotas are far from a scan's reach and
// not modelled.

export interface GraphBudget {
  /** resource units per window */
  resourceUnits: number;
  windowSeconds: number;
}

/** The documented application+tenant quota for a tenant of `users` users. */
export function documentedGraphBudget(users: number): GraphBudget {
  return { resourceUnits: users < 50 ? 3500 : users <= 500 ? 5000 : 8000, windowSeconds: 10 };
}

/** Documented base costs of the identity paths azaudit reads (path templates relative to /v1.0). */
const BASE_COST: Array<{ method: string; path: RegExp; cost: number }> = [
  { method: "GET", path: /^\/applications$/i, cost: 2 },
  { method: "GET", path: /^\/applications\/[^/]+\/extensionProperties$/i, cost: 2 },
  { method: "POST", path: /^\/directoryObjects\/getByIds$/i, cost: 3 },
  { method: "GET", path: /^\/groups\/[^/]+\/members$/i, cost: 3 },
  { method: "GET", path: /^\/groups\/[^/]+\/transitiveMembers$/i, cost: 5 },
  { method: "GET", path: /^\/oauth2PermissionGrants(\/[^/]+)?$/i, cost: 2 },
  { method: "GET", path: /^\/servicePrincipals\/[^/]+\/appRoleAssignments$/i, cost: 2 },
  { method: "GET", path: /^\/subscribedSkus$/i, cost: 3 },
  { method: "GET", path: /^\/users$/i, cost: 2 },
];

/** The resource units a request costs, by the documented table and query modifiers. */
export function requestCost(method: string, v1Path: string, query: URLSearchParams): number {
  const m = method.toUpperCase();
  let cost = BASE_COST.find((c) => c.method === m && c.path.test(v1Path))?.cost ?? 1;
  if (query.has("$select")) cost -= 1;
  if (query.has("$expand")) cost += 1;
  const top = Number(query.get("$top"));
  if (query.has("$top") && Number.isFinite(top) && top < 20) cost -= 1;
  return Math.max(1, cost);
}

export type BudgetAnswer =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; retryAfterSeconds: number; headers: Record<string, string> };

export class GraphThrottle {
  private units: number;
  private at: number;

  constructor(
    private readonly budget: GraphBudget,
    private readonly scope: { appId: string; tenantId: string },
    private readonly now: () => number = Date.now,
  ) {
    this.units = budget.resourceUnits;
    this.at = now();
  }

  /** Takes `cost` units for one request, or says how long until they are there. */
  take(cost: number): BudgetAnswer {
    const t = this.now();
    const perMs = this.budget.resourceUnits / (this.budget.windowSeconds * 1000);
    this.units = Math.min(this.budget.resourceUnits, this.units + (t - this.at) * perMs);
    this.at = t;
    if (this.units < cost) {
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((cost - this.units) / perMs / 1000)),
        headers: {
          "x-ms-throttle-scope": `Tenant_Application/Read/${this.scope.appId}/${this.scope.tenantId}`,
          "x-ms-throttle-information": "ResourceUnitLimitExceeded",
        },
      };
    }
    this.units -= cost;
    const used = 1 - this.units / this.budget.resourceUnits;
    const headers: Record<string, string> = { "x-ms-resource-unit": String(cost) };
    if (used > 0.8) headers["x-ms-throttle-limit-percentage"] = used.toFixed(2);
    return { ok: true, headers };
  }
}
