import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import { delegatedGrant, inventory, servicePrincipal, unavailable } from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

const CLIENT_ID = "c1c1c1c1-0000-4000-8000-000000000001";
const CLIENT_APP_ID = "c2c2c2c2-0000-4000-8000-000000000001";
const GRAPH_SP_ID = "9a9a9a9a-0000-4000-8000-000000000001";
const ARM_APP_ID = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
const ARM_SP_ID = "9b9b9b9b-0000-4000-8000-000000000001";

const client = servicePrincipal({ id: CLIENT_ID, appId: CLIENT_APP_ID, displayName: "mail-archiver" });
const graphSp = servicePrincipal({
  id: GRAPH_SP_ID,
  appId: "00000003-0000-0000-c000-000000000000",
  displayName: "Microsoft Graph",
});

function inv(...grants: ReturnType<typeof delegatedGrant>[]) {
  return inventory({ delegatedGrants: grants, servicePrincipals: [client, graphSp] });
}

describe("graph-tenant-wide-consent", () => {
  describe("valid", () => {
    it("passes tenant-wide consent to low-risk scopes only", () => {
      const { findings, run } = runRule(
        rule,
        inv(
          delegatedGrant({
            clientId: CLIENT_ID,
            resourceId: GRAPH_SP_ID,
            scopes: ["openid profile User.Read offline_access"],
          }),
        ),
      );
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(1);
    });

    it("passes a high-risk scope consented by one user only (consentType Principal)", () => {
      const g = delegatedGrant({
        clientId: CLIENT_ID,
        resourceId: GRAPH_SP_ID,
        consentType: "Principal",
        principalId: "abababab-0000-4000-8000-000000000001",
        scopes: ["Mail.Read"],
      });
      expect(runRule(rule, inv(g)).findings).toEqual([]);
    });

    it("passes a Graph scope name granted on another API (the resource appId decides)", () => {
      const g = delegatedGrant({
        clientId: CLIENT_ID,
        resourceId: "9c9c9c9c-0000-4000-8000-000000000001",
        resourceAppId: "e1e1e1e1-0000-4000-8000-000000000001",
        scopes: ["Mail.Read"],
      });
      expect(runRule(rule, inv(g)).findings).toEqual([]);
    });

    it("passes user_impersonation when the resource API is unresolved (the name is too generic)", () => {
      const g = delegatedGrant({
        clientId: CLIENT_ID,
        resourceId: ARM_SP_ID,
        resourceAppId: null,
        scopes: ["user_impersonation"],
      });
      expect(runRule(rule, inv(g)).findings).toEqual([]);
    });

    it("passes an allow-listed client, by object id or by appId, in any casing", () => {
      const g = delegatedGrant({ clientId: CLIENT_ID, resourceId: GRAPH_SP_ID, scopes: ["Mail.Read"] });
      expect(runRule(rule, inv(g), { allowClientIds: [CLIENT_ID.toUpperCase()] }).findings).toEqual([]);
      expect(runRule(rule, inv(g), { allowClientIds: [CLIENT_APP_ID.toUpperCase()] }).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags tenant-wide Mail.Read with the exact message, naming client, API and scopes", () => {
      const g = delegatedGrant({
        clientId: CLIENT_ID,
        resourceId: GRAPH_SP_ID,
        scopes: ["User.Read Mail.Read Files.ReadWrite.All"],
      });
      const { findings } = runRule(rule, inv(g));
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.severity).toBe("high");
      expect(f.message).toBe(
        'App "mail-archiver" has tenant-wide consent (all users) to Microsoft Graph scopes Mail.Read, Files.ReadWrite.All: it can use them as every user who signs in to it.',
      );
      expect(f.resource.id).toBe(`entra/servicePrincipals/${CLIENT_ID}`);
      expect(f.evidence).toMatchObject({
        riskyScopes: ["Mail.Read", "Files.ReadWrite.All"],
        tier0Scopes: [],
        allScopes: ["User.Read", "Mail.Read", "Files.ReadWrite.All"],
        clientAppId: CLIENT_APP_ID,
      });
      expect(f.compliance).toEqual(["MCSB PA-7"]);
    });

    it("covers the .Shared mail scopes and Sites.Read.All", () => {
      const g = delegatedGrant({
        clientId: CLIENT_ID,
        resourceId: GRAPH_SP_ID,
        scopes: ["Mail.Read.Shared Mail.Send.Shared Sites.Read.All User.Read"],
      });
      const { findings } = runRule(rule, inv(g));
      expect(findings[0]!.evidence.riskyScopes).toEqual(["Mail.Read.Shared", "Mail.Send.Shared", "Sites.Read.All"]);
    });

    it("marks Tier-0 scopes in the evidence and matches scope names and consentType case-insensitively", () => {
      const g = delegatedGrant({
        clientId: CLIENT_ID,
        resourceId: GRAPH_SP_ID,
        consentType: "allprincipals",
        scopes: ["directory.accessasuser.all", "User.Read"],
      });
      const { findings } = runRule(rule, inv(g));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.evidence.tier0Scopes).toEqual(["directory.accessasuser.all"]);
    });

    it("flags user_impersonation on Azure Service Management (Azure Resource Manager)", () => {
      const g = delegatedGrant({
        clientId: CLIENT_ID,
        resourceId: ARM_SP_ID,
        resourceAppId: ARM_APP_ID,
        scopes: ["user_impersonation"],
      });
      const { findings } = runRule(rule, inv(g));
      expect(findings).toHaveLength(1);
      // The resource service principal is not in the inventory: the appId names the API.
      expect(findings[0]!.message).toContain(`to ${ARM_APP_ID} scopes user_impersonation`);
    });

    it("lists a scope repeated in the grant once", () => {
      const g = delegatedGrant({
        clientId: CLIENT_ID,
        resourceId: GRAPH_SP_ID,
        scopes: ["Mail.Read", "Mail.Read  mail.read"],
      });
      expect(runRule(rule, inv(g)).findings[0]!.evidence.riskyScopes).toEqual(["Mail.Read"]);
    });

    it("names the client by id when service principals are unavailable (deleted or unread)", () => {
      const g = delegatedGrant({ clientId: CLIENT_ID, resourceId: GRAPH_SP_ID, scopes: ["Mail.Send"] });
      const { findings } = runRule(rule, unavailable(inv(g), "servicePrincipals"));
      expect(findings[0]!.message).toBe(
        `App "${CLIENT_ID}" has tenant-wide consent (all users) to Microsoft Graph scopes Mail.Send: it can use them as every user who signs in to it.`,
      );
    });

    it("keeps the fingerprint when scopes change or the grant is seen with other casing, and tells resources apart", () => {
      const a = delegatedGrant({ clientId: CLIENT_ID, resourceId: GRAPH_SP_ID, scopes: ["Mail.Read"] });
      const f1 = runRule(rule, inv(a)).findings[0]!;
      const f2 = runRule(
        rule,
        inv({
          ...a,
          clientId: CLIENT_ID.toUpperCase(),
          resourceId: GRAPH_SP_ID.toUpperCase(),
          scopes: ["Mail.Read", "Mail.Send"],
        }),
      ).findings[0]!;
      expect(f2.fingerprint).toBe(f1.fingerprint);
      const armGrant = delegatedGrant({
        clientId: CLIENT_ID,
        resourceId: ARM_SP_ID,
        resourceAppId: ARM_APP_ID,
        scopes: ["user_impersonation"],
      });
      expect(runRule(rule, inv(armGrant)).findings[0]!.fingerprint).not.toBe(f1.fingerprint);
    });
  });

  it("is skipped with the reason when delegated grants are unavailable", () => {
    const { run } = runRule(
      rule,
      unavailable(inventory(), "delegatedGrants", "403 DelegatedPermissionGrant.Read.All missing"),
    );
    expect(run.status).toBe("skipped");
    expect(run.reason).toBe("delegatedGrants unavailable: 403 DelegatedPermissionGrant.Read.All missing");
  });
});
