import { describe, expect, it } from "vitest";
import {
  appPermissionGrant,
  directoryRoleAssignment,
  directoryRoleEligibility,
  group,
  guid,
  inventory,
  ROLE,
  roleAssignment,
  roleEligibility,
  SUB_ID,
} from "../../test/support/inventory-builder.ts";
import { effectivePrivileges, viaIds, viaLabel } from "./effective.ts";

const SCOPE = `/subscriptions/${SUB_ID}`;
const GA = "62e90394-69f5-4237-9190-012177145e10";

describe("effectivePrivileges", () => {
  const user = guid(101);
  const sp = guid(102);
  const outer = group({
    id: guid(201),
    displayName: "Platform Admins",
    members: [
      [guid(202), "group"],
      [user, "user"],
    ],
  });
  const inner = group({ id: guid(202), displayName: "Platform Ops", members: [[sp, "servicePrincipal"]] });
  const owner = roleAssignment({
    scope: SCOPE,
    roleDefinitionName: ROLE.owner,
    principalId: outer.id,
    principalType: "Group",
  });

  it("gives a group's members its grants, with the path innermost first, holding group last", () => {
    const p = effectivePrivileges(
      inventory({
        roleAssignments: [owner],
        groups: [outer, inner],
        roleEligibilities: [],
        directoryRoleEligibilities: [],
      }),
    );
    expect(p.of(outer.id).azure.map((g) => g.via)).toEqual([[]]);
    expect(p.of(user).azure.map((g) => viaLabel(g.via))).toEqual(["via group Platform Admins"]);
    const spGrant = p.of(sp).azure[0]!;
    expect(viaIds(spGrant.via)).toEqual([inner.id, outer.id]);
    expect(viaLabel(spGrant.via)).toBe("via group Platform Ops in Platform Admins");
    expect(spGrant.assignment).toBe(owner);
    expect(spGrant.eligible).toBe(false);
    expect(p.of(inner.id).azure).toHaveLength(1);
    expect(p.complete).toBe(true);
  });

  it("cuts membership cycles and keeps one grant per member", () => {
    const a = group({
      id: guid(301),
      displayName: "A",
      members: [
        [guid(302), "group"],
        [user, "user"],
      ],
    });
    const b = group({
      id: guid(302),
      displayName: "B",
      members: [
        [guid(301), "group"],
        [user, "user"],
      ],
    });
    const grant = roleAssignment({
      scope: SCOPE,
      roleDefinitionName: ROLE.owner,
      principalId: a.id,
      principalType: "Group",
    });
    const p = effectivePrivileges(inventory({ roleAssignments: [grant], groups: [a, b] }));
    expect(p.of(user).azure).toHaveLength(1);
    expect(p.of(user).azure[0]!.via.map((h) => h.displayName)).toEqual(["A"]);
    expect(p.membersOf(a.id).map((m) => m.id)).toEqual([user, b.id]);
  });

  it("gives nothing through a group without the groups section (direct grants only) and says it is incomplete", () => {
    const p = effectivePrivileges(inventory({ roleAssignments: [owner] }));
    expect(p.of(user).azure).toEqual([]);
    expect(p.of(outer.id).azure).toHaveLength(1);
    expect(p.complete).toBe(false);
  });

  it("marks PIM eligible Azure and Entra roles eligible, through groups too", () => {
    const e = roleEligibility({ scope: SCOPE, roleDefinitionName: ROLE.owner, principalId: user });
    const viaGroup = directoryRoleEligibility({ principalId: outer.id, roleDefinitionId: GA });
    // Graph lists a group member's eligibility as memberType Group as well: the group's own covers it
    const echo = directoryRoleEligibility({ principalId: user, roleDefinitionId: GA, memberType: "Group" });
    const p = effectivePrivileges(
      inventory({ groups: [outer, inner], roleEligibilities: [e], directoryRoleEligibilities: [viaGroup, echo] }),
    );
    expect(p.of(user).azure.map((g) => [g.eligible, g.assignment.scope])).toEqual([[true, SCOPE]]);
    expect(p.of(user).entra.map((g) => [g.eligible, viaLabel(g.via)])).toEqual([[true, "via group Platform Admins"]]);
    expect(p.of(sp).entra).toHaveLength(1);
  });

  it("keeps the condition and expands Entra roles and app permissions held by groups", () => {
    const conditioned = { ...owner, condition: "@Request[x] StringEquals 'y'" };
    const p = effectivePrivileges(
      inventory({
        roleAssignments: [conditioned],
        directoryRoleAssignments: [directoryRoleAssignment({ principalId: outer.id, roleDefinitionId: GA })],
        appPermissionGrants: [appPermissionGrant({ principalId: outer.id, appRoleId: guid(900) })],
        groups: [outer, inner],
      }),
    );
    expect(p.of(sp).azure[0]!.condition).toBe("@Request[x] StringEquals 'y'");
    expect(p.of(sp).entra[0]!.eligible).toBe(false);
    expect(p.of(user).app).toHaveLength(1);
    expect(p.of(guid(999)).azure).toEqual([]);
  });
});
