// Two things real tenants have that the emulator used to hide (docs/fidelity.md): a subscription
// where Microsoft.Security is not registered (Defender answers MissingSubscriptionRegistration),
// and a subscription of another tenant delegated through Azure Lighthouse (Subscriptions_List
// gives it that tenant's `tenantId`). A scan of such a tenant is complete and names both.
// The same scan is the secret-hint hunt: Graph's `hint` (a live secret's first characters) is
// marked in the fixture and must reach no report, log or snapshot.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  loadFixture,
  startEmulator,
  validateFixture,
  type RunningEmulator,
  type TenantFixture,
} from "../src/emulator/index.ts";
import { Harness, baseEnv, readReports, type ProcResult } from "./support/e2e.ts";
import { callEmulator, emulatorToken } from "./support/emulator-call.ts";

const SUB_PROD = "08be8593-ffd6-58bd-9667-9a1fd9ca2141";
const SUB_DEV = "ac063f8f-57e5-54df-bf72-cacf9511f607"; // Microsoft.Security unregistered here
const SUB_LIGHTHOUSE = "0abc1265-de48-5c85-9dee-5be6374c9aaa"; // home tenant: OTHER_TENANT
const OTHER_TENANT = "5f1c2a9e-7b4d-4e8a-9c3f-2d6e8a1b0c4f";
const STRANGER = "3c9d5e7f-1a2b-4c6d-8e0f-a1b2c3d4e5f6"; // a principal of OTHER_TENANT, unknown to this directory
const READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
const HINT = "Qz~hint-must-not-leak";
const RG_ROLE = "2b7e4c1d-9a3f-4e6b-8c5d-1f0a2b3c4d5e"; // custom role assignable only at a resource group
const RG_WEB = `/subscriptions/${SUB_PROD}/resourceGroups/rg-web`;
const ALICE = "0544d4d9-a9f1-5be4-abdc-e05c7dae0c4e";

