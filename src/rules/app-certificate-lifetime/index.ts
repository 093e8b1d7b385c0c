import type { JSONSchemaType } from "ajv";
import type { Application } from "../../inventory/types.ts";
import { credentialDiscriminator } from "../support/credentials.ts";
import { lifetimeOptionsSchema, lifetimeViolations, type LifetimeOptions } from "../support/credential-lifetime.ts";
import { items } from "../support/sections.ts";
import { defineRule } from "../types.ts";

/** `maxLifetimeDays`: longest validity a certificate may have; `toleranceDays`: calendar slack; `ignoreExpired`: skip expired ones. */
export type Options = LifetimeOptions & { toleranceDays: number };

/**
 * A "one-year" certificate is 366 days across a leap day, and publicly-trusted TLS certificates may
 * be valid for up to 398 days (CA/Browser Forum Baseline Requirements, §6.3.2, for certificates
 * issued since 1 September 2020): 365 + 33 accepts both, anything longer is a choice.
 */
export const DEFAULT_TOLERANCE_DAYS = 33;

const baseSchema = lifetimeOptionsSchema({
  maxLifetimeDays: "Longest validity a certificate credential may have, in days (start to end date).",
  ignoreExpired: "Skip certificates that have already expired (credential-expired reports those).",
});

const optionsSchema: JSONSchemaType<Options> = {
  ...baseSchema,
  properties: {
    ...baseSchema.properties,
    toleranceDays: {
      type: "integer",
      minimum: 0,
      maximum: 366,
      description:
        "Days a certificate may run past maxLifetimeDays without being flagged: calendar slack for leap years and for publicly-trusted TLS certificates, issued for up to 398 days. The default 33 lets a 365-day limit accept 398 days; set 0 for an exact limit.",
    },
  },
  required: ["maxLifetimeDays", "ignoreExpired", "toleranceDays"],
} as JSONSchemaType<Options>;

export default defineRule<Options, Application>({
  meta: {
    id: "app-certificate-lifetime",
    aliases: [],
    title: "Certificate credentials on app registrations are short-lived",
    severity: "medium",
    confidence: "high",
    category: "credentials",
    description:
      "Flags every certificate (key credential) on an app registration whose validity, from its start date to its end date, is longer than `maxLifetimeDays` plus `toleranceDays` (default 33: calendar slack for leap years and 398-day publicly-trusted certificates), or that has no end date. When the credential has no start date the validity is counted from the app's creation. Expired certificates are skipped unless `ignoreExpired` is false. Service principals' certificates are not judged here (SAML signing certificates follow their own three-year default; credential-expiring and service-principal-password cover service principals).",
    rationale:
      "A certificate credential is stronger than a client secret, since the private key can stay in Key Vault or an HSM, but a private key that is exported to a build agent or a laptop leaks like a secret does. Its end date bounds how long a stolen key works. Self-signed certificates made for app sign-in are often issued for many years and never rotated; a validity of a year or less forces a rotation routine that also retires copies nobody remembers.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Applications > App registrations > the app > Certificates & secrets > Certificates.",
        "Upload a certificate valid for no longer than the limit (ideally issued and auto-renewed by Key Vault) and roll it out to the workload.",
        "Delete the long-lived certificate once the workload signs in with the new one.",
      ],
      cli: "az ad app credential reset --id <appId> --append --cert @<new-cert.pem>   # then: az ad app credential delete --id <appId> --key-id <keyId> --cert",
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-configuration",
      "https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials",
      "https://learn.microsoft.com/en-us/graph/api/resources/keycredential",
    ],
    compliance: [{ framework: "MCSB", id: "IM-3" }],
    messages: {
      tooLong:
        'Certificate "{{certificateName}}" (keyId {{keyId}}) on app registration "{{appName}}" is valid for {{lifetimeDays}} days ({{start}} to {{end}}), more than the {{maxLifetimeDays}}-day limit.',
      neverExpires:
        'Certificate "{{certificateName}}" (keyId {{keyId}}) on app registration "{{appName}}" has no end date.',
    },
    requires: ["applications"],
    subjectNoun: "app registrations",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { maxLifetimeDays: 365, ignoreExpired: true, toleranceDays: DEFAULT_TOLERANCE_DAYS },
  subjects: (inventory) => items(inventory, "applications"),
  check(app, { options, now }) {
    return app.keyCredentials.flatMap((cert) =>
      lifetimeViolations(cert, app, options, now, {
        discriminator: credentialDiscriminator("certificate", cert.keyId),
        data: { certificateName: cert.displayName ?? "(unnamed)", keyId: cert.keyId, appName: app.displayName },
        evidence: () => ({
          appId: app.appId,
          keyId: cert.keyId,
          type: cert.type,
          usage: cert.usage,
          startDateTime: cert.startDateTime,
          endDateTime: cert.endDateTime,
        }),
      }),
    );
  },
});
