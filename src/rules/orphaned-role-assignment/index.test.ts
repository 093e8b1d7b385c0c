import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  inventory,
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
const pid = (n: number) => `cccccccc-0000-4000-8000-${n.toString().padStart(12, "0")}`;
const defs = [
  roleDefinition({
    name: ROLE.owner,
    roleName: "Owner",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }],
  }),
  roleDefinition({
    name: ROLE.reader,
    roleName: "Reader",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] }],
  }),
];
const alive = principal({
  id: pid(1),
  type: "user",
  displayName: "Ann",
  userType: "Member",
  servicePrincipalType: null,
});
const assign = (n: number, p: Partial<RoleAssignment> = {}) =>
  roleAssignment({ scope: SUB, roleDefinitionName: ROLE.owner, principalId: pid(n), principalType: "User", ...p });
const inv = (assignments: RoleAssignment[], principals: Principal[]) =>
  inventory({ roleDefinitions: defs, roleAssignments: assignments, principals });

describe("orphaned-role-assignment", () => {
  describe("valid", () => {
    it("passes assignments to live, enabled principals", () => {
      const group = principal({
        id: pid(2),
        type: "group",
        displayName: "ops",
        accountEnabled: null,
        servicePrincipalType: null,
      });
      const { findings, run } = runRule(rule, inv([assign(1), assign(2, { principalType: "Group" })], [alive, group]));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(2);
    });

    it("passes when ARM says Unknown but the directory resolves the principal", () => {
      expect(runRule(rule, inv([assign(1, { principalType: "Unknown" })], [alive])).findings).toEqual([]);
    });

    it("matches principal ids whatever their casing", () => {
      expect(runRule(rule, inv([assign(1, { principalId: pid(1).toUpperCase() })], [alive])).findings).toEqual([]);
    });

    it("reports only the cases asked for", () => {
      const deleted = principal({
        id: pid(3),
        found: false,
        type: "unknown",
        displayName: null,
        accountEnabled: null,
        servicePrincipalType: null,
      });
      expect(runRule(rule, inv([assign(3), assign(4)], [deleted]), { cases: ["disabled"] }).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags an assignment to a deleted principal, with the exact message", () => {
      const deleted = principal({
        id: pid(3),
        found: false,
        type: "unknown",
        displayName: null,
        accountEnabled: null,
        servicePrincipalType: null,
      });
      const { findings } = runRule(rule, inv([assign(3)], [deleted]));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.messageId).toBe("deleted");
      expect(findings[0]!.severity).toBe("medium");
      expect(findings[0]!.message).toBe(
        `Owner at subscription scope ${SUB} is assigned to User ${pid(3)}, which no longer exists in the directory.`,
      );
      expect(findings[0]!.evidence).toMatchObject({ case: "deleted", principalFound: false, roleName: "Owner" });
    });

    it("flags an assignment to a disabled user, naming it", () => {
      const blocked = principal({
        id: pid(5),
        type: "user",
        displayName: "Leaver Lee",
        userType: "Member",
        accountEnabled: false,
        userPrincipalName: "lee@contoso.com",
        servicePrincipalType: null,
      });
      const { findings } = runRule(rule, inv([assign(5, { scope: RG, roleDefinitionName: ROLE.reader })], [blocked]));
      expect(findings[0]!.messageId).toBe("disabled");
      expect(findings[0]!.message).toBe(
        `Reader at resource group scope ${RG} is assigned to disabled user "Leaver Lee": re-enabling the account restores the access.`,
      );
      expect(findings[0]!.compliance).toEqual(
        expect.arrayContaining(["CIS Azure 5.0.0 5.3.5", "CIS Azure 6.0.0 5.3.5"]),
      );
    });

    it("flags a disabled service principal", () => {
      const sp = principal({ id: pid(6), displayName: "old-etl", accountEnabled: false });
      const { findings } = runRule(rule, inv([assign(6, { principalType: "ServicePrincipal" })], [sp]));
      expect(findings[0]!.message).toContain('disabled service principal "old-etl"');
    });

    it("flags a principal missing from the principals section, and an untyped one ARM calls Unknown", () => {
      const odd = principal({
        id: pid(8),
        type: "unknown",
        displayName: null,
        accountEnabled: null,
        servicePrincipalType: null,
      });
      const { findings } = runRule(
        rule,
        inv([assign(7, { principalType: "Unknown", scope: "/" }), assign(8, { principalType: "Unknown" })], [odd]),
      );
      expect(findings.map((f) => f.messageId)).toEqual(["unknown", "unknown"]);
      expect(findings[0]!.message).toBe(
        `Owner at tenant root scope / is assigned to principal ${pid(7)} (type Unknown), which could not be resolved in the directory.`,
      );
      expect(findings[0]!.evidence.principalFound).toBeNull();
    });

    it("names a built-in role from the reference data, and a custom one by its GUID, when role definitions are unavailable", () => {
      const gone = (n: number) =>
        principal({
          id: pid(n),
          found: false,
          type: "unknown",
          displayName: null,
          accountEnabled: null,
          servicePrincipalType: null,
        });
      const custom = "0f0f0f0f-1111-4222-8333-444444444444";
      const { findings, run } = runRule(
        rule,
        unavailable(inv([assign(3), assign(4, { roleDefinitionName: custom })], [gone(3), gone(4)]), "roleDefinitions"),
      );
      expect(run.status).toBe("ran");
      expect(findings.map((f) => f.evidence.roleName).sort()).toEqual([custom, "Owner"].sort());
      expect(findings.find((f) => f.evidence.roleName === "Owner")!.message).toContain("Owner at subscription scope");
      expect(findings.find((f) => f.evidence.roleName === custom)!.message).toContain(
        `${custom} at subscription scope`,
      );
    });

    it("keeps one fingerprint for the assignment as its principal goes from disabled to deleted", () => {
      const a = assign(5);
      const f1 = runRule(rule, inv([a], [principal({ id: pid(5), type: "user", accountEnabled: false })])).findings[0]!;
      const f2 = runRule(
        rule,
        inv([{ ...a, id: a.id.toUpperCase() }], [principal({ id: pid(5), found: false, type: "unknown" })]),
      ).findings[0]!;
      expect(f1.messageId).toBe("disabled");
      expect(f2.messageId).toBe("deleted");
      expect(f2.fingerprint).toBe(f1.fingerprint);
    });
  });

  it("is skipped with the reason when principals are unavailable (never reports everything as unknown)", () => {
    const { run, findings } = runRule(
      rule,
      unavailable(inv([assign(1)], []), "principals", "Graph 403: Directory.Read.All missing"),
    );
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("principals unavailable: Graph 403: Directory.Read.All missing");
    expect(findings).toEqual([]);
  });
});
