import { describe, expect, it } from "vitest";
import { entraDirectoryRoleById, entraDirectoryRoles, graphAppRoleById } from "../refdata/index.ts";
import { AZTIER_DIFFERENCES } from "./doc.ts";
import {
  DELEGATED_SCOPE_RISKS,
  ENTRA_ROLE_CLASSES,
  EXCHANGE_ONLINE_APP_ID,
  AZURE_SERVICE_MANAGEMENT_APP_ID,
  GLOBAL_ADMINISTRATOR_TEMPLATE_ID,
  GRAPH_PERMISSION_CLASSES,
  MICROSOFT_GRAPH_APP_ID,
  PRIVILEGED_ROLE_ADMINISTRATOR_TEMPLATE_ID,
  appPermissionGrantClass,
  appPermissionClass,
  RESOURCE_API_PERMISSION_CLASSES,
  SHAREPOINT_ONLINE_APP_ID,
  classification,
  delegatedScopeRisk,
  entraRole,
  graphAppPermission,
  graphPermissionByValue,
  isTier0EntraRole,
  isTier0GraphPermission,
  splitScopes,
} from "./index.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function oneLine(reason: string) {
  expect(reason.length).toBeGreaterThan(20);
  expect(reason.length).toBeLessThan(200);
  expect(reason).not.toMatch(/\n/);
  expect(reason).toMatch(/\.$/);
}

describe("Graph application permissions", () => {
  it("every id exists in src/refdata/graph-app-roles.json with exactly that value", () => {
    for (const e of GRAPH_PERMISSION_CLASSES) {
      expect(e.id, e.value).toMatch(GUID);
      expect(graphAppRoleById(e.id)?.value, e.id).toBe(e.value);
      oneLine(e.reason);
    }
  });

  it("ids and values are unique", () => {
    expect(new Set(GRAPH_PERMISSION_CLASSES.map((e) => e.id)).size).toBe(GRAPH_PERMISSION_CLASSES.length);
    expect(new Set(GRAPH_PERMISSION_CLASSES.map((e) => e.value)).size).toBe(GRAPH_PERMISSION_CLASSES.length);
  });

  it("the design's examples are Tier 0; bulk data access is high", () => {
    for (const v of [
      "RoleManagement.ReadWrite.Directory",
      "AppRoleAssignment.ReadWrite.All",
      "Application.ReadWrite.All",
      "Directory.ReadWrite.All",
      "UserAuthenticationMethod.ReadWrite.All",
      "Policy.ReadWrite.PermissionGrant",
    ]) {
      expect(graphPermissionByValue(v)?.tier, v).toBe("tier0");
    }
    for (const v of [
      "Mail.ReadWrite",
      "Files.ReadWrite.All",
      "User.ReadWrite.All",
      "Sites.FullControl.All",
      "Policy.ReadWrite.AuthenticationMethod",
    ]) {
      expect(graphPermissionByValue(v)?.tier, v).toBe("high");
    }
    expect(graphPermissionByValue("User.Read.All")).toBeUndefined();
  });

  it("looks up by id case-insensitively, and only Graph grants count", () => {
    const rm = graphAppPermission("9E3F62CF-CA93-4989-B6CE-BF83C28F9FE8");
    expect(rm?.value).toBe("RoleManagement.ReadWrite.Directory");
    expect(isTier0GraphPermission("9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8")).toBe(true);
    expect(graphAppPermission("00000000-0000-0000-0000-000000000000")).toBeUndefined();
    expect(appPermissionGrantClass({ appRoleId: rm!.id, resourceAppId: MICROSOFT_GRAPH_APP_ID.toUpperCase() })).toBe(
      rm,
    );
    expect(appPermissionGrantClass({ appRoleId: rm!.id, resourceAppId: null })).toBe(rm);
    expect(appPermissionGrantClass({ appRoleId: rm!.id, resourceAppId: EXCHANGE_ONLINE_APP_ID })).toBeUndefined();
  });

  it("data is frozen", () => {
    expect(Object.isFrozen(GRAPH_PERMISSION_CLASSES)).toBe(true);
    expect(Object.isFrozen(GRAPH_PERMISSION_CLASSES[0])).toBe(true);
  });
});

