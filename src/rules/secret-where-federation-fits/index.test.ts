import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  app,
  certificate,
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
const RG = `${SUB}/resourceGroups/rg-app`;
const APP_ID = "aaaaaaaa-0000-4000-8000-00000000000a";
const SP_ID = "bbbbbbbb-0000-4000-8000-00000000000b";

const federated = {
  id: "f-1",
  name: "github-main",
  issuer: "https://token.actions.githubusercontent.com",
  subject: "repo:contoso/app:ref:refs/heads/main",
  audiences: ["api://AzureADTokenExchange"],
};

function setup(
  appOver: Parameters<typeof app>[0] = {},
  spOver: Parameters<typeof servicePrincipal>[0] = {},
  assignments = [roleAssignment({ scope: RG, roleDefinitionName: ROLE.contributor, principalId: SP_ID })],
) {
  return inventory({
    applications: [
      app({
        id: "app-obj",
        appId: APP_ID,
        displayName: "deployer",
        passwordCredentials: [secret({ keyId: "s-1" })],
        federatedIdentityCredentials: [],
        ...appOver,
      }),
    ],
    servicePrincipals: [servicePrincipal({ id: SP_ID, appId: APP_ID, displayName: "deployer", ...spOver })],
    roleAssignments: assignments,
    roleDefinitions: [roleDefinition({ name: ROLE.contributor, roleName: "Contributor", roleType: "BuiltInRole" })],
  });
}

describe("secret-where-federation-fits", () => {
  describe("valid", () => {
    it("passes an app that already has a federated credential", () => {
      const { findings, run } = runRule(rule, setup({ federatedIdentityCredentials: [federated] }));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("does not judge an app whose federated credentials could not be read (null)", () => {
      expect(runRule(rule, setup({ federatedIdentityCredentials: null })).findings).toEqual([]);
    });

    it("passes an app with certificates only, or with only an expired secret", () => {
      expect(runRule(rule, setup({ passwordCredentials: [], keyCredentials: [certificate()] })).findings).toEqual([]);
      expect(
        runRule(rule, setup({ passwordCredentials: [secret({ endDateTime: "2026-06-01T00:00:00Z" })] })).findings,
      ).toEqual([]);
    });

    it("passes an app whose service principal holds no Azure role, or that has no service principal", () => {
      expect(runRule(rule, setup({}, {}, [])).findings).toEqual([]);
      const noSp = inventory({
        applications: [app({ appId: APP_ID, passwordCredentials: [secret()] })],
        roleAssignments: [roleAssignment({ scope: SUB, roleDefinitionName: ROLE.owner, principalId: SP_ID })],
      });
      expect(runRule(rule, noSp).findings).toEqual([]);
    });

    it("does not count a SAML signing certificate's private-key password as a secret", () => {
      const inv = setup(
        { passwordCredentials: [] },
        {
          keyCredentials: [certificate({ keyId: "sign", usage: "Sign" })],
          passwordCredentials: [secret({ keyId: "sign" })],
        },
      );
      expect(runRule(rule, inv).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags an app with a secret, Contributor on a resource group and no federated credential, with the facts in the message", () => {
      const { findings, run } = runRule(rule, setup());
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        `App registration "deployer" signs in with 1 client secret(s) and its service principal holds 1 Azure role assignment(s) (Contributor at ${RG}), but it has no federated identity credential: workload identity federation or a managed identity would remove the secret.`,
      );
      expect(findings[0]!.severity).toBe("medium");
      expect(findings[0]!.confidence).toBe("medium");
      expect(findings[0]!.resource.id).toBe("entra/applications/app-obj");
      expect(findings[0]!.evidence).toMatchObject({
        appId: APP_ID,
        servicePrincipalId: SP_ID,
        appSecretKeyIds: ["s-1"],
        servicePrincipalSecretKeyIds: [],
      });
      expect(run.subjectsFailing).toBe(1);
    });

    it("flags a secret held only on the service principal, matching ids whatever their casing", () => {
      const inv = setup(
        { appId: APP_ID.toUpperCase(), passwordCredentials: [] },
        { passwordCredentials: [secret({ keyId: "sp-s" })] },
        [roleAssignment({ scope: SUB, roleDefinitionName: ROLE.reader, principalId: SP_ID.toUpperCase() })],
      );
      const { findings } = runRule(rule, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence.servicePrincipalSecretKeyIds).toEqual(["sp-s"]);
      // Reader is not in the inventory's definitions: its name comes from the built-in reference data.
      expect(findings[0]!.message).toContain(`(Reader at ${SUB})`);
    });

    it("names three roles and counts the rest; falls back to the GUID for an unknown custom role", () => {
      const custom = "cccccccc-0000-4000-8000-00000000000c";
      const assignments = [ROLE.contributor, ROLE.reader, ROLE.owner, custom].map((r) =>
        roleAssignment({ scope: SUB, roleDefinitionName: r, principalId: SP_ID }),
      );
      const { findings } = runRule(rule, setup({}, {}, assignments));
      expect(findings[0]!.message).toContain(`(Contributor at ${SUB}; Reader at ${SUB}; Owner at ${SUB}; and 1 more)`);
      expect(findings[0]!.evidence.roleAssignments).toContain(`${custom} at ${SUB}`);
    });

    it("still runs when role definitions are unavailable (names only)", () => {
      const { findings, run } = runRule(rule, unavailable(setup(), "roleDefinitions"));
      expect(run.status).toBe("ran");
      expect(findings[0]!.message).toContain(`(Contributor at ${RG})`);
    });
  });

  it("is skipped with the reason when role assignments could not be collected", () => {
    const { run } = runRule(
      rule,
      unavailable(setup(), "roleAssignments", "403 on Microsoft.Authorization/roleAssignments/read"),
    );
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("roleAssignments unavailable: 403 on Microsoft.Authorization/roleAssignments/read");
  });

  it("keeps the fingerprint stable across renames, new secrets and new roles", () => {
    const a = runRule(rule, setup()).findings[0]!;
    const b = runRule(
      rule,
      setup({ id: "APP-OBJ", displayName: "renamed", passwordCredentials: [secret(), secret()] }, {}, [
        roleAssignment({ scope: SUB, roleDefinitionName: ROLE.owner, principalId: SP_ID }),
      ]),
    ).findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});
