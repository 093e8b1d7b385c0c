import type { JSONSchemaType } from "ajv";
import {
  delegatedScopeRisk,
  MICROSOFT_GRAPH_APP_ID,
  splitScopes,
  type DelegatedScopeRisk,
} from "../../classification/index.ts";
import type { DelegatedGrant, ServicePrincipal } from "../../inventory/types.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { servicePrincipalRef } from "../support/refs.ts";
import { guidList } from "../support/options.ts";
import { defineRule, type ResourceRef } from "../types.ts";

export interface Options {
  /** Client service principal object ids or appIds whose tenant-wide grants were reviewed and accepted. */
  allowClientIds: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    allowClientIds: guidList(
      "Client apps whose tenant-wide consent was reviewed and accepted: the client service principal's object id or its appId (case-insensitive).",
    ),
  },
  required: ["allowClientIds"],
  additionalProperties: false,
};

/** A grant with its client and resource service principals looked up once. */
interface Subject {
  grant: DelegatedGrant;
  client: ServicePrincipal | undefined;
  resource: ServicePrincipal | undefined;
}

interface RiskyScope {
  scope: string;
  risk: DelegatedScopeRisk;
}

function clientRef(grant: DelegatedGrant, client: ServicePrincipal | undefined): ResourceRef {
  if (client) return servicePrincipalRef(client);
  return {
    id: `entra/servicePrincipals/${grant.clientId}`,
    type: "Microsoft.Graph/servicePrincipals",
    displayName: null,
    subscriptionId: null,
  };
}

function resourceName(grant: DelegatedGrant, resource: ServicePrincipal | undefined): string {
  if (resource) return resource.displayName;
  if (grant.resourceAppId?.toLowerCase() === MICROSOFT_GRAPH_APP_ID) return "Microsoft Graph";
  return grant.resourceAppId ?? grant.resourceId;
}

export default defineRule<Options, Subject>({
  meta: {
    id: "graph-tenant-wide-consent",
    aliases: [],
    title: "No app holds tenant-wide consent to high-risk delegated permissions",
    severity: "high",
    confidence: "high",
    category: "permissions",
    description:
      "Flags every delegated permission grant (oauth2PermissionGrant) with consentType `AllPrincipals` — admin consent on behalf of every user — that includes at least one scope the project's classification rates high-risk or Tier 0 for that grant's resource API (e.g. Directory.AccessAsUser.All, Directory.ReadWrite.All, Mail.Read, Files.ReadWrite.All on Microsoft Graph; user_impersonation on Azure Service Management or Key Vault). Scope names compare case-insensitively; the grant's resource appId decides which API's scope a name is. Grants consented by single users (consentType `Principal`) are not judged. One finding per grant, listing every risky scope.",
    rationale:
      "A tenant-wide delegated grant lets the client app act as any user who signs in to it, within that user's rights, without asking them. With a high-risk scope, one consent click exposes every mailbox, file or directory object users can reach — and with a Tier-0 scope, an administrator merely using the app lends it their role. Illicit consent grants are a standard persistence technique: the grant outlives password resets and MFA changes.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Enterprise applications > the app > Permissions > Admin consent: review the delegated permissions granted for all users.",
        "If the app is not known and needed, revoke the grant (or delete the service principal); if it is, re-consent with only the scopes it needs, or switch to per-user consent or an app assignment requirement.",
        "Check the app's sign-ins and audit log for use of the risky scopes since the grant was made.",
      ],
      cli: "az ad app permission list-grants --id <clientAppId> --show-resource-name && az rest --method DELETE --uri https://graph.microsoft.com/v1.0/oauth2PermissionGrants/<grantId>",
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/grant-admin-consent",
      "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions",
      "https://learn.microsoft.com/en-us/graph/api/resources/oauth2permissiongrant",
      "https://learn.microsoft.com/en-us/defender-office-365/detect-and-remediate-illicit-consent-grants",
    ],
    compliance: [{ framework: "MCSB", id: "PA-7" }],
    messages: {
      tenantWide:
        'App "{{clientName}}" has tenant-wide consent (all users) to {{resourceName}} scopes {{riskyScopes}}: it can use them as every user who signs in to it.',
    },
    requires: ["delegatedGrants"],
    subjectNoun: "delegated permission grants",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { allowClientIds: [] },
  subjects(inventory) {
    const servicePrincipals = indexBy(optionalItems(inventory, "servicePrincipals"), (sp) => sp.id);
    return items(inventory, "delegatedGrants").map((grant) => ({
      grant,
      client: servicePrincipals.get(grant.clientId.toLowerCase()),
      resource: servicePrincipals.get(grant.resourceId.toLowerCase()),
    }));
  },
  check({ grant, client, resource }, { options }) {
    if (grant.consentType.toLowerCase() !== "allprincipals") return [];
    const allowed = new Set(options.allowClientIds.map((id) => id.toLowerCase()));
    if (allowed.has(grant.clientId.toLowerCase()) || (client && allowed.has(client.appId.toLowerCase()))) return [];

    const risky: RiskyScope[] = [];
    const seen = new Set<string>();
    for (const scope of splitScopes(grant.scopes)) {
      const key = scope.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const risk = delegatedScopeRisk(scope, grant.resourceAppId);
      if (risk) risky.push({ scope, risk });
    }
    if (risky.length === 0) return [];

    const clientName = client?.displayName ?? grant.clientId;
    const tier0 = risky.filter((r) => r.risk.risk === "tier0").map((r) => r.scope);
    return [
      {
        messageId: "tenantWide",
        data: {
          clientName,
          resourceName: resourceName(grant, resource),
          riskyScopes: risky.map((r) => r.scope).join(", "),
        },
        resource: clientRef(grant, client),
        // One AllPrincipals grant exists per (client, resource API): the resource is the stable key.
        // Its Tier-0 scopes join it: a consent widened to a Tier-0 scope is a new finding, not an
        // update hidden behind a baseline entry or a dismissed alert (docs/findings.md).
        discriminator: `allprincipals|${grant.resourceId}${
          tier0.length > 0
            ? `|tier0:${tier0
                .map((s) => s.toLowerCase())
                .sort()
                .join(",")}`
            : ""
        }`,
        evidence: {
          grantId: grant.id,
          clientId: grant.clientId,
          clientAppId: client?.appId ?? null,
          clientName: client?.displayName ?? null,
          resourceId: grant.resourceId,
          resourceAppId: grant.resourceAppId,
          riskyScopes: risky.map((r) => r.scope),
          tier0Scopes: tier0,
          allScopes: splitScopes(grant.scopes),
        },
      },
    ];
  },
});
