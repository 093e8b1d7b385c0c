// Request statistics for tests and the benchmark; one instance per server.
import type { EmulatorStats } from "./types.ts";

export class StatsCounter {
  private s: EmulatorStats = StatsCounter.empty();

  private static empty(): EmulatorStats {
    return { total: 0, throttled: 0, faults: 0, denied: 0, unauthorized: 0, byRoute: {}, throttledByRoute: {} };
  }

  /** `total` counts API requests only; token requests show up in byRoute alone */
  route(key: string, api = true): void {
    if (api) this.s.total++;
    this.s.byRoute[key] = (this.s.byRoute[key] ?? 0) + 1;
  }

  /** `route` names where a 429 went (for the bench's 429s per route) */
  bump(field: "throttled" | "faults" | "denied" | "unauthorized", route?: string): void {
    this.s[field]++;
    if (field === "throttled" && route) this.s.throttledByRoute[route] = (this.s.throttledByRoute[route] ?? 0) + 1;
  }

  snapshot(): EmulatorStats {
    return { ...this.s, byRoute: { ...this.s.byRoute }, throttledByRoute: { ...this.s.throttledByRoute } };
  }

  reset(): void {
    this.s = StatsCounter.empty();
  }
}
