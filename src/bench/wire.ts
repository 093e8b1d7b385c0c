// Requests on the wire, counted from the emulator's request log. The emulator's own stats count a
// Graph $batch's sub-requests as requests too (they are routed and served like top-level ones);
// its log has one line per HTTP request only, `<METHOD> <api>:<route> -> <status>[ (why)]`, and
// `identity -> …` for token requests. Both are reported: what crossed the wire, and what was served.

export interface WireCounts {
  /** HTTP requests to ARM and Graph (token requests excluded) */
  total: number;
  arm: number;
  graph: number;
  /** answered 429 */
  throttled: number;
  /** injected faults, 5xx and other non-2xx answers */
  errors: number;
  /** managed identity token requests */
  tokens: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  throttledByRoute: Record<string, number>;
  /** per route: seconds after the first API request of its first and last request */
  timeline: Record<string, { first: number; last: number }>;
  /** ms timestamps (of `now()`) of the first and last API request; null before any */
  firstAt: number | null;
  lastAt: number | null;
}

export interface WireCounter {
  /** pass as the emulator's `log` option */
  log(line: string): void;
  snapshot(): WireCounts;
  reset(): void;
}

const API_LINE = /^([A-Z]+) (arm|graph):(.*)$/;

export function createWireCounter(now: () => number = () => performance.now()): WireCounter {
  let c = empty();
  return {
    log(line: string) {
      const arrow = line.lastIndexOf(" -> ");
      if (arrow < 0) return;
      const key = line.slice(0, arrow);
      const outcome = line.slice(arrow + 4);
      if (key === "identity") {
        c.tokens++;
        return;
      }
      const m = API_LINE.exec(key);
      // a $batch sub-request is logged too, marked: it did not cross the wire
      if (!m || outcome.includes("in $batch")) return;
      const t = now();
      if (c.firstAt === null) c.firstAt = t;
      c.lastAt = t;
      c.total++;
      if (m[2] === "arm") c.arm++;
      else c.graph++;
      c.byRoute[key] = (c.byRoute[key] ?? 0) + 1;
      const at = Math.round(t - c.firstAt) / 1000;
      const span = c.timeline[key];
      if (span) span.last = at;
      else c.timeline[key] = { first: at, last: at };
      const status = /^\d{3}\b/.test(outcome)
        ? outcome.slice(0, 3)
        : outcome.startsWith("connection reset")
          ? "reset"
          : (outcome.split(" ")[0] ?? "?");
      c.byStatus[status] = (c.byStatus[status] ?? 0) + 1;
      if (status === "429") {
        c.throttled++;
        c.throttledByRoute[key] = (c.throttledByRoute[key] ?? 0) + 1;
      } else if (!/^2\d\d$/.test(status)) c.errors++;
    },
    snapshot: () => ({
      ...c,
      byRoute: { ...c.byRoute },
      byStatus: { ...c.byStatus },
      throttledByRoute: { ...c.throttledByRoute },
      timeline: Object.fromEntries(Object.entries(c.timeline).map(([k, v]) => [k, { ...v }])),
    }),
    reset() {
      c = empty();
    },
  };
}

function empty(): WireCounts {
  return {
    total: 0,
    arm: 0,
    graph: 0,
    throttled: 0,
    errors: 0,
    tokens: 0,
    byRoute: {},
    byStatus: {},
    throttledByRoute: {},
    timeline: {},
    firstAt: null,
    lastAt: null,
  };
}

/** the `n` busiest routes, most requests first, ties by name */
export function topRoutes(byRoute: Record<string, number>, n: number): Array<{ route: string; count: number }> {
  return Object.entries(byRoute)
    .map(([route, count]) => ({ route, count }))
    .sort((a, b) => b.count - a.count || (a.route < b.route ? -1 : a.route > b.route ? 1 : 0))
    .slice(0, n);
}
