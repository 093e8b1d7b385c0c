// How long and how much azaudit is willing to wait for and read from one answer. Every wait in a
// scan is bounded by these, so a stalled, trickling or throttling-forever server ends in a named
// gap and the reports, never in a job that dies with nothing.

export interface WireLimits {
  /** one attempt, from sending the request to the last byte of its body */
  requestTimeoutMs: number;
  /** a Retry-After longer than this is not waited for: the read fails with a named gap */
  maxRetryAfterSeconds: number;
  /** one response body; a larger one is cut off and refused */
  maxBodyBytes: number;
  /** pages of one list walk */
  maxPages: number;
  /** pages in a row with no item but a next link: a server stringing the scan along */
  maxEmptyPages: number;
  /** aborted when the scan-wide deadline passes (every request and every wait listens to it) */
  deadline?: AbortSignal;
}

export const DEFAULT_WIRE_LIMITS: Readonly<Omit<WireLimits, "deadline">> = {
  requestTimeoutMs: 60_000,
  maxRetryAfterSeconds: 120,
  maxBodyBytes: 64 * 1024 * 1024,
  maxPages: 5_000,
  maxEmptyPages: 20,
};

export function wireLimits(overrides: Partial<WireLimits> = {}): WireLimits {
  return {
    ...DEFAULT_WIRE_LIMITS,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]: [string, unknown]) => v !== undefined)),
  };
}

/** Retry-After in seconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/** A promise that waits `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal | undefined): Error {
  return signal?.reason instanceof Error ? signal.reason : new Error("aborted");
}
