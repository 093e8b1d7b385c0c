// End to end: the emulator runs here, in the test process; `azaudit scan` runs as a separate
// process (`node bin/azaudit.js scan`) whose whole environment is PATH, HOME and the variables
// the emulator printed, through DefaultAzureCredential, the @azure/arm-* clients and the Graph
// client exactly as against Azure. A separate process also gets fresh MSAL state: MSAL caches
// managed identity tokens per process, so one process cannot scan two emulators.
//
// Every scan starts in beforeAll, concurrently (most of their time is tsx start-up and waiting
// on Retry-After), and each test then judges the results it needs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoTenant } from "../src/demo/tenant.ts";
import { assignmentsForScope } from "../src/emulator/arm-routes.ts";
import {
  loadFixture,
  startEmulator,
  type EmulatorOptions,
  type EmulatorStats,
  type RunningEmulator,
  type TenantFixture,
} from "../src/emulator/index.ts";
import { mgScope, parseScope } from "../src/arm/resource-id.ts";
import { TenantIndex } from "../src/emulator/tenant-index.ts";
import { RULES } from "../src/rules/index.ts";
import {
  Harness,
  REPORT_FILES,
  baseEnv,
  expectNoSecrets,
  readReports,
  startTokenRecorder,
  type ProcResult,
} from "./support/e2e.ts";
import { assertValidSarif } from "./support/sarif.ts";

const FIXTURE_FILE = join(import.meta.dirname, "../src/emulator/fixtures/small-tenant.json");
const small: TenantFixture = await loadFixture(FIXTURE_FILE);
const PAGE = 3; // the clean run pages every list the small tenant has more than 3 of
const DEMO_PAGE = 10;
const ALL_FORMATS = "sarif,json,md,html,csv";
const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

// objects the small fixture plants (src/emulator/fixtures/small-tenant.json)
const SUB_PROD = "08be8593-ffd6-58bd-9667-9a1fd9ca2141";
const SUB_DEV = "ac063f8f-57e5-54df-bf72-cacf9511f607";
const APP_LEGACY_SYNC = "c3b6538a-33cf-5132-b0cc-f1a4b8c73179"; // "forever" secret ending 2299-12-31, no owner
const APP_TERRAFORM = "dea8bb48-9b93-57d9-855b-4de583cead7f"; // federated credential only
const SP_LEGACY_SYNC = "75e223e7-9dcb-58c4-9a22-55c46afb8d8d"; // Tier-0 Graph app roles, password on the SP
const RA_OWNER_AT_ROOT = "/providers/Microsoft.Authorization/roleAssignments/7cb138a1-156b-5917-8956-fad06af2d5db";
const RA_UAA_AT_MG =
  "/providers/Microsoft.Management/managementGroups/mg-platform/providers/Microsoft.Authorization/roleAssignments/cbe04a18-3d6f-590e-a8d5-216c4430c53d";
const RA_DELETED_PRINCIPAL = `/subscriptions/${SUB_PROD}/providers/Microsoft.Authorization/roleAssignments/14d8af84-7182-59ed-8ff8-0d44425cbd7c`;
const RA_GUEST = `/subscriptions/${SUB_DEV}/providers/Microsoft.Authorization/roleAssignments/8e02b5b0-d072-53ce-a450-8a35c2194e84`;
const VM_WITHOUT_IDENTITY = `/subscriptions/${SUB_PROD}/resourceGroups/rg-jump/providers/Microsoft.Compute/virtualMachines/vm-jump`;
const FUNC_WITHOUT_IDENTITY = `/subscriptions/${SUB_DEV}/resourceGroups/rg-dev/providers/Microsoft.Web/sites/func-dev`;
const WEB_WITH_IDENTITY = `/subscriptions/${SUB_PROD}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-prod`;

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  fingerprint: string;
  state: string;
  resource: { id: string; type: string; displayName: string | null; subscriptionId: string | null };
  evidence: Record<string, unknown>;
}
interface CoverageEntry {
  name: string;
  status: string;
  items: number | null;
  reason: string | null;
  missingPermission: string | null;
  gaps: Array<{ scope: string; reason: string; missingPermission?: string }>;
}
interface ScanResultJson {
  run: { startedAt: string; collectedAt: string; tenantId: string };
  summary: { complete: boolean; exitCode: number; open: number };
  coverage: CoverageEntry[];
  rules: Array<{ id: string; status: string; reason: string | null }>;
  findings: Finding[];
}

