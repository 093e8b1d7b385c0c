import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  app,
  certificate,
  inventory,
  secret,
  servicePrincipal,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

// collectedAt (the rule's "now") is 2026-06-01T00:00:00Z.
describe("credential-expired", () => {
  describe("valid", () => {
    it("passes a credential that ends one second after the scan", () => {
      const inv = inventory({
        applications: [app({ passwordCredentials: [secret({ endDateTime: "2026-06-01T00:00:01Z" })] })],
      });
      const { findings, run } = runRule(rule, inv);
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes credentials with no end date (never expire: app-secret-lifetime reports them)", () => {
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [secret({ endDateTime: null })],
            keyCredentials: [certificate({ endDateTime: null })],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("passes a credential expired within the grace period, one second short of it", () => {
      const inv = inventory({
        applications: [app({ passwordCredentials: [secret({ endDateTime: "2026-05-02T00:00:01Z" })] })],
      });
      expect(runRule(rule, inv, { graceDays: 30 }).findings).toEqual([]);
    });

    it("skips managed identities and Microsoft's first-party service principals", () => {
      const sps = [
        servicePrincipal({
          servicePrincipalType: "ManagedIdentity",
          keyCredentials: [certificate({ endDateTime: "2026-01-01T00:00:00Z" })],
        }),
        servicePrincipal({
          appOwnerOrganizationId: "72F988BF-86F1-41AF-91AB-2D7CD011DB47",
          keyCredentials: [certificate({ endDateTime: "2026-01-01T00:00:00Z" })],
        }),
      ];
      expect(runRule(rule, inventory({ servicePrincipals: sps })).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("is low on an enabled principal and info on a disabled one (nobody can sign in until it is re-enabled)", () => {
      const old = () => secret({ endDateTime: "2026-05-01T00:00:00Z" });
      const sev = (enabled: boolean) =>
        runRule(
          rule,
          inventory({
            applications: [app({ appId: "app-9", passwordCredentials: [old()] })],
            servicePrincipals: [servicePrincipal({ appId: "app-9", accountEnabled: enabled })],
          }),
        ).findings.map((f) => f.severity);
      expect(sev(true)).toEqual(["low"]);
      expect(sev(false)).toEqual(["info"]);
    });

    it("flags a secret that expired exactly at the scan time, with the facts in the message", () => {
      const inv = inventory({
        applications: [
          app({
            displayName: "billing",
            passwordCredentials: [secret({ keyId: "k-1", displayName: "old", endDateTime: "2026-06-01T00:00:00Z" })],
          }),
        ],
      });
      const { findings } = runRule(rule, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        'Client secret "old" (keyId k-1) on app registration "billing" expired on 2026-06-01 (0 days before the scan) and is still attached.',
      );
      expect(findings[0]!.severity).toBe("low");
      expect(findings[0]!.evidence).toMatchObject({ credentialType: "secret", daysExpired: 0, graceDays: 0 });
    });

    it("flags a credential expired exactly graceDays ago", () => {
      const inv = inventory({
        applications: [
          app({
            keyCredentials: [certificate({ keyId: "c", displayName: "CN=x", endDateTime: "2026-05-02T00:00:00Z" })],
          }),
        ],
      });
      const { findings } = runRule(rule, inv, { graceDays: 30 });
      expect(findings.map((f) => [f.evidence.keyId, f.evidence.daysExpired])).toEqual([["c", 30]]);
      expect(findings[0]!.message).toBe(
        'Certificate "CN=x" (keyId c) on app registration "payments-api" expired on 2026-05-02 (30 days before the scan) and is still attached.',
      );
    });

    it("flags expired credentials on a service principal, a SAML certificate once", () => {
      const dates = { startDateTime: "2023-01-01T00:00:00Z", endDateTime: "2026-01-01T00:00:00Z" };
      const sp = servicePrincipal({
        displayName: "saml-app",
        keyCredentials: [
          certificate({ keyId: "s", usage: "Sign", displayName: "CN=sso", ...dates }),
          certificate({ keyId: "v", usage: "Verify", displayName: "CN=sso", ...dates }),
        ],
        passwordCredentials: [
          secret({ keyId: "s", ...dates }),
          secret({ keyId: "extra", displayName: "backdoor", ...dates }),
        ],
      });
      const { findings } = runRule(rule, inventory({ servicePrincipals: [sp] }));
      expect(findings.map((f) => [f.evidence.keyId, f.evidence.credentialType, f.evidence.objectType])).toEqual([
        ["extra", "secret", "servicePrincipal"],
        ["v", "certificate", "servicePrincipal"],
      ]);
    });

    it("gives a secret and a certificate with the same keyId different fingerprints", () => {
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [secret({ keyId: "same", endDateTime: "2026-01-01T00:00:00Z" })],
            keyCredentials: [certificate({ keyId: "same", endDateTime: "2026-01-01T00:00:00Z" })],
          }),
        ],
      });
      const { findings } = runRule(rule, inv);
      expect(findings).toHaveLength(2);
      expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
    });
  });

  it("is skipped with the reason when applications could not be collected", () => {
    const { run } = runRule(rule, unavailable(inventory(), "applications", "Graph 403"));
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("applications unavailable: Graph 403");
  });

  it("keeps the fingerprint stable across renames and the passing of time", () => {
    const s = secret({ keyId: "fixed", endDateTime: "2026-01-01T00:00:00Z" });
    const a = runRule(
      rule,
      inventory({
        servicePrincipals: [servicePrincipal({ id: "sp-1", displayName: "one", passwordCredentials: [s] })],
      }),
    ).findings[0]!;
    const b = runRule(
      rule,
      inventory(
        { servicePrincipals: [servicePrincipal({ id: "SP-1", displayName: "two", passwordCredentials: [s] })] },
        "2027-01-01T00:00:00Z",
      ),
    ).findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});
