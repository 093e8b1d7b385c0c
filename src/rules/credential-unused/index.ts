import type { JSONSchemaType } from "ajv";
import type { CredentialSignIn, Inventory } from "../../inventory/types.ts";
import {
  credentialFinding,
  credentialOwnersOf,
  isActive,
  severityForOwner,
  type CredentialOwner,
} from "../support/credentials.ts";
import { daysBetween, isoDay, MS_PER_DAY, parseDate } from "../support/time.ts";
import { samlSigningKeyIds } from "../support/saml-signing.ts";
import { defineRule } from "../types.ts";

export interface Options {
  /** Days without a sign-in after which a live credential should be deleted. */
  unusedDays: number;
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    unusedDays: {
      type: "integer",
      minimum: 1,
      maximum: 3650,
      description:
        "Days without a recorded sign-in after which a live credential is reported (credentials younger than this are not judged).",
    },
  },
  required: ["unusedDays"],
  additionalProperties: false,
};

interface Subject {
  owner: CredentialOwner;
  /** keyId (lower case) → the report's entry */
  activity: Map<string, CredentialSignIn>;
}

function subjects(inventory: Inventory): Subject[] {
  const section = inventory.credentialSignIns;
  const activity = new Map(
    (section?.status === "ok" ? section.items : []).map((a) => [a.keyId.toLowerCase(), a] as const),
  );
  // The SAML token-signing pair signs the tokens Entra issues; nobody signs in with it, so the
  // sign-in report never lists it (its expiry is still judged by the expiry rules).
  const samlKeys = new Set(
    (inventory.servicePrincipals.status === "ok" ? inventory.servicePrincipals.items : []).flatMap((sp) => [
      ...samlSigningKeyIds(sp),
    ]),
  );
  return credentialOwnersOf(inventory).map((owner) => ({
    owner:
      owner.kind === "servicePrincipal"
        ? { ...owner, credentials: owner.credentials.filter((c) => !samlKeys.has(c.keyId.toLowerCase())) }
        : owner,
    activity,
  }));
}

export default defineRule<Options, Subject>({
  meta: {
    id: "credential-unused",
    aliases: [],
    title: "Credentials nobody signs in with are deleted",
    severity: "medium",
    confidence: "medium",
    category: "credentials",
    description:
      "Flags every live client secret and certificate on an app registration or a service principal that has been attached for at least `unusedDays` days (default 90) with no sign-in in that time, according to Microsoft Entra's application credential activity report (Microsoft Graph beta `reports/appCredentialSignInActivities`). A credential the report does not list has no sign-in on record. The rule needs that optional report, which requires an Entra ID P1 or P2 licence and the AuditLog.Read.All permission: without it the rule is skipped with the reason and the scan stays complete. Managed identities, Microsoft's first-party service principals and the SAML token-signing certificate pair of an enterprise app (Entra signs tokens with it; nobody signs in with it) are not judged. Severity is medium, low when the service principal is disabled.",
    rationale:
      "A credential nobody uses is pure risk: it can leak from wherever it was once stored, and nothing breaks when it is deleted. Unused credentials also hide which secret a workload really uses, so rotations miss the live one. Deleting them is the cheapest reduction of an app's attack surface; if something did depend on it, the sign-in logs name it quickly.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Applications > App registrations (or Enterprise applications for a service principal) > the app > Certificates & secrets.",
        "Check the credential's last sign-in under Monitoring & health > Usage & insights > Application credential activity.",
        "Delete the unused secret or certificate.",
      ],
      cli: "az ad app credential delete --id <appId> --key-id <keyId> [--cert]",
    },
    references: [
      "https://learn.microsoft.com/en-us/graph/api/reportroot-list-appcredentialsigninactivities?view=graph-rest-beta",
      "https://learn.microsoft.com/en-us/entra/identity/monitoring-health/concept-usage-insights-report",
      "https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-configuration",
    ],
    compliance: [{ framework: "MCSB", id: "IM-3" }],
    messages: {
      neverUsed:
        '{{credentialLabel}} "{{credentialName}}" (keyId {{keyId}}) on {{ownerLabel}} "{{ownerName}}" has no sign-in on record and has been attached since {{created}} ({{daysUnused}} days).',
      unused:
        '{{credentialLabel}} "{{credentialName}}" (keyId {{keyId}}) on {{ownerLabel}} "{{ownerName}}" last signed in on {{lastUsed}}, {{daysUnused}} days before the scan.',
    },
    requires: ["applications", "servicePrincipals"],
    requiresOptional: ["credentialSignIns"],
    subjectNoun: "app registrations and service principals",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { unusedDays: 90 },
  subjects,
  check({ owner, activity }, { options, now }) {
    const cutoff = now.getTime() - options.unusedDays * MS_PER_DAY;
    return owner.credentials.flatMap((c) => {
      if (!isActive(c, now)) return [];
      const created = parseDate(c.startDateTime);
      // a credential younger than the window has not had the chance to be used in it
      if (created === null || created.getTime() > cutoff) return [];
      const last = parseDate(activity.get(c.keyId.toLowerCase())?.lastSignInDateTime ?? null);
      if (last !== null && last.getTime() > cutoff) return [];
      const since = last ?? created;
      const daysUnused = daysBetween(since, now);
      const { data, resource, discriminator, evidence } = credentialFinding(owner, c);
      return [
        {
          messageId: last ? "unused" : "neverUsed",
          severity: severityForOwner("medium", owner.enabled),
          data: { ...data, daysUnused, created: isoDay(created), lastUsed: last ? isoDay(last) : "" },
          resource,
          discriminator,
          evidence: {
            ...evidence,
            lastSignInDateTime: last ? last.toISOString() : null,
            daysUnused,
            unusedDays: options.unusedDays,
          },
        },
      ];
    });
  },
});
