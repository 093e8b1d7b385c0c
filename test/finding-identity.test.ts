// What makes two findings the same one across scans (docs/findings.md): role-assignment findings
// survive their assignment being recreated, worse findings come up as new under --baseline, and
// `diff` neither compares tenants nor calls fixed what a scan could not see.
import { describe, expect, it } from "vitest";
import { builtInDefaults } from "../src/config/defaults.ts";
import type { Config } from "../src/config/types.ts";
import { diffFindings, comparability } from "../src/commands/diff.ts";
import { baselineOf } from "../src/engine/baseline.ts";
import { parseScanResult } from "../src/input/findings-file.ts";
import type { Baseline } from "../src/engine/baseline.ts";
import type { ScanResult } from "../src/engine/result.ts";
import { scan } from "../src/engine/scan.ts";
import { defaultSettings } from "../src/engine/settings.ts";
import { InputError } from "../src/errors.ts";
import type { Inventory } from "../src/inventory/types.ts";
import { renderJson } from "../src/reporters/json.ts";
import { renderSarif } from "../src/reporters/sarif.ts";
import { RULES } from "../src/rules/index.ts";
import {
  app,
  inventory,
  principal,
  ROLE,
  roleAssignment,
  roleDefinition,
  secret,
  servicePrincipal,
  subscription,
  SUB_ID,
  TENANT_ID,
  unavailable,
} from "./support/inventory-builder.ts";

const GUEST = "99999999-0000-4000-8000-0000000000a1";
const ADMIN = "99999999-0000-4000-8000-0000000000a2";
const BOT_SP = "99999999-0000-4000-8000-0000000000a3";
const BOT_APP = "99999999-0000-4000-8000-0000000000b3";
const DELETED = "99999999-0000-4000-8000-0000000000a4";
const MI = "99999999-0000-4000-8000-0000000000a5";
const READER_SP = "99999999-0000-4000-8000-0000000000a6";
const GRAPH_SP = "99999999-0000-4000-8000-0000000000c0";
const RG = `/subscriptions/${SUB_ID}/resourceGroups/rg-app`;

/** One of every kind of role-assignment finding, each assignment named by `names[i]`. */
function tenant(
  names: string[],
  botSecrets = [secret({ keyId: "5ec7e700-0000-4000-8000-000000000001", endDateTime: "2026-12-31T00:00:00Z" })],
): Inventory {
  const def = (name: string, roleName: string, actions: string[]) =>
    roleDefinition({
      name,
      roleName,
      roleType: "BuiltInRole",
      permissions: [{ actions, notActions: [], dataActions: [], notDataActions: [] }],
    });
  const a = (i: number, scope: string, role: string, principalId: string, principalType: string) =>
    roleAssignment({ name: names[i]!, scope, roleDefinitionName: role, principalId, principalType });
  return inventory({
    subscriptions: [subscription()],
    roleDefinitions: [
      def(ROLE.owner, "Owner", ["*"]),
      def(ROLE.contributor, "Contributor", ["*"]),
      def(ROLE.reader, "Reader", ["*/read"]),
    ],
    roleAssignments: [
      a(0, "/", ROLE.owner, ADMIN, "User"),
      a(1, `/subscriptions/${SUB_ID}`, ROLE.owner, GUEST, "User"),
      a(2, `/subscriptions/${SUB_ID}`, ROLE.contributor, BOT_SP, "ServicePrincipal"),
      a(3, RG, ROLE.contributor, DELETED, "User"),
      a(4, `/subscriptions/${SUB_ID}`, ROLE.contributor, MI, "ServicePrincipal"),
      a(5, `/subscriptions/${SUB_ID}`, ROLE.reader, READER_SP, "ServicePrincipal"),
    ],
    principals: [
      principal({ id: ADMIN, type: "user", displayName: "Admin", servicePrincipalType: null, userType: "Member" }),
      principal({
        id: GUEST,
        type: "user",
        displayName: "Guest",
        servicePrincipalType: null,
        userType: "Guest",
        userPrincipalName: "g_x.com#EXT#@contoso.onmicrosoft.com",
      }),
      principal({ id: BOT_SP, displayName: "deploy-bot" }),
      principal({ id: DELETED, found: false, type: "unknown", displayName: null, servicePrincipalType: null }),
      principal({ id: MI, displayName: "id-deploy", servicePrincipalType: "ManagedIdentity" }),
      principal({ id: READER_SP, displayName: "inventory-tool" }),
    ],
    servicePrincipals: [
      servicePrincipal({ id: BOT_SP, appId: BOT_APP, displayName: "deploy-bot" }),
      servicePrincipal({
        id: MI,
        displayName: "id-deploy",
        servicePrincipalType: "ManagedIdentity",
        managedIdentityResourceId: `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy`,
      }),
      servicePrincipal({ id: READER_SP, displayName: "inventory-tool" }),
      servicePrincipal({
        id: GRAPH_SP,
        appId: "00000003-0000-0000-c000-000000000000",
        displayName: "Microsoft Graph",
        appOwnerOrganizationId: "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
      }),
    ],
    applications: [
      app({
        id: "99999999-0000-4000-8000-0000000000d3",
        appId: BOT_APP,
        displayName: "deploy-bot",
        owners: [ADMIN],
        passwordCredentials: botSecrets,
      }),
    ],
  });
}

