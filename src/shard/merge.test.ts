import { describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import type { RoleAssignment, RoleDefinition, Section } from "../inventory/types.ts";
import { mergeParts } from "./merge.ts";
import type { PartFile, PartInventory } from "./part-file.ts";
import { sectionsOf, shardOf, type PartId } from "./plan.ts";

const TENANT = "11111111-1111-4111-8111-111111111111";
const SUBS = Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
const ok = <T>(items: T[]): Section<T> => ({ status: "ok", items });

function assignment(sub: string, n: number): RoleAssignment {
  const scope = `/subscriptions/${sub}`;
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${n}`,
    name: String(n),
    scope,
    scopeLevel: "subscription",
    subscriptionId: sub,
    roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/r",
    roleDefinitionName: "r",
    principalId: "p",
    principalType: "User",
    condition: null,
    createdOn: null,
  };
}

function definition(id: string): RoleDefinition {
  return {
    id,
    name: "r",
    roleName: "Reader",
    roleType: "BuiltInRole",
    description: null,
    assignableScopes: ["/"],
    permissions: [],
  };
}

/** A part as `scan --shard` writes it: every section it owns, empty unless given. */
function part(id: PartId, sections: Partial<PartInventory> = {}, collectedAt = "2026-01-02T00:00:00.000Z"): PartFile {
  const share = id.kind === "graph" ? [] : SUBS.filter((s) => shardOf(s, id.count ?? 1) === id.index);
  const inventory: PartInventory = {
    schemaVersion: 1,
    collectedAt,
    source: { kind: "live", cloud: "AzureCloud", tool: "azaudit test" },
  };
  const bag = inventory as Record<string, unknown>;
  for (const name of sectionsOf(id)) bag[name] = ok([]);
  inventory.tenant = ok([{ id: TENANT, displayName: "t", defaultDomain: null }]);
  if (id.kind !== "graph")
    inventory.subscriptions = ok(
      SUBS.map((s) => ({
        id: `/subscriptions/${s}`,
        subscriptionId: s,
        displayName: s,
        state: "Enabled",
        managementGroupId: null,
        tags: {},
      })),
    );
  Object.assign(inventory, sections);
  return {
    file: `${id.kind}-${id.index ?? "g"}.json`,
    header: { ...id, format: "azaudit-part/1", tenantId: TENANT, sections: sectionsOf(id), subscriptionIds: share },
    inventory,
  };
}
const shard = (i: number, sections: Partial<PartInventory> = {}, at?: string) =>
  part({ kind: "shard", index: i, count: 2 }, sections, at);
const shareOf = (i: number) => SUBS.filter((s) => shardOf(s, 2) === i);

describe("mergeParts", () => {
  it("unions and orders items as the collector does, keeps a role's unscoped id and the earliest collectedAt", () => {
    const [a, b] = [shareOf(1)[0]!, shareOf(2)[0]!];
    const { inventory } = mergeParts([
      shard(2, {
        roleAssignments: ok([assignment(b, 2), assignment(a, 1)]),
        roleDefinitions: ok([definition(`/subscriptions/${b}/providers/Microsoft.Authorization/roleDefinitions/r`)]),
      }),
      shard(
        1,
        {
          roleAssignments: ok([assignment(a, 1)]),
          roleDefinitions: ok([definition("/providers/Microsoft.Authorization/roleDefinitions/r")]),
        },
        "2026-01-01T00:00:00.000Z",
      ),
    ]);
    const ids = inventory.roleAssignments.status === "ok" ? inventory.roleAssignments.items.map((x) => x.id) : [];
    expect(ids).toEqual(
      [assignment(a, 1).id, assignment(b, 2).id].sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1)),
    );
    expect(inventory.roleDefinitions).toEqual(ok([definition("/providers/Microsoft.Authorization/roleDefinitions/r")]));
    expect(inventory.collectedAt).toBe("2026-01-01T00:00:00.000Z");
  });

  it("turns a shard's unavailable scoped section into gaps at its subscriptions, keeping the others' items", () => {
    const a = shareOf(1)[0]!;
    const { inventory } = mergeParts([
      shard(1, { roleAssignments: ok([assignment(a, 1)]) }),
      shard(2, { roleAssignments: { status: "unavailable", reason: "HTTP 403", missingPermission: "x/read" } }),
    ]);
    const s = inventory.roleAssignments;
    expect(s.status).toBe("ok");
    if (s.status !== "ok") return;
    expect(s.items).toHaveLength(1);
    expect(s.gaps?.map((g) => g.scope).sort()).toEqual(
      shareOf(2)
        .map((x) => `/subscriptions/${x}`)
        .sort(),
    );
    expect(s.gaps?.[0]).toMatchObject({ reason: "HTTP 403 (shard 2/2)", missingPermission: "x/read" });
  });

  it("makes a section every part needs whole unavailable when one part lacks it", () => {
    const { inventory } = mergeParts([
      shard(1),
      shard(2, { principals: { status: "unavailable", reason: "HTTP 403" } }),
    ]);
    expect(inventory.principals).toEqual({ status: "unavailable", reason: "shard 2/2: HTTP 403" });
  });

  it("refuses a part of another tenant and a shard given twice, naming the file", () => {
    const other = shard(2);
    other.header.tenantId = "22222222-2222-4222-8222-222222222222";
    expect(() => mergeParts([shard(1), other])).toThrow(InputError);
    expect(() => mergeParts([shard(1), other])).toThrow(/tenant 22222222/);
    try {
      mergeParts([shard(1), shard(1)]);
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).file).toBe("shard-1.json");
      expect((e as Error).message).toContain("a second shard 1/2");
    }
  });
});
