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
  servicePrincipal,
  SUB_ID,
  unavailable,
  workload,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";
import type { RoleAssignment, ServicePrincipal, Workload } from "../../inventory/types.ts";

const SUB = `/subscriptions/${SUB_ID}`;
const RG = `${SUB}/resourceGroups/rg-app`;
const MG = "/providers/Microsoft.Management/managementGroups/platform";
const SYS_ID = "dddddddd-0000-4000-8000-000000000001";
const UA_ID = "dddddddd-0000-4000-8000-000000000002";
const APP_ID = "dddddddd-0000-4000-8000-000000000003";
const WEB = `${RG}/providers/Microsoft.Web/sites/web-billing`;
const UA = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy`;
const CUSTOM_ADMIN = "aaaaaaaa-0000-4000-8000-000000000001";
const perms = (actions: string[], notActions: string[] = []) => [
  { actions, notActions, dataActions: [], notDataActions: [] },
];
const defs = [
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
const sps: ServicePrincipal[] = [
  servicePrincipal({
    id: SYS_ID,
    displayName: "web-billing",
    servicePrincipalType: "ManagedIdentity",
    managedIdentityResourceId: WEB,
  }),
  servicePrincipal({
    id: UA_ID,
    displayName: "id-deploy",
    servicePrincipalType: "ManagedIdentity",
    managedIdentityResourceId: UA,
  }),
  servicePrincipal({ id: APP_ID, displayName: "ci-app", servicePrincipalType: "Application" }),
];
const carriers: Workload[] = [
  workload({
    type: "Microsoft.Compute/virtualMachines",
    name: "vm-build",
    identity: {
      type: "SystemAssigned, UserAssigned",
      principalId: null,
      tenantId: null,
      userAssignedIdentities: { [UA.toUpperCase()]: { principalId: UA_ID, clientId: null } },
    },
  }),
  workload({
    type: "Microsoft.Web/sites",
    name: "func-deploy",
    identity: {
      type: "UserAssigned",
      principalId: null,
      tenantId: null,
      userAssignedIdentities: { [UA]: { principalId: UA_ID, clientId: null } },
    },
  }),
];
const assign = (scope: string, role: string, principalId: string) =>
  roleAssignment({ scope, roleDefinitionName: role, principalId, principalType: "ServicePrincipal" });
const inv = (assignments: RoleAssignment[], workloads: Workload[] = []) =>
  inventory({ roleDefinitions: defs, roleAssignments: assignments, servicePrincipals: sps, workloads });

describe("managed-identity-privileged", () => {
  describe("valid", () => {
    it("passes privileged roles at resource group and resource scope (not counted as subjects)", () => {
      const { findings, run } = runRule(
        rule,
        inv([assign(RG, ROLE.owner, SYS_ID), assign(WEB, ROLE.contributor, SYS_ID), assign(SUB, ROLE.reader, SYS_ID)]),
      );
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes an application service principal with Owner (privileged-role-broad-scope covers it)", () => {
      expect(runRule(rule, inv([assign(SUB, ROLE.owner, APP_ID)])).findings).toEqual([]);
    });

    it("passes an allow-listed identity, matching its id case-insensitively", () => {
      expect(
        runRule(rule, inv([assign(SUB, ROLE.owner, SYS_ID)]), { allowPrincipalIds: [SYS_ID.toUpperCase()] }).findings,
      ).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags a system-assigned identity with Contributor at subscription scope, naming the workload", () => {
      const { findings } = runRule(rule, inv([assign(SUB, ROLE.contributor, SYS_ID)]));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.message).toBe(
        `Managed identity "web-billing" (system-assigned identity of Microsoft.Web/sites "web-billing") holds Contributor at subscription scope ${SUB}: any code that runs with this identity can change or delete every resource across it.`,
      );
      expect(findings[0]!.evidence).toMatchObject({
        roleClass: "contributor",
        identityKind: "systemAssigned",
        managedIdentityResourceId: WEB,
        attachedWorkloads: [],
      });
    });

    it("flags a user-assigned identity with Owner at a management group, listing the workloads that carry it (any id casing)", () => {
      const { findings } = runRule(rule, inv([assign(MG, ROLE.owner, UA_ID)], carriers));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        `Managed identity "id-deploy" (user-assigned identity "id-deploy", attached to vm-build, func-deploy) holds Owner at management group scope ${MG}: any code that runs with this identity can grant any role to anyone, itself included, across it.`,
      );
      expect(findings[0]!.evidence.identityKind).toBe("userAssigned");
      expect((findings[0]!.evidence.attachedWorkloads as string[]).length).toBe(2);
    });

    it("flags User Access Administrator at root and an owner-equivalent custom role", () => {
      const { findings } = runRule(
        rule,
        inv([assign("/", ROLE.userAccessAdministrator, SYS_ID), assign(SUB, CUSTOM_ADMIN, UA_ID)]),
      );
      expect(findings.map((f) => [f.evidence.roleClass, f.evidence.scopeLevel])).toEqual([
        ["userAccessAdministrator", "root"],
        ["ownerEquivalent", "subscription"],
      ]);
    });

    it("matches principal and role ids whatever their casing", () => {
      const a = assign(SUB, ROLE.owner.toUpperCase(), SYS_ID.toUpperCase());
      expect(runRule(rule, inv([a])).findings).toHaveLength(1);
    });

    it("recognises a managed identity through principals when its service principal was not collected", () => {
      const id = "dddddddd-0000-4000-8000-000000000009";
      const i = inventory({
        roleDefinitions: defs,
        roleAssignments: [assign(SUB, ROLE.owner, id)],
        servicePrincipals: sps,
        principals: [principal({ id, displayName: "orphan-mi", servicePrincipalType: "ManagedIdentity" })],
      });
      const { findings } = runRule(rule, i);
      expect(findings[0]!.message).toContain('Managed identity "orphan-mi" (an unknown resource) holds Owner');
    });

    it("keeps the fingerprint stable across renames and id casing", () => {
      const a = assign(SUB, ROLE.owner, SYS_ID);
      const f1 = runRule(rule, inv([a])).findings[0]!;
      const renamed = inventory({
        roleDefinitions: defs,
        roleAssignments: [{ ...a, id: a.id.toUpperCase(), scope: a.scope.toUpperCase() }],
        servicePrincipals: [{ ...sps[0]!, displayName: "web-billing-v2" }],
      });
      expect(runRule(rule, renamed).findings[0]!.fingerprint).toBe(f1.fingerprint);
    });
  });

  it("is skipped with the reason when service principals are unavailable", () => {
    const { run } = runRule(
      rule,
      unavailable(
        inv([assign(SUB, ROLE.owner, SYS_ID)]),
        "servicePrincipals",
        "Graph 403: Application.Read.All missing",
      ),
    );
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("servicePrincipals unavailable: Graph 403: Application.Read.All missing");
  });

  describe("through groups and PIM", () => {
    const GROUP = "cccccccc-0000-4000-8000-000000000001";
    const groups = [group({ id: GROUP, displayName: "Platform Admins", members: [[SYS_ID, "servicePrincipal"]] })];
    const principals = [
      principal({ id: SYS_ID, displayName: "web-billing", servicePrincipalType: "ManagedIdentity" }),
      principal({ id: GROUP, type: "group", displayName: "Platform Admins", servicePrincipalType: null }),
    ];
    const toGroup = (role: string) =>
      roleAssignment({ scope: SUB, roleDefinitionName: role, principalId: GROUP, principalType: "Group" });

    it("flags a managed identity holding Owner through a group, naming the group", () => {
      const { findings } = runRule(
        rule,
        inventory({
          roleDefinitions: defs,
          roleAssignments: [toGroup(ROLE.owner)],
          servicePrincipals: sps,
          principals,
          groups,
        }),
      );
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain(`holds Owner at subscription scope ${SUB} via group Platform Admins:`);
      expect(findings[0]!.evidence).toMatchObject({ via: ["Platform Admins"], assignedTo: GROUP, principalId: SYS_ID });
    });

    it("passes a managed identity in a group holding Reader", () => {
      const { findings } = runRule(
        rule,
        inventory({
          roleDefinitions: defs,
          roleAssignments: [toGroup(ROLE.reader)],
          servicePrincipals: sps,
          principals,
          groups,
        }),
      );
      expect(findings).toEqual([]);
    });

    it("flags an eligible Contributor one step lower (medium), saying eligible", () => {
      const { findings } = runRule(
        rule,
        inventory({
          roleDefinitions: defs,
          roleAssignments: [],
          servicePrincipals: sps,
          principals,
          roleEligibilities: [
            roleEligibility({
              scope: SUB,
              roleDefinitionName: ROLE.contributor,
              principalId: SYS_ID,
              principalType: "ServicePrincipal",
            }),
          ],
        }),
      );
      expect(findings.map((f) => [f.severity, f.evidence.eligible])).toEqual([["medium", true]]);
      expect(findings[0]!.message).toContain("is eligible (PIM) to activate Contributor");
    });
  });
});
