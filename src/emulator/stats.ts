// Request statistics for tests and the benchmark; one instance per server.
import type { EmulatorStats } from "./types.ts";

export class StatsCounter {
  private s: EmulatorStats = StatsCounter.empty();

  private static empty(): EmulatorStats {
    return { total: 0, throttled: 0, faults: 0, denied: 0, unauthorized: 0, byRoute: {} };
  }

  /** `total` counts API requests only; token requests show up in byRoute alone */
  route(key: string, api = true): void {
    if (api) this.s.total++;
    this.s.byRoute[key] = (this.s.byRoute[key] ?? 0) + 1;
  }

  bump(field: "throttled" | "faults" | "denied" | "unauthorized"): void {
    this.s[field]++;
  }

  snapshot(): EmulatorStats {
    return { ...this.s, byRoute: { ...this.s.byRoute } };
  }

  reset(): void {
    this.s = StatsCounter.empty();
  }
}
