import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  inventory,
  ROLE,
  roleAssignment,
  roleDefinition,
  SUB_ID,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

const SUB = `/subscriptions/${SUB_ID}`;
const SUB2 = "/subscriptions/33333333-3333-4333-8333-333333333333";
const ADMIN = "aaaaaaaa-0000-4000-8000-000000000001";
const STAR = "aaaaaaaa-0000-4000-8000-000000000002";
const perms = (actions: string[], notActions: string[] = []) => [
  { actions, notActions, dataActions: [], notDataActions: [] },
];

const owner = roleDefinition({
  name: ROLE.owner,
  roleName: "Owner",
  roleType: "BuiltInRole",
  permissions: perms(["*"]),
});
const admin = roleDefinition({
  name: ADMIN,
  id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ADMIN}`,
  roleName: "Platform Admin",
  assignableScopes: [SUB],
  permissions: perms(["*/read", "Microsoft.Authorization/roleAssignments/write"]),
});
const star = roleDefinition({
  name: STAR,
  id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${STAR}`,
  roleName: "Ops Everything",
  assignableScopes: [SUB],
  permissions: perms(["*"], ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"]),
});

describe("custom-role-owner-equivalent", () => {
  describe("valid", () => {
    it("passes narrow custom roles and ignores built-in roles, Owner included", () => {
      const narrow = roleDefinition({
        name: "bbbbbbbb-0000-4000-8000-000000000001",
        roleName: "VM Operator",
        permissions: perms(["Microsoft.Compute/virtualMachines/*", "*/read"]),
      });
      const { findings, run } = runRule(rule, inventory({ roleDefinitions: [owner, narrow] }));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes `*` whose notActions take away every write (read-only in effect)", () => {
      const ro = roleDefinition({
        name: "bbbbbbbb-0000-4000-8000-000000000002",
        roleName: "Read Mostly",
        permissions: perms(["*"], ["*/write", "*/delete", "*/action"]),
      });
      expect(runRule(rule, inventory({ roleDefinitions: [ro] })).findings).toEqual([]);
    });

    it("passes a role that may only read and delete role assignments", () => {
      const ro = roleDefinition({
        name: "bbbbbbbb-0000-4000-8000-000000000003",
        roleName: "Access Reviewer",
        permissions: perms([
          "Microsoft.Authorization/roleAssignments/read",
          "Microsoft.Authorization/roleAssignments/delete",
        ]),
      });
      expect(runRule(rule, inventory({ roleDefinitions: [ro] })).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags a custom role with role-assignment writes as owner-equivalent, counting its assignments", () => {
      const i = inventory({
        roleDefinitions: [admin],
        roleAssignments: [
          roleAssignment({ scope: SUB, roleDefinitionName: ADMIN }),
          roleAssignment({ scope: `${SUB}/resourceGroups/rg`, roleDefinitionName: ADMIN.toUpperCase() }),
          roleAssignment({ scope: SUB, roleDefinitionName: ROLE.owner }),
        ],
      });
      const { findings } = runRule(rule, i);
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.severity).toBe("high");
      expect(f.messageId).toBe("ownerEquivalent");
      expect(f.message).toBe(
        `Custom role "Platform Admin" allows role-assignment writes (Microsoft.Authorization/roleAssignments/write): whoever holds it can grant any role to anyone at ${SUB}; it is assigned 2 times.`,
      );
      expect(f.evidence).toMatchObject({
        roleClass: "ownerEquivalent",
        assignmentCount: 2,
        assignedScopes: [SUB, `${SUB}/resourceGroups/rg`],
        roleDefinitionId: ADMIN,
      });
      expect(f.resource.id).toBe(`/providers/Microsoft.Authorization/roleDefinitions/${ADMIN}`);
      expect(f.compliance).toEqual(
        expect.arrayContaining([
          "CIS Azure 3.0.0 2.23",
          "CIS Azure 4.0.0 6.23",
          "CIS Azure 5.0.0 5.23",
          "CIS Azure 6.0.0 5.4",
        ]),
      );
    });

    it("flags `*` less Authorization writes as a custom Contributor, under its own message id", () => {
      const { findings } = runRule(rule, inventory({ roleDefinitions: [star] }));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.messageId).toBe("allActions");
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.message).toBe(
        `Custom role "Ops Everything" allows writes to every resource provider (*), a custom Contributor at ${SUB}; it is not assigned yet.`,
      );
      expect(findings[0]!.evidence.assignmentCount).toBe(0);
    });

    it("flags role-definition writes and a provider-wide wildcard (Microsoft.Authorization/*)", () => {
      const defWriter = roleDefinition({
        name: "bbbbbbbb-0000-4000-8000-000000000004",
        roleName: "Role Author",
        permissions: perms(["Microsoft.Authorization/roleDefinitions/write"]),
      });
      const authz = roleDefinition({
        name: "bbbbbbbb-0000-4000-8000-000000000005",
        roleName: "Access Admin Clone",
        permissions: perms(["Microsoft.Authorization/*", "*/read"]),
      });
      const { findings } = runRule(rule, inventory({ roleDefinitions: [defWriter, authz] }));
      expect(findings.map((f) => [f.evidence.roleName, f.messageId, f.evidence.offendingActions])).toEqual([
        ["Role Author", "ownerEquivalent", ["Microsoft.Authorization/roleDefinitions/write"]],
        ["Access Admin Clone", "ownerEquivalent", ["Microsoft.Authorization/*"]],
      ]);
      expect(findings[0]!.message).toContain("allows role-definition writes (");
      expect(findings[1]!.message).toContain("allows role-assignment writes and role-definition writes (");
    });

    it("judges a role listed at several scopes once, with the same fingerprint whichever listing comes first", () => {
      const other = {
        ...admin,
        id: `${SUB2}/providers/Microsoft.Authorization/roleDefinitions/${ADMIN.toUpperCase()}`,
        name: ADMIN.toUpperCase(),
      };
      const a = runRule(rule, inventory({ roleDefinitions: [admin, other] }));
      expect(a.run.subjectsChecked).toBe(1);
      expect(a.findings).toHaveLength(1);
      expect(a.findings[0]!.evidence.listedIds).toEqual([admin.id, other.id].sort());
      const b = runRule(
        rule,
        inventory({ roleDefinitions: [{ ...other, roleName: "Platform Admin (renamed)" }, admin] }),
      );
      expect(b.findings[0]!.fingerprint).toBe(a.findings[0]!.fingerprint);
    });

    it("matches the CustomRole type case-insensitively", () => {
      expect(
        runRule(rule, inventory({ roleDefinitions: [{ ...admin, roleType: "customrole" }] })).findings,
      ).toHaveLength(1);
    });

    it("still judges definitions when role assignments are unavailable, saying so", () => {
      const { findings, run } = runRule(rule, unavailable(inventory({ roleDefinitions: [admin] }), "roleAssignments"));
      expect(run.status).toBe("ran");
      expect(findings[0]!.evidence.assignmentCount).toBeNull();
      expect(findings[0]!.message).toContain("; its assignments could not be read.");
    });
  });

  it("scales severity with the broadest assignable scope: resource group, subscription, management group, root", () => {
    const at = (role: typeof admin, scopes: string[]) =>
      runRule(rule, inventory({ roleDefinitions: [{ ...role, assignableScopes: scopes }] })).findings.map((f) => [
        f.severity,
        f.evidence.reach,
      ]);
    const mg = "/providers/Microsoft.Management/managementGroups/mg-platform";
    expect(at(admin, [`${SUB}/resourceGroups/rg-app`])).toEqual([["medium", "resourceGroup"]]);
    expect(at(admin, [`${SUB}/resourceGroups/rg-app`, SUB2])).toEqual([["high", "subscription"]]);
    expect(at(admin, [SUB, mg])).toEqual([["critical", "tenant"]]);
    expect(at(admin, ["/"])).toEqual([["critical", "tenant"]]);
    expect(at(star, [`${SUB}/resourceGroups/rg-app`])).toEqual([["medium", "resourceGroup"]]);
    expect(at(star, [mg])).toEqual([["high", "tenant"]]);
  });

  it("is skipped with the reason when role definitions are unavailable", () => {
    const { run } = runRule(rule, unavailable(inventory(), "roleDefinitions", "403 on roleDefinitions/read"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("roleDefinitions unavailable: 403 on roleDefinitions/read");
  });
});