interface Scan {
  proc: ProcResult;
  out: string;
  reports: ReturnType<typeof readReports>;
  result: ScanResultJson;
  /** the emulator's request statistics once the scan had exited */
  stats: EmulatorStats;
  emulator: RunningEmulator;
  fixture: TenantFixture;
  /** tokens the scan was handed (only when the identity endpoint was recorded) */
  tokens: string[];
}

const h = new Harness();
const settled = new Map<string, PromiseSettledResult<Scan>>();

/**
 * One emulator, one scan process whose environment is exactly PATH, HOME and the emulator's env.
 * `recordTokens` swaps IDENTITY_ENDPOINT for a forwarding recorder (the one deviation), so the
 * secrets test knows the very tokens the scan held.
 */
async function scanAgainst(
  fixture: TenantFixture,
  emuOpts: EmulatorOptions,
  args: string[],
  opts: { recordTokens?: boolean } = {},
): Promise<Scan> {
  const emulator = await startEmulator({ fixture, ...emuOpts });
  h.onCleanup(() => emulator.close());
  let env: Record<string, string> = { ...baseEnv(), ...emulator.env };
  let tokens: string[] = [];
  if (opts.recordTokens) {
    const recorder = await startTokenRecorder(emulator.env.IDENTITY_ENDPOINT);
    h.onCleanup(() => recorder.close());
    env = { ...env, IDENTITY_ENDPOINT: recorder.endpoint };
    tokens = recorder.tokens;
  }
  const out = h.tempDir();
  const proc = await h.run(["scan", "--out", out, "--no-progress", ...args], { env, cwd: out });
  const stats = emulator.stats();
  const reports = readReports(out);
  if (!reports["findings.json"]) throw new Error(`no findings.json (exit ${proc.code})\n${proc.stderr}`);
  return { proc, out, reports, result: JSON.parse(reports["findings.json"]), stats, emulator, fixture, tokens };
}

async function snapshotScan(from: Scan): Promise<Scan> {
  const out = h.tempDir();
  // no emulator variables at all: a snapshot scan must not need (or try) the network
  const proc = await h.run(
    ["scan", "--snapshot", join(from.out, "snap.json"), "--out", out, "--no-progress", "--format", ALL_FORMATS],
    { env: baseEnv(), cwd: out },
  );
  const reports = readReports(out);
  if (!reports["findings.json"]) throw new Error(`no findings.json (exit ${proc.code})\n${proc.stderr}`);
  // stats of the live scan's emulator, read again: they must not have moved
  return {
    ...from,
    proc,
    out,
    reports,
    result: JSON.parse(reports["findings.json"]),
    stats: from.emulator.stats(),
    tokens: [],
  };
}

function get(name: string): Scan {
  const r = settled.get(name);
  if (!r) throw new Error(`scan ${name} was not started`);
  if (r.status === "rejected") throw r.reason;
  return r.value;
}

