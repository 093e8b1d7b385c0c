import type { JSONSchemaType } from "ajv";
import type { Application } from "../../inventory/types.ts";
import { items } from "../support/sections.ts";
import { applicationRef } from "../support/refs.ts";
import { daysBetween, isoDay, parseDate } from "../support/time.ts";
import { defineRule, type Violation } from "../types.ts";

export interface Options {
  /** Longest validity a certificate credential may have, in days. */
  maxLifetimeDays: number;
  /** Skip certificates that have already expired (credential-expired reports those). */
  ignoreExpired: boolean;
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    maxLifetimeDays: { type: "integer", minimum: 1, maximum: 36500, description: "Longest validity a certificate credential may have, in days (start to end date)." },
    ignoreExpired: { type: "boolean", description: "Skip certificates that have already expired (credential-expired reports those)." },
  },
  required: ["maxLifetimeDays", "ignoreExpired"],
  additionalProperties: false,
};

export default defineRule<Options, Application>({
  meta: {
    id: "app-certificate-lifetime",
    aliases: [],
    title: "Certificate credentials on app registrations are short-lived",
    severity: "medium",
    confidence: "high",
    category: "credentials",
    description:
      "Flags every certificate (key credential) on an app registration whose validity, from its start date to its end date, is longer than `maxLifetimeDays`, or that has no end date. When the credential has no start date the validity is counted from the app's creation. Expired certificates are skipped unless `ignoreExpired` is false. Service principals' certificates are not judged here (SAML signing certificates follow their own three-year default; credential-expiring and service-principal-password cover service principals).",
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
      neverExpires: 'Certificate "{{certificateName}}" (keyId {{keyId}}) on app registration "{{appName}}" has no end date.',
    },
    requires: ["applications"],
    subjectNoun: "app registrations",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { maxLifetimeDays: 365, ignoreExpired: true },
  subjects: (inventory) => items(inventory, "applications"),
  check(app, { options, now }) {
    const out: Violation[] = [];
    for (const cert of app.keyCredentials) {
      const end = parseDate(cert.endDateTime);
      const start = parseDate(cert.startDateTime) ?? parseDate(app.createdDateTime);
      const base = { resource: applicationRef(app), discriminator: `key:${cert.keyId}` };
      const common = { certificateName: cert.displayName ?? "(unnamed)", keyId: cert.keyId, appName: app.displayName };
      const facts = { appId: app.appId, keyId: cert.keyId, type: cert.type, usage: cert.usage, startDateTime: cert.startDateTime, endDateTime: cert.endDateTime };
      if (!end) {
        out.push({ ...base, messageId: "neverExpires", data: common, evidence: { ...facts, maxLifetimeDays: options.maxLifetimeDays } });
        continue;
      }
      if (options.ignoreExpired && end.getTime() <= now.getTime()) continue;
      if (!start) continue;
      const lifetimeDays = daysBetween(start, end);
      if (lifetimeDays <= options.maxLifetimeDays) continue;
      out.push({
        ...base,
        messageId: "tooLong",
        data: { ...common, lifetimeDays, start: isoDay(start), end: isoDay(end), maxLifetimeDays: options.maxLifetimeDays },
        evidence: { ...facts, lifetimeDays, daysUntilExpiry: daysBetween(now, end), maxLifetimeDays: options.maxLifetimeDays },
      });
    }
    return out;
  },
});
