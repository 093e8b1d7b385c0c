import { describe, expect, it } from "vitest";
import type { CredentialSignIn, Inventory } from "../../inventory/types.ts";
import rule from "./index.ts";
import { app, certificate, inventory, secret, servicePrincipal } from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

// collectedAt (the rule's "now") is 2026-06-01T00:00:00Z; 90 days before is 2026-03-03.
const KEY = "aaaaaaaa-0000-4000-8000-000000000001";
const old = (p: Parameters<typeof secret>[0] = {}) =>
  secret({ keyId: KEY, startDateTime: "2025-01-01T00:00:00Z", endDateTime: "2027-01-01T00:00:00Z", ...p });

function withActivity(inv: Inventory, items: Partial<CredentialSignIn>[]): Inventory {
  return {
    ...inv,
    credentialSignIns: {
      status: "ok",
      items: items.map((i) => ({
        keyId: KEY,
        appId: null,
        credentialOrigin: "application",
        keyType: "secret",
        lastSignInDateTime: null,
        ...i,
      })),
    },
  };
}

describe("credential-unused", () => {
  describe("valid", () => {
    it("passes a credential used within the window", () => {
      const inv = withActivity(inventory({ applications: [app({ passwordCredentials: [old()] })] }), [
        { lastSignInDateTime: "2026-05-20T10:00:00Z" },
      ]);
      const { findings, run } = runRule(rule, inv);
      expect(run.status).toBe("ran");
      expect(findings).toEqual([]);
    });

    it("passes the SAML token-signing pair of an enterprise app, which nobody signs in with, but not a lone certificate", () => {
      const pair = (usage: string, keyId: string) =>
        certificate({
          keyId,
          usage,
          customKeyIdentifier: "THUMB1",
          startDateTime: "2025-01-01T00:00:00Z",
          endDateTime: "2028-01-01T00:00:00Z",
        });
      const samlSp = servicePrincipal({
        preferredSingleSignOnMode: "saml",
        keyCredentials: [
          pair("Sign", "aaaaaaaa-0000-4000-8000-0000000000a1"),
          pair("Verify", "aaaaaaaa-0000-4000-8000-0000000000a2"),
        ],
      });
      const plainSp = servicePrincipal({
        displayName: "not-saml",
        keyCredentials: [pair("Verify", "aaaaaaaa-0000-4000-8000-0000000000a3")],
      });
      const { findings } = runRule(rule, withActivity(inventory({ servicePrincipals: [samlSp, plainSp] }), []));
      expect(findings.map((f) => f.evidence.keyId)).toEqual(["aaaaaaaa-0000-4000-8000-0000000000a3"]);
    });

    it("passes a credential younger than the window, and an expired one (credential-expired reports it)", () => {
      const inv = withActivity(
        inventory({
          applications: [
            app({
              passwordCredentials: [old({ startDateTime: "2026-04-01T00:00:00Z" })],
              keyCredentials: [
                certificate({ startDateTime: "2024-01-01T00:00:00Z", endDateTime: "2026-01-01T00:00:00Z" }),
              ],
            }),
          ],
        }),
        [],
      );
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("is skipped, not passed, when the report was not collected or Graph refused it", () => {
      const base = inventory({ applications: [app({ passwordCredentials: [old()] })] });
      const absent = runRule(rule, base);
      expect(absent.run.status).toBe("skipped");
      expect(absent.run.reason).toBe("credentialSignIns not collected (optional)");
      const noLicence = runRule(rule, {
        ...base,
        credentialSignIns: {
          status: "unavailable",
          reason:
            "403 Authentication_RequestFromNonPremiumTenantOrB2CTenant: Neither tenant is B2C or tenant doesn't have premium license",
        },
      });
      expect(noLicence.run.status).toBe("skipped");
      expect(noLicence.run.reason).toContain("Authentication_RequestFromNonPremiumTenantOrB2CTenant");
      expect(noLicence.findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("reports a credential last used before the window, with the date in evidence", () => {
      const inv = withActivity(inventory({ applications: [app({ passwordCredentials: [old()] })] }), [
        { lastSignInDateTime: "2026-02-01T00:00:00Z" },
      ]);
      const [f] = runRule(rule, inv).findings;
      expect(f?.messageId).toBe("unused");
      expect(f?.severity).toBe("medium");
      expect(f?.evidence).toMatchObject({
        keyId: KEY,
        lastSignInDateTime: "2026-02-01T00:00:00.000Z",
        daysUnused: 120,
      });
      expect(f?.message).toContain("last signed in on 2026-02-01, 120 days before the scan");
    });

    it("reports a credential the report does not list, from its creation date, with the window as option", () => {
      const inv = withActivity(inventory({ applications: [app({ passwordCredentials: [old()] })] }), []);
      const [f] = runRule(rule, inv, { unusedDays: 30 }).findings;
      expect(f?.messageId).toBe("neverUsed");
      expect(f?.evidence).toMatchObject({ lastSignInDateTime: null, unusedDays: 30 });
    });

    it("is low on a disabled service principal's secret", () => {
      const sp = servicePrincipal({ accountEnabled: false, passwordCredentials: [old()] });
      const [f] = runRule(rule, withActivity(inventory({ servicePrincipals: [sp] }), [])).findings;
      expect(f?.severity).toBe("low");
    });
  });
});
