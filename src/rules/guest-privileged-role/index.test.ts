import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  group,
  inventory,
  roleEligibility,
  principal,
  ROLE,
  roleAssignment,
  roleDefinition,
  SUB_ID,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";
import type { Principal, RoleAssignment } from "../../inventory/types.ts";

const SUB = `/subscriptions/${SUB_ID}`;
const RG = `${SUB}/resourceGroups/rg-app`;
const MG = "/providers/Microsoft.Management/managementGroups/platform";
const GUEST = "bbbbbbbb-0000-4000-8000-000000000001";
const MEMBER = "bbbbbbbb-0000-4000-8000-000000000002";
const CUSTOM_ADMIN = "aaaaaaaa-0000-4000-8000-000000000001";
const perms = (actions: string[], notActions: string[] = []) => [
  { actions, notActions, dataActions: [], notDataActions: [] },
];
const SUPPORT_READER = "aaaaaaaa-0000-4000-8000-000000000002";
const TAG_WRITER = "aaaaaaaa-0000-4000-8000-000000000003";
const VM_CONTRIBUTOR = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c";
const defs = [
  roleDefinition({
    name: SUPPORT_READER,
    roleName: "Support Reader",
    permissions: perms(["*/read", "Microsoft.Support/*"]),
  }),
  roleDefinition({ name: TAG_WRITER, roleName: "Tag Writer", permissions: perms(["Microsoft.Resources/tags/write"]) }),
  roleDefinition({
    name: VM_CONTRIBUTOR,
    roleName: "Virtual Machine Contributor",
    roleType: "BuiltInRole",
    permissions: perms(["Microsoft.Compute/virtualMachines/*"]),
  }),
  roleDefinition({ name: ROLE.owner, roleName: "Owner", roleType: "BuiltInRole", permissions: perms(["*"]) }),
  roleDefinition({
    name: ROLE.contributor,
    roleName: "Contributor",
    roleType: "BuiltInRole",
    permissions: perms(["*"], ["Microsoft.Authorization/*/Write"]),
  }),
  roleDefinition({ name: ROLE.reader, roleName: "Reader", roleType: "BuiltInRole", permissions: perms(["*/read"]) }),
  roleDefinition({
    name: ROLE.userAccessAdministrator,
    roleName: "User Access Administrator",
    roleType: "BuiltInRole",
    permissions: perms(["*/read", "Microsoft.Authorization/*"]),
  }),
  roleDefinition({
    name: CUSTOM_ADMIN,
    roleName: "Platform Admin",
    permissions: perms(["Microsoft.Authorization/roleAssignments/write"]),
  }),
];
const guest = (p: Partial<Principal> = {}) =>
  principal({
    id: GUEST,
    type: "user",
    displayName: "Pat Vendor",
    userType: "Guest",
    userPrincipalName: "pat_vendor.com#EXT#@contoso.onmicrosoft.com",
    servicePrincipalType: null,
    ...p,
  });
const member = principal({
  id: MEMBER,
  type: "user",
  displayName: "Ann Admin",
  userType: "Member",
  userPrincipalName: "ann@contoso.com",
  servicePrincipalType: null,
});

function inv(assignments: RoleAssignment[], principals: Principal[] = [guest(), member]) {
  return inventory({ roleDefinitions: defs, roleAssignments: assignments, principals });
}
const assign = (scope: string, role: string, principalId = GUEST) =>
  roleAssignment({ scope, roleDefinitionName: role, principalId, principalType: "User" });

