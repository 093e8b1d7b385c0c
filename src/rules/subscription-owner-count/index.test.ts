import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  group,
  inventory,
  roleEligibility,
  managementGroup,
  principal,
  ROLE,
  roleAssignment,
  roleDefinition,
  SUB_ID,
  subscription,
  TENANT_ID,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";
import type { Inventory, Principal, RoleAssignment } from "../../inventory/types.ts";

const SUB = `/subscriptions/${SUB_ID}`;
const ROOT_MG = managementGroup({ name: TENANT_ID, displayName: "Tenant Root Group", parentId: null });
const PLATFORM = managementGroup({ name: "platform", parentId: ROOT_MG.id });
const LANDING = managementGroup({ name: "landing-zones", parentId: PLATFORM.id });
const defs = [
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
      { actions: ["*"], notActions: ["Microsoft.Authorization/*/Write"], dataActions: [], notDataActions: [] },
    ],
  }),
];

const pid = (n: number) => `aaaaaaaa-0000-4000-8000-${n.toString().padStart(12, "0")}`;
function user(n: number, p: Partial<Principal> = {}): Principal {
  return principal({
    id: pid(n),
    type: "user",
    displayName: `user${n}`,
    userType: "Member",
    servicePrincipalType: null,
    ...p,
  });
}
function owner(scope: string, n: number, p: Partial<RoleAssignment> = {}): RoleAssignment {
  return roleAssignment({ scope, roleDefinitionName: ROLE.owner, principalId: pid(n), principalType: "User", ...p });
}
function inv(assignments: RoleAssignment[], principals: Principal[] = [1, 2, 3, 4, 5].map((n) => user(n))): Inventory {
  return inventory({
    subscriptions: [subscription({ displayName: "prod", managementGroupId: LANDING.id })],
    managementGroups: [ROOT_MG, PLATFORM, LANDING],
    roleDefinitions: defs,
    roleAssignments: assignments,
    principals,
  });
}

