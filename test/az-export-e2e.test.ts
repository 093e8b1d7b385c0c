// The auditor without access, end to end: the emulator serves the demo tenant; one process scans
// it live, and a test-side exporter (test/support/az-exporter.ts) writes what a client's `az`
// commands print for the same tenant; `azaudit scan --from-az-export` then judges that folder in
// a process with no Azure environment at all. Same tenant, same findings.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoTenant } from "../src/demo/tenant.ts";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { escapeMarkdown } from "../src/reporters/escape.ts";
import { h as escapeHtml } from "../src/reporters/html/text.ts";
import { FILES, PER } from "../src/sources/az-export/index.ts";
import { exportTenant } from "./support/az-exporter.ts";
import { Harness, baseEnv, readReports, type ProcResult } from "./support/e2e.ts";

const FORMATS = "sarif,json,md,html";
const PAGE = 10; // small pages: the Graph lists az rest reads are saved over several files

interface Run {
  proc: ProcResult;
  out: string;
  result: {
    run: {
      source: string;
      collectedAt: string;
      export?: { madeAt: string; madeAtFrom: string; madeBy: string | null; azVersion: string | null };
    };
    summary: { exitCode: number; complete: boolean };
    coverage: Array<{
      name: string;
      status: string;
      reason: string | null;
      gaps: Array<{ scope: string; reason: string }>;
    }>;
    rules: Array<{ id: string; status: string; reason: string | null }>;
    findings: Array<{
      ruleId: string;
      fingerprint: string;
      severity: string;
      resource: { id: string };
      evidence: Record<string, unknown>;
    }>;
  };
  snapshot: Record<string, unknown>;
}

const h = new Harness();
const now = new Date();
/** who the exporter signed in as: the scanner's service principal, by its appId (as `az account show` names it) */
const signedIn = () =>
  (JSON.parse(readFileSync(join(exportDir, "stamp.json"), "utf8")) as { user: { name: string } }).user.name;
let emu: RunningEmulator;
let exportDir: string;
let live: Run;
let fromExport: Run;
let partial: Run;

async function scan(args: string[], env: Record<string, string>): Promise<Run> {
  const out = h.tempDir();
  const proc = await h.run(
    ["scan", "--out", out, "--no-progress", "--format", FORMATS, "--save-snapshot", "snap.json", ...args],
    { env, cwd: out, timeoutMs: 60_000 },
  );
  const reports = readReports(out);
  if (!reports["findings.json"]) throw new Error(`no findings.json (exit ${proc.code})\n${proc.stderr}`);
  return {
    proc,
    out,
    result: JSON.parse(reports["findings.json"]),
    snapshot: JSON.parse(readFileSync(join(out, "snap.json"), "utf8")),
  };
}

beforeAll(async () => {
  emu = await startEmulator({ fixture: buildDemoTenant(now), pageSize: PAGE });
  h.onCleanup(() => emu.close());
  exportDir = h.tempDir("azaudit-az-export-");
  const partialDir = h.tempDir("azaudit-az-export-partial-");
  const [liveRun] = await Promise.all([scan([], { ...baseEnv(), ...emu.env }), exportTenant(emu, exportDir, { now })]);
  live = liveRun;
  const firstSub = JSON.parse(readFileSync(join(exportDir, FILES.accountList), "utf8"))[0].id as string;
  await exportTenant(emu, partialDir, { now, skip: [FILES.appList, PER.securityPricings(firstSub)] });
  // no emulator variables: judging an export needs (and tries) no network
  [fromExport, partial] = await Promise.all([
    scan(["--from-az-export", exportDir], baseEnv()),
    scan(["--from-az-export", partialDir], baseEnv()),
  ]);
}, 120_000);

afterAll(() => h.cleanup(), 30_000);

// An export holds no credential activity report (an optional section), so the rules that need it
// are skipped there; everything else must match the live scan.
const OPTIONAL_RULES = new Set(["credential-unused"]);
const keys = (r: Run) =>
  r.result.findings
    .filter((f) => !OPTIONAL_RULES.has(f.ruleId))
    .map((f) => `${f.ruleId} ${f.fingerprint} ${f.severity} ${f.resource.id}`)
    .sort();
const ruleStates = (r: Run) => r.result.rules.filter((x) => !OPTIONAL_RULES.has(x.id)).map((x) => [x.id, x.status]);

// The export holds neither group members, PIM eligibilities (the optional inventory sections) nor
// the sign-in report (credential-unused):
// what a live scan finds only through them is left out of the comparison, and nothing else.
const SEEN_THROUGH_GROUPS_OR_PIM = (f: Run["result"]["findings"][number]) =>
  "eligible" in f.evidence || "ownerPaths" in f.evidence || OPTIONAL_RULES.has(f.ruleId);
const keysWithoutGroupsOrPim = (r: Run) =>
  r.result.findings
    .filter((f) => !SEEN_THROUGH_GROUPS_OR_PIM(f))
    .map((f) => `${f.ruleId} ${f.fingerprint} ${f.severity} ${f.resource.id}`)
    .sort();

