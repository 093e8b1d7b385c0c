import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  app,
  appPermissionGrant,
  certificate,
  directoryRoleAssignment,
  directoryRoleEligibility,
  group,
  inventory,
  ROLE,
  roleAssignment,
  roleDefinition,
  secret,
  servicePrincipal,
  SUB_ID,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

// collectedAt (the rule's "now") is 2026-06-01T00:00:00Z.
const SUB = `/subscriptions/${SUB_ID}`;
const MG = "/providers/Microsoft.Management/managementGroups/platform";
const APP_ID = "aaaaaaaa-0000-4000-8000-00000000000a";
const SP_ID = "bbbbbbbb-0000-4000-8000-00000000000b";
const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
const EXCHANGE_ADMIN = "29232cdf-9323-42fd-ade2-1d097af3e4de";
const ROLE_MGMT_RW_DIR = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8";
const MAIL_READ = "810c84a8-4a9e-49e6-bf7d-12d183f40d01";
const CUSTOM_ADMIN = "cccccccc-0000-4000-8000-00000000000c";

const definitions = [
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
];

type Sections = Parameters<typeof inventory>[0];

function setup(
  sections: Sections = {},
  appOver: Parameters<typeof app>[0] = {},
  spOver: Parameters<typeof servicePrincipal>[0] = {},
) {
  return inventory({
    applications: [
      app({
        appId: APP_ID,
        displayName: "automation",
        passwordCredentials: [secret({ keyId: "s-1", displayName: "ci", endDateTime: "2026-12-01T00:00:00Z" })],
        ...appOver,
      }),
    ],
    servicePrincipals: [servicePrincipal({ id: SP_ID, appId: APP_ID, displayName: "automation", ...spOver })],
    roleDefinitions: definitions,
    ...sections,
  });
}

const ownerAtSub = () => roleAssignment({ scope: SUB, roleDefinitionName: ROLE.owner, principalId: SP_ID });

