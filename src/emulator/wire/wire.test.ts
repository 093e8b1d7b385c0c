import { describe, expect, it } from "vitest";
import { resourceIdentityWire } from "./resource-identity.ts";
import { roleAssignmentWire } from "./role-assignment.ts";
import { type ServicePrincipalSpec, servicePrincipalWire } from "./service-principal.ts";
import { directoryRoleDefinitionWire } from "./directory-role-definition.ts";
import { securityAssessmentWire } from "./security-assessment.ts";
import { securityGroupWire } from "./group.ts";
import { userWire } from "./user.ts";
import { applicationWire } from "./application.ts";
import { oauth2PermissionGrantWire } from "./oauth2-permission-grant.ts";
import { subscriptionWire } from "./subscription.ts";

describe("wire-shape builders", () => {
  it("lists an identity block's fields in ARM's order, with only the parts present", () => {
    const uai = { id: "/subscriptions/s/resourceGroups/rg/providers/x/y/id-a", principalId: "p2", clientId: "c2" };
    const both = resourceIdentityWire("SystemAssigned, UserAssigned", { principalId: "p1", tenantId: "t" }, [uai]);
    expect(JSON.stringify(both)).toBe(
      JSON.stringify({
        type: "SystemAssigned, UserAssigned",
        principalId: "p1",
        tenantId: "t",
        userAssignedIdentities: { [uai.id]: { principalId: "p2", clientId: "c2" } },
      }),
    );
    expect(resourceIdentityWire("None", null, null)).toEqual({ type: "None" });
  });

  it("files a management group assignment's role definition at tenant level", () => {
    const scope = "/providers/Microsoft.Management/managementGroups/corp";
    const a = roleAssignmentWire({
      name: "n1",
      scope,
      roleGuid: "r1",
      principalId: "p",
      principalType: "Group",
      createdOn: "2026-01-01T00:00:00Z",
      createdBy: null,
      condition: { expression: "true", version: "2.0" },
    });
    expect(a.id).toBe(`${scope}/providers/Microsoft.Authorization/roleAssignments/n1`);
    expect(a.properties.roleDefinitionId).toBe("/providers/Microsoft.Authorization/roleDefinitions/r1");
    expect(a.properties).toMatchObject({
      condition: "true",
      conditionVersion: "2.0",
      updatedOn: "2026-01-01T00:00:00Z",
    });
  });
});

describe("subscription and service principal builders", () => {
  it("lists a subscription's fields in Subscriptions_List order, tags only when it has some", () => {
    const spec = { subscriptionId: "s1", tenantId: "t", displayName: "Prod", quotaId: "MSDN_2014-09-01" };
    const tagged = subscriptionWire({ ...spec, tags: { env: "prod" }, managementGroup: "mg" });
    expect(Object.keys(tagged)).toEqual([
      "id",
      "authorizationSource",
      "managedByTenants",
      "tags",
      "subscriptionId",
      "tenantId",
      "displayName",
      "state",
      "subscriptionPolicies",
      "managementGroup",
    ]);
    expect(tagged.id).toBe("/subscriptions/s1");
    expect(tagged.subscriptionPolicies).toEqual({
      locationPlacementId: "Public_2014-09-01",
      quotaId: "MSDN_2014-09-01",
      spendingLimit: "Off",
    });
    expect(Object.keys(subscriptionWire({ ...spec, tags: null, managementGroup: "mg" }))).not.toContain("tags");
  });

  it("gives every service principal the same documented fields, fixture links only when given", () => {
    const base: ServicePrincipalSpec = {
      id: "sp1",
      appId: "a1",
      displayName: "app",
      appDisplayName: "app",
      appOwnerOrganizationId: "t",
      servicePrincipalType: "Application",
      signInAudience: "AzureADMyOrg",
      servicePrincipalNames: ["a1"],
    };
    const mi = servicePrincipalWire({
      ...base,
      appDisplayName: null,
      appOwnerOrganizationId: null,
      servicePrincipalType: "ManagedIdentity",
    });
    const app = servicePrincipalWire({ ...base, owners: ["u1"], appRoleAssignments: [] });
    expect(Object.keys(mi)).toEqual([
      "id",
      "deletedDateTime",
      "accountEnabled",
      "alternativeNames",
      "appDisplayName",
      "appId",
      "appOwnerOrganizationId",
      "appRoleAssignmentRequired",
      "createdDateTime",
      "description",
      "displayName",
      "homepage",
      "loginUrl",
      "logoutUrl",
      "notes",
      "preferredSingleSignOnMode",
      "publisherName",
      "replyUrls",
      "servicePrincipalNames",
      "servicePrincipalType",
      "signInAudience",
      "tags",
      "verifiedPublisher",
      "appRoles",
      "oauth2PermissionScopes",
      "keyCredentials",
      "passwordCredentials",
    ]);
    expect(Object.keys(app).slice(-2)).toEqual(["owners", "appRoleAssignments"]);
    expect(mi.verifiedPublisher).toEqual({ displayName: null, verifiedPublisherId: null, addedDateTime: null });
  });
});

describe("delegated permission grants", () => {
  it("says Principal consent exactly when a user consented, in Graph's field order", () => {
    const spec = { id: "g", clientId: "c", resourceId: "r", scope: "User.Read" };
    const one = oauth2PermissionGrantWire({ ...spec, principalId: "u" });
    expect(Object.keys(one)).toEqual(["clientId", "consentType", "id", "principalId", "resourceId", "scope"]);
    expect(one.consentType).toBe("Principal");
    expect(oauth2PermissionGrantWire({ ...spec, principalId: null }).consentType).toBe("AllPrincipals");
  });
});

