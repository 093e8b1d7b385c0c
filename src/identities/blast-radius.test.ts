import { describe, expect, it } from "vitest";
import { GRAPH_APP_ROLE } from "../refdata/well-known.ts";
import {
  app,
  appPermissionGrant,
  guid,
  inventory,
  ROLE,
  roleAssignment,
  roleDefinition,
  roleEligibility,
  servicePrincipal,
  SUB_ID,
  workload,
} from "../../test/support/inventory-builder.ts";
import type { RoleAssignment, RoleEligibility } from "../inventory/types.ts";
import { MAX_BLAST_PATHS } from "./blast-radius.ts";
import { buildIdentities } from "./build.ts";
import { RUN_CODE_AS_EDGE } from "./edges.ts";

// A holder of Application.ReadWrite.All can add a secret to every app registration, so it reaches
// what each privileged app holds: the list is cut to the heaviest paths, the total says how many.
function tenantWith(privilegedApps: number) {
  const provisioner = servicePrincipal({ id: guid(1), appId: guid(2), displayName: "provisioner" });
  const apps = Array.from({ length: privilegedApps }, (_, i) => {
    const appId = guid(1000 + i);
    return {
      app: app({ id: guid(2000 + i), appId, displayName: `app-${String(i).padStart(2, "0")}`, owners: [] }),
      sp: servicePrincipal({ id: guid(3000 + i), appId, displayName: `app-${String(i).padStart(2, "0")}` }),
    };
  });
  return inventory({
    applications: apps.map((a) => a.app),
    servicePrincipals: [provisioner, ...apps.map((a) => a.sp)],
    appPermissionGrants: [
      appPermissionGrant({
        principalId: provisioner.id,
        appRoleId: GRAPH_APP_ROLE["Application.ReadWrite.All"],
        permission: "Application.ReadWrite.All",
      }),
      ...apps.map((a) =>
        appPermissionGrant({
          principalId: a.sp.id,
          appRoleId: GRAPH_APP_ROLE["RoleManagement.ReadWrite.Directory"],
          permission: "RoleManagement.ReadWrite.Directory",
        }),
      ),
    ],
  });
}

const provisionerOf = (n: number) => {
  const found = buildIdentities(tenantWith(n), []).find((i) => i.displayName === "provisioner");
  if (!found) throw new Error("no provisioner identity");
  return found;
};

describe("blast radius", () => {
  it("lists every path when there are few, and counts them", () => {
    const p = provisionerOf(5);
    expect(p.blastRadiusTotal).toBe(6); // its own permission, and each of the five apps
    expect(p.blastRadius).toHaveLength(6);
  });

  it("keeps the heaviest MAX_BLAST_PATHS paths of many, in a stable order, and counts them all", () => {
    const p = provisionerOf(45);
    expect(p.blastRadiusTotal).toBe(46);
    expect(p.blastRadius).toHaveLength(MAX_BLAST_PATHS);
    // its own Tier 0 permission weighs more than what it reaches by escalating
    expect(p.blastRadius[0]?.steps).toHaveLength(1);
    const reached = p.blastRadius.slice(1).map((path) => path.steps[1]?.to);
    expect(reached).toEqual([...reached].sort());
    expect(reached[0]).toBe("app-00");
    expect(JSON.stringify(provisionerOf(45))).toBe(JSON.stringify(p));
  });
});

// Contributor may run commands on every VM of its scope, and so act as each VM's managed identity:
// a tenant of VMs vm-00…vm-29, each carrying its own identity mi-NN that is Contributor on its own
// resource group, lets an operator at the subscription reach thirty identities.
const SUB = `/subscriptions/${SUB_ID}`;
const RG = `${SUB}/resourceGroups/rg-app`;
const VMS = 30;
const two = (i: number) => String(i).padStart(2, "0");
const miId = (i: number) => guid(5000 + i);