beforeAll(async () => {
  const clean = scanAgainst(small, { pageSize: PAGE }, ["--format", ALL_FORMATS, "--save-snapshot", "snap.json"]);
  const jobs: Record<string, Promise<Scan>> = {
    clean,
    snapshot: clean.then(snapshotScan),
    demo: scanAgainst(buildDemoTenant(new Date()), { pageSize: DEMO_PAGE }, []),
    deniedSubscription: scanAgainst(small, { denyScopes: [`/subscriptions/${SUB_DEV}`] }, []),
    deniedApplications: scanAgainst(small, { denyScopes: ["/v1.0/applications"] }, []),
    // throttled, verbose, all five reports, and the identity endpoint recorded: the token hunt
    // runs on the noisiest log there is (every 429 and retry)
    throttled: scanAgainst(
      small,
      { rateLimit: 2, retryAfterSeconds: 1, pageSize: 5, latencyMs: 10 },
      ["--verbose", "--format", ALL_FORMATS],
      { recordTokens: true },
    ),
  };
  const names = Object.keys(jobs);
  const results = await Promise.allSettled(Object.values(jobs));
  names.forEach((n, i) => settled.set(n, results[i]!));
  // E2E_DEBUG=1 prints each scan's wall time and the emulator's request counts per route
  if (process.env.E2E_DEBUG)
    for (const [n, r] of settled)
      console.log(
        n,
        r.status === "fulfilled"
          ? `${r.value.proc.ms} ms, ${r.value.stats.total} requests ${JSON.stringify(r.value.stats.byRoute)}`
          : r.reason,
      );
}, 90_000);

afterAll(() => h.cleanup(), 30_000);

const byRule = (s: Scan, ruleId: string) => s.result.findings.filter((f) => f.ruleId === ruleId);
// Role-assignment findings point at the grant (docs/findings.md); the assignment's id is their evidence.
const onResource = (s: Scan, ruleId: string, resourceId: string) =>
  byRule(s, ruleId).filter((f) =>
    [f.resource.id, f.evidence.assignmentId].some(
      (id) => typeof id === "string" && id.toLowerCase() === resourceId.toLowerCase(),
    ),
  );
const coverageOf = (s: Scan, name: string) => s.result.coverage.find((c) => c.name === name)!;

/** pages of at most `page` items: an empty list still costs one request */
const pagesOf = (n: number, page: number) => Math.max(1, Math.ceil(n / page));

/** role assignment pages: one walk per subscription (all that applies there), per management group and "/" (atScope()) */
function assignmentPages(
  f: TenantFixture,
  page: number,
): { subscriptions: number; managementGroups: number; root: number } {
  const index = new TenantIndex(f);
  const walk = (scope: string, atScope: boolean) =>
    pagesOf(assignmentsForScope(index, scope, parseScope(scope)!, { atScope }).length, page);
  return {
    subscriptions: f.subscriptions.reduce((n, sub) => n + walk(`/subscriptions/${sub.subscriptionId}`, false), 0),
    managementGroups: f.managementGroups.reduce((n, mg) => n + walk(mgScope(mg.name), true), 0),
    root: walk("/", true),
  };
}

/**
 * The most requests a scan may make if it walks every list once, never one object at a time:
 * derived from the tenant's sizes, each list at most as long as the whole collection.
 */
function resourceGroupPages(f: TenantFixture, page: number): number {
  const index = new TenantIndex(f);
  const subs = new Set(
    f.resources
      .filter((r) => r.type.toLowerCase() !== "microsoft.resources/resourcegroups")
      .map((r) => r.id.split("/")[2]!.toLowerCase()),
  );
  return [...subs].reduce((n, sub) => n + pagesOf(index.resourceGroupsBySub.get(sub)?.length ?? 0, page), 0);
}

