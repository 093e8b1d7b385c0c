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

// collectedAt (the rule's "now") is 2026-06-01.
describe("app-certificate-lifetime", () => {
  describe("valid", () => {
    it("passes a certificate valid for exactly the limit (365 days)", () => {
      const inv = inventory({
        applications: [
          app({
            keyCredentials: [
              certificate({ startDateTime: "2026-01-01T00:00:00Z", endDateTime: "2027-01-01T00:00:00Z" }),
            ],
          }),
        ],
      });
      const { findings, run } = runRule(rule, inv);
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("ignores a long-lived certificate that has already expired (credential-expired reports it)", () => {
      const inv = inventory({
        applications: [
          app({
            keyCredentials: [
              certificate({ startDateTime: "2021-01-01T00:00:00Z", endDateTime: "2026-06-01T00:00:00Z" }),
            ],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("does not judge client secrets, nor service principals' certificates", () => {
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [
              secret({ startDateTime: "2020-01-01T00:00:00Z", endDateTime: "2299-01-01T00:00:00Z" }),
            ],
          }),
        ],
        servicePrincipals: [
          servicePrincipal({
            keyCredentials: [
              certificate({ startDateTime: "2024-01-01T00:00:00Z", endDateTime: "2027-01-01T00:00:00Z" }),
            ],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("passes a certificate with neither a start date nor an app creation date (lifetime unknown)", () => {
      const inv = inventory({
        applications: [
          app({
            createdDateTime: null,
            keyCredentials: [certificate({ startDateTime: null, endDateTime: "2030-01-01T00:00:00Z" })],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("tolerates the calendar by default: a leap-year 'one year' (366 days) and a 398-day public TLS certificate pass, 399 days fails", () => {
      const cert = (end: string) =>
        inventory({
          applications: [
            app({ keyCredentials: [certificate({ startDateTime: "2026-01-01T00:00:00Z", endDateTime: end })] }),
          ],
        });
      expect(runRule(rule, cert("2027-01-02T00:00:00Z")).findings).toEqual([]);
      expect(runRule(rule, cert("2027-02-03T00:00:00Z")).findings).toEqual([]);
      expect(runRule(rule, cert("2027-02-04T00:00:00Z")).findings.map((f) => f.evidence.lifetimeDays)).toEqual([399]);
    });

    it("flags a certificate one day over the limit with no tolerance, with the facts in the message", () => {
      const inv = inventory({
        applications: [
          app({
            displayName: "billing",
            keyCredentials: [
              certificate({
                keyId: "k-1",
                displayName: "CN=billing",
                startDateTime: "2026-01-01T00:00:00Z",
                endDateTime: "2027-01-02T00:00:00Z",
              }),
            ],
          }),
        ],
      });
      const { findings, run } = runRule(rule, inv, { toleranceDays: 0 });
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        'Certificate "CN=billing" (keyId k-1) on app registration "billing" is valid for 366 days (2026-01-01 to 2027-01-02), more than the 365-day limit.',
      );
      expect(findings[0]!.evidence).toMatchObject({
        lifetimeDays: 366,
        daysUntilExpiry: 215,
        maxLifetimeDays: 365,
        toleranceDays: 0,
        type: "AsymmetricX509Cert",
        usage: "Verify",
      });
      expect(findings[0]!.severity).toBe("medium");
      expect(run.subjectsFailing).toBe(1);
    });

    it("flags a typical ten-year self-signed certificate and one with no end date", () => {
      const inv = inventory({
        applications: [
          app({
            keyCredentials: [
              certificate({ keyId: "ten", startDateTime: "2020-03-01T00:00:00Z", endDateTime: "2030-03-01T00:00:00Z" }),
              certificate({ keyId: "none", endDateTime: null }),
            ],
          }),
        ],
      });
      const { findings } = runRule(rule, inv);
      expect(findings.map((f) => [f.evidence.keyId, f.messageId])).toEqual([
        ["ten", "tooLong"],
        ["none", "neverExpires"],
      ]);
      expect(findings[1]!.message).toBe(
        'Certificate "CN=app" (keyId none) on app registration "payments-api" has no end date.',
      );
    });

    it("counts from the app's creation when the certificate has no start date", () => {
      const inv = inventory({
        applications: [
          app({
            createdDateTime: "2025-01-01T00:00:00Z",
            keyCredentials: [certificate({ startDateTime: null, endDateTime: "2026-12-01T00:00:00Z" })],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toHaveLength(1);
    });

    it("honours maxLifetimeDays and ignoreExpired", () => {
      const inv = inventory({
        applications: [
          app({
            keyCredentials: [
              certificate({ startDateTime: "2025-01-01T00:00:00Z", endDateTime: "2025-09-01T00:00:00Z" }),
            ],
          }),
        ],
      });
      expect(runRule(rule, inv, { maxLifetimeDays: 180 }).findings).toEqual([]);
      expect(runRule(rule, inv, { maxLifetimeDays: 180, ignoreExpired: false }).findings).toHaveLength(1);
    });
  });

  it("is skipped with the reason when applications could not be collected", () => {
    const { run, findings } = runRule(
      rule,
      unavailable(inventory(), "applications", "Graph 403: Application.Read.All missing"),
    );
    expect(findings).toEqual([]);
    expect(run.status).toBe("skipped");
    expect(run.reason).toContain("Application.Read.All");
  });

  it("keeps the fingerprint stable when the app is renamed or time passes", () => {
    const c = certificate({
      keyId: "fixed",
      startDateTime: "2020-01-01T00:00:00Z",
      endDateTime: "2030-01-01T00:00:00Z",
    });
    const a = runRule(
      rule,
      inventory({ applications: [app({ id: "obj-1", displayName: "one", keyCredentials: [c] })] }),
    ).findings[0]!;
    const b = runRule(
      rule,
      inventory(
        { applications: [app({ id: "OBJ-1", displayName: "two", keyCredentials: [c] })] },
        "2027-01-01T00:00:00Z",
      ),
    ).findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});
