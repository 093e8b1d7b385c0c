import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectInventory, createAzureClients, silentProgress, tokenIdentity } from "../collectors/index.ts";
import { assignmentsForScope } from "../emulator/arm-routes.ts";
import { startEmulator } from "../emulator/index.ts";
import { evaluate, type Evaluation } from "../engine/run.ts";
import { defaultSettings } from "../engine/settings.ts";
import type { Inventory } from "../inventory/types.ts";
import { RULES } from "../rules/index.ts";
import { validateFixture } from "../emulator/fixture-load.ts";
import { parseScope } from "../arm/resource-id.ts";
import { jsonText } from "../emulator/json-narrow.ts";
import { TenantIndex } from "../emulator/tenant-index.ts";
import type { GraphEntity, JsonObject, TenantFixture } from "../emulator/types.ts";
import { DEMO_NOW, DEMO_TENANT_ID, buildDemoTenant } from "./tenant.ts";

const NOW = new Date(DEMO_NOW);
const DAY = 86_400_000;

const fixture = buildDemoTenant(NOW);
const apps = fixture.graph.applications;
const sps = fixture.graph.servicePrincipals;

function app(displayName: string): GraphEntity {
  const a = apps.find((x) => x.displayName === displayName);
  if (!a) throw new Error(`no app ${displayName}`);
  return a;
}

function creds(e: GraphEntity, key: "passwordCredentials" | "keyCredentials"): JsonObject[] {
  return (e[key] ?? []) as JsonObject[];
}

const days = (from: unknown, to: unknown) => (Date.parse(String(to)) - Date.parse(String(from))) / DAY;