function requestBudget(f: TenantFixture, page: number): number {
  const pages = (n: number) => pagesOf(n, page);
  const S = f.subscriptions.length;
  const M = f.managementGroups.length;
  const A = f.graph.applications.length;
  const graphSp = f.graph.servicePrincipals.find((sp) => sp.appId === GRAPH_APP_ID);
  const grants = f.graph.servicePrincipals
    .flatMap((sp) => (sp.appRoleAssignments as Array<{ resourceId: string }> | undefined) ?? [])
    .filter((g) => g.resourceId === graphSp?.id).length;
  const principalRefs =
    f.roleAssignments.length +
    grants +
    2 * f.graph.oauth2PermissionGrants.length +
    f.graph.directoryRoleAssignments.length;
  const builtIn = f.roleDefinitions.filter((d) => d.properties.type === "BuiltInRole").length;
  const custom = f.roleDefinitions.length - builtIn;
  const ra = assignmentPages(f, page);
  const defender = f.subscriptions.reduce((n, sub) => {
    const d = f.defender?.[sub.subscriptionId] ?? {};
    return n + pages(d.pricings?.length ?? 0) + pages(d.assessments?.length ?? 0) + pages(d.secureScores?.length ?? 0);
  }, 0);
  const assessmentKeys = new Set(
    Object.values(f.defender ?? {}).flatMap((d) =>
      (d.assessments ?? []).map((a) => (typeof a.name === "string" ? a.name.toLowerCase() : "")),
    ),
  ).size;
  return (
    1 /* organization */ +
    pages(A) +
    pages(f.graph.servicePrincipals.length) +
    1 /* the Graph SP by appId */ +
    pages(grants) +
    pages(f.graph.oauth2PermissionGrants.length) +
    pages(f.graph.directoryRoleAssignments.length) +
    pages(f.graph.directoryRoleDefinitions?.length ?? 100) +
    Math.ceil((2 * A) / 20) +
    2 * A /* $batch posts and their sub-requests (stats count both) */ +
    Math.ceil(principalRefs / 1000) /* getByIds */ +
    pages(S) +
    pages(M) +
    M /* each group with its children */ +
    pages(builtIn) /* at "/" */ +
    (M + S) * pages(custom) /* custom roles assignable at each scope */ +
    ra.subscriptions +
    ra.managementGroups +
    ra.root +
    defender /* pricings, assessments, secure scores of each subscription */ +
    pages(assessmentKeys) /* assessment metadata, once */ +
    pages(f.resources.length) /* Resource Graph */ +
    1 /* the subscriptions Resource Graph answered for */ +
    resourceGroupPages(f, page) /* resource groups of each subscription holding workloads, for managedBy */ +
    Math.max(1, pages(f.reports?.appCredentialSignInActivities?.length ?? 0)) /* credential activity report */
  );
}

/** what every live scan's traffic must look like, whatever the tenant */
/** How deep groups nest in the fixture (1 for groups without group members, 0 without groups); cycles end. */
function groupNestingLevels(f: Scan["fixture"]): number {
  const groups = new Map(f.graph.groups.map((g) => [g.id, g]));
  const depth = (id: string, seen: Set<string>): number => {
    const g = groups.get(id);
    if (!g || seen.has(id)) return 0;
    const members = Array.isArray(g.members) ? g.members.map(String) : [];
    return 1 + Math.max(0, ...members.map((m) => depth(m, new Set([...seen, id]))));
  };
  return Math.max(0, ...[...groups.keys()].map((id) => depth(id, new Set())));
}

