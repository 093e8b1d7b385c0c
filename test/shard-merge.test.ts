// A scan split across processes and joined again: against one emulator with the demo tenant,
// `azaudit scan` whole, three `scan --shard I/3` and `merge`, and three `--shard I/3 --part arm`
// beside one `--part graph` and `merge`, each a separate process through the real Azure SDKs.
// The merged inventory must be the unsplit one, and so must its findings and exit code.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoTenant } from "../src/demo/tenant.ts";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { shardOf } from "../src/shard/plan.ts";
import { Harness, baseEnv, type ProcResult } from "./support/e2e.ts";

const h = new Harness();
const RUN_MS = 120_000;
let emulator: RunningEmulator;
let env: Record<string, string>;

interface Run {
  proc: ProcResult;
  out: string;
}

async function azaudit(args: string[], out = h.tempDir()): Promise<Run> {
  const proc = await h.run(args, { env, cwd: out, timeoutMs: RUN_MS });
  return { proc, out };
}

const scan = (args: string[]) => azaudit(["scan", "--out", ".", "--no-progress", ...args]);
const merge = (dirs: string[], extra: string[] = []) => {
  const out = h.tempDir();
  return azaudit(
    ["merge", ...dirs, "--out", out, "--format", "json,sarif", "--save-snapshot", join(out, "snap.json"), ...extra],
    out,
  );
};

interface Findings {
  summary: Record<string, unknown>;
  findings: { id: string; ruleId: string; fingerprint: string; severity: string; state: string }[];
}
const findingsOf = (r: Run) => JSON.parse(readFileSync(join(r.out, "findings.json"), "utf8")) as Findings;
/** The inventory, minus what differs between any two runs (when and by which process it was collected). */
const inventoryOf = (r: Run) => {
  const inv = JSON.parse(readFileSync(join(r.out, "snap.json"), "utf8")) as Record<string, unknown>;
  delete inv.collectedAt;
  delete inv.source;
  return inv;
};
const partFile = (r: Run) => join(r.out, "azaudit.part.json");

let whole: Run;
let shards: Run[];
let armShards: Run[];
let graphPart: Run;
let subscriptions: string[];

beforeAll(async () => {
  const fixture = buildDemoTenant(new Date());
  subscriptions = fixture.subscriptions.map((s) => s.subscriptionId.toLowerCase());
  emulator = await startEmulator({ fixture });
  h.onCleanup(() => emulator.close());
  env = { ...baseEnv(), ...emulator.env };
  // the whole scan and the shards of the default split at once; the --part variant after (a 2-core machine)
  [whole, ...shards] = await Promise.all([
    scan(["--format", "json,sarif", "--save-snapshot", "snap.json"]),
    ...[1, 2, 3].map((i) => scan(["--shard", `${i}/3`])),
  ]);
  [graphPart, ...armShards] = await Promise.all([
    scan(["--part", "graph"]),
    ...[1, 2, 3].map((i) => scan(["--shard", `${i}/3`, "--part", "arm"])),
  ]);
}, 4 * RUN_MS);

afterAll(() => h.cleanup(), 30_000);

