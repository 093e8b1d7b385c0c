// The az export source over a realistic sample (test/fixtures/az-export/contoso, see its
// README for where each shape comes from): what each command's shape maps to, what a missing
// or truncated file does, and the exit-2 errors a file of the wrong shape gives.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.ts";
import type { Inventory } from "../src/inventory/types.ts";
import { parseInventory, serializeInventory } from "../src/inventory/load.ts";
import { FILES, PER, loadAzExport } from "../src/sources/az-export/index.ts";
import { runCli } from "./support/cli-runner.ts";

const SAMPLE = join(import.meta.dirname, "fixtures/az-export/contoso");
const T = "3f6c2b1e-8d4a-4c5e-9b7f-2a1d0e9c8b7a";
const SUB = "6a2b9c4d-1e3f-4a5b-8c7d-9e0f1a2b3c4d";
const SUB2 = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const SUBX = "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e";
const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const U_GUEST = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const U_DELETED = "deadbeef-0000-4000-8000-00000000dead";
const APP = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a";
const AKS = `/subscriptions/${SUB}/resourcegroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-orders`;
const NODES = "aks-nodepool1-31415926-vmss";

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** A copy of the sample to break; `edit` gets its path. */
function copy(edit: (dir: string) => void = () => {}): string {
  const dir = join(tmpdir(), `azaudit-az-export-${process.pid}-${temps.length}`);
  temps.push(dir);
  cpSync(SAMPLE, dir, { recursive: true });
  edit(dir);
  return dir;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break exported files as raw JSON
const rewrite = (dir: string, rel: string, fn: (data: any) => unknown) => {
  writeFileSync(join(dir, rel), JSON.stringify(fn(JSON.parse(readFileSync(join(dir, rel), "utf8")))));
};

function ok<K extends keyof Inventory>(inv: Inventory, name: K) {
  const s = inv[name] as { status: string; items?: unknown[] };
  expect(s.status, `${name}: ${JSON.stringify(s)}`).toBe("ok");
  return s as Extract<Inventory[K], { status: "ok" }>;
}

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("no InputError was thrown");
}

