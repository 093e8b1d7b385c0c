// The emulator driven in-process by the real Azure SDKs.
//
// Trusting the emulator's CA in-process: NODE_EXTRA_CA_CERTS is read at process start only, so
// ARM clients get `tlsOptions: { ca }` (core-rest-pipeline turns it into a tlsPolicy and builds
// its https.Agent from it). Tokens need no CA: the managed identity endpoint is plain http on
// 127.0.0.1, like App Service's. The Graph client uses global fetch (undici), which Node 20
// offers no in-process CA hook for, so Graph through the SDK runs in a child process
// (test/emulator-process.test.ts); here Graph routes are checked with node:https and `ca`.
import { tokenIdentity } from "../src/collectors/token-identity.ts";
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { request } from "node:https";
import { AuthorizationManagementClient } from "@azure/arm-authorization";
import { ResourceManagementClient } from "@azure/arm-resources";
import { SubscriptionClient } from "@azure/arm-resources-subscriptions";
import { SecurityCenter } from "@azure/arm-security";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { DefaultAzureCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  runEmulatorCommand,
  startEmulator,
  validateFixture,
  type EmulatorEnv,
  type RunningEmulator,
  type TenantFixture,
} from "../src/emulator/index.ts";

const fixture: TenantFixture = validateFixture(
  JSON.parse(readFileSync(new URL("../src/emulator/fixtures/small-tenant.json", import.meta.url), "utf8")),
);
const [S1, S2, S3] = fixture.subscriptions.map((s) => s.subscriptionId) as [string, string, string];
const TENANT_ROOT_MG = `/providers/Microsoft.Management/managementGroups/${fixture.tenant.id}`;
const MG_WORKLOADS = "/providers/Microsoft.Management/managementGroups/mg-workloads";
const ARM_SCOPE = "https://management.azure.com/.default";
const userId = (name: string) => fixture.graph.users.find((u) => u.displayName === name)!.id;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** untyped, as JSON.parse returns it: the assertions are the shape check */
  body: ReturnType<typeof JSON.parse>;
}

