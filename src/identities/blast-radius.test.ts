import { describe, expect, it } from "vitest";
import { GRAPH_APP_ROLE } from "../refdata/well-known.ts";
import { app, appPermissionGrant, guid, inventory, servicePrincipal } from "../../test/support/inventory-builder.ts";
import { MAX_BLAST_PATHS } from "./blast-radius.ts";
import { buildIdentities } from "./build.ts";

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