describe("demo tenant fixture", () => {
  it("passes the emulator's fixture validation as plain JSON", () => {
    const json: unknown = JSON.parse(JSON.stringify(fixture));
    expect(() => validateFixture(json, "demo-tenant")).not.toThrow();
    expect(json).toEqual(fixture); // nothing JSON cannot carry (undefined, Dates, functions)
  });

  it("is deterministic: the same now gives byte-identical JSON, another now moves only dates", () => {
    const a = JSON.stringify(buildDemoTenant(new Date(DEMO_NOW)));
    const b = JSON.stringify(buildDemoTenant(new Date(DEMO_NOW)));
    expect(a).toBe(b);
    expect(JSON.stringify(buildDemoTenant())).toBe(a); // DEMO_NOW is the default
    const later = buildDemoTenant(new Date(NOW.getTime() + 400 * DAY));
    // ids never depend on the date
    expect(later.roleAssignments.map((r) => r.name)).toEqual(fixture.roleAssignments.map((r) => r.name));
    expect(later.graph.applications.map((x) => [x.id, x.appId])).toEqual(apps.map((x) => [x.id, x.appId]));
    // credential windows keep their distance to now
    const secret = (f: TenantFixture) =>
      creds(
        f.graph.applications.find((x) => x.displayName === "fleet-telemetry-ingest")!,
        "passwordCredentials",
      )[0]!;
    expect(Date.parse(jsonText(secret(later).endDateTime)) - Date.parse(jsonText(secret(fixture).endDateTime))).toBe(
      400 * DAY,
    );
  });

  it("refuses an invalid now rather than producing NaN dates", () => {
    expect(() => buildDemoTenant(new Date("not a date"))).toThrow(/now/);
  });

  it("has the advertised size and shape", () => {
    expect(fixture.tenant).toEqual({
      id: DEMO_TENANT_ID,
      displayName: "Contoso Logistics",
      defaultDomain: "contosologistics.onmicrosoft.com",
    });
    expect(fixture.managementGroups.map((m) => m.name)).toEqual([
      DEMO_TENANT_ID,
      "mg-platform",
      "mg-landing-zones",
      "mg-corp",
      "mg-sandbox",
    ]);
    expect(fixture.subscriptions).toHaveLength(5);
    expect(fixture.roleAssignments.length).toBeGreaterThanOrEqual(55);
    expect(apps.length).toBeGreaterThanOrEqual(33);
    expect(fixture.resources.length).toBeGreaterThanOrEqual(38);
    const custom = fixture.roleDefinitions.filter((d) => d.properties.type === "CustomRole");
    expect(custom).toHaveLength(4);
    const names = new Set(fixture.roleDefinitions.map((d) => d.properties.roleName));
    for (const n of [
      "Owner",
      "Contributor",
      "Reader",
      "User Access Administrator",
      "Role Based Access Control Administrator",
    ])
      expect(names).toContain(n);
  });

  it("places role assignments at every scope level", () => {
    const kinds = new Set(
      fixture.roleAssignments.map((a) => (a.properties.scope === "/" ? "root" : parseScope(a.properties.scope)!.kind)),
    );
    expect([...kinds].sort()).toEqual(["mg", "resource", "rg", "root", "sub"]);
    for (const a of fixture.roleAssignments) {
      const prefix = a.properties.scope === "/" ? "" : a.properties.scope;
      expect(a.id).toBe(`${prefix}/providers/Microsoft.Authorization/roleAssignments/${a.name}`);
    }
  });

  it("links every principal: only the deliberately deleted ones are missing from the directory", () => {
    const directory = new Map<string, GraphEntity>();
    for (const k of ["users", "groups", "servicePrincipals"] as const)
      for (const e of fixture.graph[k]) directory.set(e.id, e);
    const missing = [
      ...new Set(fixture.roleAssignments.map((a) => a.properties.principalId).filter((id) => !directory.has(id))),
    ];
    expect(missing).toHaveLength(2); // one deleted user, one deleted service principal
    for (const a of fixture.roleAssignments) {
      const p = directory.get(a.properties.principalId);
      if (!p) continue;
      const kind = fixture.graph.users.includes(p)
        ? "User"
        : fixture.graph.groups.includes(p)
          ? "Group"
          : "ServicePrincipal";
      expect(a.properties.principalType).toBe(kind);
    }
    const disabled = fixture.graph.users.filter((u) => u.accountEnabled === false);
    expect(disabled).toHaveLength(1);
    expect(fixture.roleAssignments.some((a) => a.properties.principalId === disabled[0]!.id)).toBe(true);
    const guests = fixture.graph.users.filter((u) => u.userType === "Guest");
    expect(guests.length).toBeGreaterThanOrEqual(2);
    for (const g of guests) expect(jsonText(g.userPrincipalName)).toMatch(/#EXT#@contosologistics\.onmicrosoft\.com$/);
    // owners, grants and directory roles name existing objects
    for (const a of apps) for (const o of (a.owners ?? []) as string[]) expect(directory.has(o)).toBe(true);
    for (const g of fixture.graph.oauth2PermissionGrants) {
      expect(directory.has(g.clientId as string)).toBe(true);
      expect(directory.has(g.resourceId as string)).toBe(true);
    }
    for (const d of fixture.graph.directoryRoleAssignments) expect(directory.has(d.principalId as string)).toBe(true);
  });

  it("gives every managed identity a ManagedIdentity service principal naming its resource", () => {
    const byId = new Map(sps.map((s) => [s.id, s]));
    let checked = 0;
    for (const r of fixture.resources) {
      const identity = r.identity as JsonObject | undefined;
      if (identity && typeof identity.principalId === "string") {
        const sp = byId.get(identity.principalId)!;
        expect(sp.servicePrincipalType).toBe("ManagedIdentity");
        expect(sp.alternativeNames).toEqual(["isExplicit=False", r.id]);
        checked++;
      }
      for (const [uaiId, ref] of Object.entries(
        (identity?.userAssignedIdentities ?? {}) as Record<string, JsonObject>,
      )) {
        const sp = byId.get(ref.principalId as string)!;
        expect(sp.servicePrincipalType).toBe("ManagedIdentity");
        expect(sp.alternativeNames).toEqual(["isExplicit=True", uaiId]);
        expect(fixture.resources.some((x) => x.id === uaiId)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(18);
    // both spellings of the combined type, None, and no identity block at all
    const types = new Set(
      fixture.resources.map((r) =>
        r.identity === undefined ? "(missing)" : jsonText((r.identity as JsonObject).type),
      ),
    );
    for (const t of [
      "SystemAssigned",
      "UserAssigned",
      "SystemAssigned, UserAssigned",
      "SystemAssigned,UserAssigned",
      "None",
      "(missing)",
    ])
      expect(types).toContain(t);
  });

  it("serves app role grants that resolve against their resource API's service principal (Graph, Exchange, SharePoint)", () => {
    const resourceIds = [
      "00000003-0000-0000-c000-000000000000",
      "00000002-0000-0ff1-ce00-000000000000",
      "00000003-0000-0ff1-ce00-000000000000",
    ];
    const resources = new Map(
      resourceIds.map((appId) => {
        const sp = sps.find((s) => s.appId === appId)!;
        return [sp.id, new Map((sp.appRoles as JsonObject[]).map((r) => [r.id as string, r.value as string]))];
      }),
    );
    const granted = new Set<string>();
    for (const sp of sps) {
      for (const a of (sp.appRoleAssignments ?? []) as JsonObject[]) {
        expect(a.principalId).toBe(sp.id);
        const roles = resources.get(a.resourceId as string)!;
        expect(roles.has(a.appRoleId as string)).toBe(true);
        granted.add(roles.get(a.appRoleId as string)!);
      }
    }
    expect(granted).toContain("full_access_as_app");
    expect(granted).toContain("Sites.Selected");
    for (const v of [
      "RoleManagement.ReadWrite.Directory",
      "AppRoleAssignment.ReadWrite.All",
      "Application.ReadWrite.All",
      "User.Read.All",
    ])
      expect(granted).toContain(v);
    const grants = fixture.graph.oauth2PermissionGrants;
    expect(
      grants.some(
        (g) => g.consentType === "AllPrincipals" && jsonText(g.scope).split(" ").includes("Directory.ReadWrite.All"),
      ),
    ).toBe(true);
    expect(
      grants.some((g) => g.consentType === "AllPrincipals" && jsonText(g.scope).split(" ").includes("Mail.ReadWrite")),
    ).toBe(true);
    expect(grants.some((g) => g.consentType === "AllPrincipals" && g.scope === "openid profile User.Read")).toBe(true);
    expect(grants.some((g) => g.consentType === "Principal" && typeof g.principalId === "string")).toBe(true);
  });

  it("has credentials with the lifetimes the rule table promises, relative to now", () => {
    const secret = (name: string, i = 0) => creds(app(name), "passwordCredentials")[i]!;
    const cert = (name: string) => creds(app(name), "keyCredentials")[0]!;
    const lifetime = (c: JsonObject) => days(c.startDateTime, c.endDateTime);
    const left = (c: JsonObject) => days(NOW.toISOString(), c.endDateTime);
    expect(lifetime(secret("payroll-connector"))).toBe(180);
    expect(lifetime(secret("ci-azure-devops-legacy"))).toBe(730);
    expect(jsonText(secret("legacy-erp-integration").endDateTime)).toMatch(/^2299-/);
    expect(secret("sharepoint-sync-tool").endDateTime).toBeNull();
    expect(left(secret("fleet-telemetry-ingest"))).toBe(10);
    expect(left(secret('=HYPERLINK("http://x")'))).toBe(5);
    expect(left(secret("warehouse-scanner-backend", 0))).toBe(-20);
    expect(lifetime(cert("shipment-tracker-api"))).toBe(365);
    expect(lifetime(cert("customs-gateway"))).toBe(1095);
    expect(left(cert("partner-edi-bridge"))).toBe(20);
    expect(app("ci-github-deploy-corp").federatedIdentityCredentials).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          issuer: "https://token.actions.githubusercontent.com",
          audiences: ["api://AzureADTokenExchange"],
        }),
      ]),
    );
    // the persistence trick: a password on the service principal, none on its app registration
    const forwarder = app("Azure Monitor Log Forwarder");
    expect(creds(forwarder, "passwordCredentials")).toEqual([]);
    const forwarderSp = sps.find((s) => s.appId === forwarder.appId)!;
    expect(creds(forwarderSp, "passwordCredentials")).toHaveLength(1);
    // ownerless apps exist, and so do owned ones
    expect(apps.filter((a) => ((a.owners ?? []) as string[]).length === 0).length).toBeGreaterThanOrEqual(3);
    // Global Administrator on a service principal that has a client secret
    const ga = fixture.graph.directoryRoleAssignments.filter(
      (d) => d.roleDefinitionId === "62e90394-69f5-4237-9190-012177145e10",
    );
    const gaSps = ga
      .map((d) => sps.find((s) => s.id === d.principalId))
      .filter((s): s is GraphEntity => s !== undefined);
    expect(gaSps).toHaveLength(1);
    expect(
      creds(
        apps.find((a) => a.appId === gaSps[0]!.appId)!,
        "passwordCredentials",
      ).length,
    ).toBeGreaterThan(0);
  });

  it("carries hostile display names verbatim, for the reporters to escape", () => {
    const names = apps.map((a) => a.displayName);
    expect(names).toContain("<img src=x onerror=alert(1)>");
    expect(names).toContain('=HYPERLINK("http://x")');
    expect(names).toContain("billing | export\nnightly");
  });

  it("has Defender data for every subscription: Free and Standard plans, Healthy and Unhealthy assessments", () => {
    const subs = fixture.subscriptions.map((s) => s.subscriptionId);
    expect(Object.keys(fixture.defender ?? {}).sort()).toEqual([...subs].sort());
    const all = Object.values(fixture.defender ?? {});
    const tiers = new Set(all.flatMap((d) => (d.pricings ?? []).map((p) => (p.properties as JsonObject).pricingTier)));
    expect([...tiers].sort()).toEqual(["Free", "Standard"]);
    const codes = new Set(
      all.flatMap((d) => (d.assessments ?? []).map((a) => ((a.properties as JsonObject).status as JsonObject).code)),
    );
    for (const c of ["Healthy", "Unhealthy", "NotApplicable"]) expect(codes).toContain(c);
    for (const d of all) expect(d.secureScores).toHaveLength(1);
  });

  it("indexes in the emulator, and inherited assignments reach every subscription's list", () => {
    const index = new TenantIndex(fixture);
    const root = fixture.roleAssignments.find((a) => a.properties.scope === "/")!;
    for (const s of fixture.subscriptions) {
      const scope = `/subscriptions/${s.subscriptionId}`;
      const listed = assignmentsForScope(index, scope, parseScope(scope)!, { atScope: false }).map((ia) => ia.a.name);
      expect(listed).toContain(root.name);
    }
    // the mg-platform assignments show up under the platform subscriptions only
    const platform = fixture.roleAssignments
      .filter((a) => a.properties.scope.endsWith("/mg-platform"))
      .map((a) => a.name);
    for (const s of fixture.subscriptions) {
      const scope = `/subscriptions/${s.subscriptionId}`;
      const listed = new Set(
        assignmentsForScope(index, scope, parseScope(scope)!, { atScope: true }).map((ia) => ia.a.name),
      );
      expect(platform.every((n) => listed.has(n))).toBe(s.managementGroup === "mg-platform");
    }
  });
});

