import type { JSONSchemaType } from "ajv";
import { appPermissionGrantClass, GRAPH_DATA_AREAS, type GraphPermissionClass } from "../../classification/index.ts";
import type { AppPermissionGrant, ServicePrincipal } from "../../inventory/types.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { holderRef } from "../support/refs.ts";
import { guidList, includesId } from "../support/options.ts";
import { isMicrosoftOwned } from "../support/credentials.ts";
import { defineRule, type Severity } from "../types.ts";

export interface Options {
  /** Service principal object ids allowed to hold privileged Graph application permissions. */
  allowPrincipalIds: string[];
  /** Also flag the classification's "high" tier (at severity high). */
  includeHighRisk: boolean;
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    allowPrincipalIds: guidList(
      "Service principal object ids allowed to hold Tier-0 (or high) Microsoft Graph application permissions, e.g. an identity-governance tool you have reviewed.",
    ),
    includeHighRisk: {
      type: "boolean",
      description:
        'Also flag permissions in the classification\'s "high" tier (tenant-wide sensitive data or weakened defences), at severity high.',
    },
  },
  required: ["allowPrincipalIds", "includeHighRisk"],
  additionalProperties: false,
};

/** A grant with its classification and holder looked up once. */
interface Subject {
  grant: AppPermissionGrant;
  permissionClass: GraphPermissionClass | undefined;
  holder: ServicePrincipal | undefined;
}

const TIER_LABEL = { tier0: "Tier 0", high: "high risk" } as const;

export default defineRule<Options, Subject>({
  meta: {
    id: "graph-privileged-app-permission",
    aliases: [],
    title: "No service principal holds a Tier-0 Microsoft Graph application permission",
    severity: "critical",
    confidence: "high",
    category: "permissions",
    description:
      "Flags every Microsoft Graph application permission (app role assignment on the Microsoft Graph service principal, appId 00000003-0000-0000-c000-000000000000) granted to a service principal whose app role id the project's classification puts in Tier 0 — e.g. RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All, Application.ReadWrite.All, Directory.ReadWrite.All. Permissions are matched by app role id, never by name; a grant whose resource appId is unresolved is matched by id alone (Graph's app role ids are unique). With `includeHighRisk`, the classification's \"high\" tier is flagged too, at severity high, except the mail, files and sites permissions that tenant-wide-data-app-permission reports (one grant, one finding). Microsoft first-party and managed-identity service principals are judged like any other; only `allowPrincipalIds` exempts one.",
    rationale:
      "An application permission works without a signed-in user, on the whole tenant, with nobody's consent after the first. A Tier-0 Graph permission lets whoever holds the service principal's credential — or can add one — make themselves Global Administrator or take over any account: it is a Global Administrator in all but name, yet rarely guarded like one (no PIM, no Conditional Access for most workload identities, secrets sitting in pipelines).",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Enterprise applications > the service principal > Permissions: see which Microsoft Graph application permissions it holds and who consented.",
        "Replace the permission with the narrowest one that does the job (e.g. Application.ReadWrite.OwnedBy instead of Application.ReadWrite.All, a scoped RBAC for Applications role, or a delegated permission used by a signed-in administrator).",
        "Revoke the Tier-0 permission (Permissions > Review permissions, or remove the app role assignment), and protect any remaining one as a Tier-0 asset: certificate or federated credential only, owners limited, sign-ins monitored.",
      ],
      cli: "az rest --method DELETE --uri https://graph.microsoft.com/v1.0/servicePrincipals/<servicePrincipalId>/appRoleAssignments/<appRoleAssignmentId>",
    },
    references: [
      "https://learn.microsoft.com/en-us/graph/permissions-overview#application-permissions",
      "https://learn.microsoft.com/en-us/graph/permissions-reference",
      "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions",
      "https://learn.microsoft.com/en-us/graph/api/serviceprincipal-list-approleassignments",
    ],
    compliance: [
      { framework: "MCSB", id: "PA-1" },
      { framework: "MCSB", id: "PA-7" },
    ],
    messages: {
      privileged:
        'Service principal "{{principalName}}" holds the Microsoft Graph application permission {{permission}} ({{tierLabel}}): {{reason}}',
    },
    requires: ["appPermissionGrants"],
    subjectNoun: "application permission grants",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { allowPrincipalIds: [], includeHighRisk: false },
  subjects(inventory) {
    const servicePrincipals = indexBy(optionalItems(inventory, "servicePrincipals"), (sp) => sp.id);
    return items(inventory, "appPermissionGrants").map((grant) => ({
      grant,
      permissionClass: appPermissionGrantClass(grant),
      holder: servicePrincipals.get(grant.principalId.toLowerCase()),
    }));
  },
  check({ grant, permissionClass, holder }, { options }) {
    if (!permissionClass) return [];
    if (permissionClass.tier === "high" && !options.includeHighRisk) return [];
    if (includesId(options.allowPrincipalIds, grant.principalId)) return [];

    const appRoleId = grant.appRoleId.trim().toLowerCase();
    // tenant-wide-data-app-permission reports these on by default
    if (permissionClass.tier === "high" && GRAPH_DATA_AREAS.has(appRoleId)) return [];
    // The grant's resolved name is shown when present (it is what the portal shows); the classification's otherwise.
    const permission = grant.permission ?? permissionClass.value;
    const principalName = holder?.displayName ?? grant.principalDisplayName ?? grant.principalId;
    const severity: Severity = permissionClass.tier === "tier0" ? "critical" : "high";
    return [
      {
        messageId: "privileged",
        severity,
        data: {
          principalName,
          permission,
          tierLabel: TIER_LABEL[permissionClass.tier],
          reason: permissionClass.reason,
        },
        resource: holderRef(grant, holder),
        discriminator: appRoleId,
        evidence: {
          appRoleId,
          permission,
          tier: permissionClass.tier,
          principalId: grant.principalId,
          principalName: holder?.displayName ?? grant.principalDisplayName,
          servicePrincipalType: holder?.servicePrincipalType ?? null,
          appId: holder?.appId ?? null,
          microsoftFirstParty: holder ? isMicrosoftOwned(holder) : null,
          resourceAppId: grant.resourceAppId,
          grantId: grant.id,
          grantedOn: grant.createdDateTime,
        },
      },
    ];
  },
});