function expectEfficientTraffic(s: Scan, page: number): void {
  const f = s.fixture;
  const r = s.stats.byRoute;
  const pages = (n: number) => pagesOf(n, page);
  const A = f.graph.applications.length;
  // Graph: each collection walked once, page by page
  expect(r["GET graph:/v1.0/applications"]).toBe(pages(A));
  expect(r["GET graph:/v1.0/servicePrincipals"]).toBe(pages(f.graph.servicePrincipals.length) + 1); // + the resource APIs' SPs by appId, one filtered list
  expect(r["GET graph:/v1.0/servicePrincipals/{id}/appRoleAssignedTo"]).toBeGreaterThanOrEqual(1);
  expect(r["GET graph:/v1.0/organization"]).toBe(1);
  // sub-collections in $batch (20 a batch), not one top-level GET per app
  expect(r["POST graph:/v1.0/$batch"]).toBe(Math.ceil((2 * A) / 20));
  expect(r["GET graph:/v1.0/applications/{id}/federatedIdentityCredentials"]).toBe(A);
  expect(r["GET graph:/v1.0/applications/{id}/owners"]).toBe(A);
  // principals resolved in bulk with getByIds, never one GET per object; then the groups among
  // them level by level, one call per level of nesting at most
  const getByIds = r["POST graph:/v1.0/directoryObjects/getByIds"] ?? 0;
  expect(getByIds).toBeGreaterThanOrEqual(1);
  expect(getByIds).toBeLessThanOrEqual(1 + groupNestingLevels(f));
  const perObject = Object.keys(r).filter(
    (k) =>
      /^GET graph:\/v1\.0\/(applications|servicePrincipals|users|groups|directoryObjects)\/\{id\}$/.test(k) ||
      /\/servicePrincipals\/\{id\}\/appRoleAssignments$/.test(k),
  );
  expect(perObject).toEqual([]);
  // role assignments: one page walk per subscription, per management group (atScope()) and "/"
  const ra = assignmentPages(f, page);
  expect(r["GET arm:/subscriptions/{id}/providers/Microsoft.Authorization/roleAssignments"]).toBe(ra.subscriptions);
  expect(
    r[
      "GET arm:/providers/Microsoft.Management/managementGroups/{name}/providers/Microsoft.Authorization/roleAssignments"
    ],
  ).toBe(ra.managementGroups);
  expect(r["GET arm:/providers/Microsoft.Authorization/roleAssignments"]).toBe(ra.root);
  expect(Object.keys(r).filter((k) => /roleAssignments\/\{|roleDefinitions\/\{/.test(k))).toEqual([]);
  // tokens: one per audience for the whole scan
  expect(r["GET identity:/msi/token"]).toBe(2);
  expect(s.stats.unauthorized).toBe(0);
  // groups and PIM eligibilities: walked at the scopes role assignments are walked at, each group's
  // members once; they join the budget as counted, bounded here
  const eligibilityRoutes = Object.keys(r).filter((k) => k.includes("roleEligibilityScheduleInstances"));
  for (const k of eligibilityRoutes) {
    const assignments = k.startsWith("GET graph:")
      ? "GET graph:/v1.0/roleManagement/directory/roleAssignments"
      : k.replace("roleEligibilityScheduleInstances", "roleAssignments");
    expect(r[k], k).toBeLessThanOrEqual(Math.max(1, r[assignments] ?? 0));
  }
  const members = r["GET graph:/v1.0/groups/{id}/members"] ?? 0;
  expect(members).toBeLessThanOrEqual(pages(Math.max(1, f.graph.groups.length)) * f.graph.groups.length);
  const groupsAndPim = eligibilityRoutes.reduce((n, k) => n + (r[k] ?? 0), 0) + members + (getByIds - 1);
  const budget = requestBudget(f, page) + groupsAndPim;
  expect(s.stats.total, `requests by route: ${JSON.stringify(r, null, 1)}`).toBeLessThanOrEqual(budget);
  // the budget is tight enough to catch a per-object pattern: one GET per app would break it
  expect(s.stats.total + A).toBeGreaterThan(budget);
}

describe("azaudit scan, a separate process, against the emulator with the small tenant", () => {
  it("reaches the emulator with nothing but its printed env and exits 1 on the tenant's high findings", () => {
    const s = get("clean");
    expect(s.proc.code, s.proc.stderr).toBe(1);
    expect(s.result.summary).toMatchObject({ complete: true, exitCode: 1 });
    expect(s.result.run.tenantId).toBe(small.tenant.id);
    expect(s.proc.stderr).toContain("FAILED (exit 1)");
    expect(s.stats.total).toBeGreaterThan(0);
  });

  it("finds what the fixture plants, on the objects it plants it on", () => {
    const s = get("clean");
    const secret = onResource(s, "app-secret-lifetime", `entra/applications/${APP_LEGACY_SYNC}`);
    expect(secret).toHaveLength(1);
    expect(secret[0]!.message).toContain("2299-12-31");
    expect(secret[0]!.severity).toBe("high");
    expect(onResource(s, "app-secret-lifetime", `entra/applications/${APP_TERRAFORM}`)).toEqual([]); // federation only
    expect(onResource(s, "privileged-role-broad-scope", RA_OWNER_AT_ROOT)[0]?.severity).toBe("critical");
    const uaa = onResource(s, "privileged-role-broad-scope", RA_UAA_AT_MG);
    expect(uaa[0]?.severity).toBe("critical");
    expect(uaa[0]?.message).toContain("User Access Administrator");
    expect(onResource(s, "workload-managed-identity", VM_WITHOUT_IDENTITY)).toHaveLength(1);
    expect(onResource(s, "workload-managed-identity", FUNC_WITHOUT_IDENTITY)).toHaveLength(1);
    expect(onResource(s, "workload-managed-identity", WEB_WITH_IDENTITY)).toEqual([]);
    const orphan = onResource(s, "orphaned-role-assignment", RA_DELETED_PRINCIPAL);
    expect(orphan).toHaveLength(1);
    expect(orphan[0]!.message).toContain("no longer exists");
    expect(onResource(s, "guest-privileged-role", RA_GUEST)).toHaveLength(1);
    const tier0 = onResource(s, "graph-privileged-app-permission", `entra/servicePrincipals/${SP_LEGACY_SYNC}`);
    expect(tier0.map((f) => f.evidence.permission).sort()).toEqual([
      "Application.ReadWrite.All",
      "RoleManagement.ReadWrite.Directory",
    ]);
    expect(tier0.every((f) => f.evidence.tier === "tier0" && f.severity === "critical")).toBe(true);
    expect(onResource(s, "service-principal-password", `entra/servicePrincipals/${SP_LEGACY_SYNC}`)).toHaveLength(1);
    expect(onResource(s, "app-without-owner", `entra/applications/${APP_LEGACY_SYNC}`)).toHaveLength(1);
    // every finding open, with a unique fingerprint
    const fps = s.result.findings.map((f) => f.fingerprint);
    expect(new Set(fps).size).toBe(fps.length);
    expect(s.result.findings.every((f) => f.state === "open" && /^[0-9a-f]{64}$/.test(f.fingerprint))).toBe(true);
  });

  it("collects every section and writes all five reports, the SARIF valid", () => {
    const s = get("clean");
    const notOk = s.result.coverage.filter((c) => c.status !== "ok" || c.gaps.length > 0);
    expect(notOk).toEqual([]);
    expect(coverageOf(s, "applications").items).toBe(small.graph.applications.length);
    expect(coverageOf(s, "subscriptions").items).toBe(small.subscriptions.length);
    expect(coverageOf(s, "roleAssignments").items).toBe(small.roleAssignments.length); // deduped across scopes
    for (const f of REPORT_FILES) expect(s.reports[f], f).toBeTruthy();
    assertValidSarif(s.reports["azaudit.sarif"]!);
    const sarif = JSON.parse(s.reports["azaudit.sarif"]!);
    expect(sarif.runs[0].results).toHaveLength(s.result.findings.length);
    expect(s.reports["summary.md"]).not.toContain("Incomplete scan");
    const ruleStatus = Object.fromEntries(s.result.rules.map((r) => [r.id, r.status]));
    for (const rule of RULES)
      expect(ruleStatus[rule.meta.id], rule.meta.id).toBe(
        !rule.meta.enabledByDefault ? "disabled" : rule.meta.requiresOptional ? "skipped" : "ran", // no P1/P2 licence
      );
  });

  it("walks each list once, batches sub-collections and never fetches objects one by one", () => {
    expectEfficientTraffic(get("clean"), PAGE);
  });
});

describe("the demo tenant, scanned the same way", () => {
  it("keeps to the same request shape at a larger size", () => {
    const s = get("demo");
    expect(s.proc.code, s.proc.stderr).toBe(1);
    expect(s.result.coverage.filter((c) => c.status !== "ok" || c.gaps.length > 0)).toEqual([]);
    expectEfficientTraffic(s, DEMO_PAGE);
  });
});

describe("partial access", () => {
  it("a subscription answering 403 exits 3, and every report names the gap and the permission", () => {
    const s = get("deniedSubscription");
    expect(s.proc.code, s.proc.stderr).toBe(3);
    expect(s.result.summary).toMatchObject({ complete: false, exitCode: 3 });
    const ra = coverageOf(s, "roleAssignments");
    expect(ra.status).toBe("ok"); // the other subscriptions were read
    expect(ra.gaps).toEqual([
      expect.objectContaining({
        scope: `/subscriptions/${SUB_DEV}`,
        missingPermission: "Microsoft.Authorization/roleAssignments/read",
      }),
    ]);
    expect(ra.gaps[0]!.reason).toContain("AuthorizationFailed");
    expect(coverageOf(s, "defender").gaps.map((g) => g.scope)).toEqual([`/subscriptions/${SUB_DEV}`]);
    const gapScopes = new Set(s.result.coverage.flatMap((c) => c.gaps.map((g) => g.scope)));
    expect([...gapScopes]).toEqual([`/subscriptions/${SUB_DEV}`]);
    expect(s.reports["summary.md"]).toContain("Incomplete scan");
    expect(s.reports["summary.md"]).toContain(`/subscriptions/${SUB_DEV}`);
    expect(s.reports["summary.md"]).toContain("Microsoft.Authorization/roleAssignments/read");
    expect(s.proc.stderr).toContain(`could not read roleAssignments at /subscriptions/${SUB_DEV}`);
    expect(s.proc.stderr).toContain("INCOMPLETE (exit 3)");
    expect(s.stats.denied).toBeGreaterThan(0);
    // what the denied subscription alone holds is gone; the rest is still judged
    expect(onResource(s, "guest-privileged-role", RA_GUEST)).toEqual([]);
    expect(onResource(s, "orphaned-role-assignment", RA_DELETED_PRINCIPAL)).toHaveLength(1);
    assertValidSarif(s.reports["azaudit.sarif"]!);
  });

  it("Graph answering 403 on applications exits 3, names Application.Read.All and skips the rules that need applications", () => {
    const s = get("deniedApplications");
    expect(s.proc.code, s.proc.stderr).toBe(3);
    const apps = coverageOf(s, "applications");
    expect(apps).toMatchObject({ status: "unavailable", missingPermission: "Application.Read.All" });
    expect(apps.reason).toContain("403");
    expect(s.result.coverage.filter((c) => c.status !== "ok").map((c) => c.name)).toEqual(["applications"]);
    const needApps = [
      "app-secret-lifetime",
      "app-certificate-lifetime",
      "secret-where-federation-fits",
      "app-without-owner",
    ];
    for (const id of needApps) {
      const rule = s.result.rules.find((r) => r.id === id)!;
      expect(rule.status, id).toBe("skipped");
      expect(rule.reason, id).toMatch(/^applications unavailable/);
      expect(byRule(s, id), id).toEqual([]);
    }
    // rules that never read applications still ran
    expect(s.result.rules.find((r) => r.id === "service-principal-password")!.status).toBe("ran");
    expect(onResource(s, "service-principal-password", `entra/servicePrincipals/${SP_LEGACY_SYNC}`)).toHaveLength(1);
    expect(s.proc.stderr).toContain("could not collect applications");
    expect(s.proc.stderr).toContain("Application.Read.All");
    expect(s.reports["summary.md"]).toContain("Incomplete scan");
    expect(s.reports["summary.md"]).toContain("Application.Read.All");
    // the list was refused once; no sub-collection was asked for
    expect(s.stats.denied).toBe(1);
    expect(s.stats.byRoute["POST graph:/v1.0/$batch"]).toBeUndefined();
  });
});

describe("throttling", () => {
  it("429s with Retry-After change nothing: same findings, same fingerprints, same messages", () => {
    const clean = get("clean");
    const s = get("throttled");
    expect(s.stats.throttled).toBeGreaterThan(0);
    expect(s.proc.code, s.proc.stderr).toBe(1);
    expect(s.result.coverage.filter((c) => c.status !== "ok" || c.gaps.length > 0)).toEqual([]);
    const view = (r: ScanResultJson) =>
      r.findings.map((f) => ({
        ruleId: f.ruleId,
        resource: f.resource.id,
        fingerprint: f.fingerprint,
        message: f.message,
        severity: f.severity,
      }));
    expect(view(s.result)).toEqual(view(clean.result));
  });
});

describe("snapshots", () => {
  it("--snapshot of a --save-snapshot, with no emulator env at all, gives byte-identical findings.json apart from startedAt", () => {
    const live = get("clean");
    const offline = get("snapshot");
    expect(offline.proc.code, offline.proc.stderr).toBe(1);
    const snap = readFileSync(join(live.out, "snap.json"), "utf8");
    expect(snap.length).toBeGreaterThan(1000);
    const strip = (text: string) => text.replace(/"(startedAt|startTimeUtc)": ?"[^"]+"/g, '"$1":"-"');
    expect(strip(offline.reports["findings.json"]!)).toBe(strip(live.reports["findings.json"]!));
    expect(new Set(offline.result.findings.map((f) => f.fingerprint))).toEqual(
      new Set(live.result.findings.map((f) => f.fingerprint)),
    );
    expect(strip(offline.reports["azaudit.sarif"]!)).toBe(strip(live.reports["azaudit.sarif"]!));
    expect(offline.stats).toEqual(live.stats); // the emulator saw not one request from the offline scan
    expect(offline.result.run.collectedAt).toBe(live.result.run.collectedAt);
  });
});

describe("secrets", () => {
  it("--verbose: no token the scan held, no IDENTITY_HEADER and nothing bearer-shaped reaches stdout, stderr or a report", () => {
    const s = get("throttled");
    expect(s.tokens.length).toBeGreaterThanOrEqual(2); // one per audience, recorded on their way to the scan
    expect(s.proc.stderr).toMatch(/ARM GET https:\/\/127\.0\.0\.1:\d+\/subscriptions\?/); // verbose really logged requests
    const secrets = [...new Set(s.tokens), s.emulator.env.IDENTITY_HEADER];
    const texts: Record<string, string | undefined> = { stdout: s.proc.stdout, stderr: s.proc.stderr, ...s.reports };
    expect(Object.keys(s.reports).sort()).toEqual([...REPORT_FILES].sort());
    expectNoSecrets(texts, secrets);
    // and the other runs' outputs carry nothing token-shaped or the identity secret either
    for (const name of ["clean", "snapshot", "demo", "deniedSubscription", "deniedApplications"]) {
      const o = get(name);
      expectNoSecrets(
        {
          [`${name} stdout`]: o.proc.stdout,
          [`${name} stderr`]: o.proc.stderr,
          ...Object.fromEntries(Object.entries(o.reports).map(([k, v]) => [`${name} ${k}`, v])),
        },
        [o.emulator.env.IDENTITY_HEADER],
      );
    }
    expectNoSecrets({ snapshot: readFileSync(join(get("clean").out, "snap.json"), "utf8") }, [
      get("clean").emulator.env.IDENTITY_HEADER,
    ]);
  });
});