function vmTenant(extra: {
  assignments?: RoleAssignment[];
  eligibilities?: RoleEligibility[];
  holders?: string[];
  /** every VM named "vm" (each in its own resource group), every identity "mi", all Contributor on rg-shared */
  lookalikes?: boolean;
}) {
  const alike = extra.lookalikes === true;
  const contributor = roleDefinition({
    name: ROLE.contributor,
    roleName: "Contributor",
    roleType: "BuiltInRole",
    permissions: [
      { actions: ["*"], notActions: ["Microsoft.Authorization/*/Write"], dataActions: [], notDataActions: [] },
    ],
  });
  const vms = Array.from({ length: VMS }, (_, i) =>
    workload({
      type: "Microsoft.Compute/virtualMachines",
      name: alike ? "vm" : `vm-${two(i)}`,
      resourceGroup: alike ? `rg-${two(i)}` : "rg-app",
      identity: { type: "SystemAssigned", principalId: miId(i), tenantId: null, userAssignedIdentities: {} },
    }),
  );
  const mis = vms.map((_, i) =>
    servicePrincipal({
      id: miId(i),
      displayName: alike ? "mi" : `mi-${two(i)}`,
      servicePrincipalType: "ManagedIdentity",
    }),
  );
  const holders = (extra.holders ?? []).map((name, i) =>
    servicePrincipal({ id: guid(6000 + i), displayName: name, servicePrincipalType: "Application" }),
  );
  return inventory({
    roleDefinitions: [contributor],
    servicePrincipals: [...mis, ...holders],
    workloads: vms,
    roleAssignments: [
      ...mis.map((mi, i) => contributorAt(`${SUB}/resourceGroups/${alike ? "rg-shared" : `rg-${two(i)}`}`, mi.id)),
      ...(extra.assignments ?? []),
    ],
    ...(extra.eligibilities ? { roleEligibilities: extra.eligibilities } : {}),
  });
}

const contributorAt = (scope: string, principalId: string) =>
  roleAssignment({ scope, roleDefinitionName: ROLE.contributor, principalId, principalType: "ServicePrincipal" });
const holderId = (i: number) => guid(6000 + i);

function identity(inv: ReturnType<typeof vmTenant>, name: string, objectId?: string) {
  const found = buildIdentities(inv, []).find((i) => i.displayName === name && (!objectId || i.objectId === objectId));
  if (!found) throw new Error(`no identity ${name}`);
  return found;
}
// a resource group is named by the scope namer, a subscription absent from the inventory is not
const atRg = (rg: string) => `Contributor at ${rg} (${SUB}/resourceGroups/${rg})`;
const vmOf = (path: { steps: { to: string }[] }) => path.steps[1]?.to;

