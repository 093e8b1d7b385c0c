import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  app,
  appPermissionGrant,
  certificate,
  inventory,
  principal,
  ROLE,
  roleAssignment,
  roleDefinition,
  secret,
  servicePrincipal,
  SUB_ID,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

const APP_ID = "a1a1a1a1-0000-4000-8000-000000000001";
const SP_ID = "b1b1b1b1-0000-4000-8000-000000000001";
const OWNER_ID = "d1d1d1d1-0000-4000-8000-000000000001";
const SUB = `/subscriptions/${SUB_ID}`;
const sp = servicePrincipal({ id: SP_ID, appId: APP_ID, displayName: "billing-sync" });
const owner = roleDefinition({
  name: ROLE.owner,
  roleName: "Owner",
  roleType: "BuiltInRole",
  permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }],
});
const reader = roleDefinition({
  name: ROLE.reader,
  roleName: "Reader",
  roleType: "BuiltInRole",
  permissions: [{ actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] }],
});
const APPLICATION_READWRITE_ALL = "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9";
const USER_READ_ALL = "df021288-bdef-4463-88db-98f22de89214";

describe("app-without-owner", () => {
  describe("valid", () => {
    it("passes an app with credentials and an owner", () => {
      const { findings, run } = runRule(
        rule,
        inventory({ applications: [app({ appId: APP_ID, owners: [OWNER_ID], passwordCredentials: [secret()] })] }),
      );
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes an ownerless app with no credentials and no privileges (Reader, unclassified Graph permission)", () => {
      const inv = inventory({
        applications: [app({ appId: APP_ID, owners: [] })],
        servicePrincipals: [sp],
        appPermissionGrants: [appPermissionGrant({ principalId: SP_ID, appRoleId: USER_READ_ALL })],
        roleDefinitions: [reader],
        roleAssignments: [roleAssignment({ scope: SUB, roleDefinitionName: ROLE.reader, principalId: SP_ID })],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("does not judge an app whose owners could not be read (null)", () => {
      expect(
        runRule(rule, inventory({ applications: [app({ owners: null, passwordCredentials: [secret()] })] })).findings,
      ).toEqual([]);
    });

    it("treats owners the principals section does not know as live", () => {
      const inv = inventory({
        applications: [
          app({ owners: [OWNER_ID, "d1d1d1d1-0000-4000-8000-000000000002"], passwordCredentials: [secret()] }),
        ],
        principals: [principal({ id: OWNER_ID, type: "user", found: false })],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags an ownerless app with a secret and a certificate, with the exact message", () => {
      const a = app({
        appId: APP_ID,
        displayName: "billing-sync",
        owners: [],
        passwordCredentials: [secret(), secret()],
        keyCredentials: [certificate()],
      });
      const { findings } = runRule(rule, inventory({ applications: [a] }));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("low");
      expect(findings[0]!.message).toBe(
        'App registration "billing-sync" has no owner, yet it holds 2 client secrets, 1 certificate: nobody is accountable for its credentials and access.',
      );
      expect(findings[0]!.evidence).toMatchObject({ ownersState: "none", passwordCredentials: 2, keyCredentials: 1 });
    });

    it("counts an expired secret (it can be renewed by anyone who can edit the app)", () => {
      const a = app({ owners: [], passwordCredentials: [secret({ endDateTime: "2020-01-01T00:00:00Z" })] });
      expect(runRule(rule, inventory({ applications: [a] })).findings).toHaveLength(1);
    });

    it("flags an ownerless app whose service principal holds a Tier-0 Graph permission, matching appId and ids case-insensitively", () => {
      const inv = inventory({
        applications: [app({ appId: APP_ID.toUpperCase(), displayName: "billing-sync", owners: [] })],
        servicePrincipals: [sp],
        appPermissionGrants: [
          appPermissionGrant({
            principalId: SP_ID.toUpperCase(),
            appRoleId: APPLICATION_READWRITE_ALL,
            permission: "Application.ReadWrite.All",
          }),
        ],
      });
      const { findings } = runRule(rule, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain("yet it holds Microsoft Graph Application.ReadWrite.All:");
    });

    it("flags an ownerless app whose service principal holds Owner at resource group scope (any scope counts)", () => {
      const inv = inventory({
        applications: [app({ appId: APP_ID, owners: [] })],
        servicePrincipals: [sp],
        roleDefinitions: [owner],
        roleAssignments: [
          roleAssignment({
            scope: `${SUB}/resourceGroups/rg-billing`,
            roleDefinitionName: ROLE.owner,
            principalId: SP_ID,
          }),
        ],
      });
      const { findings } = runRule(rule, inv);
      expect(findings[0]!.evidence.azureRoles).toEqual([`Owner @ ${SUB}/resourceGroups/rg-billing`]);
    });

    it("flags an app whose only owners are deleted or disabled, with the same fingerprint as having none", () => {
      const disabledId = "d1d1d1d1-0000-4000-8000-000000000002";
      const a = app({
        appId: APP_ID,
        displayName: "billing-sync",
        owners: [OWNER_ID, disabledId],
        passwordCredentials: [secret()],
      });
      const inv = inventory({
        applications: [a],
        principals: [
          principal({ id: OWNER_ID.toUpperCase(), type: "user", found: false }),
          principal({ id: disabledId, type: "user", accountEnabled: false }),
        ],
      });
      const { findings } = runRule(rule, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        `App registration "billing-sync" has only deleted or disabled owners (${OWNER_ID}, ${disabledId}), yet it holds 1 client secret: nobody is accountable for its credentials and access.`,
      );
      const none = runRule(rule, inventory({ applications: [{ ...a, owners: [], displayName: "renamed" }] }))
        .findings[0]!;
      expect(none.fingerprint).toBe(findings[0]!.fingerprint);
    });

    it("still judges credentials when the enrichment sections are unavailable", () => {
      let inv = inventory({ applications: [app({ owners: [], keyCredentials: [certificate()] })] });
      for (const s of [
        "servicePrincipals",
        "appPermissionGrants",
        "roleAssignments",
        "roleDefinitions",
        "principals",
      ] as const)
        inv = unavailable(inv, s);
      expect(runRule(rule, inv).findings).toHaveLength(1);
    });
  });

  it("is skipped with the reason when applications are unavailable", () => {
    const { run } = runRule(rule, unavailable(inventory(), "applications", "403 Application.Read.All missing"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("applications unavailable: 403 Application.Read.All missing");
  });
});