const NAMES_V1 = ["a1", "a2", "a3", "a4", "a5", "a6"].map((s) => `${s}000000-0000-4000-8000-000000000001`);
const NAMES_V2 = ["b1", "b2", "b3", "b4", "b5", "b6"].map((s) => `${s}000000-0000-4000-8000-000000000002`);

function run(inv: Inventory, config: Config = builtInDefaults(), baseline: Baseline | null = null): ScanResult {
  return scan({
    inventory: inv,
    rules: RULES,
    settings: defaultSettings(RULES),
    config,
    failOn: "high",
    baseline,
    startedAt: new Date("2026-06-02T10:00:00Z"),
    toolVersion: "0.0.0-test",
  });
}

const ASSIGNMENT_RULES = [
  "privileged-role-broad-scope",
  "guest-privileged-role",
  "orphaned-role-assignment",
  "managed-identity-privileged",
  "service-principal-broad-read",
];

describe("a role assignment recreated with a new GUID", () => {
  const before = run(tenant(NAMES_V1));
  const after = run(tenant(NAMES_V2));

  it("keeps every finding's fingerprint and resource", () => {
    const byRule = new Set(
      before.findings.filter((f) => f.resource.type === "Microsoft.Authorization/roleAssignments").map((f) => f.ruleId),
    );
    expect([...byRule].sort()).toEqual([...ASSIGNMENT_RULES].sort());
    expect(after.findings.map((f) => [f.ruleId, f.fingerprint, f.resource.id])).toEqual(
      before.findings.map((f) => [f.ruleId, f.fingerprint, f.resource.id]),
    );
    // The GUID changed underneath: the evidence carries the new assignment id for `az role assignment delete`.
    const guest = (r: ScanResult) => r.findings.find((f) => f.ruleId === "guest-privileged-role")!;
    expect(guest(before).evidence.assignmentId).toContain(NAMES_V1[1]);
    expect(guest(after).evidence.assignmentId).toContain(NAMES_V2[1]);
    expect(guest(after).resource.id).toBe(`/subscriptions/${SUB_ID}/roleGrants/${GUEST}/${ROLE.owner}`);
  });

  it("keeps every suppression keyed on the grant", () => {
    const config = {
      ...builtInDefaults(),
      suppressions: [
        { rule: "*", resource: `**/roleGrants/${GUEST}/**`, reason: "partner admin, SEC-9", expires: "2026-12-31" },
      ],
    };
    const suppressed = (r: ScanResult) => r.findings.filter((f) => f.state === "suppressed").map((f) => f.fingerprint);
    expect(suppressed(run(tenant(NAMES_V1), config))).toHaveLength(2);
    expect(suppressed(run(tenant(NAMES_V2), config))).toEqual(suppressed(run(tenant(NAMES_V1), config)));
    expect(run(tenant(NAMES_V2), config).warnings.filter((w) => w.code === "suppression-unused")).toEqual([]);
  });

  it("is unchanged in `diff`, and known under --baseline", () => {
    const d = diffFindings(before, after);
    expect(d.added).toEqual([]);
    expect(d.fixed).toEqual([]);
    expect(d.unchanged).toHaveLength(after.findings.length);
    expect(run(tenant(NAMES_V2), builtInDefaults(), baselineOf(before)).summary).toMatchObject({
      open: 0,
      baseline: after.findings.length,
    });
  });
});

