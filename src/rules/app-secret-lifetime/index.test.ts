import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import { app, inventory, secret, unavailable } from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

// collectedAt (the rule's "now") is 2026-06-01.
describe("app-secret-lifetime", () => {
  describe("valid", () => {
    it("passes a secret valid for exactly the limit (180 days)", () => {
      const inv = inventory({ applications: [app({ passwordCredentials: [secret({ startDateTime: "2026-03-01T00:00:00Z", endDateTime: "2026-08-28T00:00:00Z" })] })] });
      const { findings, run } = runRule(rule, inv);
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes an app with no secrets at all", () => {
      expect(runRule(rule, inventory({ applications: [app()] })).findings).toEqual([]);
    });

    it("ignores a long-lived secret that has already expired (credential-expired reports it)", () => {
      const inv = inventory({ applications: [app({ passwordCredentials: [secret({ startDateTime: "2024-01-01T00:00:00Z", endDateTime: "2026-05-31T23:59:59Z" })] })] });
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("does not judge certificates", () => {
      const inv = inventory({ applications: [app({ keyCredentials: [{ keyId: "k", displayName: null, type: "AsymmetricX509Cert", usage: "Verify", startDateTime: "2026-01-01T00:00:00Z", endDateTime: "2299-01-01T00:00:00Z" }] })] });
      expect(runRule(rule, inv).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags a secret one day over the limit, with the facts in the message", () => {
      const inv = inventory({
        applications: [app({ displayName: "billing", passwordCredentials: [secret({ keyId: "k-1", displayName: "deploy", startDateTime: "2026-03-01T00:00:00Z", endDateTime: "2026-08-29T00:00:00Z" })] })],
      });
      const { findings, run } = runRule(rule, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        'Client secret "deploy" (keyId k-1) on app registration "billing" is valid for 181 days (2026-03-01 to 2026-08-29), more than the 180-day limit.',
      );
      expect(findings[0]!.evidence).toMatchObject({ lifetimeDays: 181, daysUntilExpiry: 89, maxLifetimeDays: 180 });
      expect(findings[0]!.severity).toBe("high");
      expect(run.subjectsFailing).toBe(1);
    });

    it("flags the year-2299 'never expires' secret of older tooling", () => {
      const inv = inventory({ applications: [app({ passwordCredentials: [secret({ startDateTime: "2020-01-01T00:00:00Z", endDateTime: "2299-12-31T00:00:00Z" })] })] });
      const { findings } = runRule(rule, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence.lifetimeDays).toBeGreaterThan(100_000);
      expect(findings[0]!.message).toContain("2299-12-31");
    });

    it("flags a secret with no end date as never expiring", () => {
      const inv = inventory({ applications: [app({ passwordCredentials: [secret({ endDateTime: null })] })] });
      const { findings } = runRule(rule, inv);
      expect(findings.map((f) => f.messageId)).toEqual(["neverExpires"]);
    });

    it("counts from the app's creation when the secret has no start date", () => {
      const inv = inventory({ applications: [app({ createdDateTime: "2025-01-01T00:00:00Z", passwordCredentials: [secret({ startDateTime: null, endDateTime: "2026-12-01T00:00:00Z" })] })] });
      expect(runRule(rule, inv).findings).toHaveLength(1);
    });

    it("honours maxLifetimeDays and reports each long-lived secret on its own fingerprint", () => {
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [
              secret({ keyId: "a", startDateTime: "2026-05-01T00:00:00Z", endDateTime: "2026-07-01T00:00:00Z" }),
              secret({ keyId: "b", startDateTime: "2026-05-01T00:00:00Z", endDateTime: "2026-07-01T00:00:00Z" }),
            ],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
      const { findings } = runRule(rule, inv, { maxLifetimeDays: 30 });
      expect(findings).toHaveLength(2);
      expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
    });

    it("reports expired long-lived secrets when ignoreExpired is false", () => {
      const inv = inventory({ applications: [app({ passwordCredentials: [secret({ startDateTime: "2024-01-01T00:00:00Z", endDateTime: "2025-12-31T00:00:00Z" })] })] });
      expect(runRule(rule, inv, { ignoreExpired: false }).findings).toHaveLength(1);
    });
  });

  it("is skipped with the reason when applications could not be collected", () => {
    const { run, findings } = runRule(rule, unavailable(inventory(), "applications", "Graph 403: Application.Read.All missing"));
    expect(findings).toEqual([]);
    expect(run.status).toBe("skipped");
    expect(run.reason).toContain("Application.Read.All");
  });

  it("keeps the fingerprint stable when the app is renamed or time passes", () => {
    const s = secret({ keyId: "fixed", startDateTime: "2020-01-01T00:00:00Z", endDateTime: "2299-01-01T00:00:00Z" });
    const a = runRule(rule, inventory({ applications: [app({ id: "obj-1", displayName: "one", passwordCredentials: [s] })] })).findings[0]!;
    const b = runRule(rule, inventory({ applications: [app({ id: "OBJ-1", displayName: "two", passwordCredentials: [s] })] }, "2027-01-01T00:00:00Z")).findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});
