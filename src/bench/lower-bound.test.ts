import { describe, expect, it } from "vitest";
import { generateFixture } from "../emulator/generator.ts";
import {
  allowedConcurrency,
  budgetSeconds,
  chunked,
  component,
  computeLowerBound,
  pagesFor,
  summarise,
  tenantSize,
  volumeSeconds,
} from "./lower-bound.ts";
import { createWireCounter, topRoutes } from "./wire.ts";

describe("lower-bound arithmetic", () => {
  it("pages: ceil(items/pageSize), an empty list still costs one request", () => {
    expect(pagesFor(0, 100)).toBe(1);
    expect(pagesFor(1, 100)).toBe(1);
    expect(pagesFor(100, 100)).toBe(1);
    expect(pagesFor(101, 100)).toBe(2);
    expect(pagesFor(20_000, 999)).toBe(21);
    expect(() => pagesFor(5, 0)).toThrow(RangeError);
    expect(() => pagesFor(-1, 10)).toThrow(RangeError);
  });

  it("allowed concurrency is min(rate limit, collectors' bound); no rate limit does not bound", () => {
    expect(allowedConcurrency(16, 8)).toBe(8);
    expect(allowedConcurrency(4, 8)).toBe(4);
    expect(allowedConcurrency(undefined, 8)).toBe(8);
  });

  it("volume: requests × latency ÷ concurrency", () => {
    expect(volumeSeconds(800, 20, 8)).toBeCloseTo(2, 10);
    expect(volumeSeconds(800, 0, 8)).toBe(0);
  });

  it("a component sums pages per list and keeps the longest list", () => {
    const c = component("x", "arm", [0, 250, 100], 100);
    expect(c).toMatchObject({ lists: 3, items: 350, requests: 1 + 3 + 1, longestList: 3 });
    expect(chunked(2500, 1000)).toEqual([1000, 1000, 500]);
    expect(chunked(0, 1000)).toEqual([]);
  });

  it("summarise takes the larger of the volume bound and the critical path", () => {
    const comps = [component("a", "arm", [500], 100), component("b", "graph", [1000, 1000], 100)];
    const lb = summarise(comps, 12, { latencyMs: 10, rateLimit: 4, concurrency: 8 });
    expect(lb.requests).toBe(25);
    expect(lb.arm).toBe(5);
    expect(lb.graph).toBe(20);
    expect(lb.allowedConcurrency).toBe(4);
    expect(lb.volumeSeconds).toBeCloseTo((25 * 10) / 4 / 1000, 10);
    expect(lb.criticalPathSeconds).toBeCloseTo(0.12, 10);
    expect(lb.seconds).toBeCloseTo(0.12, 10);
  });
});

describe("computeLowerBound on a generated tenant", () => {
  const fixture = generateFixture(
    "apps=250,subscriptions=3,assignmentsPerSubscription=150,workloadsPerSubscription=10,seed=4",
  );
  const byName = (lb: ReturnType<typeof computeLowerBound>, name: string) =>
    lb.components.find((c) => c.name === name)!;

  it("counts pages at the emulator's page sizes", () => {
    const lb = computeLowerBound(fixture, { latencyMs: 20, rateLimit: 16, concurrency: 8 });
    // Graph lists ask $top=999: one page for 250 apps with no configured page size
    expect(byName(lb, "applications").requests).toBe(1);
    expect(byName(lb, "subscriptions").requests).toBe(1);
    // owners + federated credentials: 2 sub-requests per app, 20 per $batch
    expect(byName(lb, "application owners + federated credentials ($batch)").requests).toBe(25);
    const small = computeLowerBound(fixture, { pageSize: 50, latencyMs: 20, rateLimit: 16, concurrency: 8 });
    expect(byName(small, "applications").requests).toBe(5);
    expect(small.requests).toBeGreaterThan(lb.requests);
    // ARM and Graph each at 8 at once, both together at the rate limit of 16
    expect(lb.volumeSeconds).toBeCloseTo((Math.max(lb.arm, lb.graph, lb.requests / 2) * 20) / 8 / 1000, 10);
  });

  it("a subscription's role assignment list holds its own assignments and the inherited ones", () => {
    const lb = computeLowerBound(fixture, { latencyMs: 0, concurrency: 8 });
    const ra = byName(lb, "roleAssignments per subscription");
    const below = fixture.roleAssignments.filter((a) => a.properties.scope.startsWith("/subscriptions/")).length;
    expect(ra.lists).toBe(3);
    // every subscription also lists what is assigned at "/" and at its management group chain
    expect(ra.items).toBeGreaterThan(below + 3 * 2 - 1);
    expect(lb.seconds).toBe(0);
  });

  it("tenantSize counts what the table shows", () => {
    const t = tenantSize(fixture);
    expect(t).toMatchObject({ applications: 250, subscriptions: 3 });
    expect(t.servicePrincipals).toBeGreaterThan(250);
    expect(t.workloads).toBeGreaterThan(0);
  });
});

describe("wire counter", () => {
  it("counts HTTP requests from the emulator log, by route and status; tokens apart", () => {
    let now = 1000;
    const w = createWireCounter(() => now);
    w.log("identity -> 200 (token issued for https://management.azure.com)");
    w.log("GET arm:/subscriptions -> 200");
    now = 1500;
    w.log("POST graph:/v1.0/$batch -> 200");
    w.log("GET arm:/subscriptions -> 429");
    w.log("GET graph:/v1.0/applications -> 500 (fault)");
    w.log("GET graph:/v1.0/applications -> connection reset (fault)");
    w.log("internal error: boom");
    w.log("GET graph:/v1.0/applications/{id}/owners -> 403 (in $batch)");
    now = 2000;
    w.log("GET arm:/subscriptions -> 200");
    const s = w.snapshot();
    expect(s).toMatchObject({
      total: 6,
      arm: 3,
      graph: 3,
      throttled: 1,
      errors: 2,
      tokens: 1,
      firstAt: 1000,
      lastAt: 2000,
    });
    expect(s.byRoute["GET arm:/subscriptions"]).toBe(3);
    expect(s.byStatus).toEqual({ "200": 3, "429": 1, "500": 1, reset: 1 });
    expect(s.throttledByRoute).toEqual({ "GET arm:/subscriptions": 1 });
    expect(s.timeline["GET arm:/subscriptions"]).toEqual({ first: 0, last: 1 });
    expect(topRoutes(s.byRoute, 2)).toEqual([
      { route: "GET arm:/subscriptions", count: 3 },
      { route: "GET graph:/v1.0/applications", count: 2 },
    ]);
    w.reset();
    expect(w.snapshot().total).toBe(0);
  });

  it("counts Graph's resource-unit budget: what the scan costs beyond one full bucket, at the refill rate", () => {
    expect(budgetSeconds(1000, { resourceUnits: 3500, windowSeconds: 10 })).toBe(0);
    expect(budgetSeconds(8500, { resourceUnits: 3500, windowSeconds: 10 })).toBeCloseTo(5000 / 350, 10);
    const fixture = generateFixture("apps=400,subscriptions=2,users=10,seed=3");
    const lb = computeLowerBound(fixture, {
      latencyMs: 0,
      concurrency: 8,
      graphBudget: { resourceUnits: 100, windowSeconds: 10 },
    });
    expect(lb.graphResourceUnits).toBeGreaterThan(800); // two $batch sub-requests per app, at least
    expect(lb.seconds).toBeCloseTo(lb.graphBudgetSeconds, 10);
    expect(lb.graphBudgetSeconds).toBeCloseTo((lb.graphResourceUnits - 100) / 10, 10);
  });
});
