import { describe, expect, it } from "vitest";
import {
  ArmThrottle,
  DOCUMENTED_ARM_READ_BUCKET,
  DOCUMENTED_RESOURCE_GRAPH_QUOTA,
  ResourceGraphThrottle,
  bucketOf,
} from "./arm-throttle.ts";

describe("ARM read token buckets", () => {
  it("have the documented defaults: 250 reads, refilled 25 a second", () => {
    expect(DOCUMENTED_ARM_READ_BUCKET).toEqual({ size: 250, refillPerSecond: 25 });
  });

  it("draw per subscription, and from the tenant's bucket for requests naming none", () => {
    expect(bucketOf("/subscriptions/ABC/resources")).toEqual({
      key: "sub:abc",
      header: "x-ms-ratelimit-remaining-subscription-reads",
    });
    expect(bucketOf("/providers/Microsoft.Management/managementGroups")).toEqual({
      key: "tenant",
      header: "x-ms-ratelimit-remaining-tenant-reads",
    });
    expect(bucketOf("/providers/Microsoft.ResourceGraph/resources").key).toBe("tenant");
  });

  it("count down in the header, answer 429 with Retry-After when empty, and refill over time", () => {
    let now = 0;
    const t = new ArmThrottle({ size: 3, refillPerSecond: 2 }, () => now);
    expect([1, 2, 3].map(() => t.take("/subscriptions/a/x"))).toEqual([
      { ok: true, header: "x-ms-ratelimit-remaining-subscription-reads", remaining: 2 },
      { ok: true, header: "x-ms-ratelimit-remaining-subscription-reads", remaining: 1 },
      { ok: true, header: "x-ms-ratelimit-remaining-subscription-reads", remaining: 0 },
    ]);
    expect(t.take("/subscriptions/a/x")).toEqual({
      ok: false,
      header: "x-ms-ratelimit-remaining-subscription-reads",
      retryAfterSeconds: 1,
    });
    expect(t.take("/subscriptions/b/x")).toMatchObject({ ok: true, remaining: 2 }); // another subscription's bucket
    expect(t.take("/tenants")).toMatchObject({ ok: true, remaining: 2 }); // the tenant's
    now = 1000; // two tokens back
    expect(t.take("/subscriptions/a/x")).toMatchObject({ ok: true, remaining: 1 });
  });
});

describe("Resource Graph's quota", () => {
  it("counts queries down in x-ms-user-quota-remaining, says when it resets, and answers 429 when spent", () => {
    let now = 0;
    const q = new ResourceGraphThrottle({ queries: 2, windowSeconds: 5 }, () => now);
    expect(q.take()).toEqual({
      ok: true,
      headers: { "x-ms-user-quota-remaining": "1", "x-ms-user-quota-resets-after": "00:00:05" },
      retryAfterSeconds: 5,
    });
    now = 2000;
    expect(q.take().headers).toEqual({ "x-ms-user-quota-remaining": "0", "x-ms-user-quota-resets-after": "00:00:03" });
    expect(q.take()).toMatchObject({ ok: false, retryAfterSeconds: 3 });
    now = 5000;
    expect(q.take()).toMatchObject({ ok: true, headers: { "x-ms-user-quota-remaining": "1" } });
    expect(DOCUMENTED_RESOURCE_GRAPH_QUOTA).toEqual({ queries: 15, windowSeconds: 5 });
  });
});
