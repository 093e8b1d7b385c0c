// Knobs that make the emulator behave like a busy, flaky, partly-forbidden tenant.
// All randomness comes from a seeded PRNG owned by the server instance, so a run with the
// same seed and the same request order misbehaves the same way.
import type { EmulatorOptions } from "./types.ts";

export interface Knobs {
  port: number;
  pageSize?: number;
  latencyMs: number;
  rateLimit?: number;
  retryAfterSeconds: number;
  faultRate: number;
  /** probability that a $batch sub-request is answered 429 (with Retry-After) or 503 inside a 200 batch */
  batchFaultRate: number;
  denyScopes: string[];
  seed: number;
  tokenLifetimeSeconds: number;
}

export type FaultKind = "500" | "503" | "reset" | "truncate";

/** mulberry32: tiny, fast, good enough for test data and fault schedules */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class KnobError extends Error {}

function nonNegInt(name: string, v: number | undefined, min = 0): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min) throw new KnobError(`${name} must be an integer ≥ ${min}, got ${v}`);
  return v;
}

/** a deny scope naming a Graph path (/v1.0/…, or /beta/… served the same) rather than an ARM scope */
export function isGraphDenyScope(scope: string): boolean {
  const first = scope.split("/").filter(Boolean)[0]?.toLowerCase();
  return first === "v1.0" || first === "beta";
}

export function normalizeKnobs(opts: EmulatorOptions): Knobs {
  const port = nonNegInt("port", opts.port) ?? 0;
  if (port > 65535) throw new KnobError(`port must be 0..65535, got ${port}`);
  const faultRate = opts.faultRate ?? 0;
  if (typeof faultRate !== "number" || Number.isNaN(faultRate) || faultRate < 0 || faultRate > 1) {
    throw new KnobError(`faultRate must be a probability between 0 and 1, got ${faultRate}`);
  }
  const batchFaultRate = opts.batchFaultRate ?? 0;
  if (typeof batchFaultRate !== "number" || Number.isNaN(batchFaultRate) || batchFaultRate < 0 || batchFaultRate > 1) {
    throw new KnobError(`batchFaultRate must be a probability between 0 and 1, got ${batchFaultRate}`);
  }
  const denyScopes = (opts.denyScopes ?? []).map((s) => {
    if (typeof s !== "string" || !s.startsWith("/"))
      throw new KnobError(
        `deny scope must be an ARM scope or a Graph path (/v1.0/…) starting with "/", got ${JSON.stringify(s)}`,
      );
    return s;
  });
  return {
    port,
    pageSize: nonNegInt("pageSize", opts.pageSize, 1),
    latencyMs: nonNegInt("latencyMs", opts.latencyMs) ?? 0,
    rateLimit: nonNegInt("rateLimit", opts.rateLimit, 1),
    retryAfterSeconds: nonNegInt("retryAfterSeconds", opts.retryAfterSeconds) ?? 1,
    faultRate,
    batchFaultRate,
    denyScopes,
    seed: nonNegInt("seed", opts.seed) ?? 1,
    tokenLifetimeSeconds: nonNegInt("tokenLifetimeSeconds", opts.tokenLifetimeSeconds, 1) ?? 3600,
  };
}

/**
 * Microsoft Graph throttling guidance: "each request in a batch is evaluated against throttling
 * limits individually"; a throttled one answers 429 with its own Retry-After inside the 200 batch.
 * Seeded like the top-level faults, on a stream of its own.
 */
export class BatchFaultInjector {
  private readonly rand: () => number;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    this.rand = mulberry32(seed ^ 0x85ebca6b);
  }

  next(): "429" | "503" | undefined {
    if (this.rate <= 0 || this.rand() >= this.rate) return undefined;
    return this.rand() < 0.75 ? "429" : "503";
  }
}

export class FaultInjector {
  private readonly rand: () => number;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    this.rand = mulberry32(seed ^ 0x9e3779b9);
  }

  next(): FaultKind | undefined {
    if (this.rate <= 0) return undefined;
    if (this.rand() >= this.rate) return undefined;
    const kinds: FaultKind[] = ["500", "503", "reset", "truncate"];
    return kinds[Math.floor(this.rand() * kinds.length)];
  }
}
