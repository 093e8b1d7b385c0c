import type { Application } from "../../inventory/types.ts";
import { credentialDiscriminator, severityForOwner } from "../support/credentials.ts";
import { privilegeLookup } from "../support/privilege.ts";
import { lifetimeOptionsSchema, lifetimeViolations, type LifetimeOptions } from "../support/credential-lifetime.ts";
import { items, optionalItems } from "../support/sections.ts";
import { defineRule } from "../types.ts";

/** `maxLifetimeDays`: longest lifetime a client secret may have; `ignoreExpired`: skip expired secrets. */
export type Options = LifetimeOptions;

const optionsSchema = lifetimeOptionsSchema({
  maxLifetimeDays: "Longest lifetime a client secret may have, in days.",
  ignoreExpired: "Skip secrets that have already expired (credential-expired reports those).",
});

interface Subject {
  app: Application;
  /** What its service principal in this tenant holds (docs/classification.md). */
  privileges: string[];
  privilegesKnown: boolean;
  enabled: boolean | null;
}

export default defineRule<Options, Subject>({
  meta: {
    id: "app-secret-lifetime",
    aliases: [],
    title: "Client secrets on app registrations are short-lived",
    severity: "medium",
    confidence: "high",
    category: "credentials",
    description:
      "Flags every client secret (password credential) on an app registration that is valid for longer than `maxLifetimeDays` from its start date, or that has no end date at all. Secrets created with far-future end dates (the year 2299 trick of older tooling) count as long-lived. Severity reflects what the secret unlocks: high when the app's service principal in this tenant holds a privileged Azure role (at any scope), a classified Entra directory role or a classified Microsoft Graph application permission, or when those sections could not all be read; medium when it holds none; one step lower when that service principal is disabled.",
    rationale:
      "A client secret is a bearer password for the application: whoever holds it signs in as the app, from anywhere, with every permission and role the app has. Secrets leak through pipelines, config files and laptops; the only bound on a leaked secret's usefulness is its end date. Microsoft recommends lifetimes well under a year, and workload identity federation or certificates instead.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Applications > App registrations > the app > Certificates & secrets.",
        "Add a new client secret with an expiry within the limit (or better: add a federated credential or certificate), roll it out to the workload.",
        "Delete the long-lived secret once nothing uses it (check sign-in logs for the service principal).",
      ],
      cli: "az ad app credential reset --id <appId> --append --years 0 --end-date <YYYY-MM-DD> && az ad app credential delete --id <appId> --key-id <keyId>",
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-configuration",
      "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tutorial-enforce-secret-standards",
      "https://learn.microsoft.com/en-us/graph/api/resources/passwordcredential",
    ],
    compliance: [
      { framework: "MCSB", id: "IM-3" },
      { framework: "MCSB", id: "IM-8" },
    ],
    messages: {
      tooLong:
        'Client secret "{{secretName}}" (keyId {{keyId}}) on app registration "{{appName}}" is valid for {{lifetimeDays}} days ({{start}} to {{end}}), more than the {{maxLifetimeDays}}-day limit.',
      neverExpires:
        'Client secret "{{secretName}}" (keyId {{keyId}}) on app registration "{{appName}}" has no end date: it never expires.',
    },
    requires: ["applications"],
    subjectNoun: "app registrations",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { maxLifetimeDays: 180, ignoreExpired: true },
  subjects: (inventory) => {
    const privileges = privilegeLookup(inventory);
    const enabled = new Map(
      optionalItems(inventory, "servicePrincipals").map((sp) => [sp.appId.toLowerCase(), sp.accountEnabled]),
    );
    return items(inventory, "applications").map((app) => ({
      app,
      privileges: privileges.ofApp(app.appId),
      privilegesKnown: privileges.complete,
      enabled: enabled.get(app.appId.toLowerCase()) ?? null,
    }));
  },
  check({ app, privileges, privilegesKnown, enabled }, { options, now }) {
    // What a leaked secret unlocks: high when the app holds a privilege, or when that could not be
    // seen (a section missing); medium when it holds none. One step lower when it cannot sign in.
    const severity = severityForOwner(privileges.length > 0 || !privilegesKnown ? "high" : "medium", enabled);
    return app.passwordCredentials.flatMap((secret) =>
      lifetimeViolations(secret, app, options, now, {
        discriminator: credentialDiscriminator("secret", secret.keyId),
        data: { secretName: secret.displayName ?? "(unnamed)", keyId: secret.keyId, appName: app.displayName },
        // An end date that is missing or unreadable is reported as none.
        evidence: (verdict) => ({
          appId: app.appId,
          keyId: secret.keyId,
          startDateTime: secret.startDateTime,
          endDateTime: verdict === "neverExpires" ? null : secret.endDateTime,
          privileges,
          privilegesKnown,
          principalEnabled: enabled,
        }),
      }).map((v) => ({ ...v, severity })),
    );
  },
});
