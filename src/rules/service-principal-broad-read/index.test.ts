import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  group,
  inventory,
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
const MONITORING_READER = "43d0d8ad-25c7-4714-9337-8ba259a9fe05";
const SP_ID = "99999999-0000-4000-8000-000000000001";
const MI_ID = "99999999-0000-4000-8000-000000000002";

const defs = [
  roleDefinition({
    name: ROLE.reader,
    roleName: "Reader",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] }],
  }),
  roleDefinition({
    name: ROLE.owner,
    roleName: "Owner",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }],
  }),
  roleDefinition({
    name: "cccccccc-0000-4000-8000-000000000001",
    roleName: "Inventory Reader",
    permissions: [{ actions: ["*/read", "Microsoft.Support/*"], notActions: [], dataActions: [], notDataActions: [] }],
  }),
  roleDefinition({
    name: "cccccccc-0000-4000-8000-000000000002",
    roleName: "Storage Lister",
    permissions: [{ actions: ["Microsoft.Storage/*/read"], notActions: [], dataActions: [], notDataActions: [] }],
  }),
];
const principals = [
  principal({ id: SP_ID, displayName: "etl-job", servicePrincipalType: "Application" }),
  principal({ id: MI_ID, displayName: "func-billing", servicePrincipalType: "ManagedIdentity" }),
];

function inv(...assignments: ReturnType<typeof roleAssignment>[]) {
  return inventory({ roleDefinitions: defs, roleAssignments: assignments, principals });
}

