import type { JSONSchemaType } from "ajv";
import { appPermissionClass, type AppPermissionClass } from "../../classification/index.ts";
import type { AppPermissionGrant, ServicePrincipal } from "../../inventory/types.ts";
import { isMicrosoftOwned } from "../support/credentials.ts";
import { includesId, guidList } from "../support/options.ts";
import { holderRef } from "../support/refs.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { defineRule } from "../types.ts";

export interface Options {
  /** Service principal object ids allowed to hold tenant-wide mail, files or sites permissions. */
  allowPrincipalIds: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    allowPrincipalIds: guidList(
      "Service principal object ids allowed to hold tenant-wide mail, files or sites application permissions, e.g. a backup or e-discovery product you have reviewed.",
    ),
  },
  required: ["allowPrincipalIds"],
  additionalProperties: false,
};

interface Subject {
  grant: AppPermissionGrant;
  permissionClass: AppPermissionClass | undefined;
  holder: ServicePrincipal | undefined;
}

const AREA_LABEL = { mail: "every mailbox", files: "every user's files", sites: "every SharePoint site" } as const;

export default defineRule<Options, Subject>({
  meta: {
    id: "tenant-wide-data-app-permission",
    aliases: [],
    title: "No service principal reads every mailbox, file or site",
    severity: "high",
    confidence: "high",
    category: "permissions",
    description:
      "Flags every application permission granted to a service principal that reads or changes the mail, files or sites of the whole tenant: Exchange Online's `full_access_as_app` and `Exchange.ManageAsApp`, SharePoint Online's `Sites.FullControl.All`, `Sites.Manage.All`, `Sites.ReadWrite.All` and `Sites.Read.All`, and Microsoft Graph's `Mail.*`, `MailboxSettings.ReadWrite`, `MailboxItem.*`, `Files.Read(Write).All` and `Sites.*` application permissions (the list, by app role id, is in docs/classification.md). Permissions are matched by resource appId and app role id, never by name. `Sites.Selected` is not flagged: it reaches only the sites an administrator granted one by one. Only `allowPrincipalIds` exempts a holder; Microsoft first-party service principals are judged like any other.",
    rationale:
      "An application permission works without a signed-in user, on every mailbox or site at once, and nobody is asked again after the first consent. Whoever holds the app's credential, or can add one, reads the whole organisation's mail and documents: the goal of most business email compromise and of the Midnight Blizzard intrusion, which used `full_access_as_app` on an OAuth app. Exchange's RBAC for Applications and SharePoint's Sites.Selected scope such access to the mailboxes and sites a workload needs.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Enterprise applications > the service principal > Permissions: see which application permissions it holds, on which API, and who consented.",
        "Replace tenant-wide access with scoped access: Exchange Online RBAC for Applications (a management scope over the mailboxes the app needs) or SharePoint's Sites.Selected with a grant per site.",
        "Revoke the tenant-wide permission, and protect whatever remains: certificate or federated credential only, owners limited, sign-ins monitored.",
      ],
      cli: "az rest --method DELETE --uri https://graph.microsoft.com/v1.0/servicePrincipals/<servicePrincipalId>/appRoleAssignments/<appRoleAssignmentId>",
    },
    references: [
      "https://learn.microsoft.com/en-us/exchange/permissions-exo/application-rbac",
      "https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth",
      "https://learn.microsoft.com/en-us/sharepoint/dev/solution-guidance/security-apponly-azuread",
      "https://learn.microsoft.com/en-us/graph/permissions-selected-overview",
      "https://www.microsoft.com/en-us/security/blog/2024/01/25/midnight-blizzard-guidance-for-responders-on-nation-state-attack/",
    ],
    compliance: [
      { framework: "MCSB", id: "PA-7" },
      { framework: "MCSB", id: "IM-3" },
    ],
    messages: {
      tenantWide:
        'Service principal "{{principalName}}" holds the {{resourceName}} application permission {{permission}}, which reaches {{areaLabel}} without a signed-in user: {{reason}}',
    },
    requires: ["appPermissionGrants"],
    subjectNoun: "application permission grants",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { allowPrincipalIds: [] },
  subjects(inventory) {
    const servicePrincipals = indexBy(optionalItems(inventory, "servicePrincipals"), (sp) => sp.id);
    return items(inventory, "appPermissionGrants").map((grant) => ({
      grant,
      permissionClass: appPermissionClass(grant),
      holder: servicePrincipals.get(grant.principalId.toLowerCase()),
    }));
  },
  check({ grant, permissionClass, holder }, { options }) {
    if (!permissionClass?.dataArea) return [];
    if (includesId(options.allowPrincipalIds, grant.principalId)) return [];
    const permission = grant.permission ?? permissionClass.value;
    return [
      {
        messageId: "tenantWide",
        data: {
          principalName: holder?.displayName ?? grant.principalDisplayName ?? grant.principalId,
          resourceName: permissionClass.resourceName,
          permission,
          areaLabel: AREA_LABEL[permissionClass.dataArea],
          reason: permissionClass.reason,
        },
        resource: holderRef(grant, holder),
        discriminator: `${permissionClass.resourceAppId}|${permissionClass.id}`,
        evidence: {
          resourceAppId: permissionClass.resourceAppId,
          resourceName: permissionClass.resourceName,
          appRoleId: permissionClass.id,
          permission,
          dataArea: permissionClass.dataArea,
          tier: permissionClass.tier,
          principalId: grant.principalId,
          principalName: holder?.displayName ?? grant.principalDisplayName,
          servicePrincipalType: holder?.servicePrincipalType ?? null,
          appId: holder?.appId ?? null,
          microsoftFirstParty: holder ? isMicrosoftOwned(holder) : null,
          grantId: grant.id,
          grantedOn: grant.createdDateTime,
        },
      },
    ];
  },
});