describe("privileged-identity-with-secret", () => {
  describe("valid", () => {
    it("passes Owner held at resource group scope (below the subscription)", () => {
      const { findings, run } = runRule(
        rule,
        setup({
          roleAssignments: [
            roleAssignment({ scope: `${SUB}/resourceGroups/rg`, roleDefinitionName: ROLE.owner, principalId: SP_ID }),
          ],
        }),
      );
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes non-privileged roles and permissions: Reader, Exchange Administrator (high, not tier 0), Mail.Read", () => {
      const inv = setup({
        roleAssignments: [roleAssignment({ scope: SUB, roleDefinitionName: ROLE.reader, principalId: SP_ID })],
        directoryRoleAssignments: [directoryRoleAssignment({ principalId: SP_ID, roleDefinitionId: EXCHANGE_ADMIN })],
        appPermissionGrants: [appPermissionGrant({ principalId: SP_ID, appRoleId: MAIL_READ })],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("passes a privileged principal that signs in with a certificate only, or whose only secret has expired", () => {
      expect(
        runRule(
          rule,
          setup({ roleAssignments: [ownerAtSub()] }, { passwordCredentials: [], keyCredentials: [certificate()] }),
        ).findings,
      ).toEqual([]);
      expect(
        runRule(
          rule,
          setup(
            { roleAssignments: [ownerAtSub()] },
            { passwordCredentials: [secret({ endDateTime: "2026-06-01T00:00:00Z" })] },
          ),
        ).findings,
      ).toEqual([]);
    });

    it("passes a Tier-0 directory role scoped to an administrative unit, and a Tier-0 app role id on a non-Graph API", () => {
      const inv = setup({
        directoryRoleAssignments: [
          directoryRoleAssignment({
            principalId: SP_ID,
            roleDefinitionId: GLOBAL_ADMIN,
            directoryScopeId: "/administrativeUnits/au-1",
          }),
        ],
        appPermissionGrants: [
          appPermissionGrant({
            principalId: SP_ID,
            appRoleId: ROLE_MGMT_RW_DIR,
            resourceAppId: "11111111-2222-4333-8444-555555555555",
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("does not count the SAML signing certificate's private-key password, and skips managed identities", () => {
      const saml = setup(
        { roleAssignments: [ownerAtSub()] },
        { passwordCredentials: [] },
        {
          keyCredentials: [certificate({ keyId: "sign", usage: "Sign" })],
          passwordCredentials: [secret({ keyId: "sign" })],
        },
      );
      expect(runRule(rule, saml).findings).toEqual([]);
      const mi = inventory({
        servicePrincipals: [
          servicePrincipal({ id: SP_ID, servicePrincipalType: "ManagedIdentity", passwordCredentials: [secret()] }),
        ],
        roleAssignments: [ownerAtSub()],
      });
      const { findings, run } = runRule(rule, mi);
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(0);
    });
  });

  describe("invalid", () => {
    it("flags Owner at subscription scope with an app secret, as critical, with the facts in the message", () => {
      const { findings, run } = runRule(rule, setup({ roleAssignments: [ownerAtSub()] }));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        `Service principal "automation" (appId ${APP_ID}) holds Azure Owner at subscription ${SUB} and signs in with 1 client secret(s): "ci" on the app registration (expires 2026-12-01).`,
      );
      expect(findings[0]!.severity).toBe("critical");
      expect(findings[0]!.resource.id).toBe(`entra/servicePrincipals/${SP_ID}`);
      expect(run.subjectsFailing).toBe(1);
    });

    it("combines Azure, Entra and Graph privileges and both secret locations into one finding", () => {
      const inv = setup(
        {
          roleAssignments: [roleAssignment({ scope: MG, roleDefinitionName: CUSTOM_ADMIN, principalId: SP_ID })],
          directoryRoleAssignments: [
            directoryRoleAssignment({ principalId: SP_ID, roleDefinitionId: GLOBAL_ADMIN.toUpperCase() }),
          ],
          appPermissionGrants: [appPermissionGrant({ principalId: SP_ID, appRoleId: ROLE_MGMT_RW_DIR })],
        },
        {},
        { passwordCredentials: [secret({ keyId: "sp-s", displayName: null, endDateTime: null })] },
      );
      const { findings } = runRule(rule, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence).toMatchObject({
        azureRoles: [`Azure Platform Admin at management group ${MG}`],
        entraRoles: ["Entra role Global Administrator"],
        graphPermissions: ["Graph permission RoleManagement.ReadWrite.Directory"],
        appSecretKeyIds: ["s-1"],
        servicePrincipalSecretKeyIds: ["sp-s"],
      });
      expect(findings[0]!.message).toContain(
        '2 client secret(s): "ci" on the app registration (expires 2026-12-01), "(unnamed)" on the service principal (no end date)',
      );
    });

    it("flags User Access Administrator at the tenant root held by a vendor's service principal with a secret on the service principal", () => {
      const inv = inventory({
        servicePrincipals: [
          servicePrincipal({
            id: SP_ID,
            appOwnerOrganizationId: "99999999-9999-4999-8999-999999999999",
            passwordCredentials: [secret()],
          }),
        ],
        roleAssignments: [
          roleAssignment({
            scope: "/",
            roleDefinitionName: ROLE.userAccessAdministrator,
            principalId: SP_ID.toUpperCase(),
          }),
        ],
      });
      const { findings } = runRule(rule, inv);
      expect(findings.map((f) => f.evidence.azureRoles)).toEqual([
        ["Azure User Access Administrator at tenant root /"],
      ]);
    });

    it("matches the Graph permission by app role id when the grant's resource app is unresolved", () => {
      const inv = setup({
        appPermissionGrants: [
          appPermissionGrant({ principalId: SP_ID, appRoleId: ROLE_MGMT_RW_DIR.toUpperCase(), resourceAppId: null }),
        ],
      });
      expect(runRule(rule, inv).findings).toHaveLength(1);
    });

    it("lowers severity to high when the service principal is disabled", () => {
      const { findings } = runRule(rule, setup({ roleAssignments: [ownerAtSub()] }, {}, { accountEnabled: false }));
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.evidence.accountEnabled).toBe(false);
    });
  });

  it("is skipped with the reason when directory role assignments could not be collected", () => {
    const { run, findings } = runRule(
      rule,
      unavailable(
        setup({ roleAssignments: [ownerAtSub()] }),
        "directoryRoleAssignments",
        "Graph 403: RoleManagement.Read.Directory missing",
      ),
    );
    expect(findings).toEqual([]);
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("directoryRoleAssignments unavailable: Graph 403: RoleManagement.Read.Directory missing");
  });

  it("keeps one fingerprint per service principal across renames and new privileges, and a new one for a new secret", () => {
    const existing = secret();
    const a = runRule(rule, setup({ roleAssignments: [ownerAtSub()] }, { passwordCredentials: [existing] }))
      .findings[0]!;
    const b = runRule(
      rule,
      setup(
        {
          roleAssignments: [ownerAtSub()],
          appPermissionGrants: [appPermissionGrant({ principalId: SP_ID, appRoleId: ROLE_MGMT_RW_DIR })],
        },
        { passwordCredentials: [{ ...existing, keyId: existing.keyId.toUpperCase() }] },
        { id: SP_ID.toUpperCase(), displayName: "renamed" },
      ),
    ).findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
    // A second secret is a new way in: a new finding, so a baseline or a dismissal of the first cannot hide it.
    const c = runRule(rule, setup({ roleAssignments: [ownerAtSub()] }, { passwordCredentials: [existing, secret()] }))
      .findings[0]!;
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });

  describe("through groups and PIM", () => {
    const GROUP = "dddddddd-0000-4000-8000-00000000000d";
    const INNER = "dddddddd-0000-4000-8000-00000000000e";
    const groups = [
      group({ id: GROUP, displayName: "Platform Admins", members: [[INNER, "group"]] }),
      group({ id: INNER, displayName: "Automation", members: [[SP_ID, "servicePrincipal"]] }),
    ];

    it("flags a service principal with a secret that holds Owner through nested groups, naming the path, as critical", () => {
      const owner = roleAssignment({
        scope: SUB,
        roleDefinitionName: ROLE.owner,
        principalId: GROUP,
        principalType: "Group",
      });
      const { findings } = runRule(rule, setup({ roleAssignments: [owner], groups }));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("critical");
      expect(findings[0]!.message).toContain(
        `Azure Owner at subscription ${SUB} via group Automation in Platform Admins`,
      );
    });

    it("flags an eligible Global Administrator one step lower (high), saying eligible", () => {
      const eligible = directoryRoleEligibility({ principalId: SP_ID, roleDefinitionId: GLOBAL_ADMIN });
      const { findings } = runRule(rule, setup({ directoryRoleEligibilities: [eligible] }));
      expect(findings.map((f) => f.severity)).toEqual(["high"]);
      expect(findings[0]!.message).toContain("Entra role Global Administrator (PIM eligible)");
    });

    it("passes a service principal whose groups hold only Reader", () => {
      const reader = roleAssignment({
        scope: SUB,
        roleDefinitionName: ROLE.reader,
        principalId: GROUP,
        principalType: "Group",
      });
      expect(runRule(rule, setup({ roleAssignments: [reader], groups })).findings).toEqual([]);
    });
  });
});
