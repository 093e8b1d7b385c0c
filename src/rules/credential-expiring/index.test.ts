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

// collectedAt (the rule's "now") is 2026-06-01T00:00:00Z; the default window ends 2026-07-01T00:00:00Z.
const MICROSOFT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

describe("credential-expiring", () => {
  describe("valid", () => {
    it("passes a secret ending one second after the 30-day window", () => {
      const inv = inventory({
        applications: [app({ passwordCredentials: [secret({ endDateTime: "2026-07-01T00:00:01Z" })] })],
      });
      const { findings, run } = runRule(rule, inv);
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes a credential that has already expired, even by one second (credential-expired reports it)", () => {
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [
              secret({ endDateTime: "2026-06-01T00:00:00Z" }),
              secret({ endDateTime: "2026-05-31T23:59:59Z" }),
            ],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("passes credentials without an end date or with a year-2299 end date", () => {
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [secret({ endDateTime: null }), secret({ endDateTime: "2299-12-31T00:00:00Z" })],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("skips managed identities, whatever the casing of their type", () => {
      const sp = servicePrincipal({
        servicePrincipalType: "managedIdentity",
        keyCredentials: [certificate({ endDateTime: "2026-06-10T00:00:00Z" })],
      });
      const { findings, run } = runRule(rule, inventory({ servicePrincipals: [sp] }));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(0);
    });

    it("skips Microsoft's first-party service principals (either Microsoft tenant, any casing)", () => {
      const sps = [
        servicePrincipal({
          appOwnerOrganizationId: MICROSOFT.toUpperCase(),
          keyCredentials: [certificate({ endDateTime: "2026-06-10T00:00:00Z" })],
        }),
        servicePrincipal({
          appOwnerOrganizationId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
          passwordCredentials: [secret({ endDateTime: "2026-06-10T00:00:00Z" })],
        }),
      ];
      expect(runRule(rule, inventory({ servicePrincipals: sps })).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags a secret ending exactly at the end of the window, with the facts in the message", () => {
      const inv = inventory({
        applications: [
          app({
            displayName: "billing",
            appId: "app-1",
            passwordCredentials: [secret({ keyId: "k-1", displayName: "deploy", endDateTime: "2026-07-01T00:00:00Z" })],
          }),
        ],
      });
      const { findings, run } = runRule(rule, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        'Client secret "deploy" (keyId k-1) on app registration "billing" expires in 30 days, on 2026-07-01 (warning window 30 days).',
      );
      expect(findings[0]!.severity).toBe("medium");
      expect(findings[0]!.evidence).toMatchObject({
        appId: "app-1",
        objectType: "application",
        credentialType: "secret",
        daysLeft: 30,
        warnDays: 30,
        replacementPresent: false,
      });
      expect(run.subjectsFailing).toBe(1);
    });

    it("says 1 day, not 0, for a credential ending in a few hours", () => {
      const inv = inventory({
        applications: [
          app({ keyCredentials: [certificate({ displayName: "CN=api", endDateTime: "2026-06-01T06:00:00Z" })] }),
        ],
      });
      const { findings } = runRule(rule, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence.daysLeft).toBe(1);
      expect(findings[0]!.message).toContain('Certificate "CN=api"');
    });

    it("flags secrets and certificates on service principals of this tenant and of other tenants", () => {
      const sps = [
        servicePrincipal({
          displayName: "own",
          passwordCredentials: [secret({ endDateTime: "2026-06-15T00:00:00Z" })],
        }),
        servicePrincipal({
          displayName: "vendor",
          appOwnerOrganizationId: "99999999-9999-4999-8999-999999999999",
          keyCredentials: [certificate({ endDateTime: "2026-06-15T00:00:00Z" })],
        }),
        servicePrincipal({
          displayName: "no owner info",
          appOwnerOrganizationId: null,
          keyCredentials: [certificate({ endDateTime: "2026-06-15T00:00:00Z" })],
        }),
      ];
      const { findings } = runRule(rule, inventory({ servicePrincipals: sps }));
      expect(findings.map((f) => [f.resource.displayName, f.resource.type, f.evidence.credentialType])).toEqual([
        ["own", "Microsoft.Graph/servicePrincipals", "secret"],
        ["vendor", "Microsoft.Graph/servicePrincipals", "certificate"],
        ["no owner info", "Microsoft.Graph/servicePrincipals", "certificate"],
      ]);
      expect(findings[0]!.message).toContain('on service principal "own"');
    });

    it("reports a SAML signing certificate once: not its Sign key, not its private-key password", () => {
      const dates = { startDateTime: "2023-06-20T00:00:00Z", endDateTime: "2026-06-20T00:00:00Z" };
      const sp = servicePrincipal({
        keyCredentials: [
          certificate({
            keyId: "sign-1",
            usage: "Sign",
            displayName: "CN=Microsoft Azure Federated SSO Certificate",
            ...dates,
          }),
          certificate({
            keyId: "verify-1",
            usage: "Verify",
            displayName: "CN=Microsoft Azure Federated SSO Certificate",
            ...dates,
          }),
        ],
        passwordCredentials: [secret({ keyId: "SIGN-1", displayName: null, ...dates })],
      });
      const { findings } = runRule(rule, inventory({ servicePrincipals: [sp] }));
      expect(findings.map((f) => f.evidence.keyId)).toEqual(["verify-1"]);
    });

    it("honours warnDays and notes when a replacement already outlives the window", () => {
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [
              secret({ keyId: "old", endDateTime: "2026-08-01T00:00:00Z" }),
              secret({ keyId: "new", endDateTime: "2027-05-01T00:00:00Z" }),
            ],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
      const { findings } = runRule(rule, inv, { warnDays: 90 });
      expect(findings.map((f) => [f.evidence.keyId, f.evidence.daysLeft, f.evidence.replacementPresent])).toEqual([
        ["old", 61, true],
      ]);
    });

    it("is low, with its own message, when a replacement already outlives the window; medium without one", () => {
      const soon = secret({ keyId: "old", displayName: "deploy", endDateTime: "2026-06-11T00:00:00Z" });
      const replaced = runRule(
        rule,
        inventory({
          applications: [
            app({
              displayName: "billing",
              passwordCredentials: [soon, secret({ keyId: "new", endDateTime: "2026-11-01T00:00:00Z" })],
            }),
          ],
        }),
      ).findings;
      expect(replaced.map((f) => [f.severity, f.messageId])).toEqual([["low", "expiringReplaced"]]);
      expect(replaced[0]!.message).toBe(
        'Client secret "deploy" (keyId old) on app registration "billing" expires in 10 days, on 2026-06-11; a replacement already outlives the 30-day window, so delete the old one once nothing uses it.',
      );
      // A certificate does not replace a secret: the workload uses one or the other.
      const otherKind = runRule(
        rule,
        inventory({
          applications: [
            app({
              passwordCredentials: [soon],
              keyCredentials: [certificate({ endDateTime: "2026-11-01T00:00:00Z" })],
            }),
          ],
        }),
      ).findings;
      expect(otherKind.map((f) => [f.severity, f.messageId])).toEqual([["medium", "expiring"]]);
    });

    it("is one step lower on a disabled service principal, and on an app whose service principal here is disabled", () => {
      const soon = () => secret({ endDateTime: "2026-06-11T00:00:00Z" });
      const sev = (enabled: boolean | null) => {
        const inv = inventory({
          applications: [app({ appId: "app-1", passwordCredentials: [soon()] })],
          servicePrincipals:
            enabled === null
              ? []
              : [servicePrincipal({ appId: "app-1", accountEnabled: enabled, passwordCredentials: [soon()] })],
        });
        return runRule(rule, inv).findings.map((f) => [f.evidence.objectType, f.severity, f.evidence.principalEnabled]);
      };
      expect(sev(true)).toEqual([
        ["application", "medium", true],
        ["servicePrincipal", "medium", true],
      ]);
      expect(sev(false)).toEqual([
        ["application", "low", false],
        ["servicePrincipal", "low", false],
      ]);
      expect(sev(null)).toEqual([["application", "medium", null]]);
    });
  });

  it("is skipped with the reason when service principals could not be collected", () => {
    const { run, findings } = runRule(
      rule,
      unavailable(inventory(), "servicePrincipals", "Graph 403: Application.Read.All missing"),
    );
    expect(findings).toEqual([]);
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("servicePrincipals unavailable: Graph 403: Application.Read.All missing");
  });

  it("keeps the fingerprint stable across renames, id casing and the passing of time", () => {
    const s = secret({ keyId: "fixed", endDateTime: "2026-06-20T00:00:00Z" });
    const a = runRule(
      rule,
      inventory({ applications: [app({ id: "obj-1", displayName: "one", passwordCredentials: [s] })] }),
    ).findings[0]!;
    const b = runRule(
      rule,
      inventory(
        { applications: [app({ id: "OBJ-1", displayName: "two", passwordCredentials: [s] })] },
        "2026-06-10T00:00:00Z",
      ),
    ).findings[0]!;
    expect(a.evidence.daysLeft).not.toBe(b.evidence.daysLeft);
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});