describe("service-principal-broad-read", () => {
  describe("valid", () => {
    it("passes Reader at resource group and resource scope", () => {
      const { findings, run } = runRule(
        rule,
        inv(
          roleAssignment({ scope: RG, roleDefinitionName: ROLE.reader, principalId: SP_ID }),
          roleAssignment({
            scope: `${RG}/providers/Microsoft.Web/sites/web`,
            roleDefinitionName: ROLE.reader,
            principalId: SP_ID,
          }),
        ),
      );
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(2);
    });

    it("passes Reader held by a user or a group", () => {
      expect(
        runRule(
          rule,
          inv(
            roleAssignment({ scope: SUB, roleDefinitionName: ROLE.reader, principalType: "User" }),
            roleAssignment({ scope: MG, roleDefinitionName: ROLE.reader, principalType: "Group" }),
          ),
        ).findings,
      ).toEqual([]);
    });

    it("passes a read role limited to one provider, and Owner (left to privileged-role-broad-scope)", () => {
      const a = roleAssignment({
        scope: SUB,
        roleDefinitionName: "cccccccc-0000-4000-8000-000000000002",
        principalId: SP_ID,
      });
      const b = roleAssignment({ scope: SUB, roleDefinitionName: ROLE.owner, principalId: SP_ID });
      expect(runRule(rule, inv(a, b)).findings).toEqual([]);
    });

    it("passes an allow-listed scanner, matching its id case-insensitively", () => {
      const a = roleAssignment({ scope: SUB, roleDefinitionName: ROLE.reader, principalId: SP_ID });
      expect(runRule(rule, inv(a), { allowPrincipalIds: [SP_ID.toUpperCase()] }).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags Reader at subscription scope as low, with the exact message", () => {
      const { findings } = runRule(
        rule,
        inv(roleAssignment({ scope: SUB, roleDefinitionName: ROLE.reader, principalId: SP_ID })),
      );
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("low");
      expect(findings[0]!.message).toBe(
        `Service principal "etl-job" (application service principal) holds Reader at subscription scope ${SUB}: it can read every resource below it.`,
      );
      expect(findings[0]!.evidence).toMatchObject({
        roleClass: "readAll",
        scopeLevel: "subscription",
        principalName: "etl-job",
        servicePrincipalType: "Application",
      });
      expect(findings[0]!.compliance).toEqual(["MCSB PA-7"]);
    });

    it("flags a managed identity with a built-in read-everything role at a management group and at root", () => {
      const { findings } = runRule(
        rule,
        inv(
          roleAssignment({ scope: MG, roleDefinitionName: MONITORING_READER, principalId: MI_ID }),
          roleAssignment({ scope: "/", roleDefinitionName: ROLE.reader, principalId: MI_ID }),
        ),
      );
      expect(findings.map((f) => [f.evidence.scopeLevel, f.evidence.roleName])).toEqual([
        // not among the inventory's definitions: named from the built-in reference data
        ["managementGroup", "Monitoring Reader"],
        ["root", "Reader"],
      ]);
      expect(findings[0]!.message).toContain('"func-billing" (managed identity) holds');
      expect(findings[0]!.message).toContain("at management group scope");
    });

    it("flags a custom role that reads every provider", () => {
      const { findings } = runRule(
        rule,
        inv(
          roleAssignment({
            scope: SUB,
            roleDefinitionName: "CCCCCCCC-0000-4000-8000-000000000001",
            principalId: SP_ID,
          }),
        ),
      );
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence.roleName).toBe("Inventory Reader");
    });

    it("matches role definition ids and principal types whatever their casing", () => {
      const a = roleAssignment({
        scope: SUB,
        roleDefinitionName: ROLE.reader,
        principalId: SP_ID.toUpperCase(),
        principalType: "serviceprincipal",
      });
      const upper = {
        ...a,
        roleDefinitionId: `/SUBSCRIPTIONS/${SUB_ID}/PROVIDERS/Microsoft.Authorization/roleDefinitions/${ROLE.reader.toUpperCase()}`,
      };
      const { findings } = runRule(rule, inv(upper));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence.principalName).toBe("etl-job");
    });

    it("flags an unresolved or deleted service principal under its id", () => {
      const a = roleAssignment({
        scope: SUB,
        roleDefinitionName: ROLE.reader,
        principalId: "77777777-0000-4000-8000-000000000000",
      });
      const i = inventory({
        roleDefinitions: defs,
        roleAssignments: [a],
        principals: [principal({ id: a.principalId, found: false, displayName: null, servicePrincipalType: null })],
      });
      expect(runRule(rule, i).findings[0]!.message).toBe(
        `Service principal "77777777-0000-4000-8000-000000000000" (service principal) holds Reader at subscription scope ${SUB}: it can read every resource below it.`,
      );
    });

    it("flags by the directory's type when ARM's principalType is missing, and still runs without principals", () => {
      const a = roleAssignment({
        scope: SUB,
        roleDefinitionName: ROLE.reader,
        principalId: SP_ID,
        principalType: "Unknown",
      });
      expect(runRule(rule, inv(a)).findings).toHaveLength(1);
      const b = roleAssignment({ scope: SUB, roleDefinitionName: ROLE.reader });
      const { findings, run } = runRule(rule, unavailable(inv(b), "principals"));
      expect(run.status).toBe("ran");
      expect(findings).toHaveLength(1);
    });

    it("keeps the fingerprint stable across renames and id casing", () => {
      const a = roleAssignment({ scope: SUB, roleDefinitionName: ROLE.reader, principalId: SP_ID });
      const f1 = runRule(rule, inv(a)).findings[0]!;
      const renamed = inventory({
        roleDefinitions: defs,
        roleAssignments: [{ ...a, id: a.id.toUpperCase(), scope: a.scope.toUpperCase() }],
        principals: [principal({ id: SP_ID, displayName: "etl-job-v2" })],
      });
      expect(runRule(rule, renamed).findings[0]!.fingerprint).toBe(f1.fingerprint);
    });
  });

  it("is skipped with the reason when role assignments are unavailable", () => {
    const { run } = runRule(rule, unavailable(inv(), "roleAssignments", "403 on roleAssignments/read"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("roleAssignments unavailable: 403 on roleAssignments/read");
  });

  describe("through groups", () => {
    const GROUP = "cccccccc-0000-4000-8000-0000000000aa";
    const USER = "cccccccc-0000-4000-8000-0000000000bb";
    const groups = [
      group({
        id: GROUP,
        displayName: "Readers",
        members: [
          [SP_ID, "servicePrincipal"],
          [USER, "user"],
        ],
      }),
    ];
    const people = [
      ...principals,
      principal({ id: USER, type: "user", displayName: "Ann", servicePrincipalType: null }),
    ];
    const reader = roleAssignment({
      scope: SUB,
      roleDefinitionName: ROLE.reader,
      principalId: GROUP,
      principalType: "Group",
    });

    it("flags a service principal reading a subscription through a group, not the user beside it", () => {
      const { findings } = runRule(
        rule,
        inventory({ roleDefinitions: defs, roleAssignments: [reader], principals: people, groups }),
      );
      expect(findings.map((f) => f.evidence.principalId)).toEqual([SP_ID]);
      expect(findings[0]!.message).toContain("via group Readers");
      expect(findings[0]!.evidence).toMatchObject({ via: ["Readers"], assignedTo: GROUP });
    });

    it("passes the same group at resource group scope", () => {
      const narrow = { ...reader, scope: RG, scopeLevel: "resourceGroup" as const };
      expect(
        runRule(rule, inventory({ roleDefinitions: defs, roleAssignments: [narrow], principals: people, groups }))
          .findings,
      ).toEqual([]);
    });
  });
});