describe("Entra directory roles", () => {
  it("every template id exists in src/refdata/entra-directory-roles.json with that display name", () => {
    for (const e of ENTRA_ROLE_CLASSES) {
      expect(e.templateId, e.displayName).toMatch(GUID);
      expect(entraDirectoryRoleById(e.templateId)?.displayName, e.templateId).toBe(e.displayName);
      oneLine(e.reason);
    }
    expect(new Set(ENTRA_ROLE_CLASSES.map((e) => e.templateId)).size).toBe(ENTRA_ROLE_CLASSES.length);
  });

  it("every role Microsoft flags privileged is classified (tier0 or high)", () => {
    const unclassified = entraDirectoryRoles().filter((r) => r.isPrivileged === true && !entraRole(r.templateId));
    expect(unclassified.map((r) => r.displayName)).toEqual([]);
  });

  it("the well-known roles are Tier 0 and carry Microsoft's flag", () => {
    const ga = entraRole(GLOBAL_ADMINISTRATOR_TEMPLATE_ID.toUpperCase());
    expect(ga).toMatchObject({ displayName: "Global Administrator", tier: "tier0", microsoftPrivileged: true });
    expect(isTier0EntraRole(PRIVILEGED_ROLE_ADMINISTRATOR_TEMPLATE_ID)).toBe(true);
    for (const name of [
      "Privileged Authentication Administrator",
      "Application Administrator",
      "Cloud Application Administrator",
      "Hybrid Identity Administrator",
      "Partner Tier2 Support",
    ]) {
      const r = entraDirectoryRoles().find((x) => x.displayName === name)!;
      expect(isTier0EntraRole(r.templateId), name).toBe(true);
    }
    const authPolicy = entraDirectoryRoles().find((x) => x.displayName === "Authentication Policy Administrator")!;
    expect(entraRole(authPolicy.templateId)?.tier).toBe("high");
    const globalReader = entraDirectoryRoles().find((x) => x.displayName === "Global Reader")!;
    expect(entraRole(globalReader.templateId)).toMatchObject({ tier: "high", microsoftPrivileged: true });
    const groupsAdmin = entraDirectoryRoles().find((x) => x.displayName === "Groups Administrator")!;
    expect(entraRole(groupsAdmin.templateId)).toMatchObject({ tier: "tier0", microsoftPrivileged: false });
  });
});

