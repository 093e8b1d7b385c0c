// Fixture validation, the generator and the command's argument handling (no SDKs, no network
// except the command test, which starts and stops one emulator in-process).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import {
  FixtureError,
  generateFixture,
  loadFixture,
  parseGenerateSpec,
  runEmulatorCommand,
  validateFixture,
} from "../src/emulator/index.ts";

const FIXTURE_FILE = new URL("../src/emulator/fixtures/small-tenant.json", import.meta.url).pathname;
const small = () => JSON.parse(readFileSync(FIXTURE_FILE, "utf8"));
const dir = mkdtempSync(join(tmpdir(), "azaudit-emulator-test-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function refusal(data: unknown): FixtureError {
  try {
    validateFixture(data, "t.json");
  } catch (e) {
    if (e instanceof FixtureError) return e;
    throw e;
  }
  throw new Error("fixture was accepted");
}

describe("fixture validation", () => {
  it("accepts the example fixture", async () => {
    const fx = await loadFixture(FIXTURE_FILE);
    expect(fx.subscriptions).toHaveLength(3);
  });

  it("names the file, the JSON path and what was expected", () => {
    const fx = small();
    fx.graph.applications[1].passwordCredentials[0].endDateTime = "next tuesday";
    const e = refusal(fx);
    expect(e.file).toBe("t.json");
    expect(e.path).toBe("/graph/applications/1/passwordCredentials/0/endDateTime");
    expect(e.expected).toMatch(/ISO 8601 date-time/);
    expect(e.message).toContain(
      't.json: /graph/applications/1/passwordCredentials/0/endDateTime: expected an ISO 8601 date-time such as 2025-01-31T00:00:00Z, got "next tuesday"',
    );
  });

  it("reports missing keys, wrong formats and bad GUIDs", () => {
    const a = small();
    delete a.graph;
    expect(refusal(a)).toMatchObject({ path: "/graph", expected: 'a required property "graph"' });
    const b = small();
    b.format = "azaudit-tenant-fixture/v2";
    expect(refusal(b)).toMatchObject({ path: "/format", expected: '"azaudit-tenant-fixture/v1"' });
    const c = small();
    c.roleAssignments[2].properties.principalId = "not-a-guid";
    expect(refusal(c)).toMatchObject({
      path: "/roleAssignments/2/properties/principalId",
      expected: expect.stringMatching(/GUID/),
    });
  });

  it("cross-checks what a schema cannot: links and duplicates", () => {
    const a = small();
    a.roleAssignments[5].properties.scope = "/subscriptions/99999999-9999-4999-8999-999999999999";
    expect(refusal(a)).toMatchObject({
      path: "/roleAssignments/5/properties/scope",
      expected: "a subscription defined in subscriptions",
    });
    const b = small();
    b.roleAssignments[3].properties.scope = "/providers/Microsoft.Management/managementGroups/mg-nowhere";
    expect(refusal(b)).toMatchObject({
      path: "/roleAssignments/3/properties/scope",
      expected: "a management group defined in managementGroups",
    });
    const c = small();
    c.subscriptions[1].managementGroup = "mg-nowhere";
    expect(refusal(c)).toMatchObject({ path: "/subscriptions/1/managementGroup" });
    const d = small();
    d.graph.users[2].id = d.graph.applications[0].id;
    expect(refusal(d)).toMatchObject({
      path: "/graph/users/2/id",
      expected: "a unique directory object id (already used at /graph/applications/0/id)",
    });
    const e = small();
    e.defender["99999999-9999-4999-8999-999999999999"] = { pricings: [] };
    expect(refusal(e).path).toBe("/defender/99999999-9999-4999-8999-999999999999");
  });

  it("loadFixture refuses unreadable files and invalid JSON with the file name", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    await expect(loadFixture(bad)).rejects.toMatchObject({ file: bad, path: "", expected: "valid JSON" });
    await expect(loadFixture(join(dir, "missing.json"))).rejects.toMatchObject({
      expected: "a readable tenant fixture file",
      got: "ENOENT",
    });
  });
});

