// The benchmark's human-readable table.
import type { BenchResult } from "./run.ts";

export function formatBench(r: BenchResult): string {
  const s = r.summary;
  const lb = r.lowerBound;
  const t = r.tenant;
  const out: string[] = [];
  const n = (x: number | null | undefined, d = 0) => (x === null || x === undefined ? "–" : x.toFixed(d));
  const row = (label: string, made: string, min = "", ratio = "") =>
    out.push(`  ${label.padEnd(26)}${made.padStart(10)}${min.padStart(11)}${ratio.padStart(9)}`);

  out.push(`azaudit bench  ${r.size ? `--size ${r.size}: ` : ""}${r.generate}`);
  out.push(
    `  machine: ${r.machine.cpus} CPUs, node ${r.machine.node}, ${r.machine.platform}; ${r.runs.length} run${r.runs.length === 1 ? "" : "s"} (medians; peak RSS: largest)`,
  );
  out.push(
    `  tenant: ${t.applications} apps, ${t.servicePrincipals} service principals, ${t.subscriptions} subscriptions, ${t.managementGroups} management groups,`,
  );
  out.push(
    `          ${t.roleAssignments} role assignments, ${t.workloads} workloads, ${t.users} users, ${t.groups} groups`,
  );
  out.push(
    `  emulator: latency ${r.settings.latencyMs} ms, rate limit ${r.settings.rateLimit ?? "none"}, page size ${r.settings.pageSize ?? "default (ARM 100, Graph $top)"}; collectors' concurrency ${r.settings.concurrency} → allowed ${r.settings.allowedConcurrency}`,
  );
  out.push("");
  row("", "made", "minimum", "ratio");
  row("requests (HTTP)", n(s.requests.http), n(lb.requests), n(s.requestRatio, 2));
  row("  ARM", n(s.requests.arm), n(lb.arm));
  row("  Graph", n(s.requests.graph), n(lb.graph));
  row("  throttled (429)", n(s.requests.throttled));
  row("  other errors", n(s.requests.errors));
  row("  served incl. $batch subs", n(s.requests.served));
  row("collection (s)", n(s.collectionSeconds, 2), n(lb.seconds, 2), n(s.ratio, 2));
  row("wall time (s)", n(s.wallSeconds, 2), n(lb.seconds, 2), n(s.wallRatio, 2));
  row(
    "  network phase (s)",
    n(s.networkSeconds, 2),
    n(lb.seconds, 2),
    s.networkSeconds !== null && lb.seconds > 0 ? (s.networkSeconds / lb.seconds).toFixed(2) : "–",
  );
  const first = r.runs[0];
  if (first) row("  startup / tail (s)", `${n(first.startupSeconds, 2)} / ${n(first.tailSeconds, 2)}`);
  row("peak RSS (MiB)", n(s.peakRssMiB, 0));
  if (first) row("CPU scan / emulator (s)", `${n(first.cpuSeconds, 1)} / ${n(first.emulatorCpuSeconds, 1)}`);
  if (r.offline)
    row(
      "offline judging (s)",
      n(r.offline.judgeSeconds, 2),
      `${n(r.offline.jsonParseSeconds, 2)} parse`,
      n(r.offline.judgeRatio, 2),
    );
  const st = r.startup;
  out.push(
    `  start-up (${st.runtime}, median of ${st.runs}): --version ${st.versionSeconds.toFixed(2)} s, --help ${st.helpSeconds.toFixed(2)} s, node -e 0 ${st.nodeSeconds.toFixed(2)} s → ratio ${st.versionRatio.toFixed(1)} / ${st.helpRatio.toFixed(1)}`,
  );
  out.push("");
  out.push(
    `  lower bound: max(${lb.requests} requests × ${r.settings.latencyMs} ms ÷ ${lb.allowedConcurrency} = ${lb.volumeSeconds.toFixed(2)} s, critical path ${lb.criticalPathRequests} requests = ${lb.criticalPathSeconds.toFixed(2)} s, Graph budget ${lb.graphResourceUnits} resource units = ${lb.graphBudgetSeconds.toFixed(2)} s)`,
  );
  for (const c of lb.components) {
    out.push(
      `    ${String(c.requests).padStart(6)}  ${c.api.padEnd(5)} ${c.name} (${c.lists} list${c.lists === 1 ? "" : "s"}, ${c.items} item${c.items === 1 ? "" : "s"})${c.note ? `: ${c.note}` : ""}`,
    );
  }
  for (const note of lb.notes) out.push(`    note: ${note}`);
  out.push("");
  out.push("  top routes (HTTP requests, run 1; [first–last request, s after the first]):");
  for (const { route, count } of first?.topRoutes ?? []) {
    const span = first?.timeline[route];
    const throttled = first?.throttledByRoute[route];
    out.push(
      `    ${String(count).padStart(6)}  ${route}${span ? `  [${span.first.toFixed(2)}–${span.last.toFixed(2)} s]` : ""}${throttled ? `  ${throttled}×429` : ""}`,
    );
  }
  return `${out.join("\n")}\n`;
}
