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

const MG = "/providers/Microsoft.Management/managementGroups/platform";
const SUB = `/subscriptions/${SUB_ID}`;
const RG = `${SUB}/resourceGroups/rg-app`;

const builtins = [
  roleDefinition({
    name: ROLE.owner,
    roleName: "Owner",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }],
  }),
  roleDefinition({
    name: ROLE.contributor,
    roleName: "Contributor",
    roleType: "BuiltInRole",
    permissions: [
      {
        actions: ["*"],
        notActions: [
          "Microsoft.Authorization/*/Delete",
          "Microsoft.Authorization/*/Write",
          "Microsoft.Authorization/elevateAccess/Action",
        ],
        dataActions: [],
        notDataActions: [],
      },
    ],
  }),
  roleDefinition({
    name: ROLE.reader,
    roleName: "Reader",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] }],
  }),
  roleDefinition({
    name: ROLE.userAccessAdministrator,
    roleName: "User Access Administrator",
    roleType: "BuiltInRole",
    permissions: [
      {
        actions: ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"],
        notActions: [],
        dataActions: [],
        notDataActions: [],
      },
    ],
  }),
];
const CUSTOM_ADMIN = "aaaaaaaa-0000-4000-8000-000000000001";
const CUSTOM_OPS = "aaaaaaaa-0000-4000-8000-000000000002";
const customs = [
  roleDefinition({
    name: CUSTOM_ADMIN,
    roleName: "Platform Admin",
    permissions: [
      {
        actions: ["Microsoft.Authorization/roleAssignments/write", "*/read"],
        notActions: [],
        dataActions: [],
        notDataActions: [],
      },
    ],
  }),
  roleDefinition({
    name: CUSTOM_OPS,
    roleName: "VM Operator",
    permissions: [
      {
        actions: ["Microsoft.Compute/virtualMachines/start/action", "*/read"],
        notActions: [],
        dataActions: [],
        notDataActions: [],
      },
    ],
  }),
];

function inv(...assignments: ReturnType<typeof roleAssignment>[]) {
  return inventory({ roleDefinitions: [...builtins, ...customs], roleAssignments: assignments });
}

