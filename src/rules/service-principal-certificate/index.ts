import type { JSONSchemaType } from "ajv";
import type { KeyCredential, ServicePrincipal } from "../../inventory/types.ts";
import { credentialDiscriminator, isActive, isManagedIdentity, isMicrosoftOwned } from "../support/credentials.ts";
import { guidList, includesId } from "../support/options.ts";
import { privilegeLookup, type PrivilegeLookup } from "../support/privilege.ts";
import { servicePrincipalRef } from "../support/refs.ts";
import { samlSigningKeyIds } from "../support/saml-signing.ts";
import { items } from "../support/sections.ts";
import { isoDay, parseDate } from "../support/time.ts";
import { defineRule, type Severity } from "../types.ts";

export interface Options {
  /** Skip certificates that have already expired (credential-expired reports those). */
  ignoreExpired: boolean;
  /** appIds whose service principal is known to need a certificate of its own. */
  allowAppIds: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    ignoreExpired: {
      type: "boolean",
      description: "Skip certificates that have already expired (credential-expired reports those).",
    },
    allowAppIds: guidList(
      "Application (client) ids whose service principal is known and reviewed to need a certificate of its own (case-insensitive).",
    ),
  },
  required: ["ignoreExpired", "allowAppIds"],
  additionalProperties: false,
};

interface Subject {
  sp: ServicePrincipal;
  privileges: PrivilegeLookup;
}

function expiry(k: KeyCredential, now: Date): string {
  const end = parseDate(k.endDateTime);
  if (end === null) return "no end date";
  return end.getTime() <= now.getTime() ? `expired ${isoDay(end)}` : `expires ${isoDay(end)}`;
}

export default defineRule<Options, Subject>({
  meta: {
    id: "service-principal-certificate",
    aliases: [],
    title: "Service principals carry no certificates of their own",
    severity: "high",
    confidence: "high",
    category: "credentials",
    description:
      "Flags every certificate (key credential) stored on a service principal object itself rather than on its app registration, for this tenant's apps, other tenants' multi-tenant apps and Microsoft's first-party apps alike. Not flagged: the SAML token-signing pair Entra creates for an enterprise app set up for SAML single sign-on (preferredSingleSignOnMode `saml`, a `Sign` and a `Verify` key with the same customKeyIdentifier), managed identities, expired certificates while `ignoreExpired` is true, and service principals whose appId is in `allowAppIds`. Severity is critical when the service principal holds a privileged Azure role, a classified Entra role or a classified application permission (as privileged-identity-with-secret reads them). A sibling of service-principal-password, kept apart so each can be tuned and suppressed on its own.",
    rationale:
      "A certificate added to a service principal signs in exactly like a client secret there, and is the quieter choice: the App registrations blade never shows it, certificates rarely trip secret scanners, and a self-signed one can be valid for years. Adding a key credential to a service principal that already holds strong permissions is a documented persistence technique (Solorigate). Apart from the SAML signing pair Entra makes itself, legitimate uses are rare, so every one deserves a look.",
    remediation: {
      portal: [
        "The portal does not list service principal certificates outside SAML single sign-on: list them with `az ad sp show --id <appId> --query keyCredentials` or Microsoft Graph.",
        "Check the audit log (Microsoft Entra admin center > Monitoring > Audit logs, activity 'Add service principal credentials') for who added the certificate and when.",
        "If no one can vouch for it, remove it and investigate the service principal's sign-ins; move legitimate use to a credential on the app registration or a federated credential.",
      ],
      cli: "az ad sp credential delete --id <appId> --key-id <keyId> --cert",
    },
    references: [
      "https://learn.microsoft.com/en-us/graph/api/serviceprincipal-addkey",
      "https://learn.microsoft.com/en-us/graph/api/serviceprincipal-addtokensigningcertificate",
      "https://learn.microsoft.com/en-us/entra/architecture/security-operations-applications#application-credentials",
      "https://attack.mitre.org/techniques/T1098/001/",
    ],
    compliance: [
      { framework: "MCSB", id: "IM-3" },
      { framework: "MCSB", id: "IM-8" },
    ],
    messages: {
      certificate:
        'Service principal "{{spName}}" (appId {{appId}}) holds certificate "{{certificateName}}" (keyId {{keyId}}, usage {{usage}}, {{expiry}}) on the service principal object itself{{privilegeNote}}.',
    },
    requires: ["servicePrincipals"],
    subjectNoun: "service principals",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { ignoreExpired: true, allowAppIds: [] },
  subjects(inventory) {
    const privileges = privilegeLookup(inventory);
    return items(inventory, "servicePrincipals")
      .filter((sp) => !isManagedIdentity(sp))
      .map((sp) => ({ sp, privileges }));
  },
  check({ sp, privileges }, { options, now }) {
    if (includesId(options.allowAppIds, sp.appId)) return [];
    const saml = samlSigningKeyIds(sp);
    const held = privileges.ofApp(sp.appId);
    const severity: Severity = held.length > 0 ? "critical" : "high";
    return sp.keyCredentials
      .filter((k) => !saml.has(k.keyId.toLowerCase()))
      .filter((k) => !options.ignoreExpired || isActive(k, now))
      .map((k) => ({
        messageId: "certificate",
        severity,
        data: {
          spName: sp.displayName,
          appId: sp.appId,
          certificateName: k.displayName ?? "(unnamed)",
          keyId: k.keyId,
          usage: k.usage ?? "unknown",
          expiry: expiry(k, now),
          privilegeNote: held.length > 0 ? `, and it holds ${held.join("; ")}` : "",
        },
        resource: servicePrincipalRef(sp),
        discriminator: credentialDiscriminator("certificate", k.keyId),
        evidence: {
          appId: sp.appId,
          servicePrincipalType: sp.servicePrincipalType,
          appOwnerOrganizationId: sp.appOwnerOrganizationId,
          microsoftFirstParty: isMicrosoftOwned(sp),
          accountEnabled: sp.accountEnabled,
          preferredSingleSignOnMode: sp.preferredSingleSignOnMode ?? null,
          keyId: k.keyId,
          usage: k.usage,
          type: k.type,
          customKeyIdentifier: k.customKeyIdentifier ?? null,
          startDateTime: k.startDateTime,
          endDateTime: k.endDateTime,
          privileges: held,
          privilegesComplete: privileges.complete,
        },
      }));
  },
});