describe("the az export sample", () => {
  const inv = loadAzExport(SAMPLE);

  it("is a valid inventory, complete, serialised the same on every load", () => {
    expect(parseInventory(serializeInventory(inv), "x")).toEqual(inv);
    expect(serializeInventory(loadAzExport(SAMPLE))).toBe(serializeInventory(inv));
    for (const [name, s] of Object.entries(inv))
      if (s && typeof s === "object" && "status" in s) expect({ name, ...s }).not.toHaveProperty("gaps");
  });

  it("takes the audited tenant's subscriptions from az account list, with their tags and groups", () => {
    expect(ok(inv, "subscriptions").items).toEqual([
      {
        id: `/subscriptions/${SUB2}`,
        subscriptionId: SUB2,
        displayName: "Contoso Dev",
        state: "Enabled",
        managementGroupId: "/providers/Microsoft.Management/managementGroups/mg-landing-zones",
        tags: {},
      },
      {
        id: `/subscriptions/${SUB}`,
        subscriptionId: SUB,
        displayName: "Contoso Production",
        state: "Enabled",
        managementGroupId: "/providers/Microsoft.Management/managementGroups/mg-landing-zones",
        tags: { env: "prod", owner: "platform-team" },
      },
    ]);
    expect(ok(inv, "managementGroups").items.map((m) => [m.name, m.parentId])).toEqual([
      [T, null],
      ["mg-landing-zones", `/providers/Microsoft.Management/managementGroups/${T}`],
    ]);
    expect(ok(inv, "tenant").items).toEqual([{ id: T, displayName: "Contoso Ltd", defaultDomain: "contoso.example" }]);
  });

  it("reads role assignments by GUID although az names the role in roleDefinitionName, deduped across lists", () => {
    const ras = ok(inv, "roleAssignments").items;
    expect(ras).toHaveLength(6); // the root and group assignments are in every list once
    const root = ras.find((a) => a.scope === "/")!;
    expect(root).toMatchObject({
      scopeLevel: "root",
      roleDefinitionName: OWNER,
      principalType: "User",
      createdOn: "2025-06-01T08:00:00.000Z",
      subscriptionId: null,
    });
    expect(ras.find((a) => a.principalId === U_GUEST)).toMatchObject({
      scopeLevel: "resourceGroup",
      subscriptionId: SUB,
      roleDefinitionName: "4d8c7a6b-2e1f-4a3b-9c8d-7e6f5a4b3c2d",
    });
    const defs = ok(inv, "roleDefinitions").items;
    expect(defs.map((d) => [d.roleName, d.roleType, d.id.startsWith("/providers/")])).toEqual([
      ["Owner", "BuiltInRole", true],
      ["Reader", "BuiltInRole", true],
      ["Contributor", "BuiltInRole", true],
      ["Contoso Access Delegator", "CustomRole", false],
    ]);
  });

  it("resolves principals against the users, groups and service principals lists; an id none holds is deleted", () => {
    const principals = new Map(ok(inv, "principals").items.map((p) => [p.id, p]));
    expect(principals.get(U_GUEST)).toMatchObject({
      found: true,
      type: "user",
      userType: "Guest",
      accountEnabled: true,
    }); // from users.2.json
    expect(principals.get(U_DELETED)).toMatchObject({ found: false, type: "unknown" });
    expect(principals.get("2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e")).toMatchObject({
      found: true,
      type: "group",
      displayName: "sg-landing-zone-ops",
    });
    expect(principals.get("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d")).toMatchObject({
      found: true,
      type: "servicePrincipal",
      servicePrincipalType: "ManagedIdentity",
    });
  });

  it("maps apps with their federated credentials and owners, and never keeps a secret's text", () => {
    const [app] = ok(inv, "applications").items;
    expect(app).toMatchObject({
      id: APP,
      displayName: "deploy-pipeline",
      owners: ["5b1c9d2e-3f4a-4b5c-8d6e-7f8a9b0c1d2e"],
    });
    expect(app!.federatedIdentityCredentials).toEqual([
      {
        id: "9b0c1d2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e",
        name: "github-main",
        issuer: "https://token.actions.githubusercontent.com",
        subject: "repo:contoso/orders:ref:refs/heads/main",
        audiences: ["api://AzureADTokenExchange"],
      },
    ]);
    expect(Object.keys(app!.passwordCredentials[0]!)).not.toContain("secretText");
    expect(
      ok(inv, "servicePrincipals").items.find((s) => s.servicePrincipalType === "ManagedIdentity")!
        .managedIdentityResourceId,
    ).toBe(`/subscriptions/${SUB}/resourcegroups/rg-web/providers/Microsoft.Web/sites/app-orders-prod`);
  });

  it("names Graph app permissions through Graph's appRoles and keeps only those held by service principals", () => {
    expect(ok(inv, "appPermissionGrants").items).toEqual([
      expect.objectContaining({
        principalId: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
        permission: "RoleManagement.ReadWrite.Directory",
        resourceAppId: "00000003-0000-0000-c000-000000000000",
      }),
    ]);
    expect(ok(inv, "delegatedGrants").items[0]).toMatchObject({
      consentType: "AllPrincipals",
      resourceAppId: "00000003-0000-0000-c000-000000000000",
      scopes: ["Mail.ReadWrite", "User.Read", "openid"],
    });
    expect(ok(inv, "directoryRoleAssignments").items[0]).toMatchObject({
      roleDisplayName: "Global Administrator",
      directoryScopeId: "/",
    });
  });

  it("reads Resource Graph's bare array (older extension) and drops another tenant's resources", () => {
    const ws = ok(inv, "workloads").items;
    expect(ws.map((w) => [w.name, w.type, w.identity?.type ?? null])).toEqual([
      ["vm-batch01", "Microsoft.Compute/virtualMachines", null],
      [NODES, "Microsoft.Compute/virtualMachineScaleSets", null],
      ["aks-orders", "Microsoft.ContainerService/managedClusters", null],
      ["app-orders-prod", "Microsoft.Web/sites", "SystemAssigned"],
    ]);
    expect(ws.some((w) => w.subscriptionId === SUBX)).toBe(false);
  });

  it("records the managedBy of each workload's resource group from az group list, null for the customer's own", () => {
    const ws = ok(inv, "workloads").items;
    expect(ws.map((w) => [w.name, w.resourceGroupManagedBy])).toEqual([
      ["vm-batch01", null],
      [NODES, AKS], // the AKS node resource group (its id matched case-insensitively)
      ["aks-orders", null],
      ["app-orders-prod", null],
    ]);
  });

  it("reads az security pricing list both as a bare array and as the SDK's {value} object", () => {
    const d = new Map(ok(inv, "defender").items.map((x) => [x.subscriptionId, x]));
    expect(d.get(SUB)!.pricings.map((p) => [p.name, p.pricingTier, p.subPlan])).toEqual([
      ["Arm", "Standard", "PerSubscription"],
      ["KeyVaults", "Free", null],
      ["VirtualMachines", "Standard", "P2"],
    ]);
    expect(d.get(SUB2)!.pricings.map((p) => p.pricingTier)).toEqual(["Free", "Free", "Free"]);
    expect(d.get(SUB2)!.assessments[0]).toMatchObject({
      statusCode: "Unhealthy",
      severity: null,
      resourceId: `/subscriptions/${SUB2}`,
    });
    expect(d.get(SUB)!.secureScores[0]).toMatchObject({ current: 31.5, max: 58 });
  });

  it("records the stamp: when, by whom, which az; the rules judge time against it", () => {
    expect(inv.source).toEqual({
      kind: "az-export",
      cloud: "AzureCloud",
      tool: expect.stringMatching(/^azaudit /),
      export: {
        madeAt: "2026-11-30T09:15:00.000Z",
        madeAtFrom: "stamp",
        madeBy: "alex.wilber@contoso.example",
        azVersion: "2.67.0",
      },
      scannerObjectId: null,
    });
    expect(inv.collectedAt).toBe("2026-11-30T09:15:00.000Z");
  });
});

