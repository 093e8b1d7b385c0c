import type { JSONSchemaType } from "ajv";
import {
  credentialFinding,
  credentialOwnersOf,
  credentialsWithEndDate,
  severityForOwner,
  type CredentialOwner,
} from "../support/credentials.ts";
import { isoDay, MS_PER_DAY, parseDate } from "../support/time.ts";
import { defineRule } from "../types.ts";

export interface Options {
  /** Warn this many days (or fewer) before a credential expires. */
  warnDays: number;
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    warnDays: {
      type: "integer",
      minimum: 1,
      maximum: 3650,
      description: "Report a credential that expires within this many days (inclusive) from the scan time.",
    },
  },
  required: ["warnDays"],
  additionalProperties: false,
};

export default defineRule<Options, CredentialOwner>({
  meta: {
    id: "credential-expiring",
    aliases: [],
    title: "App and service principal credentials are renewed before they expire",
    severity: "medium",
    confidence: "high",
    category: "credentials",
    description:
      "Flags every client secret and certificate on an app registration or a service principal that has not expired yet but expires within `warnDays` days of the scan (fires when the end date is after the scan time and at most `warnDays` × 24 hours after it). Managed identities and Microsoft's first-party service principals are not judged: the platform and Microsoft rotate their credentials. A SAML signing certificate counts once (its private-key password and Sign key are folded into its Verify key). Severity is medium; low when a replacement of the same kind already outlives the warning window (nothing breaks at expiry, an old credential is left to delete); one step lower again when the service principal (for an app registration, its service principal in this tenant) is disabled.",
    rationale:
      "When the last valid credential of an application expires, the workload behind it stops signing in: pipelines fail, integrations stop and SAML sign-in breaks. Teams under outage pressure then create a long-lived secret and paste it wherever it is needed. Renewing ahead of time, with a short-lived replacement or better a federated credential, avoids both the outage and the shortcut.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Applications > App registrations (or Enterprise applications for a service principal) > the app > Certificates & secrets (or Single sign-on for a SAML certificate).",
        "Add a replacement credential (preferably a federated credential or a certificate from Key Vault) and roll it out to the workload.",
        "Delete the old credential once sign-in logs show the workload uses the new one.",
      ],
      cli: "az ad app credential reset --id <appId> --append --end-date <YYYY-MM-DD>   # then: az ad app credential delete --id <appId> --key-id <keyId>",
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-configuration",
      "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tutorial-manage-certificates-for-federated-single-sign-on",
      "https://learn.microsoft.com/en-us/graph/api/resources/passwordcredential",
      "https://learn.microsoft.com/en-us/graph/api/resources/keycredential",
    ],
    compliance: [{ framework: "MCSB", id: "IM-3" }],
    messages: {
      expiring:
        '{{credentialLabel}} "{{credentialName}}" (keyId {{keyId}}) on {{ownerLabel}} "{{ownerName}}" expires in {{daysLeft}} days, on {{end}} (warning window {{warnDays}} days).',
      expiringReplaced:
        '{{credentialLabel}} "{{credentialName}}" (keyId {{keyId}}) on {{ownerLabel}} "{{ownerName}}" expires in {{daysLeft}} days, on {{end}}; a replacement already outlives the {{warnDays}}-day window, so delete the old one once nothing uses it.',
    },
    requires: ["applications", "servicePrincipals"],
    subjectNoun: "app registrations and service principals",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { warnDays: 30 },
  subjects: credentialOwnersOf,
  check(owner, { options, now }) {
    return credentialsWithEndDate(owner).flatMap(({ credential: c, end }) => {
      const msLeft = end.getTime() - now.getTime();
      if (msLeft <= 0 || msLeft > options.warnDays * MS_PER_DAY) return [];
      // Rounded up: a credential ending in 6 hours "expires in 1 day", never in 0.
      const daysLeft = Math.ceil(msLeft / MS_PER_DAY);
      // Already rotated: another credential of the same kind outlives the warning window.
      const replaced = owner.credentials.some((o) => {
        if (o.kind !== c.kind || o.keyId === c.keyId) return false;
        const e = parseDate(o.endDateTime);
        return e === null ? o.endDateTime === null : e.getTime() - now.getTime() > options.warnDays * MS_PER_DAY;
      });
      const { data, resource, discriminator, evidence } = credentialFinding(owner, c);
      // With a replacement in place nothing breaks at expiry: only an old credential to delete.
      const severity = severityForOwner(replaced ? "low" : "medium", owner.enabled);
      return [
        {
          messageId: replaced ? "expiringReplaced" : "expiring",
          severity,
          data: { ...data, daysLeft, end: isoDay(end), warnDays: options.warnDays },
          resource,
          discriminator,
          evidence: { ...evidence, daysLeft, warnDays: options.warnDays, replacementPresent: replaced },
        },
      ];
    });
  },
});
