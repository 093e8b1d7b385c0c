// The collectors against the emulator over real HTTPS, driven by the real SDKs (no mocks).
//
// Trust: NODE_EXTRA_CA_CERTS is read at process start only, so clients get the emulator's CA
// through createAzureClients({ ca }) (a test-only hook: ARM tlsOptions, Graph https agent).
// Tokens: the main emulator is reached with DefaultAzureCredential from the emulator's env (set on
// process.env, restored after). MSAL caches managed identity tokens process-wide, so emulators
// started with other knobs get a credential that speaks the same MSI protocol by hand.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, request as httpsRequest, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAzureClients, type AzureClients } from "../src/collectors/clients.ts";
import { redact } from "../src/log.ts";
import { collectInventory } from "../src/collectors/index.ts";
import { createLimiter } from "../src/collectors/limit.ts";
import { createStreamProgress, silentProgress } from "../src/collectors/progress.ts";
import { scopeLevel } from "../src/arm/resource-id.ts";
import { loadFixture, startEmulator, type RunningEmulator, type TenantFixture } from "../src/emulator/index.ts";
import type { JsonObject } from "../src/emulator/types.ts";
import { generateTlsMaterial } from "../src/emulator/tls.ts";
import { loadInventory, parseInventory, serializeInventory } from "../src/inventory/load.ts";
import type { Inventory, Section } from "../src/inventory/types.ts";

const CLOCK = () => new Date("2025-06-01T00:00:00Z");
const ENV_KEYS = [
  "AZAUDIT_ARM_ENDPOINT",
  "AZAUDIT_GRAPH_ENDPOINT",
  "IDENTITY_ENDPOINT",
  "IDENTITY_HEADER",
  "AZURE_TOKEN_CREDENTIALS",
] as const;

let fixture: TenantFixture;
let emu: RunningEmulator;
let clean: Inventory;
let cleanRoutes: Record<string, number>;
const savedEnv: Record<string, string | undefined> = {};
/** emulators to close after the tests */
const extra: Array<{ close(): Promise<void> }> = [];

function ok<T>(s: Section<T>): T[] {
  if (s.status !== "ok") throw new Error(`section unavailable: ${s.reason}`);
  return s.items;
}

function msiCredential(e: RunningEmulator): TokenCredential {
  return {
    async getToken(scopes): Promise<AccessToken> {
      const scope = ([scopes].flat()[0] ?? "").replace(/\/\.default$/, "");
      const res = await fetch(
        `${e.env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=${encodeURIComponent(scope)}`,
        { headers: { "X-IDENTITY-HEADER": e.env.IDENTITY_HEADER } },
      );
      if (res.status !== 200) throw new Error(`MSI ${res.status}`);
      return {
        token: ((await res.json()) as { access_token: string }).access_token,
        expiresOnTimestamp: Date.now() + 3_600_000,
      };
    },
  };
}

interface ScanOptions {
  credential?: TokenCredential;
  env?: Record<string, string>;
  ca?: string;
  maxRetries?: number;
  scope?: { subscriptions?: string[]; excludeSubscriptions?: string[] };
  concurrency?: number;
}

async function scan(e: RunningEmulator, opts: ScanOptions = {}): Promise<{ inv: Inventory; clients: AzureClients }> {
  const clients = createAzureClients({
    env: opts.env ?? { ...e.env },
    ca: opts.ca ?? e.caPem,
    credential: opts.credential,
    maxRetries: opts.maxRetries,
  });
  try {
    const inv = await collectInventory({
      clients,
      clock: CLOCK,
      progress: silentProgress,
      scope: opts.scope ?? {},
      cloud: "AzureCloud",
      logError: () => {},
      concurrency: opts.concurrency,
    });
    return { inv, clients };
  } finally {
    clients.close();
  }
}

beforeAll(async () => {
  fixture = await loadFixture(new URL("../src/emulator/fixtures/small-tenant.json", import.meta.url).pathname);
  emu = await startEmulator({ fixture });
  extra.push(emu);
  for (const k of ENV_KEYS) {
    savedEnv[k] = process.env[k];
    process.env[k] = emu.env[k];
  }
  emu.resetStats();
  clean = (await scan(emu)).inv;
  cleanRoutes = emu.stats().byRoute;
});

afterAll(async () => {
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) Reflect.deleteProperty(process.env, k);
    else process.env[k] = savedEnv[k];
  }
  await Promise.all(extra.map((x) => x.close()));
});

const subIds = () => fixture.subscriptions.map((s) => s.subscriptionId.toLowerCase());
const userId = (name: string) => fixture.graph.users.find((u) => u.displayName === name)!.id.toLowerCase();
const spByName = (name: string) => fixture.graph.servicePrincipals.find((s) => s.displayName === name)!;

