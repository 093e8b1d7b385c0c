import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import { appPermissionGrant, inventory, servicePrincipal } from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";

const SP_ID = "dddddddd-0000-4000-8000-000000000001";
const EXCHANGE = "00000002-0000-0ff1-ce00-000000000000";
const SHAREPOINT = "00000003-0000-0ff1-ce00-000000000000";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const ID = {
  fullAccessAsApp: "dc890d15-9560-4a4c-9b7f-a736ec74ec40",
  spoSitesFullControl: "678536fe-1083-478a-9c59-b99265e6b0d3",
  graphMailRead: "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
  graphFilesReadAll: "01d4889c-1287-42c6-ac1f-5d1e02578ef6",
  graphSitesSelected: "883ea226-0bf2-4a8f-9f9d-92c9162a727d",
  graphUserReadAll: "df021288-bdef-4463-88db-98f22de89214",
};
const holder = servicePrincipal({ id: SP_ID, displayName: "Mailbox Archiver" });
const grant = (appRoleId: string, resourceAppId: string | null) =>
  appPermissionGrant({ principalId: SP_ID, appRoleId, resourceAppId });
const run = (...grants: ReturnType<typeof grant>[]) =>
  runRule(rule, inventory({ servicePrincipals: [holder], appPermissionGrants: grants }));

describe("tenant-wide-data-app-permission", () => {
  describe("valid", () => {
    it("passes Sites.Selected and permissions that reach no mail, files or sites", () => {
      const { findings, run: r } = run(grant(ID.graphSitesSelected, GRAPH), grant(ID.graphUserReadAll, GRAPH));
      expect(findings).toEqual([]);
      expect(r.subjectsChecked).toBe(2);
    });

    it("does not take an Exchange app role id for a Graph one (ids are matched with their API)", () => {
      expect(run(grant(ID.fullAccessAsApp, GRAPH)).findings).toEqual([]);
      expect(run(grant(ID.graphMailRead, EXCHANGE)).findings).toEqual([]);
    });

    it("passes an allow-listed holder", () => {
      const g = grant(ID.fullAccessAsApp, EXCHANGE);
      const inv = inventory({ servicePrincipals: [holder], appPermissionGrants: [g] });
      expect(runRule(rule, inv, { allowPrincipalIds: [SP_ID.toUpperCase()] }).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags Exchange's full_access_as_app at high, naming the API", () => {
      const { findings } = run(grant(ID.fullAccessAsApp, EXCHANGE));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.message).toContain(
        "holds the Office 365 Exchange Online application permission full_access_as_app, which reaches every mailbox",
      );
      expect(findings[0]!.evidence).toMatchObject({
        resourceAppId: EXCHANGE,
        appRoleId: ID.fullAccessAsApp,
        permission: "full_access_as_app",
        dataArea: "mail",
      });
    });

    it("flags SharePoint's Sites.FullControl.All and Graph's Mail.Read and Files.Read.All", () => {
      const { findings } = run(
        grant(ID.spoSitesFullControl, SHAREPOINT),
        grant(ID.graphMailRead, GRAPH),
        grant(ID.graphFilesReadAll, GRAPH),
      );
      expect(findings.map((f) => [f.evidence.resourceName, f.evidence.permission, f.evidence.dataArea]).sort()).toEqual(
        [
          ["Microsoft Graph", "Files.Read.All", "files"],
          ["Microsoft Graph", "Mail.Read", "mail"],
          ["Office 365 SharePoint Online", "Sites.FullControl.All", "sites"],
        ],
      );
    });

    it("matches a grant whose resource appId is unresolved by its app role id", () => {
      expect(run(grant(ID.fullAccessAsApp, null)).findings).toHaveLength(1);
    });
  });
});
