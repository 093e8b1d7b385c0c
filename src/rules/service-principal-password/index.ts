import type { JSONSchemaType } from "ajv";
import type { ServicePrincipal } from "../../inventory/types.ts";
import {
  credentialDiscriminator,
  isActive,
  isManagedIdentity,
  isMicrosoftOwned,
  servicePrincipalSecrets,
} from "../support/credentials.ts";
import { items, optionalItems } from "../support/sections.ts";
import { servicePrincipalRef } from "../support/refs.ts";
import { isoDay, parseDate } from "../support/time.ts";
import { guidList, includesId } from "../support/options.ts";
import { defineRule } from "../types.ts";

export interface Options {
  /** Skip passwords that have already expired (credential-expired reports those). */
  ignoreExpired: boolean;
  /** appIds whose service principal is known to need a password of its own. */
  allowAppIds: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    ignoreExpired: {
      type: "boolean",
      description: "Skip passwords that have already expired (credential-expired reports those).",
    },
    allowAppIds: guidList(
      "Application (client) ids whose service principal is known and reviewed to need a password of its own (case-insensitive).",
    ),
  },
  required: ["ignoreExpired", "allowAppIds"],
  additionalProperties: false,
};

type Ownership = "thisTenant" | "microsoft" | "otherTenant" | "unknown";

interface Subject {
  sp: ServicePrincipal;
  ownership: Ownership;
}

const OWNERSHIP_LABEL: Record<Ownership, string> = {
  thisTenant: "an app of this tenant",
  microsoft: "a Microsoft first-party app",
  otherTenant: "a multi-tenant app from another tenant",
  unknown: "an app of unknown origin",
};

export default defineRule<Options, Subject>({
  meta: {
    id: "service-principal-password",
    aliases: [],
    title: "Service principals carry no passwords of their own",
    severity: "high",
    confidence: "high",
    category: "credentials",
    description:
      "Flags every password credential (client secret) stored on a service principal object itself rather than on its app registration, for service principals of this tenant's apps, of other tenants' multi-tenant apps and of Microsoft's first-party apps alike. Not flagged: managed identities (they cannot hold user-made credentials), the private-key password Entra stores next to a SAML token-signing certificate (same keyId as the certificate's `Sign` key), expired passwords while `ignoreExpired` is true, and service principals whose appId is in `allowAppIds`.",
    rationale:
      "A secret added to a service principal signs in exactly like one on the app registration, but the App registrations blade and most reviews never show it, and for an app registered in another tenant (a vendor's multi-tenant app, or one of Microsoft's) the service principal is the only place in this tenant a credential can be added. Attackers who obtain Application Administrator or Application.ReadWrite.All add such credentials to apps that already hold strong permissions, as in the Solorigate intrusions, and keep access after the original foothold is gone. Legitimate uses are rare, so every one deserves a look.",
    remediation: {
      portal: [
        "The portal does not list service principal passwords: list them with `az ad sp show --id <appId> --query passwordCredentials` or Microsoft Graph.",
        "Check the audit log (Microsoft Entra admin center > Monitoring > Audit logs, activity 'Add service principal credentials') for who added the password and when.",
        "If no one can vouch for it, remove it and investigate the service principal's sign-ins; move legitimate use to a credential on the app registration (or a federated credential).",
      ],
      cli: 'az rest --method POST --url https://graph.microsoft.com/v1.0/servicePrincipals/<objectId>/removePassword --body \'{"keyId":"<keyId>"}\'',
    },
    references: [
      "https://learn.microsoft.com/en-us/graph/api/serviceprincipal-addpassword",
      "https://learn.microsoft.com/en-us/graph/api/serviceprincipal-removepassword",
      "https://learn.microsoft.com/en-us/entra/identity-platform/app-objects-and-service-principals",
      "https://learn.microsoft.com/en-us/entra/architecture/security-operations-applications#application-credentials",
    ],
    compliance: [
      { framework: "MCSB", id: "IM-3" },
      { framework: "MCSB", id: "IM-8" },
    ],
    messages: {
      password:
        'Service principal "{{spName}}" ({{ownership}}, appId {{appId}}) holds client secret "{{secretName}}" (keyId {{keyId}}, {{expiry}}) on the service principal object itself, where the App registrations blade does not show it.',
    },
    requires: ["servicePrincipals"],
    subjectNoun: "service principals",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { ignoreExpired: true, allowAppIds: [] },
  subjects(inventory) {
    const tenantId = optionalItems(inventory, "tenant")[0]?.id.toLowerCase() ?? null;
    return items(inventory, "servicePrincipals")
      .filter((sp) => !isManagedIdentity(sp))
      .map((sp) => {
        const owner = sp.appOwnerOrganizationId?.toLowerCase() ?? null;
        const ownership: Ownership = isMicrosoftOwned(sp)
          ? "microsoft"
          : owner === null || tenantId === null
            ? "unknown"
            : owner === tenantId
              ? "thisTenant"
              : "otherTenant";
        return { sp, ownership };
      });
  },
  check({ sp, ownership }, { options, now }) {
    if (includesId(options.allowAppIds, sp.appId)) return [];
    return servicePrincipalSecrets(sp)
      .filter((p) => !options.ignoreExpired || isActive(p, now))
      .map((p) => {
        const end = parseDate(p.endDateTime);
        const expiry =
          end === null
            ? "no end date"
            : end.getTime() <= now.getTime()
              ? `expired ${isoDay(end)}`
              : `expires ${isoDay(end)}`;
        return {
          messageId: "password",
          data: {
            spName: sp.displayName,
            ownership: OWNERSHIP_LABEL[ownership],
            appId: sp.appId,
            secretName: p.displayName ?? "(unnamed)",
            keyId: p.keyId,
            expiry,
          },
          resource: servicePrincipalRef(sp),
          discriminator: credentialDiscriminator("secret", p.keyId),
          evidence: {
            appId: sp.appId,
            servicePrincipalType: sp.servicePrincipalType,
            appOwnerOrganizationId: sp.appOwnerOrganizationId,
            ownership,
            accountEnabled: sp.accountEnabled,
            keyId: p.keyId,
            startDateTime: p.startDateTime,
            endDateTime: p.endDateTime,
          },
        };
      });
  },
});
