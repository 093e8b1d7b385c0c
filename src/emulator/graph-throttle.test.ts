import { describe, expect, it } from "vitest";
import { GraphThrottle, documentedGraphBudget, requestCost } from "./graph-throttle.ts";

const q = (s: string) => new URLSearchParams(s);

describe("Graph identity and access throttling", () => {
  it("sizes the application+tenant quota by the tenant's users, as documented", () => {
    expect(documentedGraphBudget(10)).toEqual({ resourceUnits: 3500, windowSeconds: 10 });
    expect(documentedGraphBudget(50)).toEqual({ resourceUnits: 5000, windowSeconds: 10 });
    expect(documentedGraphBudget(501)).toEqual({ resourceUnits: 8000, windowSeconds: 10 });
  });

  it.each([
    ["GET", "/applications", "", 2],
    ["GET", "/applications", "$select=id&$top=999", 1],
    ["POST", "/directoryObjects/getByIds", "$select=id", 2],
    ["GET", "/oauth2PermissionGrants", "$top=999", 2],
    ["GET", "/servicePrincipals", "$expand=owners", 2],
    ["GET", "/organization", "$select=id&$top=5", 1],
  ])("%s %s?%s costs %i resource units", (method, path, query, cost) => {
    expect(requestCost(method, path, q(query))).toBe(cost);
  });

  it("answers 429 with Retry-After and the throttle scope once the units are spent, and refills with time", () => {
    let now = 0;
    const t = new GraphThrottle(
      { resourceUnits: 10, windowSeconds: 10 },
      { appId: "app", tenantId: "tenant" },
      () => now,
    );
    for (let i = 0; i < 4; i++) expect(t.take(2).ok).toBe(true);
    const warned = t.take(2);
    expect(warned).toMatchObject({
      ok: true,
      headers: { "x-ms-resource-unit": "2", "x-ms-throttle-limit-percentage": "1.00" },
    });
    const refused = t.take(2);
    expect(refused).toMatchObject({
      ok: false,
      retryAfterSeconds: 2,
      headers: {
        "x-ms-throttle-scope": "Tenant_Application/Read/app/tenant",
        "x-ms-throttle-information": "ResourceUnitLimitExceeded",
      },
    });
    now = 2000;
    expect(t.take(2).ok).toBe(true);
  });
});
