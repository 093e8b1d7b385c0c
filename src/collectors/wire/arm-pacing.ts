// Paces ARM reads from the `x-ms-ratelimit-remaining-{subscription,tenant}-reads` headers, so a
// large scan slows down before ARM's token buckets run dry instead of after (few 429s). The
// refill rate is not in the headers: the documented default (25 reads per second) is assumed.
import type { PipelinePolicy, PipelineRequest, PipelineResponse, SendRequest } from "@azure/core-rest-pipeline";
import { sleep, type WireLimits } from "./limits.ts";
import { subscriptionIdOf } from "../../arm/resource-id.ts";

/** Below this many reads left in a bucket, requests to it are spaced at the refill rate. */
export const PACING_LOW_WATER = 25;
export const ASSUMED_REFILL_PER_SECOND = 25;

function bucketKey(url: string): { key: string; header: string } {
  const sub = subscriptionIdOf(new URL(url).pathname);
  return sub !== null
    ? { key: `sub:${sub}`, header: "x-ms-ratelimit-remaining-subscription-reads" }
    : { key: "tenant", header: "x-ms-ratelimit-remaining-tenant-reads" };
}

const RESOURCE_GRAPH = /^\/providers\/microsoft\.resourcegraph\/resources$/i;

/** `x-ms-user-quota-resets-after` is hh:mm:ss; anything else is not believed */
export function parseResetsAfter(v: string | undefined): number | undefined {
  const m = v === undefined ? null : /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(v.trim());
  return m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 : undefined;
}

export interface ArmPacing {
  policy: PipelinePolicy;
  /** milliseconds spent waiting for buckets to refill (for the verbose log and tests) */
  waitedMs(): number;
}

export function createArmPacing(limits: Pick<WireLimits, "deadline">, now: () => number = Date.now): ArmPacing {
  const state = new Map<string, { left: number; at: number }>();
  let waited = 0;
  // Resource Graph's own quota (x-ms-user-quota-*): once spent, no query until it resets
  let graphQuotaResetsAt = 0;
  const policy: PipelinePolicy = {
    name: "azauditArmPacing",
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      const { key, header } = bucketKey(request.url);
      const isResourceGraph = RESOURCE_GRAPH.test(new URL(request.url).pathname);
      if (isResourceGraph && graphQuotaResetsAt > now()) {
        const ms = graphQuotaResetsAt - now();
        waited += ms;
        await sleep(ms, limits.deadline);
      }
      const s = state.get(key);
      if (s) {
        // reserve this request's token first, so requests sent together space themselves out
        const t = now();
        s.left += ((t - s.at) / 1000) * ASSUMED_REFILL_PER_SECOND - 1;
        s.at = t;
        if (s.left < PACING_LOW_WATER) {
          const ms = Math.ceil(((PACING_LOW_WATER - s.left) / ASSUMED_REFILL_PER_SECOND) * 1000);
          waited += ms;
          await sleep(ms, limits.deadline);
        }
      }
      const res = await next(request);
      if (isResourceGraph) {
        const quotaLeft = res.headers.get("x-ms-user-quota-remaining");
        const resetsMs = parseResetsAfter(res.headers.get("x-ms-user-quota-resets-after"));
        // the wait is bounded like any Retry-After: a few seconds is the documented window
        if ((res.status === 429 || (quotaLeft !== undefined && quotaLeft.trim() === "0")) && resetsMs !== undefined)
          graphQuotaResetsAt = now() + Math.min(resetsMs, 120_000);
      }
      const raw = res.headers.get(header);
      const left = raw !== undefined && /^\d{1,9}$/.test(raw.trim()) ? Number(raw) : undefined;
      if (left !== undefined) state.set(key, { left, at: now() });
      else if (res.status === 429) state.set(key, { left: 0, at: now() });
      return res;
    },
  };
  return { policy, waitedMs: () => waited };
}
