// Azure Resource Manager's request throttling, as "Understand how Azure Resource Manager throttles
// requests" (learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling)
// documents it since 2024: a token bucket per subscription (and principal, and operation type),
// and one per tenant for requests that name no subscription; reads: a bucket of 250 tokens refilled
// at 25 per second. Each answer says what is left in `x-ms-ratelimit-remaining-subscription-reads`
// or `x-ms-ratelimit-remaining-tenant-reads`; an empty bucket answers 429 with Retry-After.
// The emulator has one caller, so one bucket per subscription and one for the tenant.
import { subscriptionIdOf } from "../arm/resource-id.ts";

export interface ArmReadBucket {
  /** tokens when full (documented default 250) */
  size: number;
  /** tokens added per second (documented default 25) */
  refillPerSecond: number;
}

export const DOCUMENTED_ARM_READ_BUCKET: ArmReadBucket = Object.freeze({ size: 250, refillPerSecond: 25 });

export type ThrottleAnswer =
  { ok: true; header: string; remaining: number } | { ok: false; header: string; retryAfterSeconds: number };

/** Which bucket a request path draws from: its subscription's, or the tenant's. */
export function bucketOf(path: string): { key: string; header: string } {
  const sub = subscriptionIdOf(path);
  return sub !== null
    ? { key: `sub:${sub}`, header: "x-ms-ratelimit-remaining-subscription-reads" }
    : { key: "tenant", header: "x-ms-ratelimit-remaining-tenant-reads" };
}

export class ArmThrottle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly bucket: ArmReadBucket,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token for a read of `path`, or says how long until one is there. */
  take(path: string): ThrottleAnswer {
    const { key, header } = bucketOf(path);
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.bucket.size, at: t };
    b.tokens = Math.min(this.bucket.size, b.tokens + ((t - b.at) / 1000) * this.bucket.refillPerSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens < 1)
      return {
        ok: false,
        header,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.bucket.refillPerSecond)),
      };
    b.tokens -= 1;
    return { ok: true, header, remaining: Math.floor(b.tokens) };
  }
}

/**
 * Azure Resource Graph's own quota ("Guidance for throttled requests in Azure Resource Graph"):
 * a number of queries per user per time window (the example given: 15 every 5 seconds), told in
 * `x-ms-user-quota-remaining` and `x-ms-user-quota-resets-after` (hh:mm:ss) on every answer;
 * beyond it, 429.
 */
export interface ResourceGraphQuota {
  queries: number;
  windowSeconds: number;
}

export const DOCUMENTED_RESOURCE_GRAPH_QUOTA: ResourceGraphQuota = Object.freeze({ queries: 15, windowSeconds: 5 });

export type QuotaAnswer = { ok: boolean; headers: Record<string, string>; retryAfterSeconds: number };

function hhmmss(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, "0")).join(":");
}

export class ResourceGraphThrottle {
  private windowStart: number | undefined;
  private used = 0;

  constructor(
    private readonly quota: ResourceGraphQuota,
    private readonly now: () => number = Date.now,
  ) {}

  take(): QuotaAnswer {
    const t = this.now();
    const windowMs = this.quota.windowSeconds * 1000;
    if (this.windowStart === undefined || t - this.windowStart >= windowMs) {
      this.windowStart = t;
      this.used = 0;
    }
    const resetsIn = (this.windowStart + windowMs - t) / 1000;
    const ok = this.used < this.quota.queries;
    if (ok) this.used++;
    const headers = {
      "x-ms-user-quota-remaining": String(this.quota.queries - this.used),
      "x-ms-user-quota-resets-after": hhmmss(resetsIn),
    };
    return { ok, headers, retryAfterSeconds: Math.max(1, Math.ceil(resetsIn)) };
  }
}
