import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  appPermissionGrant,
  certificate,
  inventory,
  servicePrincipal,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";
import type { KeyCredential, ServicePrincipal } from "../../inventory/types.ts";

const SP_ID = "cccccccc-0000-4000-8000-000000000001";
const APP_ID = "cccccccc-0000-4000-8000-0000000000a1";
const THUMB = "8C1F0A3B5D7E9F11223344556677889900AABBCC";
const EXCHANGE = "00000002-0000-0ff1-ce00-000000000000";
const FULL_ACCESS_AS_APP = "dc890d15-9560-4a4c-9b7f-a736ec74ec40";

const key = (p: Partial<KeyCredential>) =>
  certificate({ endDateTime: "2029-01-01T00:00:00Z", customKeyIdentifier: THUMB, ...p });
const signPair = () => [
  key({ keyId: "11111111-0000-4000-8000-000000000001", usage: "Sign", displayName: "CN=Azure Federated SSO" }),
  key({ keyId: "11111111-0000-4000-8000-000000000002", usage: "Verify", displayName: "CN=Azure Federated SSO" }),
];
const sp = (p: Partial<ServicePrincipal>) =>
  servicePrincipal({ id: SP_ID, appId: APP_ID, displayName: "Mailbox Archiver", ...p });

describe("service-principal-certificate", () => {
  describe("valid", () => {
    it("passes the SAML signing pair of an enterprise app set up for SAML", () => {
      const saml = sp({ preferredSingleSignOnMode: "saml", keyCredentials: signPair() });
      const { findings, run } = runRule(rule, inventory({ servicePrincipals: [saml] }));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes managed identities, allow-listed apps and expired certificates", () => {
      const mi = sp({ servicePrincipalType: "ManagedIdentity", keyCredentials: [key({ usage: "Verify" })] });
      expect(runRule(rule, inventory({ servicePrincipals: [mi] })).findings).toEqual([]);
      const allowed = sp({ keyCredentials: [key({ usage: "Verify" })] });
      expect(
        runRule(rule, inventory({ servicePrincipals: [allowed] }), { allowAppIds: [APP_ID.toUpperCase()] }).findings,
      ).toEqual([]);
      const expired = sp({ keyCredentials: [key({ usage: "Verify", endDateTime: "2020-01-01T00:00:00Z" })] });
      expect(runRule(rule, inventory({ servicePrincipals: [expired] })).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags a certificate added to a service principal, with its evidence", () => {
      const added = sp({ keyCredentials: [key({ keyId: "22222222-0000-4000-8000-000000000001", usage: "Verify" })] });
      const { findings } = runRule(rule, inventory({ servicePrincipals: [added] }));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.message).toContain('holds certificate "');
      expect(findings[0]!.evidence).toMatchObject({
        keyId: "22222222-0000-4000-8000-000000000001",
        usage: "Verify",
        customKeyIdentifier: THUMB,
        preferredSingleSignOnMode: null,
        privileges: [],
      });
    });

    it("flags a Sign/Verify pair on a service principal that is not set up for SAML", () => {
      const notSaml = sp({ preferredSingleSignOnMode: null, keyCredentials: signPair() });
      expect(runRule(rule, inventory({ servicePrincipals: [notSaml] })).findings).toHaveLength(2);
    });

    it("flags a certificate beside the SAML pair, and a pair whose identifiers differ", () => {
      const extra = key({ keyId: "33333333-0000-4000-8000-000000000001", usage: "Verify", customKeyIdentifier: "FF" });
      const withExtra = sp({ preferredSingleSignOnMode: "saml", keyCredentials: [...signPair(), extra] });
      const { findings } = runRule(rule, inventory({ servicePrincipals: [withExtra] }));
      expect(findings.map((f) => f.evidence.keyId)).toEqual(["33333333-0000-4000-8000-000000000001"]);
      const [sign, verify] = signPair();
      const mismatched = sp({
        preferredSingleSignOnMode: "saml",
        keyCredentials: [sign!, { ...verify!, customKeyIdentifier: "0000" }],
      });
      expect(runRule(rule, inventory({ servicePrincipals: [mismatched] })).findings).toHaveLength(2);
    });

    it("is critical when the service principal holds a privileged permission, certificates being its only credential", () => {
      const holder = sp({ keyCredentials: [key({ usage: "Verify" })] });
      const grant = appPermissionGrant({
        principalId: SP_ID,
        appRoleId: FULL_ACCESS_AS_APP,
        resourceAppId: EXCHANGE,
        resourceDisplayName: "Office 365 Exchange Online",
      });
      const { findings } = runRule(rule, inventory({ servicePrincipals: [holder], appPermissionGrants: [grant] }));
      expect(findings[0]!.severity).toBe("critical");
      expect(findings[0]!.evidence.privileges).toEqual(["Office 365 Exchange Online permission full_access_as_app"]);
      expect(findings[0]!.message).toContain("and it holds Office 365 Exchange Online permission full_access_as_app");
    });

    it("says when the privilege sections could not be read", () => {
      const holder = sp({ keyCredentials: [key({ usage: "Verify" })] });
      const inv = unavailable(inventory({ servicePrincipals: [holder] }), "appPermissionGrants");
      const { findings } = runRule(rule, inv);
      expect(findings[0]!.evidence.privilegesComplete).toBe(false);
    });
  });
});