describe("generator", () => {
  it("is deterministic for a seed and varies with it", () => {
    const spec = "apps=40,subscriptions=4,assignmentsPerSubscription=30,workloadsPerSubscription=12,seed=7";
    const a = JSON.stringify(generateFixture(spec));
    expect(JSON.stringify(generateFixture(spec))).toBe(a);
    expect(JSON.stringify(generateFixture(spec.replace("seed=7", "seed=8")))).not.toBe(a);
  });

  it("makes a valid tenant of the requested size with realistic content", () => {
    const fx = validateFixture(
      generateFixture("apps=2000,subscriptions=20,assignmentsPerSubscription=200,workloadsPerSubscription=50,seed=7"),
      "generated",
    );
    expect(fx.graph.applications).toHaveLength(2000);
    expect(fx.subscriptions).toHaveLength(20);
    expect(fx.roleAssignments.length).toBeGreaterThan(20 * 190);
    const scopes = fx.roleAssignments.map((a) => a.properties.scope);
    expect(scopes).toContain("/");
    expect(scopes.some((s) => s.startsWith("/providers/Microsoft.Management/managementGroups/"))).toBe(true);
    expect(scopes.some((s) => /^\/subscriptions\/[^/]+$/.test(s))).toBe(true);
    expect(scopes.some((s) => /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/.test(s))).toBe(true);
    expect(scopes.some((s) => s.includes("/providers/Microsoft."))).toBe(true);

    const secrets = fx.graph.applications.flatMap(
      (a) => a.passwordCredentials as Array<{ endDateTime: string; startDateTime: string }>,
    );
    const now = Date.parse("2026-09-01T00:00:00Z");
    expect(secrets.some((s) => s.endDateTime.startsWith("2299-"))).toBe(true);
    expect(secrets.filter((s) => Date.parse(s.endDateTime) < now).length / secrets.length).toBeGreaterThan(0.08);
    const lifetimes = secrets
      .filter((s) => !s.endDateTime.startsWith("2299"))
      .map((s) => (Date.parse(s.endDateTime) - Date.parse(s.startDateTime)) / 86_400_000);
    expect(lifetimes.filter((d) => d >= 180 && d <= 730).length / lifetimes.length).toBeGreaterThan(0.5);
    expect(fx.graph.applications.some((a) => (a.keyCredentials as unknown[]).length > 0)).toBe(true);
    expect(fx.graph.applications.some((a) => (a.federatedIdentityCredentials as unknown[]).length > 0)).toBe(true);

    const graphSp = fx.graph.servicePrincipals.find((s) => s.appId === "00000003-0000-0000-c000-000000000000")!;
    const roleIds = new Set((graphSp.appRoles as Array<{ id: string }>).map((r) => r.id));
    const grants = fx.graph.servicePrincipals.flatMap(
      (s) => (s.appRoleAssignments as Array<{ appRoleId: string; resourceId: string }> | undefined) ?? [],
    );
    expect(grants.length).toBeGreaterThan(0);
    for (const g of grants) {
      expect(roleIds.has(g.appRoleId)).toBe(true);
      expect(g.resourceId).toBe(graphSp.id);
    }
    const mis = fx.graph.servicePrincipals.filter((s) => s.servicePrincipalType === "ManagedIdentity");
    expect(mis.length).toBeGreaterThan(0);
    const withIdentity = fx.resources.filter((r) => r.identity);
    expect(withIdentity.length).toBeGreaterThan(0);
    expect(fx.resources.some((r) => !r.identity && r.type === "Microsoft.Compute/virtualMachines")).toBe(true);
    expect(fx.graph.directoryRoleAssignments.length).toBeGreaterThan(0);
    expect(fx.graph.oauth2PermissionGrants.some((g) => g.consentType === "AllPrincipals")).toBe(true);
    expect(Object.keys(fx.defender!)).toHaveLength(20);
  });

  it("refuses unknown or malformed spec keys", () => {
    expect(() => parseGenerateSpec("apps=10,colour=blue")).toThrow(/unknown key "colour"/);
    expect(() => parseGenerateSpec("apps=-1")).toThrow(/apps must be an integer/);
    expect(() => parseGenerateSpec("apps")).toThrow(/not key=value/);
    expect(parseGenerateSpec("subscriptions=12").managementGroups).toBe(3);
  });
});

describe("runEmulatorCommand", () => {
  const io = (signal?: AbortSignal) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    let err = "";
    stdout.on("data", (c: Buffer) => (out += c.toString()));
    stderr.on("data", (c: Buffer) => (err += c.toString()));
    return { io: { stdout, stderr, env: {}, signal }, out: () => out, err: () => err };
  };

  it("refuses bad flags and bad fixtures with exit code 2 and a message naming the problem", async () => {
    const a = io();
    expect(await runEmulatorCommand(["--tenant", FIXTURE_FILE, "--fault-rate", "2"], a.io)).toBe(2);
    expect(a.err()).toContain("--fault-rate must be a probability between 0 and 1");
    const b = io();
    expect(await runEmulatorCommand(["--bogus"], b.io)).toBe(2);
    expect(b.err()).toContain("Unknown option '--bogus'");
    const c = io();
    expect(await runEmulatorCommand([], c.io)).toBe(2);
    expect(c.err()).toContain("--tenant FILE");
    const fx = small();
    fx.subscriptions[0].subscriptionId = "nope";
    const file = join(dir, "broken.json");
    writeFileSync(file, JSON.stringify(fx));
    const d = io();
    expect(await runEmulatorCommand(["--tenant", file], d.io)).toBe(2);
    expect(d.err()).toContain(`${file}: /subscriptions/0/subscriptionId: expected a GUID`);
    const e = io();
    expect(await runEmulatorCommand(["--generate", "apps=x"], e.io)).toBe(2);
    expect(e.err()).toContain("apps must be an integer");
    expect(a.out() + b.out() + c.out() + d.out() + e.out()).toBe("");
  });

  it("prints exactly one JSON line with the env, serves, and stops on abort", async () => {
    const ac = new AbortController();
    const h = io(ac.signal);
    const done = runEmulatorCommand(["--generate", "apps=5,subscriptions=2,seed=3", "--page-size", "10"], h.io);
    while (!h.out().includes("\n")) await new Promise((r) => setTimeout(r, 20));
    const lines = h.out().split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    const { env } = JSON.parse(lines[0]!) as { env: Record<string, string> };
    const stats = await fetch(`${env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=https://graph.microsoft.com`, {
      headers: { "X-IDENTITY-HEADER": env.IDENTITY_HEADER! },
    });
    expect(stats.status).toBe(200);
    ac.abort();
    expect(await done).toBe(0);
    expect(() => readFileSync(env.NODE_EXTRA_CA_CERTS!)).toThrow(); // the CA dir is removed on close
    expect(h.err()).toContain("stopped");
  });

  it("prints help", async () => {
    const h = io();
    expect(await runEmulatorCommand(["--help"], h.io)).toBe(0);
    expect(h.out()).toContain("assignmentsPerSubscription");
  });
});
