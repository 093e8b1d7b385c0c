import { describe, expect, it } from "vitest";
import { appPermissionGrant, inventory, secret, servicePrincipal } from "../../test/support/inventory-builder.ts";
import { runRule } from "../../test/support/rule-tester.ts";
import graphPrivileged from "../rules/graph-privileged-app-permission/index.ts";
import spPassword from "../rules/service-principal-password/index.ts";
import { MICROSOFT_TENANTS, isMicrosoftTenant } from "./microsoft-tenants.ts";

const SP_ID = "5a5a5a5a-0000-4000-8000-000000000001";
const APPLICATION_READWRITE_ALL = "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9";

describe("Microsoft-owned tenants", () => {
  it("each has a source, and none is listed twice", () => {
    expect(MICROSOFT_TENANTS.length).toBeGreaterThanOrEqual(2);
    expect(new Set(MICROSOFT_TENANTS.map((t) => t.id)).size).toBe(MICROSOFT_TENANTS.length);
    for (const t of MICROSOFT_TENANTS) {
      expect(t.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(t.source.length).toBeGreaterThan(20);
    }
    expect(isMicrosoftTenant("11111111-1111-4111-8111-111111111111")).toBe(false);
    expect(isMicrosoftTenant(null)).toBe(false);
  });

  for (const t of MICROSOFT_TENANTS) {
    it(`every rule and its evidence treat ${t.id} (${t.name}) as Microsoft`, () => {
      const sp = servicePrincipal({
        id: SP_ID,
        appOwnerOrganizationId: t.id.toUpperCase(),
        passwordCredentials: [secret()],
      });
      const grants = runRule(
        graphPrivileged,
        inventory({
          servicePrincipals: [sp],
          appPermissionGrants: [appPermissionGrant({ principalId: SP_ID, appRoleId: APPLICATION_READWRITE_ALL })],
        }),
      );
      expect(grants.findings.length).toBeGreaterThan(0);
      for (const f of grants.findings) expect(f.evidence.microsoftFirstParty).toBe(true);
      const passwords = runRule(spPassword, inventory({ servicePrincipals: [sp] }));
      expect(passwords.findings.length).toBeGreaterThan(0);
      for (const f of passwords.findings) expect(f.evidence.ownership).toBe("microsoft");
    });
  }
});
