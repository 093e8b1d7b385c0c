import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  app,
  appPermissionGrant,
  directoryRoleAssignment,
  inventory,
  ROLE,
  roleAssignment,
  roleDefinition,
  secret,
  servicePrincipal,
  SUB_ID,
  unavailable,
} from "../../../test/support/inventory-builder.ts";
import type { Inventory, ServicePrincipal } from "../../inventory/types.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

// collectedAt (the rule's "now") is 2026-06-01.
describe("app-secret-lifetime", () => {
  describe("valid", () => {
    it("passes a secret valid for exactly the limit (180 days)", () => {
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [
              secret({ startDateTime: "2026-03-01T00:00:00Z", endDateTime: "2026-08-28T00:00:00Z" }),
            ],
          }),
        ],
      });
      const { findings, run } = runRule(rule, inv);
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes an app with no secrets at all", () => {
      expect(runRule(rule, inventory({ applications: [app()] })).findings).toEqual([]);
    });

    it("ignores a long-lived secret that has already expired (credential-expired reports it)", () => {
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [
              secret({ startDateTime: "2024-01-01T00:00:00Z", endDateTime: "2026-05-31T23:59:59Z" }),
            ],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });

    it("does not judge certificates", () => {
      const inv = inventory({
        applications: [
          app({
            keyCredentials: [
              {
                keyId: "k",
                displayName: null,
                type: "AsymmetricX509Cert",
                usage: "Verify",
                startDateTime: "2026-01-01T00:00:00Z",
                endDateTime: "2299-01-01T00:00:00Z",
              },
            ],
          }),
        ],
      });
      expect(runRule(rule, inv).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags a secret one day over the limit, with the facts in the message", () => {
      const inv = inventory({
        applications: [
          app({
            displayName: "billing",
            passwordCredentials: [
              secret({
                keyId: "k-1",
                displayName: "deploy",
                startDateTime: "2026-03-01T00:00:00Z",
                endDateTime: "2026-08-29T00:00:00Z",
              }),
            ],
          }),
        ],
      });
      const { findings, run } = runRule(rule, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        'Client secret "deploy" (keyId k-1) on app registration "billing" is valid for 181 days (2026-03-01 to 2026-08-29), more than the 180-day limit.',
      );
      expect(findings[0]!.evidence).toMatchObject({ lifetimeDays: 181, daysUntilExpiry: 89, maxLifetimeDays: 180 });
      // The app holds no privilege: a leaked secret unlocks little.
      expect(findings[0]!.severity).toBe("medium");
      expect(run.subjectsFailing).toBe(1);
    });

    describe("severity follows what the secret unlocks", () => {
      const SP = "5b000000-0000-4000-8000-000000000001";
      const long = () =>
        app({
          appId: "app-7",
          passwordCredentials: [secret({ startDateTime: "2026-01-01T00:00:00Z", endDateTime: "2028-01-01T00:00:00Z" })],
        });
      const sp = (p: Partial<ServicePrincipal> = {}) => servicePrincipal({ id: SP, appId: "app-7", ...p });
      const severity = (inv: Inventory) => runRule(rule, inv).findings.map((f) => [f.severity, f.evidence.privileges]);

      it("is medium without privilege, high with a privileged Azure role, Entra role or Graph permission", () => {
        expect(severity(inventory({ applications: [long()], servicePrincipals: [sp()] }))).toEqual([["medium", []]]);
        const owner = roleDefinition({
          name: ROLE.owner,
          roleName: "Owner",
          roleType: "BuiltInRole",
          permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }],
        });
        const rg = `/subscriptions/${SUB_ID}/resourceGroups/rg-1`;
        expect(
          severity(
            inventory({
              applications: [long()],
              servicePrincipals: [sp()],
              roleDefinitions: [owner],
              roleAssignments: [roleAssignment({ scope: rg, roleDefinitionName: ROLE.owner, principalId: SP })],
            }),
          ),
        ).toEqual([["high", [`Azure Owner at ${rg}`]]]);
        expect(
          severity(
            inventory({
              applications: [long()],
              servicePrincipals: [sp()],
              directoryRoleAssignments: [
                directoryRoleAssignment({ principalId: SP, roleDefinitionId: "62e90394-69f5-4237-9190-012177145e10" }),
              ],
            }),
          ),
        ).toEqual([["high", ["Entra role Global Administrator"]]]);
        expect(
          severity(
            inventory({
              applications: [long()],
              servicePrincipals: [sp()],
              appPermissionGrants: [
                appPermissionGrant({ principalId: SP, appRoleId: "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8" }),
              ],
            }),
          ),
        ).toEqual([["high", ["Graph permission RoleManagement.ReadWrite.Directory"]]]);
      });

      it("stays high when the privileges could not be seen, and is one step lower on a disabled service principal", () => {
        expect(
          severity(unavailable(inventory({ applications: [long()], servicePrincipals: [sp()] }), "roleAssignments")),
        ).toEqual([["high", []]]);
        expect(
          severity(inventory({ applications: [long()], servicePrincipals: [sp({ accountEnabled: false })] })),
        ).toEqual([["low", []]]);
      });
    });

    it("flags the year-2299 'never expires' secret of older tooling", () => {
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [
              secret({ startDateTime: "2020-01-01T00:00:00Z", endDateTime: "2299-12-31T00:00:00Z" }),
            ],
          }),
        ],
      });
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
      const inv = inventory({
        applications: [
          app({
            createdDateTime: "2025-01-01T00:00:00Z",
            passwordCredentials: [secret({ startDateTime: null, endDateTime: "2026-12-01T00:00:00Z" })],
          }),
        ],
      });
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
      const inv = inventory({
        applications: [
          app({
            passwordCredentials: [
              secret({ startDateTime: "2024-01-01T00:00:00Z", endDateTime: "2025-12-31T00:00:00Z" }),
            ],
          }),
        ],
      });
      expect(runRule(rule, inv, { ignoreExpired: false }).findings).toHaveLength(1);
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
    const s = secret({ keyId: "fixed", startDateTime: "2020-01-01T00:00:00Z", endDateTime: "2299-01-01T00:00:00Z" });
    const a = runRule(
      rule,
      inventory({ applications: [app({ id: "obj-1", displayName: "one", passwordCredentials: [s] })] }),
    ).findings[0]!;
    const b = runRule(
      rule,
      inventory(
        { applications: [app({ id: "OBJ-1", displayName: "two", passwordCredentials: [s] })] },
        "2027-01-01T00:00:00Z",
      ),
    ).findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});