// The showcase promise: scanned live through the real collectors, every registered rule fires at
// least once and judges at least one subject that passes.
describe("demo tenant scanned through the emulator", () => {
  /** rules that are off by default, switched on with the options the demo documents (merged over the defaults) */
  const ENABLE: Record<string, Record<string, unknown>> = {
    "required-tags": { tags: ["service", "owner", "repository"] },
  };
  const SCAN_TIME = new Date("2027-03-15T09:30:00.000Z"); // any wall clock: the tenant is built for it
  let inventory: Inventory;
  let evaluation: Evaluation;
  const saved = { ...process.env };

  beforeAll(async () => {
    const emu = await startEmulator({ fixture: buildDemoTenant(SCAN_TIME) });
    try {
      const { NODE_EXTRA_CA_CERTS: _ca, ...env } = emu.env;
      Object.assign(process.env, env); // DefaultAzureCredential reads the managed identity endpoint from the process
      const clients = createAzureClients({ env: process.env, ca: emu.caPem });
      try {
        // As `azaudit scan` does: who we are is the `oid` of the ARM token the scan uses.
        const token = await clients.credential.getToken(clients.armScope);
        const scannerObjectId = tokenIdentity(token!.token)?.objectId ?? null;
        inventory = await collectInventory({
          clients,
          clock: () => SCAN_TIME,
          progress: silentProgress,
          scope: {},
          cloud: "AzureCloud",
          logError: () => {},
          scannerObjectId,
        });
      } finally {
        clients.close();
      }
    } finally {
      await emu.close();
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- process.env cannot be a Map; delete unsets a variable
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
    const settings = defaultSettings(RULES);
    for (const [id, options] of Object.entries(ENABLE)) {
      const s = settings.get(id);
      if (s)
        settings.set(id, { ...s, enabled: true, options: { ...(s.options as Record<string, unknown>), ...options } });
    }
    evaluation = evaluate(inventory, RULES, settings);
  }, 120_000);

  afterAll(() => {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- process.env cannot be a Map; delete unsets a variable
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  });

  it("collects every section", () => {
    const unavailable = Object.entries(inventory).filter(
      ([, v]) => v && typeof v === "object" && "status" in v && v.status !== "ok",
    );
    expect(unavailable).toEqual([]);
  });

  it("knows the scanner from its token, and does not report the Reader role the README asks for", () => {
    const scanner = sps.find((sp) => sp.displayName === "security-scanner-readonly")!;
    expect(inventory.source.scannerObjectId).toBe(scanner.id);
    expect(fixture.scanner?.objectId).toBe(scanner.id);
    const broadRead = evaluation.findings.filter((f) => f.ruleId === "service-principal-broad-read");
    expect(broadRead.map((f) => f.evidence.principalName)).toEqual(["data-platform-etl"]);
  });

  it("collects who manages each workload's resource group, and does not judge the AKS node scale set", () => {
    const workloads = inventory.workloads.status === "ok" ? inventory.workloads.items : [];
    const nodes = workloads.find((w) => w.name === "aks-system-31415926-vmss")!;
    expect(nodes.resourceGroupManagedBy).toMatch(
      /\/providers\/Microsoft\.ContainerService\/managedClusters\/aks-corp-prod$/,
    );
    expect(workloads.find((w) => w.name === "vm-wms-db01")!.resourceGroupManagedBy).toBeNull();
    expect(evaluation.findings.filter((f) => f.resource.id === nodes.id)).toEqual([]);
    // Judged as anyone's workload, it would be flagged: the skip is what keeps it out.
    expect(nodes.identity).toBeNull();
  });

  it.each(RULES.map((r) => r.meta.id))("%s fires at least once and passes at least one subject", (id) => {
    const run = evaluation.rules.find((r) => r.id === id)!;
    expect(run.status, run.reason ?? "").toBe("ran");
    expect(run.findings, `${id} found nothing in the demo tenant`).toBeGreaterThan(0);
    expect(run.subjectsChecked - run.subjectsFailing, `${id} has no clean subject in the demo tenant`).toBeGreaterThan(
      0,
    );
  });
});