describe("--baseline", () => {
  const base = run(tenant(NAMES_V1));

  it("reports a new secret on a principal it already reported", () => {
    const second = secret({ keyId: "5ec7e700-0000-4000-8000-000000000002", endDateTime: "2026-12-31T00:00:00Z" });
    const now = run(
      tenant(NAMES_V1, [
        secret({ keyId: "5ec7e700-0000-4000-8000-000000000001", endDateTime: "2026-12-31T00:00:00Z" }),
        second,
      ]),
      builtInDefaults(),
      baselineOf(base),
    );
    const open = now.findings.filter((f) => f.state === "open");
    expect(open.map((f) => f.ruleId)).toContain("privileged-identity-with-secret");
    expect(open.find((f) => f.ruleId === "privileged-identity-with-secret")!.evidence.appSecretKeyIds).toContain(
      second.keyId,
    );
    expect(now.summary.exitCode).toBe(1);
  });

  it("reports a consent widened to a Tier-0 scope", () => {
    const grant = (scopes: string[]) => ({
      id: "g1",
      clientId: BOT_SP,
      consentType: "AllPrincipals",
      principalId: null,
      resourceId: GRAPH_SP,
      resourceAppId: "00000003-0000-0000-c000-000000000000",
      scopes,
    });
    const withGrant = (scopes: string[]) => {
      const inv = tenant(NAMES_V1);
      if (inv.delegatedGrants.status === "ok") inv.delegatedGrants.items = [grant(scopes)];
      return inv;
    };
    const narrow = run(withGrant(["Mail.Read"]));
    const wider = run(withGrant(["Mail.Read", "Files.Read.All"]), builtInDefaults(), baselineOf(narrow));
    const tier0 = run(withGrant(["Mail.Read", "Directory.AccessAsUser.All"]), builtInDefaults(), baselineOf(narrow));
    const consent = (r: ScanResult) => r.findings.find((f) => f.ruleId === "graph-tenant-wide-consent")!;
    expect(consent(wider).state).toBe("baseline");
    expect(consent(tier0).state).toBe("open");
  });

  it("reports a finding that got more severe, and says from what", () => {
    const lowered = {
      ...baselineOf(base),
      severities: new Map([...baselineOf(base).severities].map(([fp]) => [fp, "low" as const])),
    };
    const now = run(tenant(NAMES_V1), builtInDefaults(), lowered);
    const lowFindings = base.findings.filter((f) => f.severity === "low").length;
    expect(now.summary.open).toBe(base.findings.length - lowFindings);
    const escalated = now.findings.find((f) => f.ruleId === "guest-privileged-role")!;
    expect(escalated).toMatchObject({ state: "open", escalatedFrom: "low", severity: "high" });
    const sarif = JSON.parse(renderSarif(now, { rules: RULES })).runs[0].results;
    expect(
      sarif.find(
        (r: { partialFingerprints: { primaryLocationLineHash: string } }) =>
          r.partialFingerprints.primaryLocationLineHash === escalated.fingerprint,
      ).baselineState,
    ).toBe("updated");
  });

  it("refuses a baseline of another tenant", () => {
    const other = { ...baselineOf(base, "other.json"), tenantId: "33333333-3333-4333-8333-333333333333" };
    expect(() => run(tenant(NAMES_V1), builtInDefaults(), other)).toThrow(InputError);
    try {
      run(tenant(NAMES_V1), builtInDefaults(), other);
    } catch (err) {
      expect((err as InputError).render()).toContain(
        `other.json: /run/tenantId: the baseline is a scan of tenant 33333333-3333-4333-8333-333333333333, this scan is of tenant ${TENANT_ID}`,
      );
    }
  });

  it("warns that an incomplete baseline counts what it missed as new", () => {
    const partial = run(unavailable(tenant(NAMES_V1), "applications"));
    const now = run(tenant(NAMES_V1), builtInDefaults(), baselineOf(partial, "partial.json"));
    expect(now.warnings.find((w) => w.code === "baseline-incomplete")?.message).toContain(
      "partial.json is an incomplete scan",
    );
    expect(now.findings.filter((f) => f.state === "open").map((f) => f.ruleId)).toContain(
      "privileged-identity-with-secret",
    );
  });

  it("reads back what findings.json holds, and rejects one without severities", () => {
    const parsed = parseScanResult(renderJson(base), "findings.json");
    expect(baselineOf(parsed).severities).toEqual(baselineOf(base).severities);
    const broken = JSON.parse(renderJson(base));
    delete broken.findings[1].severity;
    expect(() => parseScanResult(JSON.stringify(broken), "old.json")).toThrow(/unknown severity/);
  });
});

