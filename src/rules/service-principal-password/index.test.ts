import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  app,
  certificate,
  inventory,
  secret,
  servicePrincipal,
  TENANT_ID,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

// collectedAt (the rule's "now") is 2026-06-01T00:00:00Z.
const VENDOR_TENANT = "99999999-9999-4999-8999-999999999999";
const EXCHANGE_ONLINE_APP_ID = "00000002-0000-0ff1-ce00-000000000000";

describe("service-principal-password", () => {
  describe("valid", () => {
    it("passes a service principal whose secrets sit on the app registration only", () => {
      const a = app({ appId: "11111111-0000-4000-8000-000000000001", passwordCredentials: [secret()] });
      const { findings, run } = runRule(
        rule,
        inventory({ applications: [a], servicePrincipals: [servicePrincipal({ appId: a.appId })] }),
      );
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes certificates on the service principal (they are not passwords)", () => {
      expect(
        runRule(rule, inventory({ servicePrincipals: [servicePrincipal({ keyCredentials: [certificate()] })] }))
          .findings,
      ).toEqual([]);
    });

    it("passes the private-key password of a SAML token-signing certificate (same keyId as the Sign key, any casing)", () => {
      const sp = servicePrincipal({
        keyCredentials: [
          certificate({ keyId: "aaaa-sign", usage: "Sign" }),
          certificate({ keyId: "bbbb-verify", usage: "Verify" }),
        ],
        passwordCredentials: [secret({ keyId: "AAAA-SIGN", displayName: null })],
      });
      expect(runRule(rule, inventory({ servicePrincipals: [sp] })).findings).toEqual([]);
    });

    it("passes managed identities and does not count them as subjects", () => {
      const sp = servicePrincipal({ servicePrincipalType: "ManagedIdentity", passwordCredentials: [secret()] });
      const { findings, run } = runRule(rule, inventory({ servicePrincipals: [sp] }));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(0);
    });

    it("passes an expired password (credential-expired reports it) and allow-listed appIds, case-insensitively", () => {
      const expired = servicePrincipal({ passwordCredentials: [secret({ endDateTime: "2026-06-01T00:00:00Z" })] });
      const allowed = servicePrincipal({
        appId: "abcdefab-0000-4000-8000-000000000000",
        passwordCredentials: [secret()],
      });
      expect(
        runRule(rule, inventory({ servicePrincipals: [expired, allowed] }), {
          allowAppIds: ["ABCDEFAB-0000-4000-8000-000000000000"],
        }).findings,
      ).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags a password on a service principal of this tenant's app, with the facts in the message", () => {
      const sp = servicePrincipal({
        displayName: "billing",
        appId: "22222222-0000-4000-8000-000000000002",
        passwordCredentials: [secret({ keyId: "k-1", displayName: "sp-secret", endDateTime: "2027-06-01T00:00:00Z" })],
      });
      const { findings, run } = runRule(rule, inventory({ servicePrincipals: [sp] }));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        'Service principal "billing" (an app of this tenant, appId 22222222-0000-4000-8000-000000000002) holds client secret "sp-secret" (keyId k-1, expires 2027-06-01) on the service principal object itself, where the App registrations blade does not show it.',
      );
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.evidence).toMatchObject({
        ownership: "thisTenant",
        keyId: "k-1",
        appOwnerOrganizationId: TENANT_ID,
      });
      expect(run.subjectsFailing).toBe(1);
    });

    it("flags passwords on a vendor's multi-tenant app and on a Microsoft first-party service principal", () => {
      const sps = [
        servicePrincipal({
          displayName: "vendor",
          appOwnerOrganizationId: VENDOR_TENANT,
          passwordCredentials: [secret()],
        }),
        servicePrincipal({
          displayName: "Office 365 Exchange Online",
          appId: EXCHANGE_ONLINE_APP_ID,
          appOwnerOrganizationId: "F8CDEF31-A31E-4B4A-93E4-5F571E91255A",
          passwordCredentials: [secret({ endDateTime: null })],
        }),
      ];
      const { findings } = runRule(rule, inventory({ servicePrincipals: sps }));
      expect(findings.map((f) => [f.resource.displayName, f.evidence.ownership])).toEqual([
        ["vendor", "otherTenant"],
        ["Office 365 Exchange Online", "microsoft"],
      ]);
      expect(findings[1]!.message).toContain(
        "(a Microsoft first-party app, appId 00000002-0000-0ff1-ce00-000000000000)",
      );
      expect(findings[1]!.message).toContain("no end date");
    });

    it("flags the extra password next to a SAML signing certificate", () => {
      const sp = servicePrincipal({
        keyCredentials: [certificate({ keyId: "sign", usage: "Sign" })],
        passwordCredentials: [secret({ keyId: "sign" }), secret({ keyId: "added-later" })],
      });
      expect(runRule(rule, inventory({ servicePrincipals: [sp] })).findings.map((f) => f.evidence.keyId)).toEqual([
        "added-later",
      ]);
    });

    it("reports expired passwords when ignoreExpired is false, and unknown ownership without a tenant", () => {
      const sp = servicePrincipal({
        appOwnerOrganizationId: null,
        passwordCredentials: [secret({ endDateTime: "2026-01-01T00:00:00Z" })],
      });
      const { findings } = runRule(rule, inventory({ servicePrincipals: [sp] }), { ignoreExpired: false });
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence.ownership).toBe("unknown");
      expect(findings[0]!.message).toContain("expired 2026-01-01");
    });

    it("judges ownership as unknown, not foreign, when the tenant section is unavailable", () => {
      const sp = servicePrincipal({ passwordCredentials: [secret()] });
      const { findings, run } = runRule(rule, unavailable(inventory({ servicePrincipals: [sp] }), "tenant"));
      expect(run.status).toBe("ran");
      expect(findings[0]!.evidence.ownership).toBe("unknown");
    });
  });

  it("is skipped with the reason when service principals could not be collected", () => {
    const { run } = runRule(rule, unavailable(inventory(), "servicePrincipals", "Graph 403"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("servicePrincipals unavailable: Graph 403");
  });

  it("keeps the fingerprint stable across renames and id casing", () => {
    const s = secret({ keyId: "fixed" });
    const a = runRule(
      rule,
      inventory({
        servicePrincipals: [servicePrincipal({ id: "sp-1", displayName: "one", passwordCredentials: [s] })],
      }),
    ).findings[0]!;
    const b = runRule(
      rule,
      inventory({
        servicePrincipals: [servicePrincipal({ id: "SP-1", displayName: "two", passwordCredentials: [s] })],
      }),
    ).findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});
