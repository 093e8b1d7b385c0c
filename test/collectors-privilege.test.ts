// Groups (nested, cyclic), PIM eligibility (Entra and Azure) and role assignment conditions,
// collected by the real SDKs over HTTPS from the emulator; and a tenant without Entra ID P2.
import type { AccessToken, TokenCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAzureClients } from "../src/collectors/clients.ts";
import { collectInventory } from "../src/collectors/index.ts";
import { silentProgress } from "../src/collectors/progress.ts";
import { loadFixture, startEmulator, type RunningEmulator, type TenantFixture } from "../src/emulator/index.ts";
import { parseInventory, serializeInventory } from "../src/inventory/load.ts";
import type { Inventory, Section } from "../src/inventory/types.ts";

const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const GA = "62e90394-69f5-4237-9190-012177145e10";
const NESTED = "7d1e0c55-1111-4c2a-9a1b-000000000001";
const CYCLE = "7d1e0c55-1111-4c2a-9a1b-000000000002";
const CONDITION =
  "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7}))";

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

async function scan(e: RunningEmulator): Promise<Inventory> {
  const clients = createAzureClients({ env: { ...e.env }, ca: e.caPem, credential: msiCredential(e) });
  try {
    return await collectInventory({
      clients,
      clock: () => new Date("2025-06-01T00:00:00Z"),
      progress: silentProgress,
      scope: {},
      cloud: "AzureCloud",
      logError: () => {},
    });
  } finally {
    clients.close();
  }
}

function ok<T>(s: Section<T> | undefined): Section<T> & { status: "ok" } {
  if (s?.status !== "ok") throw new Error(`section not ok: ${JSON.stringify(s)}`);
  return s;
}

let base: TenantFixture;
const running: RunningEmulator[] = [];

beforeAll(async () => {
  base = await loadFixture(new URL("../src/emulator/fixtures/small-tenant.json", import.meta.url).pathname);
});
afterAll(async () => {
  await Promise.all(running.map((e) => e.close()));
});

function withPrivilege(f: TenantFixture): TenantFixture {
  const copy = structuredClone(f);
  const ops = copy.graph.groups.find((g) => g.displayName === "Cloud Operations")!;
  const sp = copy.graph.servicePrincipals[0]!;
  const alice = copy.graph.users.find((u) => u.displayName === "Alice Admin")!;
  const pat = copy.graph.users.find((u) => u.displayName === "Pat Partner")!;
  // Cloud Operations ⊃ Nested ⊃ Cycle ⊃ Nested (a cycle), with a service principal and a guest inside
  (ops.members as string[]).push(NESTED);
  copy.graph.groups.push(
    { id: NESTED, displayName: "Nested Ops", isAssignableToRole: true, members: [CYCLE, sp.id] },
    { id: CYCLE, displayName: "Cycle Ops", isAssignableToRole: false, members: [NESTED, pat.id] },
  );
  const sub = copy.subscriptions[0]!;
  copy.roleEligibilityScheduleInstances = [
    {
      id: `${sub.id}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/e1`,
      name: "e1",
      type: "Microsoft.Authorization/roleEligibilityScheduleInstances",
      properties: {
        scope: sub.id,
        principalId: alice.id,
        principalType: "User",
        roleDefinitionId: `${sub.id}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
        memberType: "Direct",
        status: "Provisioned",
        condition: CONDITION,
        conditionVersion: "2.0",
        startDateTime: "2025-01-01T00:00:00Z",
        endDateTime: null,
      },
    },
  ];
  copy.graph.directoryRoleEligibilityScheduleInstances = [
    {
      id: "eligible-ga-1",
      principalId: NESTED,
      roleDefinitionId: GA,
      directoryScopeId: "/",
      memberType: "Direct",
      startDateTime: "2025-01-01T00:00:00Z",
      endDateTime: null,
    },
  ];
  const ra = copy.roleAssignments.find((a) => a.properties.principalType === "User")!;
  ra.properties.condition = CONDITION;
  ra.properties.conditionVersion = "2.0";
  return copy;
}

describe("groups, PIM eligibility and conditions", () => {
  let inv: Inventory;
  let fixture: TenantFixture;
  beforeAll(async () => {
    fixture = withPrivilege(base);
    const e = await startEmulator({ fixture, pageSize: 2 });
    running.push(e);
    inv = await scan(e);
  });

  it("collects the privileged groups and every nested group, through a cycle, with direct members", () => {
    const groups = ok(inv.groups);
    expect(groups.gaps).toBeUndefined();
    const byName = new Map(groups.items.map((g) => [g.displayName, g]));
    expect([...byName.keys()].sort()).toEqual(["Cloud Operations", "Cycle Ops", "Nested Ops", "Web Readers"]);
    expect(byName.get("Nested Ops")!.isAssignableToRole).toBe(true);
    expect(
      byName
        .get("Nested Ops")!
        .members!.map((m) => m.type)
        .sort(),
    ).toEqual(["group", "servicePrincipal"]);
    expect(byName.get("Cycle Ops")!.members).toContainEqual({ id: NESTED, type: "group" });
  });

  it("adds the members to the principals, a guest inside a nested group included", () => {
    const pat = fixture.graph.users.find((u) => u.displayName === "Pat Partner")!;
    const p = ok(inv.principals).items.find((x) => x.id === pat.id.toLowerCase());
    expect(p).toMatchObject({ type: "user", userType: "Guest", found: true });
  });

  it("collects Azure and Entra eligibilities and the conditions", () => {
    const arm = ok(inv.roleEligibilities).items;
    expect(arm).toHaveLength(1);
    expect(arm[0]).toMatchObject({
      roleDefinitionName: OWNER,
      scopeLevel: "subscription",
      memberType: "Direct",
      condition: CONDITION,
      conditionVersion: "2.0",
      startDateTime: "2025-01-01T00:00:00.000Z",
    });
    expect(ok(inv.directoryRoleEligibilities).items).toEqual([
      expect.objectContaining({ principalId: NESTED, roleDefinitionId: GA, memberType: "Direct" }),
    ]);
    const conditioned = ok(inv.roleAssignments).items.filter((a) => a.condition === CONDITION);
    expect(conditioned.map((a) => a.conditionVersion)).toEqual(["2.0"]);
  });

  it("writes an inventory the loader accepts", () => {
    expect(() => parseInventory(serializeInventory(inv), "privilege")).not.toThrow();
  });
});

describe("a tenant without Entra ID P2", () => {
  it("reads both PIM lists' AadPremiumLicenseRequired as no eligible assignments, with a note, not a gap", async () => {
    const e = await startEmulator({ fixture: { ...withPrivilege(base), entraIdP2: false } });
    running.push(e);
    const inv = await scan(e);
    for (const s of [ok(inv.roleEligibilities), ok(inv.directoryRoleEligibilities)]) {
      expect(s.items).toEqual([]);
      expect(s.gaps).toBeUndefined();
      expect(s.notes?.[0]?.reason).toMatch(/AadPremiumLicenseRequired/);
    }
  });

  it("a denied eligibility list is a gap, not 'none'", async () => {
    const sub = base.subscriptions[0]!;
    const e = await startEmulator({ fixture: withPrivilege(base), denyScopes: [sub.id] });
    running.push(e);
    const inv = await scan(e);
    const s = ok(inv.roleEligibilities);
    expect(s.gaps?.map((g) => g.scope)).toContain(sub.id);
  });
});
