import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import { directoryRoleAssignment, inventory, principal, unavailable } from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";
import type { DirectoryRoleAssignment, Principal } from "../../inventory/types.ts";

const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
const EXCHANGE_ADMIN = "29232cdf-9323-42fd-ade2-1d097af3e4de";
const GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
const GUEST = "ffffffff-0000-4000-8000-000000000001";
const MEMBER = "ffffffff-0000-4000-8000-000000000002";
const user = (id: string, p: Partial<Principal>) =>
  principal({ id, type: "user", servicePrincipalType: null, accountEnabled: true, ...p });
const guest = user(GUEST, {
  displayName: "Pat Vendor",
  userType: "Guest",
  userPrincipalName: "pat_vendor.com#EXT#@contoso.onmicrosoft.com",
});
const member = user(MEMBER, { displayName: "Ann Admin", userType: "Member", userPrincipalName: "ann@contoso.com" });
const assign = (principalId: string, roleDefinitionId: string) =>
  directoryRoleAssignment({ principalId, roleDefinitionId });
const inv = (assignments: DirectoryRoleAssignment[], principals: Principal[] = [guest, member]) =>
  inventory({ directoryRoleAssignments: assignments, principals });

describe("guest-privileged-entra-role", () => {
  describe("valid", () => {
    it("passes a member Global Administrator and a guest Global Reader", () => {
      const { findings, run } = runRule(rule, inv([assign(MEMBER, GLOBAL_ADMIN), assign(GUEST, GLOBAL_READER)]));
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(2);
    });

    it("passes a guest in a high-tier role unless includeHighRisk, and allow-listed guests", () => {
      expect(runRule(rule, inv([assign(GUEST, EXCHANGE_ADMIN)])).findings).toEqual([]);
      expect(
        runRule(rule, inv([assign(GUEST, GLOBAL_ADMIN)]), { allowPrincipalIds: [GUEST.toUpperCase()] }).findings,
      ).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags a guest Global Administrator as critical, with the evidence", () => {
      const { findings } = runRule(rule, inv([assign(GUEST, GLOBAL_ADMIN)]));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("critical");
      expect(findings[0]!.message).toBe(
        'Guest user "Pat Vendor" (pat_vendor.com#EXT#@contoso.onmicrosoft.com) holds the Tier-0 Entra role Global Administrator at directory scope /.',
      );
      expect(findings[0]!.evidence).toMatchObject({ roleTemplateId: GLOBAL_ADMIN, tier: "tier0", external: "guest" });
    });

    it("flags an external member (#EXT# UPN, userType Member) the same way", () => {
      const ext = user(GUEST, {
        displayName: "Pat Vendor",
        userType: "Member",
        userPrincipalName: guest.userPrincipalName,
      });
      const { findings } = runRule(rule, inv([assign(GUEST, GLOBAL_ADMIN)], [ext]));
      expect(findings[0]!.message).toMatch(/^External member "Pat Vendor"/);
      expect(findings[0]!.evidence.external).toBe("externalMember");
    });

    it("flags high-tier roles at high with includeHighRisk", () => {
      const { findings } = runRule(rule, inv([assign(GUEST, EXCHANGE_ADMIN)]), { includeHighRisk: true });
      expect(findings.map((f) => [f.evidence.roleName, f.severity])).toEqual([["Exchange Administrator", "high"]]);
    });
  });

  it("is skipped when directory role assignments are unavailable", () => {
    const { run } = runRule(rule, unavailable(inv([assign(GUEST, GLOBAL_ADMIN)]), "directoryRoleAssignments"));
    expect(run.status).toBe("skipped");
  });
});