describe("directory role definitions", () => {
  it("names a built-in role from the reference data, its id being its template id", () => {
    const ga = directoryRoleDefinitionWire("62e90394-69f5-4237-9190-012177145e10", "Can manage everything.");
    expect(Object.keys(ga)).toEqual([
      "id",
      "description",
      "displayName",
      "isBuiltIn",
      "isEnabled",
      "resourceScopes",
      "templateId",
      "version",
      "rolePermissions",
    ]);
    expect(ga).toMatchObject({ displayName: "Global Administrator", templateId: ga.id, resourceScopes: ["/"] });
    expect(() => directoryRoleDefinitionWire("00000000-0000-0000-0000-000000000000")).toThrow(/no built-in/);
  });
});

describe("Defender assessments", () => {
  it("files an assessment under what it assesses, resourceDetails spelt as the 2021-06-01 API does", () => {
    const vmss = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss1";
    const a = securityAssessmentWire({
      key: "21300918-b2e3-0346-785f-c77ff57d243b",
      resourceId: vmss,
      displayName: "Install endpoint protection solution on virtual machine scale sets",
      status: { code: "NotApplicable", cause: "OffByPolicy" },
      severity: "High",
    });
    expect(Object.keys(a)).toEqual(["id", "name", "type", "properties"]);
    expect(a.id).toBe(`${vmss}/providers/Microsoft.Security/assessments/21300918-b2e3-0346-785f-c77ff57d243b`);
    expect(JSON.stringify(a.properties)).toBe(
      JSON.stringify({
        resourceDetails: { source: "Azure", id: vmss },
        displayName: "Install endpoint protection solution on virtual machine scale sets",
        status: { code: "NotApplicable", cause: "OffByPolicy" },
        metadata: {
          displayName: "Install endpoint protection solution on virtual machine scale sets",
          severity: "High",
          assessmentType: "BuiltIn",
        },
      }),
    );
  });
});

describe("security groups", () => {
  it("writes an assigned-membership security group with no mail, members last", () => {
    const g = securityGroupWire({
      id: "g1",
      displayName: "sg-ops",
      description: null,
      mailNickname: "sg-ops",
      createdDateTime: "2026-01-01T00:00:00Z",
      members: ["u1"],
    });
    expect(Object.keys(g)).toEqual([
      "id",
      "deletedDateTime",
      "createdDateTime",
      "description",
      "displayName",
      "groupTypes",
      "isAssignableToRole",
      "mail",
      "mailEnabled",
      "mailNickname",
      "securityEnabled",
      "members",
    ]);
    expect(g).toMatchObject({ groupTypes: [], mailEnabled: false, securityEnabled: true, isAssignableToRole: false });
  });
});

describe("users", () => {
  const member = {
    id: "u1",
    displayName: "Ada Lovelace",
    givenName: "Ada",
    surname: "Lovelace",
    jobTitle: null,
    mail: "ada@contoso.com",
    userPrincipalName: "ada@contoso.com",
    userType: "Member",
    accountEnabled: true,
  } as const;

  it("lists Graph's default user properties in its order, then the selected ones", () => {
    expect(Object.keys(userWire(member))).toEqual([
      "id",
      "businessPhones",
      "displayName",
      "givenName",
      "jobTitle",
      "mail",
      "mobilePhone",
      "officeLocation",
      "preferredLanguage",
      "surname",
      "userPrincipalName",
      "userType",
      "accountEnabled",
      "department",
      "createdDateTime",
    ]);
  });

  it("gives an invited guest the invitation's fields, a member none", () => {
    const guest = userWire({ ...member, userType: "Guest", userPrincipalName: "ada_fabrikam.com#EXT#@contoso.com" });
    expect(guest).toMatchObject({ externalUserState: "Accepted", creationType: "Invitation" });
    expect(userWire(member)).not.toHaveProperty("creationType");
  });
});

describe("applications", () => {
  it("lists an app registration's fields in Graph's order, every platform present, fixture links last", () => {
    const app = applicationWire({
      id: "o1",
      appId: "a1",
      displayName: "api",
      createdDateTime: "2026-01-01T00:00:00Z",
      publisherDomain: "contoso.com",
      signInAudience: "AzureADMyOrg",
      redirectUris: { web: ["https://api.contoso.com/signin-oidc"] },
    });
    expect(Object.keys(app)).toEqual([
      "id",
      "deletedDateTime",
      "appId",
      "applicationTemplateId",
      "identifierUris",
      "createdDateTime",
      "description",
      "displayName",
      "notes",
      "publisherDomain",
      "signInAudience",
      "tags",
      "publicClient",
      "keyCredentials",
      "passwordCredentials",
      "requiredResourceAccess",
      "spa",
      "web",
      "federatedIdentityCredentials",
      "owners",
    ]);
    expect(app.spa).toEqual({ redirectUris: [] });
    expect(JSON.stringify(app.web)).toBe(
      JSON.stringify({
        redirectUris: ["https://api.contoso.com/signin-oidc"],
        homePageUrl: null,
        logoutUrl: null,
        implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false },
      }),
    );
  });
});