describe("delegated scopes", () => {
  it("entries are well-formed and unique per resource", () => {
    const seen = new Set<string>();
    for (const d of DELEGATED_SCOPE_RISKS) {
      oneLine(d.reason);
      expect(d.resourceAppIds.length).toBeGreaterThan(0);
      for (const app of d.resourceAppIds) {
        expect(app).toMatch(GUID);
        const key = `${app}|${d.scope.toLowerCase()}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });

  it("matches names case-insensitively, with or without the resource", () => {
    expect(delegatedScopeRisk("Directory.ReadWrite.All")?.risk).toBe("tier0");
    expect(delegatedScopeRisk("directory.readwrite.all", MICROSOFT_GRAPH_APP_ID)?.risk).toBe("tier0");
    expect(delegatedScopeRisk("Mail.Send", null)?.risk).toBe("high");
    expect(delegatedScopeRisk("full_access_as_user", EXCHANGE_ONLINE_APP_ID)?.risk).toBe("high");
    expect(delegatedScopeRisk("full_access_as_user", MICROSOFT_GRAPH_APP_ID)).toBeUndefined();
    expect(delegatedScopeRisk("User.Read")).toBeUndefined();
    expect(delegatedScopeRisk("openid")).toBeUndefined();
    // Generic names need the resource.
    expect(delegatedScopeRisk("user_impersonation")).toBeUndefined();
    expect(delegatedScopeRisk("user_impersonation", AZURE_SERVICE_MANAGEMENT_APP_ID)?.risk).toBe("high");
    expect(delegatedScopeRisk("user_impersonation", "11111111-1111-1111-1111-111111111111")).toBeUndefined();
  });

  it("splits space-separated scope strings", () => {
    expect(splitScopes(" openid  Mail.Read\tUser.Read ")).toEqual(["openid", "Mail.Read", "User.Read"]);
    expect(splitScopes(["a b", "c"])).toEqual(["a", "b", "c"]);
  });
});

describe("application permissions on every judged resource API", () => {
  it("matches Exchange and SharePoint grants by resource appId and app role id, with their data area", () => {
    const fullAccess = appPermissionClass({
      appRoleId: "DC890D15-9560-4A4C-9B7F-A736EC74EC40",
      resourceAppId: EXCHANGE_ONLINE_APP_ID,
    });
    expect(fullAccess).toMatchObject({ value: "full_access_as_app", tier: "high", dataArea: "mail" });
    expect(fullAccess?.resourceName).toBe("Office 365 Exchange Online");
    expect(
      appPermissionClass({ appRoleId: "678536fe-1083-478a-9c59-b99265e6b0d3", resourceAppId: SHAREPOINT_ONLINE_APP_ID })
        ?.value,
    ).toBe("Sites.FullControl.All");
    // the Exchange id on Graph, and Graph's Mail.Read on Exchange, are not these permissions
    expect(
      appPermissionClass({ appRoleId: "dc890d15-9560-4a4c-9b7f-a736ec74ec40", resourceAppId: MICROSOFT_GRAPH_APP_ID }),
    ).toBeUndefined();
    expect(
      appPermissionClass({ appRoleId: "810c84a8-4a9e-49e6-bf7d-12d183f40d01", resourceAppId: EXCHANGE_ONLINE_APP_ID }),
    ).toBeUndefined();
    // Graph keeps its own tiers, with a data area where it reaches mail, files or sites
    expect(
      appPermissionClass({ appRoleId: "810c84a8-4a9e-49e6-bf7d-12d183f40d01", resourceAppId: MICROSOFT_GRAPH_APP_ID }),
    ).toMatchObject({ value: "Mail.Read", dataArea: "mail" });
    expect(
      appPermissionClass({ appRoleId: "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", resourceAppId: null }),
    ).toMatchObject({ tier: "tier0", dataArea: null });
  });

  it("has unique ids, each with a Microsoft source", () => {
    const ids = RESOURCE_API_PERMISSION_CLASSES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of RESOURCE_API_PERMISSION_CLASSES)
      expect(e.source, e.value).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    for (const id of ids) expect(graphAppPermission(id), id).toBeUndefined();
  });
});

describe("AzTier differences recorded in the doc", () => {
  it("name items we classify, with the tier the note implies", () => {
    for (const d of AZTIER_DIFFERENCES) {
      const ours =
        d.kind === "graph"
          ? GRAPH_PERMISSION_CLASSES.find((e) => e.value === d.name)?.tier
          : ENTRA_ROLE_CLASSES.find((e) => e.displayName === d.name)?.tier;
      // AzTier Tier 0 -> ours is high; AzTier untiered -> ours is Tier 0.
      expect(ours, d.name).toBe(d.azTier === "Tier 0" ? "high" : "tier0");
    }
  });
});

describe("Classification object", () => {
  it("is frozen and exposes the lookups", () => {
    expect(Object.isFrozen(classification)).toBe(true);
    expect(classification.MICROSOFT_GRAPH_APP_ID).toBe("00000003-0000-0000-c000-000000000000");
    expect(classification.classifyAzureRole(undefined, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")).toBe("owner");
    expect(classification.graphPermissionByValue("Application.ReadWrite.All")?.tier).toBe("tier0");
  });
});
