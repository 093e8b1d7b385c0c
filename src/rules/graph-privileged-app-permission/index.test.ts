import { describe, expect, it } from "vitest";
import { MICROSOFT_TENANTS } from "../../classification/microsoft-tenants.ts";
import rule from "./index.ts";

const MICROSOFT_TENANT_ID = MICROSOFT_TENANTS[0]!.id;
import {
  appPermissionGrant,
  inventory,
  servicePrincipal,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
const PERM = {
  roleManagementReadWriteDirectory: "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", // tier0
  applicationReadWriteAll: "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9", // tier0
  applicationReadWriteOwnedBy: "18a4783c-866b-4cc7-a460-3d5e5662c884", // high
  userReadAll: "df021288-bdef-4463-88db-98f22de89214", // unclassified
} as const;

const SP_ID = "5a5a5a5a-0000-4000-8000-000000000001";
const deployBot = servicePrincipal({
  id: SP_ID,
  displayName: "deploy-bot",
  appId: "6b6b6b6b-0000-4000-8000-000000000001",
});

describe("graph-privileged-app-permission", () => {
  describe("valid", () => {
    it("passes unclassified and high-tier permissions by default", () => {
      const inv = inventory({
        appPermissionGrants: [
          appPermissionGrant({ principalId: SP_ID, appRoleId: PERM.userReadAll }),
          appPermissionGrant({ principalId: SP_ID, appRoleId: PERM.applicationReadWriteOwnedBy }),
        ],
      });
      const { findings, run } = runRule(rule, inv);
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(2);
    });

    it("passes a Tier-0 app role id granted on another API (not Microsoft Graph)", () => {
      const g = appPermissionGrant({
        principalId: SP_ID,
        appRoleId: PERM.roleManagementReadWriteDirectory,
        resourceAppId: "00000002-0000-0ff1-ce00-000000000000",
        resourceDisplayName: "Office 365 Exchange Online",
      });
      expect(runRule(rule, inventory({ appPermissionGrants: [g] })).findings).toEqual([]);
    });

    it("ignores the permission name: a Tier-0 name on an unclassified app role id does not fire", () => {
      const g = appPermissionGrant({
        principalId: SP_ID,
        appRoleId: PERM.userReadAll,
        permission: "RoleManagement.ReadWrite.Directory",
      });
      expect(runRule(rule, inventory({ appPermissionGrants: [g] })).findings).toEqual([]);
    });

    it("passes an allow-listed principal, matching its id case-insensitively", () => {
      const g = appPermissionGrant({ principalId: SP_ID, appRoleId: PERM.roleManagementReadWriteDirectory });
      expect(
        runRule(rule, inventory({ appPermissionGrants: [g] }), { allowPrincipalIds: [SP_ID.toUpperCase()] }).findings,
      ).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags RoleManagement.ReadWrite.Directory as critical with the exact message", () => {
      const g = appPermissionGrant({
        principalId: SP_ID,
        appRoleId: PERM.roleManagementReadWriteDirectory,
        permission: "RoleManagement.ReadWrite.Directory",
      });
      const { findings } = runRule(rule, inventory({ appPermissionGrants: [g], servicePrincipals: [deployBot] }));
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.severity).toBe("critical");
      expect(f.message).toBe(
        'Service principal "deploy-bot" holds the Microsoft Graph application permission RoleManagement.ReadWrite.Directory (Tier 0): Assigns any directory role, Global Administrator included, to a principal it controls.',
      );
      expect(f.resource).toEqual({
        id: `entra/servicePrincipals/${SP_ID}`,
        type: "Microsoft.Graph/servicePrincipals",
        displayName: "deploy-bot",
        subscriptionId: null,
      });
      expect(f.evidence).toMatchObject({
        appRoleId: PERM.roleManagementReadWriteDirectory,
        tier: "tier0",
        appId: deployBot.appId,
        microsoftFirstParty: false,
      });
      expect(f.compliance).toEqual(["MCSB PA-1", "MCSB PA-7"]);
    });

    it("matches the app role id case-insensitively and names the permission from the classification when unresolved", () => {
      const g = appPermissionGrant({
        principalId: SP_ID,
        appRoleId: PERM.applicationReadWriteAll.toUpperCase(),
        permission: null,
        principalDisplayName: "ci-app",
      });
      const { findings } = runRule(rule, inventory({ appPermissionGrants: [g] }));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain(
        '"ci-app" holds the Microsoft Graph application permission Application.ReadWrite.All (Tier 0)',
      );
      expect(findings[0]!.evidence.appRoleId).toBe(PERM.applicationReadWriteAll);
    });

    it("matches by app role id when the grant's resource appId is unresolved (null)", () => {
      const g = appPermissionGrant({
        principalId: SP_ID,
        appRoleId: PERM.roleManagementReadWriteDirectory,
        resourceAppId: null,
      });
      expect(runRule(rule, inventory({ appPermissionGrants: [g] })).findings).toHaveLength(1);
    });

    it("matches the Microsoft Graph appId in any casing", () => {
      const g = appPermissionGrant({
        principalId: SP_ID,
        appRoleId: PERM.roleManagementReadWriteDirectory,
        resourceAppId: GRAPH_APP_ID.toUpperCase(),
      });
      expect(runRule(rule, inventory({ appPermissionGrants: [g] })).findings).toHaveLength(1);
    });

    it("flags the high tier at severity high only with includeHighRisk", () => {
      const g = appPermissionGrant({ principalId: SP_ID, appRoleId: PERM.applicationReadWriteOwnedBy });
      const { findings } = runRule(rule, inventory({ appPermissionGrants: [g] }), { includeHighRisk: true });
      expect(findings.map((f) => [f.evidence.permission, f.severity])).toEqual([
        ["Application.ReadWrite.OwnedBy", "high"],
      ]);
      expect(findings[0]!.message).toContain("(high risk)");
    });

    it("leaves Mail, Files and Sites permissions to tenant-wide-data-app-permission, even with includeHighRisk", () => {
      const mailRead = "810c84a8-4a9e-49e6-bf7d-12d183f40d01";
      const g = appPermissionGrant({ principalId: SP_ID, appRoleId: mailRead });
      expect(runRule(rule, inventory({ appPermissionGrants: [g] }), { includeHighRisk: true }).findings).toEqual([]);
    });

    it("includes Microsoft first-party and managed-identity service principals, marking first-party ones", () => {
      const msSp = servicePrincipal({
        id: SP_ID,
        displayName: "Microsoft Graph PowerShell",
        appOwnerOrganizationId: MICROSOFT_TENANT_ID.toUpperCase(),
      });
      const miId = "5a5a5a5a-0000-4000-8000-000000000002";
      const mi = servicePrincipal({
        id: miId,
        displayName: "func-sync",
        servicePrincipalType: "ManagedIdentity",
        appOwnerOrganizationId: null,
      });
      const inv = inventory({
        servicePrincipals: [msSp, mi],
        appPermissionGrants: [
          appPermissionGrant({ principalId: SP_ID, appRoleId: PERM.applicationReadWriteAll }),
          appPermissionGrant({ principalId: miId, appRoleId: PERM.applicationReadWriteAll }),
        ],
      });
      const { findings } = runRule(rule, inv);
      expect(
        findings.map((f) => [f.resource.displayName, f.evidence.microsoftFirstParty, f.evidence.servicePrincipalType]),
      ).toEqual([
        ["Microsoft Graph PowerShell", true, "Application"],
        ["func-sync", false, "ManagedIdentity"],
      ]);
    });

    it("falls back to the principal id when neither the service principal nor a display name is known", () => {
      const g = appPermissionGrant({
        principalId: SP_ID,
        appRoleId: PERM.roleManagementReadWriteDirectory,
        principalDisplayName: null,
      });
      const { findings } = runRule(rule, unavailable(inventory({ appPermissionGrants: [g] }), "servicePrincipals"));
      expect(findings[0]!.message).toContain(`"${SP_ID}"`);
      expect(findings[0]!.evidence.microsoftFirstParty).toBeNull();
    });

    it("gives one finding per permission, with fingerprints stable across renames and id casing", () => {
      const a = appPermissionGrant({ principalId: SP_ID, appRoleId: PERM.roleManagementReadWriteDirectory });
      const b = appPermissionGrant({ principalId: SP_ID, appRoleId: PERM.applicationReadWriteAll });
      const first = runRule(rule, inventory({ appPermissionGrants: [a, b], servicePrincipals: [deployBot] })).findings;
      expect(first).toHaveLength(2);
      expect(new Set(first.map((f) => f.fingerprint)).size).toBe(2);
      const renamed = runRule(
        rule,
        inventory({
          appPermissionGrants: [
            {
              ...a,
              principalId: SP_ID.toUpperCase(),
              appRoleId: a.appRoleId.toUpperCase(),
              principalDisplayName: "renamed",
            },
          ],
        }),
      ).findings;
      expect(renamed[0]!.fingerprint).toBe(first[0]!.fingerprint);
    });
  });

  it("is skipped with the reason when app permission grants are unavailable", () => {
    const { run } = runRule(rule, unavailable(inventory(), "appPermissionGrants", "403 Application.Read.All missing"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("appPermissionGrants unavailable: 403 Application.Read.All missing");
  });
});
