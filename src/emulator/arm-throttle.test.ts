import { describe, expect, it } from "vitest";
import { ArmThrottle, DOCUMENTED_ARM_READ_BUCKET, bucketOf } from "./arm-throttle.ts";

describe("ARM read token buckets", () => {
  it("have the documented defaults: 250 reads, refilled 25 a second", () => {
    expect(DOCUMENTED_ARM_READ_BUCKET).toEqual({ size: 250, refillPerSecond: 25 });
  });

  it("draw per subscription, and from the tenant's bucket for requests naming none", () => {
    expect(bucketOf("/subscriptions/ABC/resources")).toEqual({ key: "sub:abc", header: "x-ms-ratelimit-remaining-subscription-reads" });
    expect(bucketOf("/providers/Microsoft.Management/managementGroups")).toEqual({ key: "tenant", header: "x-ms-ratelimit-remaining-tenant-reads" });
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
    expect(t.take("/subscriptions/a/x")).toEqual({ ok: false, header: "x-ms-ratelimit-remaining-subscription-reads", retryAfterSeconds: 1 });
    expect(t.take("/subscriptions/b/x")).toMatchObject({ ok: true, remaining: 2 }); // another subscription's bucket
    expect(t.take("/tenants")).toMatchObject({ ok: true, remaining: 2 }); // the tenant's
    now = 1000; // two tokens back
    expect(t.take("/subscriptions/a/x")).toMatchObject({ ok: true, remaining: 1 });
  });
});