describe("diff", () => {
  const full = run(tenant(NAMES_V1));

  it("warns about an incomplete scan and does not call fixed what it could not see", () => {
    const partial = run(unavailable(tenant(NAMES_V1), "principals"));
    expect(comparability(full, partial, ["old.json", "new.json"])).toEqual([
      expect.stringContaining("new.json is an incomplete scan"),
    ]);
    const d = diffFindings(full, partial);
    expect(d.fixed).toEqual([]);
    const gone = full.findings.filter((f) => !partial.findings.some((p) => p.fingerprint === f.fingerprint));
    expect(gone.length).toBeGreaterThan(0);
    expect(d.unverified.map((u) => u.finding.fingerprint)).toEqual(gone.map((f) => f.fingerprint));
    expect(d.unverified.find((u) => u.finding.ruleId === "orphaned-role-assignment")?.reason).toContain(
      "did not run in the new scan (skipped",
    );
  });

  it("calls fixed what both complete scans saw, and worse what got more severe", () => {
    const fixedInv = tenant(NAMES_V1);
    if (fixedInv.roleAssignments.status === "ok")
      fixedInv.roleAssignments.items = fixedInv.roleAssignments.items.filter((a) => a.principalId !== DELETED);
    const d = diffFindings(full, run(fixedInv));
    expect(d.fixed.map((f) => f.ruleId)).toEqual(["orphaned-role-assignment"]);
    expect(d.unverified).toEqual([]);
    const lowered = { ...full, findings: full.findings.map((f) => ({ ...f, severity: "low" as const })) };
    expect(diffFindings(lowered, full).worse.length).toBe(full.findings.filter((f) => f.severity !== "low").length);
  });

  it("refuses two scans of different tenants", () => {
    const other = { ...full, run: { ...full.run, tenantId: "33333333-3333-4333-8333-333333333333" } };
    expect(() => comparability(full, other, ["old.json", "new.json"])).toThrow(InputError);
    try {
      comparability(full, other, ["old.json", "new.json"]);
    } catch (err) {
      expect((err as InputError).render()).toContain(
        `new.json: /run/tenantId: a scan of tenant 33333333-3333-4333-8333-333333333333, while old.json is a scan of tenant ${TENANT_ID}`,
      );
    }
  });
});