function call(
  emu: Pick<RunningEmulator, "url" | "caPem">,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request(
      `${emu.url}${path}`,
      {
        method,
        ca: emu.caPem,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(payload ? { "content-type": "application/json" } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** the App Service MSI protocol by hand, for emulators other than the one DefaultAzureCredential
 *  talks to (MSAL caches managed identity tokens process-wide, across credential instances) */
async function msiToken(emu: Pick<RunningEmulator, "env">, resource: string): Promise<string> {
  const res = await fetch(
    `${emu.env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=${encodeURIComponent(resource)}`,
    {
      headers: { "X-IDENTITY-HEADER": emu.env.IDENTITY_HEADER },
    },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

function msiCredential(emu: RunningEmulator): TokenCredential {
  return {
    async getToken(scopes): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? scopes[0]! : scopes;
      return {
        token: await msiToken(emu, scope.replace(/\/\.default$/, "")),
        expiresOnTimestamp: Date.now() + 3_600_000,
      };
    },
  };
}

function armOptions(emu: RunningEmulator) {
  return {
    endpoint: emu.url,
    credentialScopes: [ARM_SCOPE],
    tlsOptions: { ca: emu.caPem },
    retryOptions: { maxRetries: 0 },
  };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("emulator with the real SDKs", () => {
  let emu: RunningEmulator;
  let cred: DefaultAzureCredential;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    // a small page size so every list below also proves nextLink paging through the SDK
    emu = await startEmulator({ fixture, pageSize: 3 });
    for (const k of ["IDENTITY_ENDPOINT", "IDENTITY_HEADER", "AZURE_TOKEN_CREDENTIALS"] as const) {
      saved[k] = process.env[k];
      process.env[k] = emu.env[k];
    }
    // DefaultAzureCredential picks its sources at construction, but MSAL re-reads
    // IDENTITY_ENDPOINT/IDENTITY_HEADER on every token request: keep them set until afterAll
    cred = new DefaultAzureCredential();
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- process.env cannot be a Map
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before starting it
    await emu?.close();
  });

  it("prints the env a client needs", () => {
    expect(Object.keys(emu.env).sort()).toEqual([
      "AZAUDIT_ARM_ENDPOINT",
      "AZAUDIT_GRAPH_ENDPOINT",
      "AZURE_TOKEN_CREDENTIALS",
      "IDENTITY_ENDPOINT",
      "IDENTITY_HEADER",
      "NODE_EXTRA_CA_CERTS",
    ]);
    expect(readFileSync(emu.env.NODE_EXTRA_CA_CERTS, "utf8")).toBe(emu.caPem);
    expect(emu.env.AZAUDIT_ARM_ENDPOINT).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it("DefaultAzureCredential gets ARM and Graph tokens from the managed identity endpoint", async () => {
    const arm = await cred.getToken(ARM_SCOPE);
    const graph = await cred.getToken("https://graph.microsoft.com/.default");
    // A JWT like Entra's (header.payload.signature, base64url), whose payload names the scanner.
    expect(arm.token).toMatch(/^[\w-]{20,}\.[\w-]{20,}\.[\w-]{20,}$/);
    expect(tokenIdentity(arm.token)?.objectId).toMatch(/^[0-9a-f-]{36}$/);
    expect(graph.token).not.toBe(arm.token);
    expect(arm.expiresOnTimestamp).toBeGreaterThan(Date.now());
  });

  it("refuses API calls without a token, or with a token for the other audience", async () => {
    const none = await call(emu, "GET", "/subscriptions?api-version=2022-12-01");
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("AuthenticationFailed");
    const graphToken = (await cred.getToken("https://graph.microsoft.com/.default")).token;
    const wrong = await call(emu, "GET", "/subscriptions?api-version=2022-12-01", { token: graphToken });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("InvalidAuthenticationTokenAudience");
    const graphNone = await call(emu, "GET", "/v1.0/applications");
    expect(graphNone.status).toBe(401);
    expect(graphNone.body.error.code).toBe("InvalidAuthenticationToken");
    const badHeader = await fetch(
      `${emu.env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=https://management.azure.com`,
      { headers: { "X-IDENTITY-HEADER": "nope" } },
    );
    expect(badHeader.status).toBe(401);
  });

  it("SubscriptionClient lists subscriptions (paged) and tenants", async () => {
    const client = new SubscriptionClient(cred, armOptions(emu));
    const subs = await collect(client.subscriptions.list());
    expect(subs.map((s) => s.subscriptionId)).toEqual([S1, S2, S3]);
    expect(subs[0]).not.toHaveProperty("managementGroup");
    const tenants = await collect(client.tenants.list());
    expect(tenants[0]!.tenantId).toBe(fixture.tenant.id);
    const one = await client.subscriptions.get(S2);
    expect(one.displayName).toBe("Contoso Development");
  });

  it("roleAssignments.listForScope: no filter = above, at and below; atScope() = at and above", async () => {
    const client = new AuthorizationManagementClient(cred, S1, armOptions(emu));
    const all = await collect(client.roleAssignments.listForScope(`subscriptions/${S1}`));
    const scopes = new Set(all.map((a) => a.scope));
    expect(scopes).toEqual(
      new Set([
        "/",
        TENANT_ROOT_MG,
        MG_WORKLOADS,
        `/subscriptions/${S1}`,
        `/subscriptions/${S1}/resourceGroups/rg-web`,
        `/subscriptions/${S1}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-prod`,
      ]),
    );
    expect(all).toHaveLength(10);
    const atScope = await collect(client.roleAssignments.listForScope(`subscriptions/${S1}`, { filter: "atScope()" }));
    expect(new Set(atScope.map((a) => a.scope))).toEqual(
      new Set(["/", TENANT_ROOT_MG, MG_WORKLOADS, `/subscriptions/${S1}`]),
    );
    // a resource group sees what is above it, not its sibling resource groups
    const rg = await collect(client.roleAssignments.listForResourceGroup("rg-web"));
    expect(rg.map((a) => a.scope)).toContain(`/subscriptions/${S1}`);
    expect(rg.map((a) => a.scope)).toContain(
      `/subscriptions/${S1}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-prod`,
    );
  });

  it("an assignment inherited from a management group appears in every subscription below it", async () => {
    const s1 = await collect(
      new AuthorizationManagementClient(cred, S1, armOptions(emu)).roleAssignments.listForSubscription(),
    );
    const s2 = await collect(
      new AuthorizationManagementClient(cred, S2, armOptions(emu)).roleAssignments.listForSubscription(),
    );
    const s3 = await collect(
      new AuthorizationManagementClient(cred, S3, armOptions(emu)).roleAssignments.listForSubscription(),
    );
    const inherited = s1.filter((a) => a.scope === MG_WORKLOADS).map((a) => a.id);
    expect(inherited).toHaveLength(2);
    expect(s2.filter((a) => a.scope === MG_WORKLOADS).map((a) => a.id)).toEqual(inherited);
    expect(s3.some((a) => a.scope === MG_WORKLOADS)).toBe(false);
    expect(s3.some((a) => a.scope === "/providers/Microsoft.Management/managementGroups/mg-platform")).toBe(true);
  });

  it("principalId filter looks below a management group and at the root", async () => {
    const client = new AuthorizationManagementClient(cred, S1, armOptions(emu));
    const bob = userId("Bob Builder");
    const atMg = await collect(
      client.roleAssignments.listForScope("providers/Microsoft.Management/managementGroups/mg-workloads", {
        filter: `principalId eq '${bob}'`,
      }),
    );
    expect(atMg.map((a) => a.scope)).toEqual([`/subscriptions/${S1}`]);
    const noFilterMg = await collect(
      client.roleAssignments.listForScope("providers/Microsoft.Management/managementGroups/mg-workloads"),
    );
    expect(new Set(noFilterMg.map((a) => a.scope))).toEqual(new Set(["/", TENANT_ROOT_MG, MG_WORKLOADS]));
    // root: the SDK builds "//providers/…" from an empty scope; the emulator serves it as "/"
    const root = await collect(client.roleAssignments.listForScope("", { filter: "atScope()" }));
    expect(root.map((a) => a.scope)).toEqual(["/"]);
    const rootAll = await collect(client.roleAssignments.listForScope("", { filter: `principalId eq '${bob}'` }));
    expect(rootAll.map((a) => a.scope).sort()).toEqual(
      [`/subscriptions/${S1}`, `/subscriptions/${S3}/resourceGroups/rg-data`].sort(),
    );
  });

  it("roleDefinitions: built-ins and custom roles assignable there, ids prefixed with the subscription", async () => {
    const client = new AuthorizationManagementClient(cred, S1, armOptions(emu));
    const defs = await collect(client.roleDefinitions.list(`subscriptions/${S1}`));
    const owner = defs.find((d) => d.roleName === "Owner")!;
    expect(owner.id).toBe(
      `/subscriptions/${S1}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`,
    );
    expect(owner.permissions![0]!.actions).toEqual(["*"]);
    const custom = await collect(
      client.roleDefinitions.list(`subscriptions/${S1}`, { filter: "type eq 'CustomRole'" }),
    );
    expect(custom.map((d) => d.roleName)).toEqual(["Workload Landing Zone Admin"]);
    const s3custom = await collect(
      client.roleDefinitions.list(`subscriptions/${S3}`, { filter: "type eq 'CustomRole'" }),
    );
    expect(s3custom.map((d) => d.roleName)).toEqual(["Data Platform Operator"]);
    const atMg = await collect(
      client.roleDefinitions.list("providers/Microsoft.Management/managementGroups/mg-workloads"),
    );
    expect(atMg.find((d) => d.roleName === "Reader")!.id).toBe(
      "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
    );
    const one = await client.roleDefinitions.get(`subscriptions/${S1}`, "b24988ac-6180-42a0-ab88-20f7382dd24c");
    expect(one.roleName).toBe("Contributor");
  });

  it("ResourceManagementClient lists resources with a resourceType filter, and resource groups", async () => {
    const client = new ResourceManagementClient(cred, S1, armOptions(emu));
    const sites = await collect(
      client.resources.list({
        filter: "resourceType eq 'Microsoft.Web/sites' or resourceType eq 'Microsoft.Compute/virtualMachines'",
        expand: "createdTime,changedTime",
      }),
    );
    expect(sites.map((r) => r.name).sort()).toEqual(["vm-jump", "web-prod"]);
    const web = sites.find((r) => r.name === "web-prod")!;
    expect(web.identity?.type).toBe("SystemAssigned, UserAssigned");
    expect(Object.keys(web.identity!.userAssignedIdentities!)).toHaveLength(1);
    expect(sites.find((r) => r.name === "vm-jump")!.identity).toBeUndefined();
    const rgs = await collect(client.resourceGroups.list());
    expect(rgs.map((r) => r.name).sort()).toEqual(["rg-jump", "rg-web"]);
  });

  it("SecurityCenter lists pricings, assessments and secure scores", async () => {
    const client = new SecurityCenter(cred, S1, armOptions(emu));
    const pricings = await client.pricings.list();
    expect(pricings.value.find((p) => p.name === "AppServices")!.pricingTier).toBe("Free");
    expect(pricings.value.find((p) => p.name === "VirtualMachines")!.subPlan).toBe("P2");
    const assessments = await collect(client.assessments.list(`subscriptions/${S1}`));
    expect(assessments).toHaveLength(4);
    expect(assessments.find((a) => a.displayName!.startsWith("Accounts with owner"))!.status!.code).toBe("Unhealthy");
    const scores = await collect(client.secureScores.list());
    expect(scores[0]!.current).toBe(31.4);
    const empty = await new SecurityCenter(cred, S2, armOptions(emu)).pricings.list();
    expect(empty.value).toEqual([]);
  });

  it("management groups: list and the expanded tree", async () => {
    const token = (await cred.getToken(ARM_SCOPE)).token;
    const list = await call(emu, "GET", "/providers/Microsoft.Management/managementGroups?api-version=2021-04-01", {
      token,
    });
    expect(list.status).toBe(200);
    expect(list.body.value).toHaveLength(3);
    expect(list.body.nextLink).toBeUndefined();
    const tree = await call(
      emu,
      "GET",
      `/providers/Microsoft.Management/managementGroups/${fixture.tenant.id}?api-version=2021-04-01&$expand=children&$recurse=true`,
      { token },
    );
    const children = tree.body.properties.children as Array<{
      name: string;
      children: Array<{ type: string; name: string }>;
    }>;
    expect(children.map((c) => c.name).sort()).toEqual(["mg-platform", "mg-workloads"]);
    expect(children.find((c) => c.name === "mg-workloads")!.children.map((c) => c.name)).toEqual([S1, S2]);
    expect(children[0]!.children[0]!.type).toBe("/subscriptions");
  });

  it("Resource Graph: where type in~ / project / $skipToken paging", async () => {
    const token = (await cred.getToken(ARM_SCOPE)).token;
    const query =
      "Resources | where type in~ ('microsoft.web/sites','Microsoft.ContainerService/managedClusters','microsoft.compute/virtualmachines') | project id, name, type, kind, location, subscriptionId, resourceGroup, tags, identity";
    const rows: Array<Record<string, unknown>> = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const res = await call(emu, "POST", "/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01", {
        token,
        body: {
          query,
          options: { $top: 2, resultFormat: "objectArray", ...(skipToken ? { $skipToken: skipToken } : {}) },
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.totalRecords).toBe(4);
      rows.push(...res.body.data);
      skipToken = res.body.$skipToken;
      pages++;
    } while (skipToken);
    expect(pages).toBe(2);
    expect(rows.map((r) => r.name).sort()).toEqual(["aks-platform", "func-dev", "vm-jump", "web-prod"]);
    expect(Object.keys(rows[0]!).sort()).toEqual([
      "id",
      "identity",
      "kind",
      "location",
      "name",
      "resourceGroup",
      "subscriptionId",
      "tags",
      "type",
    ]);
    expect(rows.find((r) => r.name === "web-prod")!.type).toBe("microsoft.web/sites");
    const bad = await call(emu, "POST", "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01", {
      token,
      body: { query: "Resources | summarize count() by type" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/unsupported operator: summarize/);
  });

  it("Graph: $select, $filter, paging with $top, sub-collections and getByIds", async () => {
    const token = (await cred.getToken("https://graph.microsoft.com/.default")).token;
    const apps = await call(emu, "GET", "/v1.0/applications?$select=displayName,appId&$top=2", { token });
    expect(apps.body.value).toHaveLength(2);
    expect(Object.keys(apps.body.value[0]).sort()).toEqual(["appId", "displayName", "id"]);
    expect(apps.body["@odata.nextLink"]).toMatch(new RegExp(`^${emu.url}/v1.0/applications\\?`));
    const next = await call(emu, "GET", apps.body["@odata.nextLink"].slice(emu.url.length), { token });
    expect(next.body.value).toHaveLength(2);
    expect(next.body["@odata.nextLink"]).toBeUndefined();

    const ci = fixture.graph.applications[0]!;
    const full = await call(emu, "GET", `/v1.0/applications/${ci.id}`, { token });
    expect(full.body).not.toHaveProperty("federatedIdentityCredentials");
    expect(full.body).not.toHaveProperty("owners");
    expect(full.body.passwordCredentials).toHaveLength(1);
    const fics = await call(emu, "GET", `/v1.0/applications/${ci.id}/federatedIdentityCredentials`, { token });
    expect(fics.body.value.map((f: { name: string }) => f.name)).toEqual(["github-main", "github-prod-env"]);
    const owners = await call(emu, "GET", `/v1.0/applications/${ci.id}/owners`, { token });
    expect(owners.body.value[0]["@odata.type"]).toBe("#microsoft.graph.user");

    const byAppId = await call(
      emu,
      "GET",
      `/v1.0/servicePrincipals?$filter=appId eq '00000003-0000-0000-c000-000000000000'&$select=id,appRoles`,
      { token },
    );
    const graphSp = byAppId.body.value[0];
    expect(graphSp.appRoles.length).toBeGreaterThanOrEqual(5);
    const mis = await call(emu, "GET", `/v1.0/servicePrincipals?$filter=servicePrincipalType eq 'ManagedIdentity'`, {
      token,
    });
    expect(mis.body.value).toHaveLength(3);
    const grants = await call(emu, "GET", `/v1.0/servicePrincipals/${graphSp.id}/appRoleAssignedTo?$top=999`, {
      token,
    });
    expect(grants.body.value.map((g: { appRoleId: string }) => g.appRoleId)).toContain(
      "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
    );
    expect(grants.body.value).toHaveLength(3);
    const spFull = await call(emu, "GET", `/v1.0/servicePrincipals/${grants.body.value[0].principalId}`, { token });
    expect(spFull.body).not.toHaveProperty("appRoleAssignments");

    const deleted = "11111111-2222-4333-8444-555555555555";
    const got = await call(emu, "POST", "/v1.0/directoryObjects/getByIds", {
      token,
      body: { ids: [userId("Pat Partner"), deleted, graphSp.id], types: ["user", "servicePrincipal", "group"] },
    });
    expect(got.status).toBe(200);
    expect(got.body.value.map((o: { "@odata.type": string }) => o["@odata.type"])).toEqual([
      "#microsoft.graph.user",
      "#microsoft.graph.servicePrincipal",
    ]);

    const org = await call(emu, "GET", "/v1.0/organization", { token });
    expect(org.body.value[0].id).toBe(fixture.tenant.id);
    const roleAssignments = await call(
      emu,
      "GET",
      "/v1.0/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '62e90394-69f5-4237-9190-012177145e10'",
      { token },
    );
    expect(roleAssignments.body.value).toHaveLength(1);
    const roleDefs = await call(emu, "GET", "/v1.0/roleManagement/directory/roleDefinitions", { token });
    expect(roleDefs.body.value.map((d: { displayName: string }) => d.displayName)).toContain("Global Administrator");
    expect(roleDefs.body.value).toHaveLength(3); // two from the fixture, one synthesised for a referenced id
    const unsupported = await call(emu, "GET", "/v1.0/users?$filter=endswith(mail,'x')", { token });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.error.code).toBe("Request_UnsupportedQuery");
  });

  it("Graph $batch dispatches up to 20 sub-requests", async () => {
    const token = (await cred.getToken("https://graph.microsoft.com/.default")).token;
    const guest = userId("Pat Partner");
    const res = await call(emu, "POST", "/v1.0/$batch", {
      token,
      body: {
        requests: [
          { id: "1", method: "GET", url: `/users/${guest}?$select=userType` },
          { id: "2", method: "GET", url: "/users/11111111-2222-4333-8444-555555555555" },
          { id: "3", method: "GET", url: "groups?$top=1" },
        ],
      },
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId["1"].status).toBe(200);
    expect(byId["1"].body.userType).toBe("Guest");
    expect(byId["2"].status).toBe(404);
    expect(byId["3"].body["@odata.nextLink"]).toContain("/v1.0/groups?");
    const tooMany = await call(emu, "POST", "/v1.0/$batch", {
      token,
      body: { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/users" })) },
    });
    expect(tooMany.status).toBe(400);
  });

  it("counts requests per route", async () => {
    emu.resetStats();
    const client = new AuthorizationManagementClient(cred, S1, armOptions(emu));
    await collect(client.roleAssignments.listForSubscription()); // 10 items, page size 3: 4 pages
    const token = (await cred.getToken("https://graph.microsoft.com/.default")).token;
    await call(emu, "GET", "/v1.0/applications", { token });
    const s = emu.stats();
    expect(s.byRoute["GET arm:/subscriptions/{id}/providers/Microsoft.Authorization/roleAssignments"]).toBe(4);
    expect(s.byRoute["GET graph:/v1.0/applications"]).toBe(1);
    expect(s.total).toBe(5);
    const http = await call(emu, "GET", "/_emulator/stats");
    expect(http.status).toBe(200);
    expect(http.body.byRoute["GET graph:/v1.0/applications"]).toBe(1);
  });
});

describe("emulator knobs", () => {
  const started: RunningEmulator[] = [];
  afterAll(async () => {
    await Promise.all(started.map((e) => e.close()));
  });
  const start = async (opts: Parameters<typeof startEmulator>[0]) => {
    const e = await startEmulator(opts);
    started.push(e);
    return e;
  };

  it("answers 403 AuthorizationFailed at and under a denied scope", async () => {
    const emu = await start({ fixture, denyScopes: [`/subscriptions/${S2}`] });
    const cred = msiCredential(emu);
    const denied = new AuthorizationManagementClient(cred, S2, armOptions(emu));
    const err = await collect(denied.roleAssignments.listForSubscription()).catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 403, code: "AuthorizationFailed" });
    expect((err as Error).message).toContain("Microsoft.Authorization/roleAssignments/read");
    expect((err as Error).message).toContain(`/subscriptions/${S2}`);
    const rgErr = await collect(new ResourceManagementClient(cred, S2, armOptions(emu)).resourceGroups.list()).catch(
      (e: unknown) => e,
    );
    expect(rgErr).toMatchObject({ statusCode: 403 });
    const fine = await collect(
      new AuthorizationManagementClient(cred, S1, armOptions(emu)).roleAssignments.listForSubscription(),
    );
    expect(fine.length).toBeGreaterThan(0);
    expect(emu.stats().denied).toBe(2);
  });

  it("denies Graph paths with Graph's 403, in $batch sub-requests too, and keeps ARM and Graph denies apart", async () => {
    const app = fixture.graph.applications[0]!.id;
    const emu = await start({
      fixture,
      denyScopes: ["/v1.0/applications", "/beta/roleManagement/directory", `/subscriptions/${S2}`],
    });
    const graph = await msiToken(emu, "https://graph.microsoft.com");
    const arm = await msiToken(emu, "https://management.azure.com");

    const list = await call(emu, "GET", "/v1.0/applications?$top=999", { token: graph });
    expect(list.status).toBe(403);
    expect(list.body.error).toMatchObject({
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
    });
    expect(list.body.error.innerError["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(list.body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(list.headers["request-id"]).toBe(list.body.error.innerError["request-id"]);
    // at and under the path, case-insensitively, /beta the same as /v1.0 (both ways)
    expect((await call(emu, "GET", `/v1.0/Applications/${app}/owners`, { token: graph })).status).toBe(403);
    expect((await call(emu, "GET", "/beta/applications", { token: graph })).status).toBe(403);
    expect((await call(emu, "GET", "/v1.0/roleManagement/directory/roleAssignments", { token: graph })).status).toBe(
      403,
    );
    // siblings and other Graph paths still answer
    expect((await call(emu, "GET", "/v1.0/servicePrincipals?$top=1", { token: graph })).status).toBe(200);
    expect((await call(emu, "GET", "/v1.0/organization", { token: graph })).status).toBe(200);
    // the token check still comes first: no token is 401, not 403
    expect((await call(emu, "GET", "/v1.0/applications")).status).toBe(401);

    const batch = await call(emu, "POST", "/v1.0/$batch", {
      token: graph,
      body: {
        requests: [
          { id: "owners", method: "GET", url: `/applications/${app}/owners?$select=id` },
          { id: "fic", method: "GET", url: `applications/${app}/federatedIdentityCredentials` },
          { id: "sps", method: "GET", url: "/servicePrincipals?$top=1" },
        ],
      },
    });
    expect(batch.status).toBe(200);
    const byId = Object.fromEntries(batch.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId.owners.status).toBe(403);
    expect(byId.owners.body.error.code).toBe("Authorization_RequestDenied");
    expect(byId.fic.status).toBe(403);
    expect(byId.sps.status).toBe(200);

    // the ARM entry denies ARM only; Graph entries deny nothing on ARM
    expect(
      (await call(emu, "GET", `/subscriptions/${S2}/resourceGroups?api-version=2021-04-01`, { token: arm })).status,
    ).toBe(403);
    expect((await call(emu, "GET", "/subscriptions?api-version=2022-12-01", { token: arm })).status).toBe(200);
    const s = emu.stats();
    expect(s.denied).toBe(7);
    expect(s.byRoute["GET graph:/v1.0/applications/{id}/owners"]).toBe(2);

    // an ARM deny of the root "/" covers all of ARM but no Graph path
    const rootDenied = await start({ fixture, denyScopes: ["/"] });
    expect(
      (
        await call(rootDenied, "GET", "/subscriptions?api-version=2022-12-01", {
          token: await msiToken(rootDenied, "https://management.azure.com"),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(rootDenied, "GET", "/v1.0/applications", {
          token: await msiToken(rootDenied, "https://graph.microsoft.com"),
        })
      ).status,
    ).toBe(200);

    await expect(startEmulator({ fixture, denyScopes: ["v1.0/applications"] })).rejects.toThrow(/Graph path/);
  });

  it("--deny-scope on the command line takes Graph paths as well as ARM scopes", async () => {
    const ac = new AbortController();
    const stdout = new PassThrough();
    let out = "";
    stdout.on("data", (c: Buffer) => (out += c.toString()));
    const done = runEmulatorCommand(
      [
        "--tenant",
        new URL("../src/emulator/fixtures/small-tenant.json", import.meta.url).pathname,
        "--deny-scope",
        "/v1.0/applications",
        "--deny-scope",
        `/subscriptions/${S2}`,
      ],
      { stdout, stderr: new PassThrough(), env: {}, signal: ac.signal },
    );
    try {
      while (!out.includes("\n")) await new Promise((r) => setTimeout(r, 20));
      const { env } = JSON.parse(out) as { env: EmulatorEnv };
      const emu = { url: env.AZAUDIT_ARM_ENDPOINT, caPem: readFileSync(env.NODE_EXTRA_CA_CERTS, "utf8"), env };
      const graph = await msiToken(emu, "https://graph.microsoft.com");
      const arm = await msiToken(emu, "https://management.azure.com");
      expect((await call(emu, "GET", "/v1.0/applications", { token: graph })).body.error.code).toBe(
        "Authorization_RequestDenied",
      );
      expect((await call(emu, "GET", "/v1.0/users", { token: graph })).status).toBe(200);
      expect(
        (await call(emu, "GET", `/subscriptions/${S2}/resources?api-version=2021-04-01`, { token: arm })).body.error
          .code,
      ).toBe("AuthorizationFailed");
      expect(
        (await call(emu, "GET", `/subscriptions/${S1}/resources?api-version=2021-04-01`, { token: arm })).status,
      ).toBe(200);
    } finally {
      ac.abort();
    }
    expect(await done).toBe(0);
  });

  it("answers 429 with Retry-After beyond the concurrency limit", async () => {
    const emu = await start({ fixture, rateLimit: 1, latencyMs: 150, retryAfterSeconds: 1 });
    const token = await msiToken(emu, "https://management.azure.com");
    const results = await Promise.all(
      [0, 1, 2].map(() => call(emu, "GET", "/subscriptions?api-version=2022-12-01", { token })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 429, 429]);
    const throttled = results.find((r) => r.status === 429)!;
    expect(throttled.headers["retry-after"]).toBe("1");
    expect(throttled.body.error.code).toBe("TooManyRequests");
    expect(emu.stats().throttled).toBe(2);
    // and the SDK's throttling retry policy honours it
    const subs = await Promise.all(
      [0, 1].map(() =>
        collect(
          new SubscriptionClient(msiCredential(emu), {
            ...armOptions(emu),
            retryOptions: { maxRetries: 3 },
          }).subscriptions.list(),
        ),
      ),
    );
    expect(subs.map((s) => s.length)).toEqual([3, 3]);
  }, 30_000);

  it("injects faults deterministically from the seed", async () => {
    const statuses = async () => {
      const emu = await start({ fixture, faultRate: 0.5, seed: 42 });
      const token = await msiToken(emu, "https://management.azure.com");
      const out: string[] = [];
      for (let i = 0; i < 12; i++) {
        out.push(
          await call(emu, "GET", "/subscriptions?api-version=2022-12-01", { token }).then(
            (r) => String(r.status),
            (e: unknown) => (e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : "error"),
          ),
        );
      }
      return { out, faults: emu.stats().faults };
    };
    const a = await statuses();
    const b = await statuses();
    expect(a).toEqual(b);
    expect(a.faults).toBeGreaterThan(0);
    expect(a.out.filter((s) => s === "200").length).toBe(12 - a.faults);
  });
});