describe("a clean scan of the small tenant", () => {
  it("fills every section and validates against the inventory schema", () => {
    // the fixture's tenant has no Entra ID P1/P2: the optional credential activity report is refused
    expect(clean.credentialSignIns).toMatchObject({ status: "unavailable" });
    for (const [k, v] of Object.entries(clean)) {
      if (k === "credentialSignIns") continue;
      if (v && typeof v === "object" && "status" in v) {
        expect(v.status, k).toBe("ok");
        expect((v as { gaps?: unknown }).gaps, k).toBeUndefined();
      }
    }
    expect(clean.collectedAt).toBe("2025-06-01T00:00:00.000Z");
    expect(clean.source).toMatchObject({ kind: "live", cloud: "AzureCloud" });
    expect(clean.source.tool).toMatch(/^azaudit \d+\.\d+\.\d+/);
    expect(() => parseInventory(serializeInventory(clean), "clean")).not.toThrow();
  });

  it("tenant, management groups with parents, subscriptions with their management group", () => {
    expect(ok(clean.tenant)).toEqual([
      { id: fixture.tenant.id, displayName: fixture.tenant.displayName, defaultDomain: fixture.tenant.defaultDomain },
    ]);
    const mgs = ok(clean.managementGroups);
    expect(mgs).toHaveLength(fixture.managementGroups.length);
    const root = mgs.find((m) => m.name === fixture.tenant.id)!;
    expect(root.parentId).toBeNull();
    for (const m of mgs.filter((x) => x !== root)) expect(m.parentId).toBe(root.id);
    const subs = ok(clean.subscriptions);
    expect(subs.map((s) => s.subscriptionId).sort()).toEqual(subIds().sort());
    for (const s of fixture.subscriptions) {
      const got = subs.find((x) => x.subscriptionId === s.subscriptionId.toLowerCase())!;
      expect(got.managementGroupId).toBe(`/providers/Microsoft.Management/managementGroups/${s.managementGroup}`);
      expect(got.displayName).toBe(s.displayName);
    }
    expect(subs.find((s) => s.displayName === "Contoso Production")!.tags).toEqual({
      owner: "platform-team",
      service: "shop",
    });
  });

  it("role definitions: built-in and custom, one per GUID", () => {
    const defs = ok(clean.roleDefinitions);
    expect(defs).toHaveLength(fixture.roleDefinitions.length);
    expect(new Set(defs.map((d) => d.name)).size).toBe(defs.length);
    const custom = defs
      .filter((d) => d.roleType === "CustomRole")
      .map((d) => d.roleName)
      .sort();
    expect(custom).toEqual(
      fixture.roleDefinitions
        .filter((d) => d.properties.type === "CustomRole")
        .map((d) => d.properties.roleName)
        .sort(),
    );
    const owner = defs.find((d) => d.roleName === "Owner")!;
    expect(owner.name).toBe("8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
    expect(owner.permissions[0]!.actions).toContain("*");
  });

  it("role assignments at every scope level, inherited ones deduped", () => {
    const ras = ok(clean.roleAssignments);
    expect(ras).toHaveLength(fixture.roleAssignments.length);
    expect(new Set(ras.map((a) => a.id.toLowerCase())).size).toBe(ras.length);
    const expectedLevels: Record<string, number> = {};
    for (const a of fixture.roleAssignments) {
      const l = scopeLevel(a.properties.scope);
      expectedLevels[l] = (expectedLevels[l] ?? 0) + 1;
    }
    const levels: Record<string, number> = {};
    for (const a of ras) levels[a.scopeLevel] = (levels[a.scopeLevel] ?? 0) + 1;
    expect(levels).toEqual(expectedLevels);
    expect(Object.keys(levels).sort()).toEqual([
      "managementGroup",
      "resource",
      "resourceGroup",
      "root",
      "subscription",
    ]);
    for (const a of ras) {
      expect(a.roleDefinitionName).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.roleDefinitionId.toLowerCase().endsWith(a.roleDefinitionName)).toBe(true);
      if (a.scopeLevel === "root" || a.scopeLevel === "managementGroup") expect(a.subscriptionId).toBeNull();
      else expect(subIds()).toContain(a.subscriptionId);
    }
    // sorted by lowercased id
    const keys = ras.map((a) => a.id.toLowerCase());
    expect(keys).toEqual([...keys].sort());
  });

  it("applications: credentials without secrets, federated credentials and owners", () => {
    const apps = ok(clean.applications);
    expect(apps).toHaveLength(fixture.graph.applications.length);
    const ci = apps.find((a) => a.displayName === "ci-deployer")!;
    expect(ci.passwordCredentials).toEqual([
      {
        keyId: "c7651dc3-96d2-50d0-9896-64a516e0b350",
        displayName: "ci-secret-2025",
        startDateTime: "2025-03-01T00:00:00Z",
        endDateTime: "2027-03-01T00:00:00Z",
      },
    ]);
    expect(ci.federatedIdentityCredentials!.map((f) => f.name).sort()).toEqual(["github-main", "github-prod-env"]);
    expect(ci.owners).toEqual([userId("Alice Admin")]);
    for (const a of apps) {
      const raw = fixture.graph.applications.find((x) => x.id === a.id)!;
      expect(a.owners).toEqual(((raw.owners as string[] | undefined) ?? []).map((o) => o.toLowerCase()).sort());
      expect(a.federatedIdentityCredentials).toHaveLength(
        ((raw.federatedIdentityCredentials as unknown[] | undefined) ?? []).length,
      );
    }
    expect(serializeInventory(clean)).not.toMatch(/secretText/);
  });

  it("service principals: managed identities carry the ARM id of their resource", () => {
    const sps = ok(clean.servicePrincipals);
    expect(sps).toHaveLength(fixture.graph.servicePrincipals.length);
    for (const raw of fixture.graph.servicePrincipals) {
      const sp = sps.find((s) => s.id === raw.id.toLowerCase())!;
      expect(sp.servicePrincipalType).toBe(raw.servicePrincipalType);
      const expected =
        raw.servicePrincipalType === "ManagedIdentity"
          ? (raw.alternativeNames as string[]).find((n) => n.startsWith("/subscriptions/"))!
          : null;
      expect(sp.managedIdentityResourceId).toBe(expected);
    }
    const webProd = sps.find((s) => s.displayName === "web-prod")!;
    expect(webProd.managedIdentityResourceId).toMatch(/\/providers\/Microsoft\.Web\/sites\/web-prod$/);
    expect(sps.find((s) => s.displayName === "uami-deploy")!.managedIdentityResourceId).toMatch(
      /userAssignedIdentities\/uami-deploy$/,
    );
  });

  it("Graph application permissions resolved to names; delegated grants split into scopes", () => {
    const grants = ok(clean.appPermissionGrants);
    const graphSp = spByName("Microsoft Graph");
    const roles = new Map((graphSp.appRoles as Array<{ id: string; value: string }>).map((r) => [r.id, r.value]));
    const expected = fixture.graph.servicePrincipals
      .flatMap(
        (sp) =>
          (sp.appRoleAssignments as Array<{ id: string; appRoleId: string; resourceId: string }> | undefined) ?? [],
      )
      .filter((a) => a.resourceId === graphSp.id);
    expect(grants).toHaveLength(expected.length);
    for (const g of grants) {
      expect(g.permission).toBe(roles.get(g.appRoleId));
      expect(g.resourceAppId).toBe("00000003-0000-0000-c000-000000000000");
    }
    expect(grants.filter((g) => g.principalDisplayName === "legacy-directory-sync").map((g) => g.permission)).toContain(
      "RoleManagement.ReadWrite.Directory",
    );

    const delegated = ok(clean.delegatedGrants);
    const tenantWide = delegated.find((d) => d.consentType === "AllPrincipals")!;
    expect(tenantWide.scopes).toEqual(["Directory.ReadWrite.All", "Mail.Read", "User.Read"]);
    expect(tenantWide.principalId).toBeNull();
    expect(tenantWide.resourceAppId).toBe("00000003-0000-0000-c000-000000000000");
  });

  it("directory role assignments named through role definitions", () => {
    const dra = ok(clean.directoryRoleAssignments);
    expect(dra).toHaveLength(fixture.graph.directoryRoleAssignments.length);
    expect(dra.find((a) => a.principalId === userId("Alice Admin"))!.roleDisplayName).toBe("Global Administrator");
  });

  it("principals: every id an assignment or grant names; a deleted one is found:false", () => {
    const principals = ok(clean.principals);
    const ids = new Set(principals.map((p) => p.id));
    for (const a of ok(clean.roleAssignments)) expect(ids.has(a.principalId)).toBe(true);
    for (const g of ok(clean.appPermissionGrants)) expect(ids.has(g.principalId)).toBe(true);
    for (const a of ok(clean.directoryRoleAssignments)) expect(ids.has(a.principalId)).toBe(true);
    const known = new Set(
      [...fixture.graph.users, ...fixture.graph.groups, ...fixture.graph.servicePrincipals].map((o) =>
        o.id.toLowerCase(),
      ),
    );
    const missing = principals.filter((p) => !p.found);
    expect(missing.length).toBeGreaterThan(0);
    for (const p of missing) {
      expect(known.has(p.id)).toBe(false);
      expect(p).toMatchObject({ type: "unknown", displayName: null });
    }
    expect(principals.find((p) => p.id === userId("Pat Partner"))).toMatchObject({
      found: true,
      type: "user",
      userType: "Guest",
    });
    expect(principals.find((p) => p.id === userId("Dana Departed"))).toMatchObject({
      found: true,
      accountEnabled: false,
    });
    expect(principals.find((p) => p.id === spByName("web-prod").id.toLowerCase())).toMatchObject({
      type: "servicePrincipal",
      servicePrincipalType: "ManagedIdentity",
    });
    expect(principals.some((p) => p.type === "group")).toBe(true);
  });

  it("workloads and user-assigned identities with their identity blocks", () => {
    const ws = ok(clean.workloads);
    const types = new Set([
      "microsoft.web/sites",
      "microsoft.compute/virtualmachines",
      "microsoft.containerservice/managedclusters",
      "microsoft.managedidentity/userassignedidentities",
    ]);
    expect(ws.map((w) => w.id).sort()).toEqual(
      fixture.resources
        .filter((r) => types.has(r.type.toLowerCase()))
        .map((r) => r.id)
        .sort(),
    );
    const web = ws.find((w) => w.name === "web-prod")!;
    expect(web).toMatchObject({ type: "Microsoft.Web/sites", kind: "app,linux", resourceGroup: "rg-web" });
    expect(web.identity!.type).toBe("SystemAssigned, UserAssigned");
    expect(Object.values(web.identity!.userAssignedIdentities)[0]!.principalId).toBe(
      "0864132f-2e44-5b26-9a7e-cdc90fa78340",
    );
    expect(ws.find((w) => w.name === "vm-jump")!.identity).toBeNull();
  });

  it("defender: pricings, assessments and secure scores per subscription", () => {
    const d = ok(clean.defender);
    expect(d.map((x) => x.subscriptionId).sort()).toEqual(subIds().sort());
    const [subId, data] = Object.entries(fixture.defender ?? {})[0]!;
    const got = d.find((x) => x.subscriptionId === subId.toLowerCase())!;
    expect(got.pricings.length).toBe(data.pricings!.length);
    expect(got.pricings.find((p) => p.name === "VirtualMachines")).toEqual({
      name: "VirtualMachines",
      pricingTier: "Standard",
      subPlan: "P2",
    });
    // only identity assessments are kept (category IdentityAndAccess in the tenant's metadata)
    const identity = data.assessments!.filter((a) => JSON.stringify(a).includes("IdentityAndAccess"));
    expect(identity.length).toBeLessThan(data.assessments!.length);
    expect(got.assessments.map((a) => a.name).sort()).toEqual(
      identity.map((a) => (typeof a.name === "string" ? a.name.toLowerCase() : a.name)).sort(),
    );
    const unhealthy = got.assessments.find((a) => a.statusCode === "Unhealthy")!;
    // the list answers without metadata: the severity is the metadata list's, joined on the key
    expect(unhealthy.severity).toBe("High");
    expect(unhealthy.resourceId).toBe(`/subscriptions/${subId}`);
    expect(got.secureScores[0]).toMatchObject({ name: "ascScore", current: 31.4, max: 58 });
  });

  it("application permissions on Exchange Online, named through Exchange's own app roles; SP certificates with their SAML markers", async () => {
    // Exchange's service principal defines its app roles itself (not Graph's); an app holds
    // full_access_as_app on it. A SAML app carries the Sign/Verify pair addTokenSigningCertificate makes.
    const EXO_APP_ID = "00000002-0000-0ff1-ce00-000000000000";
    const exoSp = {
      ...spByName("Microsoft Graph"),
      id: "e0e0e0e0-0000-4000-8000-000000000001",
      appId: EXO_APP_ID,
      displayName: "Office 365 Exchange Online",
      appRoles: [
        {
          allowedMemberTypes: ["Application"],
          description: "Allows the app to have full access to all mailboxes.",
          displayName: "Use Exchange Web Services with full access to all mailboxes",
          id: "dc890d15-9560-4a4c-9b7f-a736ec74ec40",
          isEnabled: true,
          origin: "Application",
          value: "full_access_as_app",
        },
      ],
      appRoleAssignments: [],
    };
    const holder = fixture.graph.servicePrincipals.find((sp) => sp.displayName !== "Microsoft Graph")!;
    const thumb = "8C1F0A3B5D7E9F11223344556677889900AABBCC";
    const cert = (keyId: string, usage: string) => ({
      customKeyIdentifier: thumb,
      displayName: "CN=Azure Federated SSO Certificate",
      endDateTime: "2028-01-01T00:00:00Z",
      key: null,
      keyId,
      startDateTime: "2025-01-01T00:00:00Z",
      type: "AsymmetricX509Cert",
      usage,
    });
    const withExo: TenantFixture = {
      ...fixture,
      graph: {
        ...fixture.graph,
        servicePrincipals: [
          ...fixture.graph.servicePrincipals.map((sp) =>
            sp.id === holder.id
              ? {
                  ...sp,
                  preferredSingleSignOnMode: "saml",
                  keyCredentials: [
                    cert("5a5a5a5a-0000-4000-8000-000000000001", "Sign"),
                    cert("5a5a5a5a-0000-4000-8000-000000000002", "Verify"),
                  ],
                  appRoleAssignments: [
                    ...((sp.appRoleAssignments as JsonObject[] | undefined) ?? []),
                    {
                      id: "exo-grant-1",
                      deletedDateTime: null,
                      appRoleId: "dc890d15-9560-4a4c-9b7f-a736ec74ec40",
                      createdDateTime: "2025-01-01T00:00:00Z",
                      principalDisplayName: typeof sp.displayName === "string" ? sp.displayName : null,
                      principalId: sp.id,
                      principalType: "ServicePrincipal",
                      resourceDisplayName: "Office 365 Exchange Online",
                      resourceId: exoSp.id,
                    },
                  ],
                }
              : sp,
          ),
          exoSp,
        ],
      },
    };
    const e = await startEmulator({ fixture: withExo });
    extra.push(e);
    const { inv } = await scan(e, { credential: msiCredential(e) });
    const exo = ok(inv.appPermissionGrants).filter((g) => g.resourceAppId === EXO_APP_ID);
    expect(exo).toEqual([
      expect.objectContaining({
        id: "exo-grant-1",
        principalId: holder.id.toLowerCase(),
        resourceId: exoSp.id,
        resourceDisplayName: "Office 365 Exchange Online",
        appRoleId: "dc890d15-9560-4a4c-9b7f-a736ec74ec40",
        permission: "full_access_as_app",
      }),
    ]);
    // Graph's grants are still read and named through Graph's roles
    expect(ok(inv.appPermissionGrants).length).toBe(ok(clean.appPermissionGrants).length + 1);
    const sp = ok(inv.servicePrincipals).find((x) => x.id === holder.id.toLowerCase())!;
    expect(sp.preferredSingleSignOnMode).toBe("saml");
    expect(sp.keyCredentials.map((k) => [k.usage, k.customKeyIdentifier])).toEqual([
      ["Sign", thumb],
      ["Verify", thumb],
    ]);
    const routes = e.stats().byRoute;
    expect(routes["GET graph:/v1.0/servicePrincipals/{id}/appRoleAssignedTo"]).toBe(2);
  });

  it("uses whole-collection lists: no request per object where a list exists", () => {
    const r = cleanRoutes;
    const apps = fixture.graph.applications.length;
    expect(r["GET graph:/v1.0/applications"]).toBe(1);
    expect(r["GET graph:/v1.0/servicePrincipals"]).toBe(2); // the list + one lookup of the resource APIs' SPs
    expect(r["POST graph:/v1.0/$batch"]).toBe(Math.ceil((2 * apps) / 20));
    // the principals, then the privileged groups (one level: the small tenant nests none)
    expect(r["POST graph:/v1.0/directoryObjects/getByIds"]).toBe(2);
    expect(r["GET graph:/v1.0/servicePrincipals/{id}/appRoleAssignedTo"]).toBe(1);
    for (const k of Object.keys(r)) {
      expect(k).not.toMatch(/(applications|servicePrincipals|users|groups|directoryObjects)\/\{id\}$/);
      expect(k).not.toMatch(/appRoleAssignments$/);
    }
    const subs = fixture.subscriptions.length;
    const mgs = fixture.managementGroups.length;
    expect(r["GET arm:/subscriptions"]).toBe(1);
    expect(r["GET arm:/subscriptions/{id}/providers/Microsoft.Authorization/roleAssignments"]).toBe(subs);
    expect(
      r[
        "GET arm:/providers/Microsoft.Management/managementGroups/{name}/providers/Microsoft.Authorization/roleAssignments"
      ],
    ).toBe(mgs);
    expect(r["POST arm:/providers/Microsoft.ResourceGraph/resources"]).toBe(2); // the workload query and the query of the subscriptions it covered
    expect(r["GET arm:/subscriptions/{id}/resources"]).toBeUndefined();
    // identity endpoint: one token per audience for the whole scan
    const tokenCalls = Object.entries(r)
      .filter(([k]) => k.includes("identity:"))
      .reduce((n, [, v]) => n + v, 0);
    expect(tokenCalls).toBeLessThanOrEqual(2);
  });

  it("saves a snapshot that loads back identical", async () => {
    const dir = await mkdtemp(join(tmpdir(), "azaudit-snap-"));
    try {
      const file = join(dir, "inv.json");
      await writeFile(file, serializeInventory(clean));
      expect(await loadInventory(file)).toEqual(clean);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("scope, paging and throttling", () => {
  it("narrows to --subscription / --exclude-subscription", async () => {
    const [s1, s2] = subIds();
    const only = (await scan(emu, { scope: { subscriptions: [s1!.toUpperCase()] } })).inv;
    expect(ok(only.subscriptions).map((s) => s.subscriptionId)).toEqual([s1]);
    expect(ok(only.defender).map((d) => d.subscriptionId)).toEqual([s1]);
    expect(ok(only.workloads).every((w) => w.subscriptionId === s1)).toBe(true);
    const without = (await scan(emu, { scope: { excludeSubscriptions: [s2!] } })).inv;
    expect(ok(without.subscriptions).map((s) => s.subscriptionId)).not.toContain(s2);
    const unknown = (await scan(emu, { scope: { subscriptions: ["11111111-1111-1111-1111-111111111111"] } })).inv;
    expect(unknown.subscriptions).toMatchObject({
      status: "ok",
      items: [],
      gaps: [{ scope: "/subscriptions/11111111-1111-1111-1111-111111111111" }],
    });
  });

  it("429s and 503s inside a 200 $batch are retried per sub-request after their Retry-After", async () => {
    const flaky = await startEmulator({ fixture, batchFaultRate: 0.3, retryAfterSeconds: 1, seed: 2 });
    extra.push(flaky);
    const { inv } = await scan(flaky, { credential: msiCredential(flaky) });
    const st = flaky.stats();
    const inBatch = Object.entries(st.throttledByRoute).filter(([k]) => k.endsWith("(in $batch)"));
    expect(inBatch.reduce((n, [, v]) => n + v, 0)).toBeGreaterThan(0);
    expect(st.byRoute["POST graph:/v1.0/$batch"]).toBeGreaterThan(cleanRoutes["POST graph:/v1.0/$batch"]!);
    expect(inv).toEqual(clean);
  });

  it("a $batch sub-request throttled on every round is a named gap, never a silent empty list", async () => {
    const stuck = await startEmulator({ fixture, batchFaultRate: 1, retryAfterSeconds: 0 });
    extra.push(stuck);
    const { inv } = await scan(stuck, { credential: msiCredential(stuck) });
    const apps = inv.applications;
    if (apps.status !== "ok") throw new Error(apps.reason);
    expect(apps.gaps?.length).toBeGreaterThan(0);
    for (const g of apps.gaps ?? []) expect(g.reason).toMatch(/HTTP (429|503)|still throttled or failing/);
    expect(apps.items.every((a) => a.owners === null || a.federatedIdentityCredentials === null)).toBe(true);
  });

  it("a $batch sub-request asking to wait longer than the Retry-After cap is a named gap at once, not a long sleep", async () => {
    const stalling = await startEmulator({ fixture, batchFaultRate: 1, retryAfterSeconds: 100_000 });
    extra.push(stalling);
    const { inv } = await scan(stalling, { credential: msiCredential(stalling) });
    const apps = inv.applications;
    if (apps.status !== "ok") throw new Error(apps.reason);
    expect(apps.gaps?.length).toBeGreaterThan(0);
    // each sub-request either asked for 100,000 s (429) or failed (503 until the rounds ran out)
    for (const g of apps.gaps ?? [])
      expect(g.reason).toMatch(
        /asked to wait 100000 s, more than the 120 s azaudit waits|HTTP 503|still throttled or failing/,
      );
    expect((apps.gaps ?? []).some((g) => /asked to wait 100000 s/.test(g.reason))).toBe(true);
  });

  it("paces ARM reads from x-ms-ratelimit-remaining-* so a small token bucket is rarely emptied, and recovers every 429", async () => {
    const bucket = await startEmulator({ fixture, armReadBucket: { size: 30, refillPerSecond: 25 } });
    extra.push(bucket);
    const clients = createAzureClients({ env: { ...bucket.env }, ca: bucket.caPem, credential: msiCredential(bucket) });
    try {
      const inv = await collectInventory({
        clients,
        clock: CLOCK,
        progress: silentProgress,
        scope: {},
        cloud: "AzureCloud",
        logError: () => {},
      });
      expect(inv).toEqual(clean);
      const arm = Object.entries(bucket.stats().byRoute)
        .filter(([k]) => k.includes(" arm:"))
        .reduce((n, [, v]) => n + v, 0);
      expect(arm).toBeGreaterThan(30); // more reads than the bucket holds: without pacing it would run dry
      expect(clients.stats().armPacedMs).toBeGreaterThan(0);
      // pacing keeps 429s to the first burst, before any header was read (8 in flight at most)
      expect(bucket.stats().throttled).toBeLessThanOrEqual(8);
    } finally {
      clients.close();
    }
  });

  it("keeps within Graph's resource-unit budget (x-ms-throttle-limit-percentage) and recovers every 429", async () => {
    // a budget far below the small tenant's Graph cost, refilled quickly: the scan must wait for it
    const budget = await startEmulator({ fixture, graphBudget: { resourceUnits: 12, windowSeconds: 1 } });
    extra.push(budget);
    const clients = createAzureClients({ env: { ...budget.env }, ca: budget.caPem, credential: msiCredential(budget) });
    try {
      const inv = await collectInventory({
        clients,
        clock: CLOCK,
        progress: silentProgress,
        scope: {},
        cloud: "AzureCloud",
        logError: () => {},
      });
      expect(inv).toEqual(clean);
      const stats = budget.stats();
      const graphRequests = Object.entries(stats.byRoute)
        .filter(([k]) => k.includes(" graph:"))
        .reduce((n, [, v]) => n + v, 0);
      expect(graphRequests).toBeGreaterThan(12); // more resource units than one window holds
      expect(clients.stats().graphPacedMs + stats.throttled).toBeGreaterThan(0);
    } finally {
      clients.close();
    }
  });

  it("holds every Graph request for the Retry-After of a throttled $batch request, not only that batch's retry", async () => {
    // one resource unit a second: a batch of more owner reads than there are units is partly throttled
    const tight = await startEmulator({ fixture, graphBudget: { resourceUnits: 3, windowSeconds: 3 } });
    extra.push(tight);
    const clients = createAzureClients({ env: { ...tight.env }, ca: tight.caPem, credential: msiCredential(tight) });
    try {
      // the fixture has four apps: owners and federated credentials of each, eight reads
      const reads = fixture.graph.applications.flatMap((a, i) => [
        { id: `o${i}`, method: "GET" as const, url: `/applications/${a.id}/owners?$select=id` },
        { id: `f${i}`, method: "GET" as const, url: `/applications/${a.id}/federatedIdentityCredentials` },
      ]);
      expect(reads.length).toBeGreaterThan(3);
      const first = await clients.graphBatch(reads);
      const throttled = first.filter((r) => r.status === 429);
      expect(throttled.length).toBeGreaterThan(0);
      expect(throttled[0]!.headers["retry-after"]).toMatch(/^\d+$/);
      const asked = Math.max(...throttled.map((r) => Number(r.headers["retry-after"])));
      const started = Date.now();
      const again = await clients.graphBatch(reads.slice(0, 1));
      expect(Date.now() - started).toBeGreaterThanOrEqual(asked * 1000 - 50);
      expect(again[0]!.status).toBe(200);
      expect(clients.stats().graphPacedMs).toBeGreaterThan(0);
    } finally {
      clients.close();
    }
  });

  it("waits for Resource Graph's quota to reset (x-ms-user-quota-*) instead of falling back", async () => {
    const quota = await startEmulator({ fixture, resourceGraphQuota: { queries: 1, windowSeconds: 1 } });
    extra.push(quota);
    const { inv } = await scan(quota, { credential: msiCredential(quota) });
    const w = inv.workloads;
    if (w.status !== "ok") throw new Error(w.reason);
    expect(w.items).toEqual(ok(clean.workloads));
    expect(w.notes).toBeUndefined(); // both queries answered: no per-subscription fallback
    expect(quota.stats().byRoute["POST arm:/providers/Microsoft.ResourceGraph/resources"]).toBeGreaterThanOrEqual(2);
  });

  it("a subscription Resource Graph leaves out is listed per subscription and counted in the coverage", async () => {
    const left = subIds()[0]!;
    const partial = await startEmulator({ fixture, resourceGraphOmits: [left] });
    extra.push(partial);
    const { inv } = await scan(partial, { credential: msiCredential(partial) });
    const w = inv.workloads;
    if (w.status !== "ok") throw new Error(w.reason);
    expect(w.items).toEqual(ok(clean.workloads));
    expect(w.items.some((x) => x.subscriptionId === left)).toBe(true);
    expect(w.gaps).toBeUndefined();
    expect(w.notes).toEqual([
      {
        scope: "/providers/Microsoft.ResourceGraph/resources",
        reason: expect.stringMatching(
          new RegExp(`did not answer for 1 of ${subIds().length} subscriptions \\(${left}\\)`),
        ),
      },
    ]);
    expect(partial.stats().byRoute["GET arm:/subscriptions/{id}/resources"]).toBe(1);
  });

  it("a failed Resource Graph read is a counted fallback, not just a progress line", async () => {
    const denied = await startEmulator({ fixture, denyScopes: ["/providers/Microsoft.ResourceGraph"] });
    extra.push(denied);
    const { inv } = await scan(denied, { credential: msiCredential(denied) });
    const w = inv.workloads;
    if (w.status !== "ok") throw new Error(w.reason);
    expect(w.items).toEqual(ok(clean.workloads));
    expect(w.notes).toEqual([
      {
        scope: "/providers/Microsoft.ResourceGraph/resources",
        reason: expect.stringMatching(
          new RegExp(
            `^Resource Graph failed \\(HTTP 403.*all ${subIds().length} subscriptions were listed per subscription`,
          ),
        ),
      },
    ]);
  });

  it("collects the same inventory with a concurrency bound of 1 (no task waits on another while holding a slot)", async () => {
    const { inv } = await scan(emu, { concurrency: 1 });
    expect(inv).toEqual(clean);
  });

  it("pages of 2 and 429s with Retry-After give the same inventory as a clean run", async () => {
    const slow = await startEmulator({ fixture, pageSize: 2, rateLimit: 2, retryAfterSeconds: 1, latencyMs: 20 });
    extra.push(slow);
    const started = Date.now();
    const { inv } = await scan(slow, { credential: msiCredential(slow), maxRetries: 10 });
    const st = slow.stats();
    expect(st.throttled).toBeGreaterThan(0);
    expect(st.byRoute["GET graph:/v1.0/applications"]).toBeGreaterThan(1);
    expect(st.byRoute["GET arm:/subscriptions"]).toBeGreaterThan(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // Retry-After was waited out
    expect(inv).toEqual(clean);
  });

  it("500/503s, reset connections and truncated bodies on 30% of requests are retried into the same inventory", async () => {
    const faulty = await startEmulator({ fixture, pageSize: 3, faultRate: 0.3, seed: 9 });
    extra.push(faulty);
    const { inv } = await scan(faulty, { credential: msiCredential(faulty), maxRetries: 6 });
    expect(faulty.stats().faults).toBeGreaterThan(5);
    expect(inv).toEqual(clean);
  });
});

describe("failures", () => {
  it("a denied subscription becomes a gap on otherwise-read sections", async () => {
    const [, denied] = subIds();
    const e = await startEmulator({ fixture, denyScopes: [`/subscriptions/${denied}`] });
    extra.push(e);
    const { inv } = await scan(e, { credential: msiCredential(e) });
    expect(inv.roleAssignments.status).toBe("ok");
    if (inv.roleAssignments.status !== "ok") return;
    expect(inv.roleAssignments.gaps).toEqual([
      expect.objectContaining({
        scope: `/subscriptions/${denied}`,
        missingPermission: "Microsoft.Authorization/roleAssignments/read",
      }),
    ]);
    expect(inv.roleAssignments.gaps![0]!.reason).toMatch(/403/);
    // everything not under the denied subscription is still there
    const expected = ok(clean.roleAssignments).filter((a) => a.subscriptionId !== denied);
    expect(inv.roleAssignments.items).toEqual(expected);
    expect(inv.defender).toMatchObject({ status: "ok", gaps: [{ scope: `/subscriptions/${denied}` }] });
    expect(ok(inv.defender).map((d) => d.subscriptionId)).not.toContain(denied);
    // Graph sections are untouched
    expect(inv.applications).toEqual(clean.applications);
  });

  it("a Graph 403 on applications makes the section unavailable with the missing permission", async () => {
    const proxy = await graphDenyProxy(emu, "/v1.0/applications");
    extra.push(proxy);
    // ARM and Graph both go through the proxy: its CA is the only one the clients need
    const { inv } = await scan(emu, {
      env: { ...emu.env, AZAUDIT_ARM_ENDPOINT: proxy.url, AZAUDIT_GRAPH_ENDPOINT: proxy.url },
      ca: proxy.caPem,
    });
    expect(inv.applications, JSON.stringify(inv.applications)).toMatchObject({
      status: "unavailable",
      missingPermission: "Application.Read.All",
    });
    if (inv.applications.status === "unavailable")
      expect(inv.applications.reason).toMatch(/403.*Authorization_RequestDenied/);
    expect(inv.servicePrincipals).toEqual(clean.servicePrincipals);
    expect(inv.roleAssignments).toEqual(clean.roleAssignments);
  });

  it("an unreachable endpoint makes sections unavailable, never empty", async () => {
    const { inv } = await scan(emu, {
      env: { ...emu.env, AZAUDIT_ARM_ENDPOINT: "https://127.0.0.1:1" },
      maxRetries: 0,
    });
    for (const k of [
      "managementGroups",
      "subscriptions",
      "roleDefinitions",
      "roleAssignments",
      "workloads",
      "defender",
    ] as const) {
      expect(inv[k].status, k).toBe("unavailable");
      expect((inv[k] as { reason: string }).reason.length, k).toBeGreaterThan(0);
    }
    expect(inv.applications.status).toBe("ok");
  });
});

describe("secrets never reach a log", () => {
  it("verbose logging of a whole scan never prints a token", async () => {
    const lines: string[] = [];
    const written: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    process.stdout.write = capture;
    process.stderr.write = capture;
    let clients: AzureClients;
    try {
      clients = createAzureClients({
        env: { ...emu.env },
        ca: emu.caPem,
        log: (l) => {
          lines.push(l);
          process.stderr.write(`${l}\n`);
        },
      });
      await collectInventory({
        clients,
        clock: CLOCK,
        progress: createStreamProgress({ stream: process.stderr, force: true }),
        scope: {},
        cloud: "AzureCloud",
      });
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
    const arm = (await clients!.credential.getToken(clients!.armScope))!.token;
    const graph = (await clients!.credential.getToken(clients!.graphScope))!.token;
    clients!.close();
    expect(lines.some((l) => l.startsWith("ARM GET "))).toBe(true);
    expect(lines.some((l) => l.startsWith("Graph POST ") && l.includes("$batch"))).toBe(true);
    const all = [...lines, ...written].join("\n");
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(arm);
    expect(all).not.toContain(graph);
    expect(all).not.toContain(emu.env.IDENTITY_HEADER);
    expect(all).not.toMatch(/authorization:/i);
  });

  it("redact() removes bearer tokens and identity headers from any line", () => {
    expect(redact("Authorization: Bearer abc.def.ghi123")).not.toContain("abc.def");
    expect(redact('{"access_token":"xyz123456789"}')).not.toContain("xyz123456789");
    expect(redact("x-identity-header=deadbeefcafe")).not.toContain("deadbeefcafe");
  });
});

describe("small pieces", () => {
  it("scopeLevel", () => {
    expect(scopeLevel("/")).toBe("root");
    expect(scopeLevel("/providers/Microsoft.Management/managementGroups/x")).toBe("managementGroup");
    expect(scopeLevel("/subscriptions/s")).toBe("subscription");
    expect(scopeLevel("/subscriptions/s/resourceGroups/rg")).toBe("resourceGroup");
    expect(scopeLevel("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/a")).toBe("resource");
  });

  it("progress is silent off a TTY unless forced, and never with --quiet", () => {
    const chunks: string[] = [];
    const stream = { isTTY: false, write: (c: string) => (chunks.push(c), true) } as unknown as NodeJS.WritableStream;
    createStreamProgress({ stream }).section("x", "ok", "1 items");
    expect(chunks).toEqual([]);
    createStreamProgress({ stream, force: true, disabled: true }).section("x", "ok");
    expect(chunks).toEqual([]);
    createStreamProgress({ stream, force: true }).section("roleAssignments", "partial", "3 items, 1 gaps");
    expect(chunks).toEqual(["azaudit: roleAssignments partial (3 items, 1 gaps)\n"]);
  });

  it("the limiter never runs more than n tasks", async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limit(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});

/** An HTTPS front for the emulator that answers a Graph 403 under one path (the emulator's deny knob is ARM-only). */
async function graphDenyProxy(
  target: RunningEmulator,
  deniedPrefix: string,
): Promise<{ url: string; caPem: string; close(): Promise<void> }> {
  const tls = await generateTlsMaterial();
  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path === deniedPrefix || path.startsWith(`${deniedPrefix}/`)) {
      res.writeHead(403, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." },
        }),
      );
      return;
    }
    const up = httpsRequest(
      `${target.url}${req.url}`,
      { method: req.method, headers: { ...req.headers, host: new URL(target.url).host }, ca: target.caPem },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise<void>((r) =>
    server.listen(0, "127.0.0.1", () => {
      r();
    }),
  );
  const port = (server.address() as { port: number }).port;
  // the proxy has its own CA: the clients get both
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: tls.caPem,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => {
          r();
        });
        server.closeAllConnections();
      }),
  };
}