describe("subscription-owner-count", () => {
  describe("valid", () => {
    it("passes exactly 2 and exactly 3 direct owners", () => {
      const two = runRule(rule, inv([owner(SUB, 1), owner(SUB, 2)]));
      expect(two.findings).toEqual([]);
      expect(two.run.subjectsChecked).toBe(1);
      expect(runRule(rule, inv([owner(SUB, 1), owner(SUB, 2), owner(SUB, 3)])).findings).toEqual([]);
    });

    it("counts a principal holding Owner at the subscription and a management group once", () => {
      expect(runRule(rule, inv([owner(SUB, 1), owner(PLATFORM.id, 1), owner(SUB, 2), owner("/", 3)])).findings).toEqual(
        [],
      );
    });

    it("counts an owner inherited from a management group two levels up", () => {
      expect(runRule(rule, inv([owner(SUB, 1), owner(PLATFORM.id, 2)])).findings).toEqual([]);
    });

    it("counts a group as one owner", () => {
      const group = principal({ id: pid(9), type: "group", displayName: "sub-admins", servicePrincipalType: null });
      expect(
        runRule(rule, inv([owner(SUB, 1), owner(SUB, 9, { principalType: "Group" })], [user(1), group])).findings,
      ).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags a single direct owner as medium, with the exact message", () => {
      const { findings } = runRule(
        rule,
        inv([
          owner(SUB, 1),
          roleAssignment({
            scope: SUB,
            roleDefinitionName: ROLE.contributor,
            principalId: pid(2),
            principalType: "User",
          }),
        ]),
      );
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("medium");
      expect(findings[0]!.message).toBe('Subscription "prod" has 1 owner (user1 (User, direct)), fewer than 2.');
      expect(findings[0]!.evidence).toMatchObject({
        ownerCount: 1,
        directOwnerCount: 1,
        inheritedOwnerCount: 0,
        inheritanceResolved: true,
        ownerPrincipalIds: [pid(1)],
      });
      expect(findings[0]!.compliance).toEqual(
        expect.arrayContaining([
          "CIS Azure 5.0.0 5.27",
          "CIS Azure 6.0.0 5.7",
          "Azure Policy: There should be more than one owner assigned to your subscription",
        ]),
      );
    });

    it("does not judge a subscription whose role assignments (or a scope above it) could not be read", () => {
      for (const gapScope of [SUB.toUpperCase(), LANDING.id]) {
        const i = inv([owner(SUB, 1)]);
        if (i.roleAssignments.status === "ok")
          i.roleAssignments.gaps = [{ scope: gapScope, reason: "403 AuthorizationFailed" }];
        const { findings, run } = runRule(rule, i);
        expect(findings).toEqual([]);
        expect(run.subjectsChecked).toBe(0);
      }
      const other = inv([owner(SUB, 1)]);
      if (other.roleAssignments.status === "ok")
        other.roleAssignments.gaps = [{ scope: "/subscriptions/ffffffff-0000-4000-8000-000000000000", reason: "403" }];
      expect(runRule(rule, other).findings).toHaveLength(1);
    });

    it("flags a subscription with no owner at all", () => {
      const { findings } = runRule(rule, inv([]));
      expect(findings[0]!.message).toBe('Subscription "prod" has 0 owners (none), fewer than 2.');
    });

    it("flags 4 owners when the fourth is inherited from the tenant root group and root scope", () => {
      const { findings } = runRule(rule, inv([owner(SUB, 1), owner(SUB, 2), owner(LANDING.id, 3), owner("/", 4)]));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.messageId).toBe("tooMany");
      expect(findings[0]!.message).toBe(
        `Subscription "prod" has 4 owners (user1 (User, direct); user2 (User, direct); user3 (User, inherited from ${LANDING.id}); user4 (User, inherited from /)), more than 3.`,
      );
      expect(findings[0]!.evidence).toMatchObject({
        directOwnerCount: 2,
        inheritedOwnerCount: 2,
        managementGroupChain: [LANDING.id, PLATFORM.id, ROOT_MG.id],
      });
    });

    it("follows the chain and scopes whatever their casing and trailing slashes", () => {
      const i = inv([
        owner(SUB.toUpperCase(), 1),
        owner(ROOT_MG.id.toUpperCase(), 2),
        owner(`${PLATFORM.id}/`, 3),
        owner(PLATFORM.id, 4),
      ]);
      const sub = { ...subscription({ displayName: "prod", managementGroupId: LANDING.id.toUpperCase() }) };
      const { findings } = runRule(rule, { ...i, subscriptions: { status: "ok", items: [sub] } });
      expect(findings[0]!.evidence.ownerCount).toBe(4);
    });

    it("ignores inherited owners with countInherited false, saying so", () => {
      const { findings } = runRule(rule, inv([owner(SUB, 1), owner(PLATFORM.id, 2)]), { countInherited: false });
      expect(findings[0]!.message).toBe(
        'Subscription "prod" has 1 owner (user1 (User, direct)), fewer than 2 (direct assignments only).',
      );
    });

    it("does not count deleted or disabled owners, listing them in the evidence", () => {
      const principals = [user(1), user(2, { found: false, displayName: null }), user(3, { accountEnabled: false })];
      const { findings } = runRule(rule, inv([owner(SUB, 1), owner(SUB, 2), owner(SUB, 3)], principals));
      expect(findings[0]!.evidence).toMatchObject({ ownerCount: 1, excludedPrincipalIds: [pid(3), pid(2)].sort() });
    });

    it("does not count Owner at a resource group", () => {
      expect(
        runRule(rule, inv([owner(SUB, 1), owner(`${SUB}/resourceGroups/rg`, 2)])).findings[0]!.evidence.ownerCount,
      ).toBe(1);
    });

    it("honours minOwners and maxOwners at their edges", () => {
      const three = inv([owner(SUB, 1), owner(SUB, 2), owner(SUB, 3)]);
      expect(runRule(rule, three, { maxOwners: 2 }).findings[0]!.message).toContain("has 3 owners (");
      expect(runRule(rule, three, { minOwners: 4, maxOwners: 5 }).findings[0]!.messageId).toBe("tooFew");
      expect(runRule(rule, three, { minOwners: 3, maxOwners: 3 }).findings).toEqual([]);
    });

    it("still counts what it can see when management groups are unavailable, and says so", () => {
      const { findings, run } = runRule(
        rule,
        unavailable(inv([owner(SUB, 1), owner(LANDING.id, 2), owner(PLATFORM.id, 3)]), "managementGroups"),
      );
      expect(run.status).toBe("ran");
      // The subscription's own management group is known; the chain above it is not.
      expect(findings).toEqual([]);
      const one = runRule(rule, unavailable(inv([owner(SUB, 1), owner(PLATFORM.id, 3)]), "managementGroups"))
        .findings[0]!;
      expect(one.evidence.inheritanceResolved).toBe(false);
      expect(one.message).toBe(
        'Subscription "prod" has 1 owner (user1 (User, direct)), fewer than 2 (owners inherited from management groups above the subscription could not all be seen).',
      );
    });

    it("keeps the fingerprint stable across renames and owner changes", () => {
      const a = runRule(rule, inv([owner(SUB, 1)])).findings[0]!;
      const renamed = inv([owner(SUB, 2)]);
      const b = runRule(rule, {
        ...renamed,
        subscriptions: {
          status: "ok",
          items: [subscription({ displayName: "prod-renamed", managementGroupId: LANDING.id })],
        },
      }).findings[0]!;
      expect(b.fingerprint).toBe(a.fingerprint);
    });
  });

  describe("break-glass allow-list and inactive subscriptions", () => {
    const four = () => [owner(SUB, 1), owner(SUB, 2), owner(SUB, 3), owner(SUB, 4)];

    it("does not count allowed owners toward either limit, listing them in the evidence", () => {
      expect(runRule(rule, inv(four())).findings.map((f) => f.messageId)).toEqual(["tooMany"]);
      const allowed = runRule(rule, inv(four()), { allowPrincipalIds: [pid(4).toUpperCase()] });
      expect(allowed.findings).toEqual([]);
      // A break-glass account is not day-to-day ownership: alone with one owner, it is still too few.
      const few = runRule(rule, inv([owner(SUB, 1), owner(SUB, 4)]), { allowPrincipalIds: [pid(4)] }).findings;
      expect(few.map((f) => [f.messageId, f.evidence.allowedPrincipalIds])).toEqual([["tooFew", [pid(4)]]]);
    });

    it.each(["Disabled", "Warned", "Deleted"])("does not judge a subscription in state %s", (state) => {
      const i = inv(four());
      if (i.subscriptions.status === "ok") i.subscriptions.items[0]!.state = state;
      expect(runRule(rule, i)).toMatchObject({ findings: [], run: { subjectsChecked: 0 } });
    });

    it("rejects minOwners above maxOwners, and accepts them equal", () => {
      expect(rule.checkOptions!({ ...rule.defaultOptions, minOwners: 4, maxOwners: 3 })).toEqual([
        {
          path: "/minOwners",
          message: "minOwners (4) is above maxOwners (3): every subscription would fail",
          expected: "a minOwners of at most 3",
        },
      ]);
      expect(rule.checkOptions!({ ...rule.defaultOptions, minOwners: 3, maxOwners: 3 })).toEqual([]);
    });
  });

  it("is skipped with the reason when role assignments are unavailable", () => {
    const { run } = runRule(rule, unavailable(inv([]), "roleAssignments", "403 on roleAssignments/read"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("roleAssignments unavailable: 403 on roleAssignments/read");
  });

  describe("groups and PIM eligible owners", () => {
    const GROUP = pid(100);
    const NESTED = pid(101);
    const people = [1, 2, 3, 4, 5].map((n) => user(n));
    const groupPrincipals = [
      principal({ id: GROUP, type: "group", displayName: "Platform Admins", servicePrincipalType: null }),
      principal({ id: NESTED, type: "group", displayName: "Ops", servicePrincipalType: null }),
    ];
    const groups = [
      group({
        id: GROUP,
        displayName: "Platform Admins",
        members: [
          [NESTED, "group"],
          [pid(1), "user"],
          [pid(2), "user"],
        ],
      }),
      group({
        id: NESTED,
        displayName: "Ops",
        members: [
          [pid(3), "user"],
          [pid(1), "user"],
        ],
      }),
    ];
    const withGroups = (assignments: RoleAssignment[], extra: Parameters<typeof inventory>[0] = {}) =>
      inventory({
        subscriptions: [subscription({ displayName: "prod", managementGroupId: LANDING.id })],
        managementGroups: [ROOT_MG, PLATFORM, LANDING],
        roleDefinitions: defs,
        roleAssignments: assignments,
        principals: [...people, ...groupPrincipals],
        groups,
        ...extra,
      });
    const groupOwner = owner(SUB, 100, { principalType: "Group" });

    it("counts the people behind an Owner group, nested groups followed, each once, naming the path", () => {
      const { findings } = runRule(rule, withGroups([groupOwner, owner(SUB, 4)]));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.messageId).toBe("tooMany");
      expect(findings[0]!.evidence.ownerCount).toBe(4);
      expect(findings[0]!.message).toContain("user3 (User, direct, via group Ops in Platform Admins)");
      expect(findings[0]!.evidence.ownerPaths).toContain("user1, via group Platform Admins");
    });

    it("counts the group as one owner with groups: count-as-one", () => {
      const { findings } = runRule(rule, withGroups([groupOwner, owner(SUB, 4)]), { groups: "count-as-one" });
      expect(findings).toEqual([]);
    });

    it("counts a group whose members could not be read as one owner", () => {
      const inv = withGroups([groupOwner], {
        groups: [group({ id: GROUP, displayName: "Platform Admins", members: null })],
      });
      const { findings } = runRule(rule, inv);
      expect(findings[0]!.messageId).toBe("tooFew");
      expect(findings[0]!.evidence.ownerCount).toBe(1);
    });

    it("counts PIM eligible owners by default, marked eligible, and not with countEligible: false", () => {
      const eligible = [4, 5].map((n) =>
        roleEligibility({ scope: SUB, roleDefinitionName: ROLE.owner, principalId: pid(n), principalType: "User" }),
      );
      const inv = withGroups([owner(SUB, 1), owner(SUB, 2)], { roleEligibilities: eligible });
      const counted = runRule(rule, inv).findings;
      expect(counted[0]!.messageId).toBe("tooMany");
      expect(counted[0]!.message).toContain("user4 (User, direct, PIM eligible)");
      expect(counted[0]!.evidence.eligibleOwnerCount).toBe(2);
      expect(runRule(rule, inv, { countEligible: false }).findings).toEqual([]);
    });
  });
});