describe("an incomplete export", () => {
  it("without a stamp, dates itself by its newest file and names the account az account list shows", () => {
    const dir = copy((d) => {
      rmSync(join(d, "stamp.json"));
      const old = new Date("2026-09-30T00:00:00Z");
      const walk = (p: string) => {
        for (const e of readdirSync(p, { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(p, e.name));
          else utimesSync(join(p, e.name), old, old);
        }
      };
      walk(d);
      const newest = new Date("2026-10-01T12:00:00Z");
      utimesSync(join(d, FILES.appList), newest, newest);
    });
    const inv = loadAzExport(dir);
    expect(inv.source.export).toEqual({
      madeAt: "2026-10-01T12:00:00.000Z",
      madeAtFrom: "file times",
      madeBy: "alex.wilber@contoso.example",
      azVersion: null,
    });
    expect(inv.collectedAt).toBe(inv.source.export.madeAt);
    expect(inv.source.cloud).toBeNull();
  });

  it("makes a section whose file is missing unavailable, naming the file and its command", () => {
    const inv = loadAzExport(
      copy((d) => {
        rmSync(join(d, FILES.directoryRoleDefinitions));
      }),
    );
    expect(inv.directoryRoleAssignments).toEqual({
      status: "unavailable",
      reason:
        'not in the export: rest/directory-role-definitions.json is missing (the output of `az rest --method get --uri "https://graph.microsoft.com/v1.0/roleManagement/directory/roleDefinitions?$select=id,templateId,displayName"`)',
    });
    expect(inv.applications.status).toBe("ok");
  });

  it("turns a missing per-object file into a gap and leaves what it held unknown (null), not empty", () => {
    const inv = loadAzExport(
      copy((d) => {
        rmSync(join(d, PER.appOwners(APP)));
        rmSync(join(d, PER.roleAssignmentsAtSubscription(SUB2)));
      }),
    );
    const apps = ok(inv, "applications");
    expect(apps.items[0]!.owners).toBeNull();
    expect(apps.gaps).toEqual([
      {
        scope: `/applications/${APP}/owners`,
        reason: `not in the export: ad-app-owner-list/${APP}.json is missing (the output of \`az ad app owner list --id ${APP}\`)`,
      },
    ]);
    expect(ok(inv, "roleAssignments").gaps).toEqual([
      {
        scope: `/subscriptions/${SUB2}`,
        reason: `not in the export: role-assignment-list/subscriptions/${SUB2}.json is missing (the output of \`az role assignment list --all --include-inherited --subscription ${SUB2}\`)`,
      },
    ]);
  });

  it("without a subscription's group list, leaves its workloads' managedBy null, as live when the groups cannot be listed: no gap", () => {
    const inv = loadAzExport(
      copy((d) => {
        rmSync(join(d, PER.resourceGroups(SUB)));
      }),
    );
    const ws = ok(inv, "workloads");
    expect(ws.items.map((w) => [w.name, w.resourceGroupManagedBy])).toEqual([
      ["vm-batch01", null],
      [NODES, null],
      ["aks-orders", null],
      ["app-orders-prod", null],
    ]);
    expect(ws).not.toHaveProperty("gaps");
  });

  it("reports a paged list whose next page was not exported as a gap", () => {
    const inv = loadAzExport(
      copy((d) => {
        rmSync(join(d, "rest/users.2.json"));
      }),
    );
    expect(ok(inv, "principals").gaps).toEqual([
      {
        scope: "/v1.0/users",
        reason: "the export stops after rest/users.json, whose answer names a next page that was not exported",
      },
    ]);
  });

  it("with no account list, has no subscriptions and so no ARM sections, each saying why", () => {
    const inv = loadAzExport(
      copy((d) => {
        rmSync(join(d, FILES.accountList));
      }),
    );
    expect(inv.subscriptions).toEqual({
      status: "unavailable",
      reason: "not in the export: account-list.json is missing (the output of `az account list --all`)",
    });
    expect(inv.roleAssignments).toEqual({
      status: "unavailable",
      reason:
        "subscriptions could not be read: not in the export: account-list.json is missing (the output of `az account list --all`)",
    });
    expect(inv.roleDefinitions.status).toBe("ok"); // the management groups' lists still hold them
  });
});

describe("a file of the wrong shape", () => {
  it("names the file, the JSON path and what the command prints", () => {
    const dir = copy((d) => {
      rewrite(d, PER.roleAssignmentsAtSubscription(SUB), (list) => [list[0], { ...list[1], principalId: 42 }]);
    });
    const e = inputError(() => loadAzExport(dir));
    expect(e.file).toBe(join(dir, PER.roleAssignmentsAtSubscription(SUB)));
    expect(e.path).toBe("/1/principalId");
    expect(e.expected).toBe(
      `a value of type string, as \`az role assignment list --all --include-inherited --subscription ${SUB}\` prints it`,
    );
  });

  it("checks az group list: managedBy a string or null, the list a bare array", () => {
    const wrongType = copy((d) => {
      rewrite(d, PER.resourceGroups(SUB), (groups) =>
        groups.map((g: { name: string }) => (g.name === "rg-aks" ? { ...g, managedBy: 42 } : g)),
      );
    });
    const e = inputError(() => loadAzExport(wrongType));
    expect(e.file).toBe(join(wrongType, PER.resourceGroups(SUB)));
    expect(e.path).toBe("/1/managedBy");
    expect(e.expected).toBe(`a value of type string or null, as \`az group list --subscription ${SUB}\` prints it`);
    const wrapped = copy((d) => {
      rewrite(d, PER.resourceGroups(SUB2), (groups) => ({ value: groups }));
    });
    const top = inputError(() => loadAzExport(wrapped));
    expect(top.file).toBe(join(wrapped, PER.resourceGroups(SUB2)));
    expect(top.path).toBe("/");
    expect(top.expected).toBe(`a JSON array, as \`az group list --subscription ${SUB2}\` prints it`);
  });

  it("says which list shapes a command prints when the top level is wrong", () => {
    const e = inputError(() =>
      loadAzExport(
        copy((d) => {
          writeFileSync(join(d, FILES.users), JSON.stringify({ users: [] }));
        }),
      ),
    );
    expect(e.path).toBe("/");
    expect(e.expected).toBe(
      'a JSON array or an object with a "value" array, as `az rest --method get --uri "https://graph.microsoft.com/v1.0/users?$select=id,displayName,userPrincipalName,userType,accountEnabled&$top=999"` prints it',
    );
  });

  it("points inside a Graph page at /value/…", () => {
    const e = inputError(() =>
      loadAzExport(
        copy((d) => {
          rewrite(d, FILES.oauth2PermissionGrants, (p) => ({ ...p, value: [{ id: "x", clientId: "c" }] }));
        }),
      ),
    );
    expect(e.path).toBe("/value/0/resourceId");
    expect(e.expected).toMatch(
      /^a "resourceId" property, as `az rest --method get --uri "https:\/\/graph\.microsoft\.com\/v1\.0\/oauth2PermissionGrants\?\$top=999"` prints it$/,
    );
  });

  it("rejects text that is not JSON or empty, and accepts PowerShell's byte order mark", () => {
    expect(
      inputError(() =>
        loadAzExport(
          copy((d) => {
            writeFileSync(join(d, FILES.spList), "ERROR: (Authorization_RequestDenied)\n");
          }),
        ),
      ).message,
    ).toMatch(/^not valid JSON/);
    expect(
      inputError(() =>
        loadAzExport(
          copy((d) => {
            writeFileSync(join(d, FILES.spList), "");
          }),
        ),
      ).message,
    ).toBe("the file is empty");
    const bom = copy((d) => {
      writeFileSync(join(d, FILES.spList), `\uFEFF${readFileSync(join(d, FILES.spList), "utf8")}`);
    });
    expect(loadAzExport(bom).servicePrincipals.status).toBe("ok");
  });

  it("keeps terminal control characters of a hostile stamp out of the terminal and the reports", () => {
    const inv = loadAzExport(
      copy((d) => {
        rewrite(d, "stamp.json", (s) => ({ ...s, user: { name: "eve\u001b[2J\u0007@contoso.example", type: "user" } }));
      }),
    );
    expect(inv.source.export.madeBy).toBe("eve\uFFFD[2J\uFFFD@contoso.example");
  });

  it("rejects a stamp that is not the script's", () => {
    const e = inputError(() =>
      loadAzExport(
        copy((d) => {
          rewrite(d, "stamp.json", (s) => ({ ...s, createdAt: "yesterday" }));
        }),
      ),
    );
    expect(e.path).toBe("/createdAt");
    expect(e.expected).toMatch(/^an ISO 8601 date-time/);
  });

  it("rejects a folder that is not an export", () => {
    const empty = copy((d) => {
      rmSync(d, { recursive: true });
      mkdirSync(d);
    });
    expect(inputError(() => loadAzExport(empty)).message).toBe("the folder holds none of an az export's files");
    expect(inputError(() => loadAzExport(join(SAMPLE, FILES.accountList))).message).toBe("not a folder");
  });
});

describe("azaudit scan --from-az-export", () => {
  it("exits 2 on a file of the wrong shape, naming file, path and what was expected", async () => {
    const dir = copy((d) => {
      rewrite(d, FILES.appList, (apps) => [{ ...apps[0], appId: null }]);
    });
    const r = await runCli(["scan", "--from-az-export", dir, "--out", join(dir, "reports"), "--no-progress"], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${join(dir, FILES.appList)}: /0/appId: must be string`);
    expect(r.stderr).toContain("expected: a value of type string, as `az ad app list --all` prints it");
  });

  it("judges the sample offline and exits 1 on its open findings", async () => {
    const out = copy();
    const r = await runCli(
      ["scan", "--from-az-export", SAMPLE, "--out", join(out, "reports"), "--format", "json,md", "--no-progress"],
      { cwd: out },
    );
    expect(r.stderr).toContain("read the az export");
    expect(r.code).toBe(1);
    const result = JSON.parse(readFileSync(join(out, "reports", "findings.json"), "utf8"));
    expect(result.run).toMatchObject({
      source: "az-export",
      collectedAt: "2026-11-30T09:15:00.000Z",
      export: { madeBy: "alex.wilber@contoso.example" },
    });
    const rules = new Set(result.findings.map((f: { ruleId: string }) => f.ruleId));
    for (const id of [
      "guest-privileged-role",
      "orphaned-role-assignment",
      "graph-privileged-app-permission",
      "graph-tenant-wide-consent",
      "privileged-role-broad-scope",
    ])
      expect(rules).toContain(id);
  });

  it("does not judge the workloads of a managed resource group (AKS nodes), as live; without the group list it does", async () => {
    const flagged = async (dir: string) => {
      const out = copy();
      const r = await runCli(
        ["scan", "--from-az-export", dir, "--out", join(out, "reports"), "--format", "json", "--no-progress"],
        { cwd: out },
      );
      const result = JSON.parse(readFileSync(join(out, "reports", "findings.json"), "utf8"));
      expect({ code: r.code, complete: result.summary.complete }).toEqual({ code: 1, complete: true });
      return result.findings
        .filter((f: { ruleId: string }) => f.ruleId === "workload-managed-identity")
        .map((f: { resource: { id: string } }) => f.resource.id.split("/").pop())
        .sort();
    };
    // the cluster itself (a service principal, no managed identity) is the customer's to fix
    expect(await flagged(SAMPLE)).toEqual(["aks-orders", "vm-batch01"]);
    expect(
      await flagged(
        copy((d) => {
          rmSync(join(d, PER.resourceGroups(SUB)));
        }),
      ),
    ).toEqual([NODES, "aks-orders", "vm-batch01"]);
  });

  it("refuses --snapshot with --from-az-export", async () => {
    const r = await runCli(["scan", "--from-az-export", SAMPLE, "--snapshot", "x.json"], { cwd: tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--snapshot and --from-az-export both name the inventory to judge");
  });
});
