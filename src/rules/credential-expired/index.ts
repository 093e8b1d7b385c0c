import type { JSONSchemaType } from "ajv";
import {
  credentialFinding,
  credentialOwnersOf,
  credentialsWithEndDate,
  severityForOwner,
  type CredentialOwner,
} from "../support/credentials.ts";
import { daysBetween, isoDay, MS_PER_DAY } from "../support/time.ts";
import { defineRule } from "../types.ts";

export interface Options {
  /** Days an expired credential may stay attached before it is reported. */
  graceDays: number;
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    graceDays: {
      type: "integer",
      minimum: 0,
      maximum: 3650,
      description:
        "Days an expired credential may stay attached before it is reported (0: report as soon as it has expired).",
    },
  },
  required: ["graceDays"],
  additionalProperties: false,
};

export default defineRule<Options, CredentialOwner>({
  meta: {
    id: "credential-expired",
    aliases: [],
    title: "Expired credentials are removed from apps and service principals",
    severity: "low",
    confidence: "high",
    category: "credentials",
    description:
      "Flags every client secret and certificate on an app registration or a service principal whose end date is at least `graceDays` days before the scan (with the default 0: any credential that has expired). Managed identities and Microsoft's first-party service principals are not judged: the platform and Microsoft manage their credentials. A SAML signing certificate counts once. Severity is low, info when the service principal (for an app registration, its service principal in this tenant) is disabled. Credentials without an end date never expire and are not reported here.",
    rationale:
      "An expired credential cannot sign in, but it is clutter that hides what matters: reviews of an app's credentials have to tell live ones from dead ones, expiry alerts keep firing, and an app whose only credentials have expired is often an abandoned app still holding permissions. Removing expired credentials keeps the credential list an accurate record of how the app authenticates.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Applications > App registrations (or Enterprise applications for a service principal) > the app > Certificates & secrets.",
        "Delete the expired secret or certificate.",
        "If the app has no valid credential left and no recent sign-ins, consider whether the app itself is still needed.",
      ],
      cli: 'az ad app credential delete --id <appId> --key-id <keyId> [--cert]   # a secret on a service principal: az rest --method POST --url https://graph.microsoft.com/v1.0/servicePrincipals/<objectId>/removePassword --body \'{"keyId":"<keyId>"}\'',
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-configuration",
      "https://learn.microsoft.com/en-us/graph/api/application-removepassword",
      "https://learn.microsoft.com/en-us/graph/api/serviceprincipal-removepassword",
    ],
    compliance: [{ framework: "MCSB", id: "IM-3" }],
    messages: {
      expired:
        '{{credentialLabel}} "{{credentialName}}" (keyId {{keyId}}) on {{ownerLabel}} "{{ownerName}}" expired on {{end}} ({{daysExpired}} days before the scan) and is still attached.',
    },
    requires: ["applications", "servicePrincipals"],
    subjectNoun: "app registrations and service principals",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { graceDays: 0 },
  subjects: credentialOwnersOf,
  check(owner, { options, now }) {
    return credentialsWithEndDate(owner).flatMap(({ credential: c, end }) => {
      // Expired at or before now, and for longer than the grace period.
      if (end.getTime() > now.getTime() - options.graceDays * MS_PER_DAY) return [];
      const daysExpired = daysBetween(end, now);
      const { data, resource, discriminator, evidence } = credentialFinding(owner, c);
      return [
        {
          messageId: "expired",
          severity: severityForOwner("low", owner.enabled),
          data: { ...data, daysExpired, end: isoDay(end) },
          resource,
          discriminator,
          evidence: { ...evidence, daysExpired, graceDays: options.graceDays },
        },
      ];
    });
  },
});