describe("scan --from-az-export of the demo tenant", () => {
  it("gives the live scan's findings, fingerprint for fingerprint, and its exit code", () => {
    expect(live.proc.code, live.proc.stderr).toBe(1);
    expect(live.result.findings.length).toBeGreaterThan(40);
    expect(fromExport.proc.code, fromExport.proc.stderr).toBe(live.proc.code);
    expect(keys(fromExport)).toEqual(keysWithoutGroupsOrPim(live));
    expect(live.result.findings.filter(SEEN_THROUGH_GROUPS_OR_PIM).length).toBeGreaterThan(0);
    expect(fromExport.result.summary.complete).toBe(true);
    expect(ruleStates(fromExport)).toEqual(ruleStates(live));
    expect(fromExport.result.rules.find((r) => r.id === "credential-unused")?.reason).toBe(
      "credentialSignIns not collected (optional)",
    );
  });

  it("builds the same inventory as the live collectors, section for section", () => {
    // groups, roleEligibilities and directoryRoleEligibilities are not in an export
    const {
      source: liveSource,
      collectedAt: _l,
      groups: _g,
      roleEligibilities: _e,
      directoryRoleEligibilities: _d,
      credentialSignIns: _optional,
      ...liveSections
    } = live.snapshot;
    const { source, collectedAt, ...exportSections } = fromExport.snapshot;
    // live principals also hold the members of those groups: the ones named nowhere else are left out
    type Items = { status: string; items: { id: string; members?: { id: string }[] | null }[] };
    const memberIds = new Set((_g as Items).items.flatMap((g) => (g.members ?? []).map((m) => m.id)));
    const exported = new Set((exportSections.principals as Items).items.map((p) => p.id));
    const livePrincipals = liveSections.principals as Items;
    const onlyMembers = livePrincipals.items.filter((p) => !exported.has(p.id));
    expect(onlyMembers.every((p) => memberIds.has(p.id))).toBe(true);
    liveSections.principals = { ...livePrincipals, items: livePrincipals.items.filter((p) => exported.has(p.id)) };
    expect(exportSections).toEqual(liveSections);
    expect((liveSource as { kind: string }).kind).toBe("live");
    expect(source).toMatchObject({
      kind: "az-export",
      cloud: "AzureCloud",
      export: { madeAt: now.toISOString(), madeAtFrom: "stamp", madeBy: signedIn(), azVersion: "2.67.0" },
    });
    // rules judge credential ages against the moment the client exported, not the audit's
    expect(collectedAt).toBe(now.toISOString());
  });

  it("says in every report that the source was an export, when it was made and by whom", () => {
    const reports = readReports(fromExport.out);
    const citation = `az export made ${now.toISOString()} by ${signedIn()} (time from the export's stamp, azure-cli 2.67.0)`;
    expect(fromExport.result.run).toMatchObject({
      source: "az-export",
      export: { madeAt: now.toISOString(), madeBy: signedIn() },
    });
    expect(reports["summary.md"]).toContain(escapeMarkdown(citation));
    expect(reports["report.html"]).toContain(`<span id="export-citation">${escapeHtml(citation)}</span>`);
    expect(JSON.parse(reports["azaudit.sarif"]!).runs[0].properties).toMatchObject({
      source: "az-export",
      export: { madeBy: signedIn() },
    });
    expect(fromExport.proc.stderr).toContain(`made ${now.toISOString()} by ${signedIn()}`);
    // the live scan's reports carry no such line
    expect(readReports(live.out)["summary.md"]).not.toContain("az export made");
  });

  it("marks what a missing file held unavailable (rules skipped, naming the file) and exits 3", () => {
    expect(partial.proc.code).toBe(3);
    expect(partial.result.summary.complete).toBe(false);
    const apps = partial.result.coverage.find((c) => c.name === "applications")!;
    expect(apps.status).toBe("unavailable");
    expect(apps.reason).toBe("not in the export: ad-app-list.json is missing (the output of `az ad app list --all`)");
    const skipped = partial.result.rules.filter((r) => r.status === "skipped");
    expect(skipped.map((r) => r.id)).toContain("app-secret-lifetime");
    expect(skipped.find((r) => r.id === "app-secret-lifetime")!.reason).toContain("ad-app-list.json");
    // one subscription's pricing list missing: a gap there, the other subscriptions still judged
    const defender = partial.result.coverage.find((c) => c.name === "defender")!;
    expect(defender.status).toBe("ok");
    expect(defender.gaps).toHaveLength(1);
    expect(defender.gaps[0]!.reason).toMatch(
      /^not in the export: security-pricing-list\/[0-9a-f-]+\.json is missing \(the output of `az security pricing list --subscription [0-9a-f-]+`\)$/,
    );
    expect(partial.proc.stderr).toContain("INCOMPLETE (exit 3)");
  });
});