describe("guest-privileged-role", () => {
  describe("valid", () => {
    it("passes a guest with Reader, and a member with Owner", () => {
      const { findings, run } = runRule(rule, inv([assign(SUB, ROLE.reader), assign(SUB, ROLE.owner, MEMBER)]));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(2);
    });

    it("passes an allow-listed guest, matching its id case-insensitively", () => {
      expect(
        runRule(rule, inv([assign(SUB, ROLE.owner)]), { allowPrincipalIds: [GUEST.toUpperCase()] }).findings,
      ).toEqual([]);
    });

    it("leaves deleted guests to orphaned-role-assignment, and unresolved principals alone", () => {
      expect(runRule(rule, inv([assign(SUB, ROLE.owner)], [guest({ found: false })])).findings).toEqual([]);
      expect(runRule(rule, inv([assign(SUB, ROLE.owner)], [])).findings).toEqual([]);
    });

    it("passes a guest whose role only reads or opens support tickets", () => {
      expect(runRule(rule, inv([assign(SUB, SUPPORT_READER)])).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags a guest Owner at subscription scope as high, with the exact message", () => {
      const { findings } = runRule(rule, inv([assign(SUB, ROLE.owner)]));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.message).toBe(
        `Guest user "Pat Vendor" (pat_vendor.com#EXT#@contoso.onmicrosoft.com) holds Owner at subscription scope ${SUB}.`,
      );
      expect(findings[0]!.evidence).toMatchObject({
        roleClass: "owner",
        userType: "Guest",
        scopeLevel: "subscription",
      });
      expect(findings[0]!.compliance).toContain(
        "Azure Policy: Guest accounts with owner permissions on Azure resources should be removed",
      );
    });

    it("flags Contributor, User Access Administrator and an owner-equivalent custom role at any scope, resource groups included", () => {
      const { findings } = runRule(
        rule,
        inv([
          assign(RG, ROLE.contributor),
          assign(MG, ROLE.userAccessAdministrator),
          assign(`${RG}/providers/Microsoft.KeyVault/vaults/kv`, CUSTOM_ADMIN),
        ]),
      );
      expect(findings.map((f) => [f.evidence.roleClass, f.evidence.scopeLevel])).toEqual([
        ["contributor", "resourceGroup"],
        ["userAccessAdministrator", "managementGroup"],
        ["ownerEquivalent", "resource"],
      ]);
    });

    it("flags an external member (#EXT# UPN, userType Member) with Owner, naming it so", () => {
      const { findings } = runRule(rule, inv([assign(SUB, ROLE.owner)], [guest({ userType: "Member" })]));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toMatch(/^External member "Pat Vendor"/);
      expect(findings[0]!.evidence).toMatchObject({ external: "externalMember", userType: "Member" });
    });

    it("flags a role that runs code as an identity at high, and any other write-capable role at medium", () => {
      const { findings } = runRule(rule, inv([assign(RG, VM_CONTRIBUTOR), assign(SUB, TAG_WRITER)]));
      expect(findings.map((f) => [f.evidence.roleName, f.severity, f.evidence.writeCapableOnly])).toEqual([
        ["Virtual Machine Contributor", "high", false],
        ["Tag Writer", "medium", true],
      ]);
      expect(findings[1]!.message).toBe(
        `Guest user "Pat Vendor" (pat_vendor.com#EXT#@contoso.onmicrosoft.com) holds Tag Writer, which can change resources, at subscription scope ${SUB}.`,
      );
      expect(findings[1]!.compliance).toContain(
        "Azure Policy: Guest accounts with write permissions on Azure resources should be removed",
      );
    });

    it("recognises a guest by #EXT# when userType is missing, and by userType in any casing", () => {
      expect(runRule(rule, inv([assign(SUB, ROLE.owner)], [guest({ userType: null })])).findings).toHaveLength(1);
      expect(runRule(rule, inv([assign(SUB, ROLE.owner)], [guest({ userType: "guest" })])).findings).toHaveLength(1);
    });

    it("matches principal and role ids whatever their casing, and flags disabled guests too", () => {
      const a = assign(SUB, ROLE.owner.toUpperCase(), GUEST.toUpperCase());
      const { findings } = runRule(rule, inv([a], [guest({ accountEnabled: false })]));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence).toMatchObject({ roleName: "Owner", accountEnabled: false });
    });

    it("keeps the fingerprint stable across renames and id casing", () => {
      const a = assign(SUB, ROLE.owner);
      const f1 = runRule(rule, inv([a])).findings[0]!;
      const f2 = runRule(
        rule,
        inv([{ ...a, id: a.id.toUpperCase(), scope: a.scope.toUpperCase() }], [guest({ displayName: "Pat (Vendor)" })]),
      ).findings[0]!;
      expect(f2.fingerprint).toBe(f1.fingerprint);
    });
  });

  it("is skipped with the reason when principals are unavailable", () => {
    const { run } = runRule(
      rule,
      unavailable(inv([assign(SUB, ROLE.owner)]), "principals", "Graph 403: User.Read.All missing"),
    );
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("principals unavailable: Graph 403: User.Read.All missing");
  });

  describe("through groups, PIM and conditions", () => {
    const ADMINS = "cccccccc-0000-4000-8000-000000000001";
    const NESTED = "cccccccc-0000-4000-8000-000000000002";
    const groups = [
      group({
        id: ADMINS,
        displayName: "Platform Admins",
        members: [
          [NESTED, "group"],
          [MEMBER, "user"],
        ],
      }),
      group({ id: NESTED, displayName: "Vendors", members: [[GUEST, "user"]] }),
    ];
    const toGroup = (role: string) =>
      roleAssignment({ scope: SUB, roleDefinitionName: role, principalId: ADMINS, principalType: "Group" });

    it("flags a guest holding Owner through nested groups, naming the path", () => {
      const { findings } = runRule(
        rule,
        inventory({
          roleDefinitions: defs,
          roleAssignments: [toGroup(ROLE.owner)],
          principals: [guest(), member],
          groups,
        }),
      );
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        `Guest user "Pat Vendor" (pat_vendor.com#EXT#@contoso.onmicrosoft.com) holds Owner at subscription scope ${SUB} via group Vendors in Platform Admins.`,
      );
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.evidence).toMatchObject({
        via: ["Vendors", "Platform Admins"],
        viaGroupIds: [NESTED, ADMINS],
        assignedTo: ADMINS,
        principalId: GUEST,
        eligible: false,
      });
    });

    it("passes a guest in a group that holds only Reader, and sees nothing through groups without the groups section", () => {
      const readers = inventory({
        roleDefinitions: defs,
        roleAssignments: [toGroup(ROLE.reader)],
        principals: [guest(), member],
        groups,
      });
      expect(runRule(rule, readers).findings).toEqual([]);
      const noGroups = inventory({
        roleDefinitions: defs,
        roleAssignments: [toGroup(ROLE.owner)],
        principals: [guest()],
      });
      expect(runRule(rule, noGroups).findings).toEqual([]);
    });

    it("flags a PIM eligible Owner one step lower (medium), saying eligible, with its own fingerprint", () => {
      const eligible = roleEligibility({ scope: SUB, roleDefinitionName: ROLE.owner, principalId: GUEST });
      const { findings } = runRule(
        rule,
        inventory({
          roleDefinitions: defs,
          roleAssignments: [assign(SUB, ROLE.owner)],
          principals: [guest()],
          roleEligibilities: [eligible],
        }),
      );
      expect(findings.map((f) => f.severity).sort()).toEqual(["high", "medium"]);
      const e = findings.find((f) => f.severity === "medium")!;
      expect(e.message).toContain("is eligible (PIM) to activate Owner");
      expect(e.evidence).toMatchObject({ eligible: true });
      expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
    });

    it("keeps a direct standing finding's fingerprint whatever the groups section holds", () => {
      const direct = assign(SUB, ROLE.owner);
      const without = runRule(rule, inv([direct])).findings;
      const withGroups = runRule(
        rule,
        inventory({ roleDefinitions: defs, roleAssignments: [direct], principals: [guest(), member], groups }),
      ).findings;
      expect(withGroups.map((f) => f.fingerprint)).toEqual(without.map((f) => f.fingerprint));
      expect(withGroups[0]!.evidence).not.toHaveProperty("via");
    });

    it("judges a User Access Administrator constrained by a documented delegation condition one step lower, with the condition", () => {
      const condition =
        "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7}))";
      const constrained = { ...assign(SUB, ROLE.userAccessAdministrator), condition };
      const [f] = runRule(rule, inv([constrained])).findings;
      expect(f!.severity).toBe("medium");
      expect(f!.evidence).toMatchObject({ condition });
      const unconstrained = runRule(rule, inv([assign(SUB, ROLE.userAccessAdministrator)])).findings;
      expect(unconstrained[0]!.severity).toBe("high");
      expect(unconstrained[0]!.evidence).not.toHaveProperty("condition");
    });
  });
});