describe("scan --shard I/N and merge", () => {
  it("gives every shard of the demo tenant some subscriptions, so the split is exercised", () => {
    for (const i of [1, 2, 3]) expect(subscriptions.filter((s) => shardOf(s, 3) === i).length).toBeGreaterThan(0);
  });

  it("writes a part file and no reports in each part, exit 0 when complete", () => {
    for (const r of [...shards, ...armShards, graphPart]) {
      expect(r.proc.code, r.proc.stderr).toBe(0);
      const part = JSON.parse(readFileSync(partFile(r), "utf8")) as { part: { subscriptionIds: string[] } };
      expect(() => readFileSync(join(r.out, "findings.json"))).toThrow();
      expect(part.part.subscriptionIds.every((s) => subscriptions.includes(s))).toBe(true);
    }
    const covered = shards.flatMap(
      (r) =>
        (JSON.parse(readFileSync(partFile(r), "utf8")) as { part: { subscriptionIds: string[] } }).part.subscriptionIds,
    );
    expect(covered.sort()).toEqual([...subscriptions].sort());
  });

  for (const variant of ["shard 1 collects the tenant-wide sections", "a separate --part graph"] as const) {
    it(
      `merges to the unsplit scan: inventory, findings, fingerprints, counts and exit code (${variant})`,
      async () => {
        const parts = variant === "a separate --part graph" ? [graphPart, ...armShards] : shards;
        // argument order does not matter
        const merged = await merge(parts.map((p) => p.out).reverse());
        expect(merged.proc.code, merged.proc.stderr).toBe(whole.proc.code);
        expect(inventoryOf(merged)).toEqual(inventoryOf(whole));
        const a = findingsOf(whole);
        const b = findingsOf(merged);
        expect(a.findings.length).toBeGreaterThan(0);
        const key = (f: Findings["findings"][number]) => [f.id, f.ruleId, f.fingerprint, f.severity, f.state];
        expect(b.findings.map(key)).toEqual(a.findings.map(key));
        expect(b.summary).toEqual(a.summary);
      },
      RUN_MS,
    );
  }

  it(
    "marks a missing shard's subscriptions as gaps and names it (exit 3)",
    async () => {
      const merged = await merge([shards[0]!.out, shards[2]!.out]);
      expect(merged.proc.code, merged.proc.stderr).toBe(3);
      expect(merged.proc.stderr).toContain("shard 2/3 was not among the merged parts");
      const inv = JSON.parse(readFileSync(join(merged.out, "snap.json"), "utf8")) as {
        roleAssignments: { gaps: { scope: string }[] };
      };
      const lost = subscriptions.filter((s) => shardOf(s, 3) === 2).map((s) => `/subscriptions/${s}`);
      expect(inv.roleAssignments.gaps.map((g) => g.scope).sort()).toEqual(lost.sort());
    },
    RUN_MS,
  );

  it(
    "makes the Graph sections unavailable when the graph part is missing (exit 3)",
    async () => {
      const merged = await merge(armShards.map((r) => r.out));
      expect(merged.proc.code, merged.proc.stderr).toBe(3);
      expect(merged.proc.stderr).toContain("part graph was not among the merged parts");
    },
    RUN_MS,
  );

  it(
    "refuses a part of another tenant, a part given twice and mixed splits (exit 2, file named)",
    async () => {
      const dir = h.tempDir();
      const foreign = join(dir, "foreign.part.json");
      const doc = JSON.parse(readFileSync(partFile(shards[1]!), "utf8")) as { part: { tenantId: string } };
      doc.part.tenantId = "00000000-0000-0000-0000-0000000000ff";
      writeFileSync(foreign, JSON.stringify(doc));
      const twice = join(dir, "twice.part.json");
      copyFileSync(partFile(shards[1]!), twice);
      const [other, dup, mixed] = await Promise.all([
        merge([shards[0]!.out, foreign, shards[2]!.out]),
        merge([...shards.map((r) => r.out), twice]),
        merge([graphPart.out, ...shards.map((r) => r.out)]),
      ]);
      expect(other.proc.code).toBe(2);
      expect(other.proc.stderr).toContain(foreign);
      expect(other.proc.stderr).toContain("tenant 00000000-0000-0000-0000-0000000000ff");
      expect(dup.proc.code).toBe(2);
      expect(dup.proc.stderr).toMatch(/a second shard 2\/3/);
      expect(mixed.proc.code).toBe(2);
      expect(mixed.proc.stderr).toContain(partFile(graphPart));
    },
    RUN_MS,
  );

  it(
    "refuses a part file of the wrong shape, naming the file and the JSON path (exit 2)",
    async () => {
      const bad = join(h.tempDir(), "bad.part.json");
      const doc = JSON.parse(readFileSync(partFile(shards[0]!), "utf8")) as { part: { kind: string } };
      doc.part.kind = "everything";
      writeFileSync(bad, JSON.stringify(doc));
      const r = await merge([bad, shards[1]!.out, shards[2]!.out]);
      expect(r.proc.code).toBe(2);
      expect(r.proc.stderr).toContain(`${bad}: /part/kind`);
    },
    RUN_MS,
  );

  it(
    "refuses --shard 0/3, 4/3, x and 2/0 with the expected form (exit 2)",
    async () => {
      const runs = await Promise.all(["0/3", "4/3", "x", "2/0"].map((v) => scan(["--shard", v])));
      for (const r of runs) {
        expect(r.proc.code, r.proc.stderr).toBe(2);
        expect(r.proc.stderr).toContain("--shard I/N");
      }
    },
    RUN_MS,
  );

  it(
    "refuses flags a part cannot honour: a snapshot to judge, report shaping, a snapshot of the share (exit 2)",
    async () => {
      const [judged, shaped, saved] = await Promise.all([
        scan(["--shard", "1/2", "--snapshot", "inventory.json"]),
        scan(["--part", "graph", "--fail-on", "low"]),
        scan(["--shard", "2/2", "--save-snapshot", "share.json"]),
      ]);
      for (const r of [judged, shaped, saved]) expect(r.proc.code, r.proc.stderr).toBe(2);
      expect(judged.proc.stderr).toContain("a snapshot or export is judged whole");
      expect(shaped.proc.stderr).toContain("--fail-on shape reports, and a part writes none");
      expect(saved.proc.stderr).toContain("give --save-snapshot to `azaudit merge`");
    },
    RUN_MS,
  );
});