describe("blast radius through running code on workloads", () => {
  it("keeps the heaviest of more than MAX_BLAST_PATHS managed identities and counts them all", () => {
    const ops = identity(vmTenant({ holders: ["ops"], assignments: [contributorAt(SUB, holderId(0))] }), "ops");
    expect(ops.blastRadiusTotal).toBe(1 + VMS); // its own Contributor, and each VM's identity
    expect(ops.blastRadius).toHaveLength(MAX_BLAST_PATHS);
    expect(ops.blastRadius[0]?.steps).toHaveLength(1);
    // equal weights: ordered by the path, so by VM name
    expect(ops.blastRadius.slice(1).map(vmOf)).toEqual(Array.from({ length: 19 }, (_, i) => `vm-${two(i)}`));
    expect(ops.blastRadius[1]).toEqual({
      steps: [
        expect.objectContaining({ from: "ops", to: `Contributor at ${SUB}` }),
        expect.objectContaining({ from: "ops", edge: RUN_CODE_AS_EDGE, to: "vm-00" }),
        expect.objectContaining({ from: "mi-00", to: atRg("rg-00") }),
      ],
      reach: `${atRg("rg-00")}, as mi-00`,
    });
  });

  it("gives two holders of the same role at the same scope the same paths past their first step", () => {
    const inv = vmTenant({
      holders: ["ops-a", "ops-b"],
      assignments: [contributorAt(SUB, holderId(0)), contributorAt(SUB, holderId(1))],
    });
    const [a, b] = [identity(inv, "ops-a"), identity(inv, "ops-b")];
    expect(a.blastRadiusTotal).toBe(b.blastRadiusTotal);
    const past = (paths: typeof a.blastRadius) => paths.map((p) => [vmOf(p), p.steps[2], p.reach]);
    expect(past(a.blastRadius)).toEqual(past(b.blastRadius));
  });

  it("does not escalate a holder into itself, and ranks what it reaches through others", () => {
    // mi-00 is also Contributor at the subscription: it reaches the other 29 identities, not its own
    const inv = vmTenant({
      holders: ["ops"],
      assignments: [contributorAt(SUB, miId(0)), contributorAt(SUB, holderId(0))],
    });
    const self = identity(inv, "mi-00");
    expect(self.blastRadiusTotal).toBe(2 + (VMS - 1));
    expect(self.blastRadius.map(vmOf).filter((vm) => vm !== undefined)).toEqual(
      Array.from({ length: 18 }, (_, i) => `vm-${two(i + 1)}`),
    );
    // another holder reaches both of mi-00's roles through vm-00, the subscription one first (heavier)
    const ops = identity(inv, "ops");
    expect(ops.blastRadiusTotal).toBe(1 + VMS + 1);
    expect(ops.blastRadius.slice(1, 4).map((p) => p.reach)).toEqual([
      `Contributor at ${SUB}, as mi-00`,
      `${atRg("rg-00")}, as mi-00`,
      `${atRg("rg-01")}, as mi-01`,
    ]);
  });

  it("counts paths through two roles at overlapping scopes apart, and one role held twice once", () => {
    const inv = vmTenant({
      holders: ["both", "twice"],
      assignments: [contributorAt(SUB, holderId(0)), contributorAt(RG, holderId(0)), contributorAt(SUB, holderId(1))],
      eligibilities: [
        roleEligibility({
          scope: SUB,
          roleDefinitionName: ROLE.contributor,
          principalId: holderId(1),
          principalType: "ServicePrincipal",
        }),
      ],
    });
    // every VM is in rg-app: each is reached through the subscription role and the resource group one
    const both = identity(inv, "both");
    expect(both.blastRadiusTotal).toBe(2 + 2 * VMS);
    // the two routes' paths differ at their first step; at equal weight the subscription's sort first
    const reached = both.blastRadius.filter((p) => p.steps.length === 3);
    expect(reached.map((p) => p.steps[0]?.to)).toEqual(reached.map(() => `Contributor at ${SUB}`));
    expect(reached.map(vmOf)).toEqual(Array.from({ length: 18 }, (_, i) => `vm-${two(i)}`));
    // standing and eligible Contributor at one scope: two own paths, but the same paths onward
    const twice = identity(inv, "twice");
    expect(twice.blastRadiusTotal).toBe(2 + VMS);
  });

  it("counts a path once however many identities lead to it, and not when only the holder itself does", () => {
    // thirty lookalike paths are one; mi 0 also holds Contributor at the subscription
    const inv = vmTenant({
      lookalikes: true,
      holders: ["ops"],
      assignments: [contributorAt(SUB, miId(0)), contributorAt(SUB, holderId(0))],
    });
    const ops = identity(inv, "ops");
    expect(ops.blastRadius.slice(1).map((p) => p.reach)).toEqual([
      `Contributor at ${SUB}, as mi`,
      `${atRg("rg-shared")}, as mi`,
    ]);
    expect(ops.blastRadiusTotal).toBe(3);
    // mi 0 reaches the lookalike path through the others, but its subscription role only through itself
    const self = identity(inv, "mi", miId(0));
    expect(self.blastRadius.filter((p) => p.steps.length === 3).map((p) => p.reach)).toEqual([
      `${atRg("rg-shared")}, as mi`,
    ]);
    expect(self.blastRadiusTotal).toBe(3);
  });
});