function boundaryTenant(base: TenantFixture): TenantFixture {
  const fx = structuredClone(base);
  for (const s of fx.subscriptions) {
    if (s.subscriptionId === SUB_DEV) s["unregisteredProviders"] = ["Microsoft.Security"];
    if (s.subscriptionId === SUB_LIGHTHOUSE) s["tenantId"] = OTHER_TENANT;
  }
  for (const e of [...fx.graph.applications, ...fx.graph.servicePrincipals]) {
    for (const p of (e["passwordCredentials"] as Array<Record<string, unknown>> | undefined) ?? []) p["hint"] = HINT;
  }
  fx.roleDefinitions.push({
    id: `/subscriptions/${SUB_PROD}/providers/Microsoft.Authorization/roleDefinitions/${RG_ROLE}`,
    name: RG_ROLE,
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Web Team Everything",
      type: "CustomRole",
      description: "Everything in the web resource group.",
      assignableScopes: [RG_WEB],
      permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }],
    },
  });
  fx.roleAssignments.push({
    id: `${RG_WEB}/providers/Microsoft.Authorization/roleAssignments/4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d`,
    name: "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d",
    type: "Microsoft.Authorization/roleAssignments",
    properties: {
      roleDefinitionId: `/subscriptions/${SUB_PROD}/providers/Microsoft.Authorization/roleDefinitions/${RG_ROLE}`,
      principalId: ALICE,
      principalType: "User",
      scope: RG_WEB,
    },
  });
  fx.roleAssignments.push({
    id: `/subscriptions/${SUB_LIGHTHOUSE}/providers/Microsoft.Authorization/roleAssignments/6d0b1c2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e`,
    name: "6d0b1c2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e",
    type: "Microsoft.Authorization/roleAssignments",
    properties: {
      roleDefinitionId: `/subscriptions/${SUB_LIGHTHOUSE}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
      principalId: STRANGER,
      principalType: "User",
      scope: `/subscriptions/${SUB_LIGHTHOUSE}`,
    },
  });
  return validateFixture(fx);
}

interface Coverage {
  name: string;
  status: string;
  gaps: unknown[];
  notes: Array<{ scope: string; reason: string }>;
}
interface Result {
  summary: { exitCode: number; complete: boolean };
  coverage: Coverage[];
  findings: Array<{
    ruleId: string;
    message: string;
    resource: { id: string; subscriptionId: string | null };
    evidence: Record<string, unknown>;
  }>;
}

const h = new Harness();
let emu: RunningEmulator;
let fixture: TenantFixture;
let byDefault: { proc: ProcResult; result: Result; summary: string; out: string };
let included: { proc: ProcResult; result: Result; out: string };
let roleDenied: { proc: ProcResult; result: Result };
const ROLE_BY_ID = `/subscriptions/${SUB_PROD}/providers/Microsoft.Authorization/roleDefinitions/${RG_ROLE}`;

async function scan(
  args: string[],
  on: RunningEmulator = emu,
): Promise<{ proc: ProcResult; result: Result; summary: string; out: string }> {
  const out = h.tempDir();
  const proc = await h.run(
    [
      "scan",
      "--out",
      out,
      "--no-progress",
      "--format",
      "sarif,json,md,html,csv",
      "--save-snapshot",
      "snap.json",
      "--verbose",
      ...args,
    ],
    { env: { ...baseEnv(), ...on.env }, cwd: out },
  );
  const reports = readReports(out);
  if (!reports["findings.json"]) throw new Error(`no findings.json (exit ${proc.code})\n${proc.stderr}`);
  return { proc, result: JSON.parse(reports["findings.json"]) as Result, summary: reports["summary.md"] ?? "", out };
}

beforeAll(async () => {
  fixture = boundaryTenant(await loadFixture(join(import.meta.dirname, "../src/emulator/fixtures/small-tenant.json")));
  emu = await startEmulator({ fixture });
  h.onCleanup(() => emu.close());
  // a Reader that may list role definitions but not read this one by id
  const denying = await startEmulator({ fixture, denyScopes: [ROLE_BY_ID] });
  h.onCleanup(() => denying.close());
  [byDefault, included, roleDenied] = await Promise.all([
    scan([]),
    scan(["--include-other-tenants"]),
    scan([], denying),
  ]);
}, 120_000);

afterAll(() => h.cleanup(), 30_000);

describe("the emulator answers as ARM does", () => {
  it("answers Defender routes on a subscription without Microsoft.Security with MissingSubscriptionRegistration", async () => {
    const token = await emulatorToken(emu, "https://management.azure.com");
    for (const path of [
      `/subscriptions/${SUB_DEV}/providers/Microsoft.Security/pricings?api-version=2024-01-01`,
      `/subscriptions/${SUB_DEV}/providers/Microsoft.Security/assessments?api-version=2021-06-01`,
      `/subscriptions/${SUB_DEV}/providers/Microsoft.Security/secureScores?api-version=2020-01-01`,
    ]) {
      const r = await callEmulator(emu, "GET", path, { token });
      expect(r.status, path).toBe(404);
      expect((r.body as { error: { code: string } }).error.code).toBe("MissingSubscriptionRegistration");
    }
    const registered = await callEmulator(
      emu,
      "GET",
      `/subscriptions/${SUB_PROD}/providers/Microsoft.Security/pricings?api-version=2024-01-01`,
      { token },
    );
    expect(registered.status).toBe(200);
  });

  it("lists every subscription with its home tenant and never serves the fixture-only keys", async () => {
    const token = await emulatorToken(emu, "https://management.azure.com");
    const r = await callEmulator(emu, "GET", "/subscriptions?api-version=2022-12-01", { token });
    const subs = (r.body as { value: Array<Record<string, unknown>> }).value;
    expect(Object.fromEntries(subs.map((s) => [s.subscriptionId, s.tenantId]))).toEqual({
      [SUB_PROD]: fixture.tenant.id,
      [SUB_DEV]: fixture.tenant.id,
      [SUB_LIGHTHOUSE]: OTHER_TENANT,
    });
    for (const s of subs) {
      expect(s).not.toHaveProperty("unregisteredProviders");
      expect(s).not.toHaveProperty("managementGroup");
    }
  });

  it("rejects an unregisteredProviders entry that is not a namespace", () => {
    const fx = structuredClone(fixture);
    fx.subscriptions[0]!["unregisteredProviders"] = ["not a namespace"];
    expect(() => validateFixture(fx)).toThrow(/unregisteredProviders/);
  });
});

describe("custom roles assignable below a subscription", () => {
  it("are not in the emulator's lists at the subscription, as RoleDefinitions_List documents", async () => {
    const token = await emulatorToken(emu, "https://management.azure.com");
    const atSub = await callEmulator(
      emu,
      "GET",
      `/subscriptions/${SUB_PROD}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=${encodeURIComponent("type eq 'CustomRole'")}`,
      { token },
    );
    expect((atSub.body as { value: Array<{ name: string }> }).value.map((d) => d.name)).not.toContain(RG_ROLE);
    const atRg = await callEmulator(
      emu,
      "GET",
      `${RG_WEB}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01`,
      { token },
    );
    expect((atRg.body as { value: Array<{ name: string }> }).value.map((d) => d.name)).toContain(RG_ROLE);
  });

  it("are read by id when an assignment references them, and judged", () => {
    const snap = JSON.parse(readFileSync(join(byDefault.out, "snap.json"), "utf8")) as {
      roleDefinitions: { items: Array<{ name: string; roleName: string }> };
    };
    expect(snap.roleDefinitions.items.find((d) => d.name === RG_ROLE)?.roleName).toBe("Web Team Everything");
    expect(
      byDefault.result.findings.filter(
        (f) => f.ruleId === "custom-role-owner-equivalent" && f.resource.id.toLowerCase().endsWith(RG_ROLE),
      ),
    ).toHaveLength(1);
  });

  it("one that cannot be read by id is a named gap and the scan is incomplete", () => {
    expect(roleDenied.proc.code).toBe(3);
    const c = roleDenied.result.coverage.find((x) => x.name === "roleDefinitions")!;
    expect(c.gaps).toEqual([
      expect.objectContaining({ scope: ROLE_BY_ID, reason: expect.stringMatching(/^HTTP 403/) }),
    ]);
  });
});

describe("secret hints", () => {
  it("reach no report, snapshot or log line", () => {
    expect(
      fixture.graph.applications.some((a) => JSON.stringify(a).includes(HINT)),
      "the fixture plants the hint",
    ).toBe(true);
    const files = readdirSync(byDefault.out).filter((f) => !f.startsWith("."));
    expect(files).toEqual(
      expect.arrayContaining([
        "findings.json",
        "azaudit.sarif",
        "summary.md",
        "report.html",
        "findings.csv",
        "snap.json",
      ]),
    );
    for (const f of files) expect(readFileSync(join(byDefault.out, f), "utf8"), f).not.toContain(HINT);
    expect(byDefault.proc.stdout + byDefault.proc.stderr).not.toContain(HINT);
    expect(readFileSync(join(byDefault.out, "snap.json"), "utf8")).not.toMatch(/"hint"/);
  });
});

describe("a tenant with an unregistered Microsoft.Security and a Lighthouse subscription", () => {
  it("scans complete (exit 0 or 1, not 3) and names both subscriptions in the coverage", () => {
    expect(byDefault.proc.code, byDefault.proc.stderr).not.toBe(3);
    expect([0, 1]).toContain(byDefault.proc.code);
    expect(byDefault.result.summary.complete).toBe(true);
    const notes = (name: string) => byDefault.result.coverage.find((c) => c.name === name)!.notes;
    expect(notes("defender")).toEqual([
      { scope: `/subscriptions/${SUB_DEV}`, reason: expect.stringMatching(/Microsoft\.Security is not registered/) },
    ]);
    expect(notes("subscriptions")).toEqual([
      { scope: `/subscriptions/${SUB_LIGHTHOUSE}`, reason: expect.stringContaining(OTHER_TENANT) },
    ]);
    expect(byDefault.summary).toContain(SUB_DEV);
    expect(byDefault.summary).toContain(SUB_LIGHTHOUSE);
  });

  it("judges Defender off where Microsoft.Security is not registered", () => {
    const off = byDefault.result.findings.filter(
      (f) => f.ruleId === "defender-plan-disabled" && f.resource.subscriptionId === SUB_DEV,
    );
    expect(off.length).toBeGreaterThanOrEqual(8);
    for (const f of off) expect(f.evidence.securityProviderRegistered).toBe(false);
  });

  it("leaves the Lighthouse subscription out by default", () => {
    expect(
      byDefault.result.findings.some(
        (f) => f.resource.id.toLowerCase().includes(SUB_LIGHTHOUSE) || f.resource.subscriptionId === SUB_LIGHTHOUSE,
      ),
    ).toBe(false);
  });

  it("with --include-other-tenants scans it, and never calls its principals orphaned", () => {
    expect([0, 1]).toContain(included.proc.code);
    expect(included.result.coverage.find((c) => c.name === "subscriptions")!.notes).toEqual([]);
    expect(included.result.findings.some((f) => f.resource.subscriptionId === SUB_LIGHTHOUSE)).toBe(true);
    // it sits in its own tenant's hierarchy, not under this tenant's management groups
    const snap = JSON.parse(readFileSync(join(included.out, "snap.json"), "utf8")) as {
      subscriptions: { items: Array<{ subscriptionId: string; managementGroupId: string | null; tenantId?: string }> };
    };
    expect(snap.subscriptions.items.find((s) => s.subscriptionId === SUB_LIGHTHOUSE)).toMatchObject({
      managementGroupId: null,
      tenantId: OTHER_TENANT,
    });
    const orphans = included.result.findings.filter((f) => f.ruleId === "orphaned-role-assignment");
    expect(orphans.length).toBeGreaterThan(0); // the home tenant's deleted principal is still reported
    expect(
      orphans.filter((f) => f.message.includes(STRANGER) || f.resource.id.toLowerCase().includes(SUB_LIGHTHOUSE)),
    ).toEqual([]);
  });
});