describe("privileged-role-broad-scope", () => {
  describe("valid", () => {
    it("passes Owner at resource group and resource scope", () => {
      const { findings, run } = runRule(
        rule,
        inv(
          roleAssignment({ scope: RG, roleDefinitionName: ROLE.owner }),
          roleAssignment({ scope: `${RG}/providers/Microsoft.Web/sites/web`, roleDefinitionName: ROLE.owner }),
        ),
      );
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(2);
    });

    it("passes Reader and a narrow custom role at subscription scope", () => {
      expect(
        runRule(
          rule,
          inv(
            roleAssignment({ scope: SUB, roleDefinitionName: ROLE.reader }),
            roleAssignment({ scope: SUB, roleDefinitionName: CUSTOM_OPS }),
          ),
        ).findings,
      ).toEqual([]);
    });

    it("passes an allow-listed break-glass principal, matching its id case-insensitively", () => {
      const a = roleAssignment({
        scope: "/",
        roleDefinitionName: ROLE.owner,
        principalId: "abcdefab-0000-4000-8000-000000000000",
        principalType: "User",
      });
      expect(runRule(rule, inv(a), { allowPrincipalIds: ["ABCDEFAB-0000-4000-8000-000000000000"] }).findings).toEqual(
        [],
      );
    });

    it("passes principal types left out of principalTypes", () => {
      const a = roleAssignment({ scope: SUB, roleDefinitionName: ROLE.owner, principalType: "User" });
      expect(runRule(rule, inv(a), { principalTypes: ["ServicePrincipal"] }).findings).toEqual([]);
    });

    it("leaves a deleted principal to orphaned-role-assignment, but judges a live one and an unresolved one", () => {
      const pid = "bbbbbbbb-0000-4000-8000-000000000009";
      const inv = (p: Parameters<typeof principal>[0] | null) =>
        inventory({
          roleDefinitions: builtins,
          roleAssignments: [
            roleAssignment({
              scope: SUB,
              roleDefinitionName: ROLE.contributor,
              principalId: pid,
              principalType: "User",
            }),
          ],
          principals: p ? [principal(p)] : [],
        });
      expect(runRule(rule, inv({ id: pid, found: false, type: "unknown", displayName: null })).findings).toEqual([]);
      expect(runRule(rule, inv({ id: pid, type: "user", displayName: "Ivan" })).findings).toHaveLength(1);
      expect(runRule(rule, inv(null)).findings).toHaveLength(1);
    });

    it("passes subscription scope when levels exclude it", () => {
      expect(
        runRule(rule, inv(roleAssignment({ scope: SUB, roleDefinitionName: ROLE.owner })), {
          levels: ["root", "managementGroup"],
        }).findings,
      ).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags Owner at subscription scope as high, naming the principal, role and scope", () => {
      const a = roleAssignment({
        scope: SUB,
        roleDefinitionName: ROLE.owner,
        principalId: "99999999-0000-4000-8000-000000000000",
        principalType: "ServicePrincipal",
      });
      const i = inventory({
        roleDefinitions: builtins,
        roleAssignments: [a],
        principals: [principal({ id: a.principalId, displayName: "deploy-bot" })],
      });
      const { findings } = runRule(rule, i);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.message).toBe(
        `Service principal "deploy-bot" holds Owner at subscription scope ${SUB}; every resource below inherits it.`,
      );
      expect(findings[0]!.compliance).toContain("CIS Azure 5.0.0 5.3.3");
    });

    it("flags User Access Administrator at root and Contributor at a management group as critical", () => {
      const { findings } = runRule(
        rule,
        inv(
          roleAssignment({ scope: "/", roleDefinitionName: ROLE.userAccessAdministrator }),
          roleAssignment({ scope: MG, roleDefinitionName: ROLE.contributor }),
        ),
      );
      expect(findings.map((f) => [f.evidence.roleName, f.evidence.scopeLevel, f.severity])).toEqual([
        ["User Access Administrator", "root", "critical"],
        ["Contributor", "managementGroup", "critical"],
      ]);
    });

    it("flags a custom role that can write role assignments (owner-equivalent)", () => {
      const { findings } = runRule(rule, inv(roleAssignment({ scope: SUB, roleDefinitionName: CUSTOM_ADMIN })));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence.roleClass).toBe("ownerEquivalent");
    });

    it("matches role definition ids whatever their casing or scope prefix", () => {
      const a = roleAssignment({ scope: SUB, roleDefinitionName: ROLE.owner });
      const upper = {
        ...a,
        roleDefinitionId: `/SUBSCRIPTIONS/${SUB_ID}/providers/Microsoft.Authorization/roleDefinitions/${ROLE.owner.toUpperCase()}`,
      };
      expect(runRule(rule, inv(upper)).findings).toHaveLength(1);
    });

    it("names managed identities and ARM's principal types in words", () => {
      const a = roleAssignment({
        scope: SUB,
        roleDefinitionName: ROLE.owner,
        principalId: "88888888-0000-4000-8000-000000000000",
        principalType: "ServicePrincipal",
      });
      const mi = inventory({
        roleDefinitions: builtins,
        roleAssignments: [a],
        principals: [
          principal({ id: a.principalId, displayName: "id-deploy", servicePrincipalType: "ManagedIdentity" }),
        ],
      });
      expect(runRule(rule, mi).findings[0]!.message).toMatch(/^Managed identity "id-deploy" holds Owner/);
      const g = roleAssignment({ scope: "/", roleDefinitionName: ROLE.owner, principalType: "ForeignGroup" });
      expect(runRule(rule, inv(g)).findings[0]!.message).toMatch(/^Foreign group "/);
    });

    it("uses the principal id when the principal could not be resolved", () => {
      const a = roleAssignment({
        scope: SUB,
        roleDefinitionName: ROLE.owner,
        principalId: "77777777-0000-4000-8000-000000000000",
      });
      expect(runRule(rule, inv(a)).findings[0]!.message).toContain('"77777777-0000-4000-8000-000000000000"');
    });

    it("gives the same fingerprint for one assignment seen twice with different id casing", () => {
      const a = roleAssignment({ scope: SUB, roleDefinitionName: ROLE.owner });
      const f1 = runRule(rule, inv(a)).findings[0]!;
      const f2 = runRule(rule, inv({ ...a, id: a.id.toUpperCase(), scope: a.scope.toUpperCase() })).findings[0]!;
      expect(f1.fingerprint).toBe(f2.fingerprint);
    });
  });

  it("is skipped with the reason when role definitions are unavailable", () => {
    const { run } = runRule(rule, unavailable(inv(), "roleDefinitions", "403 on roleDefinitions/read"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toContain("roleDefinitions unavailable: 403");
  });

  describe("eligible, conditioned and group-held assignments", () => {
    const USER = "eeeeeeee-0000-4000-8000-000000000001";
    const GROUP = "eeeeeeee-0000-4000-8000-000000000002";
    const INNER = "eeeeeeee-0000-4000-8000-000000000003";
    const SP = "eeeeeeee-0000-4000-8000-000000000004";
    const CONSTRAINED =
      "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7}))";

    it("flags an eligible Owner at a management group one step lower (high), saying eligible", () => {
      const e = roleEligibility({ scope: MG, roleDefinitionName: ROLE.owner, principalId: USER });
      const { findings } = runRule(rule, inventory({ roleDefinitions: builtins, roleEligibilities: [e] }));
      expect(findings.map((f) => f.severity)).toEqual(["high"]);
      expect(findings[0]!.message).toContain(`is eligible (PIM) to activate Owner at management group scope ${MG}`);
      expect(findings[0]!.evidence).toMatchObject({ eligible: true });
    });

    it("judges a User Access Administrator constrained to assigning Reader one step lower, the condition in the evidence", () => {
      const uaa = (condition: string | null) =>
        roleAssignment({
          scope: SUB,
          roleDefinitionName: ROLE.userAccessAdministrator,
          principalId: USER,
          principalType: "User",
          condition,
        });
      const [constrained] = runRule(
        rule,
        inventory({ roleDefinitions: builtins, roleAssignments: [uaa(CONSTRAINED)] }),
      ).findings;
      expect(constrained!.severity).toBe("medium");
      expect(constrained!.evidence).toMatchObject({ condition: CONSTRAINED });
      const [open] = runRule(rule, inventory({ roleDefinitions: builtins, roleAssignments: [uaa(null)] })).findings;
      expect(open!.severity).toBe("high");
      // a condition azaudit cannot read does not lower anything
      const [other] = runRule(
        rule,
        inventory({ roleDefinitions: builtins, roleAssignments: [uaa("@Resource[x] StringEquals 'y'")] }),
      ).findings;
      expect(other!.severity).toBe("high");
    });

    it("lists a group's transitive members, with their path, in the group's one finding", () => {
      const owner = roleAssignment({
        scope: SUB,
        roleDefinitionName: ROLE.owner,
        principalId: GROUP,
        principalType: "Group",
      });
      const { findings } = runRule(
        rule,
        inventory({
          roleDefinitions: builtins,
          roleAssignments: [owner],
          principals: [
            principal({ id: GROUP, type: "group", displayName: "Platform Admins", servicePrincipalType: null }),
            principal({ id: SP, displayName: "deployer" }),
            principal({ id: USER, type: "user", displayName: "Ann", servicePrincipalType: null }),
          ],
          groups: [
            group({
              id: GROUP,
              displayName: "Platform Admins",
              members: [
                [INNER, "group"],
                [USER, "user"],
              ],
            }),
            group({ id: INNER, displayName: "Ops", members: [[SP, "servicePrincipal"]] }),
          ],
        }),
      );
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence.members).toEqual([
        "Ann (user)",
        `${INNER} (group)`,
        "deployer (servicePrincipal) via group Ops",
      ]);
    });
  });
});
