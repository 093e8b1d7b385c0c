import type { JSONSchemaType } from "ajv";
import type { DefenderAssessment } from "../../inventory/types.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { defineRule, type ResourceRef, type Severity } from "../types.ts";

export interface Options {
  /** Assessment keys (recommendation GUIDs) judged. */
  assessmentKeys: string[];
  /** Case-insensitive substrings of recommendation display names judged in addition to the keys. */
  displayNamePatterns: string[];
}

/**
 * Identity-related Defender for Cloud recommendations, by assessment key, as published by
 * Microsoft (see the README's Notes for the pages each key was confirmed on). The name is for
 * people reading this list; matching is by key.
 */
export const IDENTITY_ASSESSMENTS: Readonly<Record<string, string>> = Object.freeze({
  // Identity recommendations V2 (GA 2023).
  "6240402e-f77c-46fa-9060-a7ce53997754": "Accounts with owner permissions on Azure resources should be MFA enabled",
  "c0cb17b2-0607-48a7-b0e0-903ed22de39b": "Accounts with write permissions on Azure resources should be MFA enabled",
  "dabc9bc4-b8a8-45bd-9a5a-43000df8aa1c": "Accounts with read permissions on Azure resources should be MFA enabled",
  "20606e75-05c4-48c0-9d97-add6daa2109a": "Guest accounts with owner permissions on Azure resources should be removed",
  "0354476c-a12a-4fcc-a79d-f0ab7ffffdbb": "Guest accounts with write permissions on Azure resources should be removed",
  "fde1c0c9-0fd2-4ecc-87b5-98956cbc1095": "Guest accounts with read permissions on Azure resources should be removed",
  "050ac097-3dda-4d24-ab6d-82568e7a50cf": "Blocked accounts with owner permissions on Azure resources should be removed",
  "1ff0b4c9-ed56-4de6-be9c-d7ab39645926": "Blocked accounts with read and write permissions on Azure resources should be removed",
  // Identity recommendations V1 (deprecated in 2023; still found in older snapshots and some tenants).
  "94290b00-4d0c-d7b4-7cea-064a9554e681": "MFA should be enabled on accounts with owner permissions on subscriptions",
  "57e98606-6b1e-6193-0e3d-fe621387c16b": "MFA should be enabled on accounts with write permissions on subscriptions",
  "151e82c5-5341-a74b-1eb0-bc38d2c84bb5": "MFA should be enabled on accounts with read permissions on subscriptions",
  "c3b6ae71-f1f0-31b4-e6c1-d5951285d03d": "External accounts with owner permissions should be removed from subscriptions",
  "04e7147b-0deb-9796-2e5c-0336343ceb3d": "External accounts with write permissions should be removed from subscriptions",
  "a8c6a4ad-d51e-88fe-2979-d3ee3c864f8b": "External accounts with read permissions should be removed from subscriptions",
  "e52064aa-6853-e252-a11e-dffc675689c2": "Deprecated accounts with owner permissions should be removed from subscriptions",
  "00c6d40b-e990-6acf-d4f3-471e747a27c4": "Deprecated accounts should be removed from subscriptions",
  // Subscription owners.
  "6f90a6d6-d4d6-0794-0ec1-98fa77878c2e": "A maximum of 3 owners should be designated for subscriptions",
  "2c79b4af-f830-b61e-92b9-63dfa30f16e4": "There should be more than one owner assigned to subscriptions",
  // Permissions management (CIEM) and privileged access.
  "8b0bd683-bcfe-4ab1-96b9-f15a60eaa89d": "Permissions of inactive identities in your Azure subscription should be revoked",
  "dcedec72-5b25-45b3-b8b9-0ed9219f8f29": "Azure overprovisioned identities should have only the necessary permissions",
  "fe7d5a87-36fc-4530-99b5-1848512a3209": "Super identities in your Azure environment should be removed",
  "706b33f0-129e-4ed0-a179-f450b9ee4145": "Privileged roles should not have permanent access at the subscription and resource group level",
  "effc9a76-a5a6-40ac-b20d-59dc45bddf99": "Service Principals should not be assigned with administrative roles at the subscription and resource group level",
  // Managed identities on App Service.
  "4a3d7cd3-f17c-637a-1ffc-614a01dd03cf": "Managed identity should be used in web apps",
  "23aa9cbe-c2fb-6a2f-6c97-885a6d48c4d1": "Managed identity should be used in function apps",
  "cc6d1865-7617-3cb2-cf7d-4cfc01ece1df": "Managed identity should be used in API apps",
});

/**
 * Recommendations another azaudit rule judges itself from the same inventory facts, with more
 * detail (who, at which scope): reported here too, they would be the same issue twice. Left out
 * of the default `assessmentKeys`; list them there to have Defender's view as well.
 */
export const COVERED_BY_RULE: Readonly<Record<string, string>> = Object.freeze({
  "6f90a6d6-d4d6-0794-0ec1-98fa77878c2e": "subscription-owner-count",
  "2c79b4af-f830-b61e-92b9-63dfa30f16e4": "subscription-owner-count",
  "20606e75-05c4-48c0-9d97-add6daa2109a": "guest-privileged-role",
  "0354476c-a12a-4fcc-a79d-f0ab7ffffdbb": "guest-privileged-role",
  "c3b6ae71-f1f0-31b4-e6c1-d5951285d03d": "guest-privileged-role",
  "04e7147b-0deb-9796-2e5c-0336343ceb3d": "guest-privileged-role",
  "050ac097-3dda-4d24-ab6d-82568e7a50cf": "orphaned-role-assignment",
  "1ff0b4c9-ed56-4de6-be9c-d7ab39645926": "orphaned-role-assignment",
  "e52064aa-6853-e252-a11e-dffc675689c2": "orphaned-role-assignment",
  "00c6d40b-e990-6acf-d4f3-471e747a27c4": "orphaned-role-assignment",
});

/** The default: every identity recommendation no other azaudit rule already judges. */
export const DEFAULT_ASSESSMENT_KEYS: readonly string[] = Object.keys(IDENTITY_ASSESSMENTS).filter((k) => !(k in COVERED_BY_RULE));

const GUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    assessmentKeys: {
      type: "array",
      items: { type: "string", pattern: GUID },
      uniqueItems: true,
      description: "Assessment keys (the recommendation's GUID, the last segment of a Microsoft.Security/assessments id) judged; the default is the identity-related recommendations listed in the rule's README.",
    },
    displayNamePatterns: {
      type: "array",
      items: { type: "string", minLength: 3 },
      uniqueItems: true,
      description: "Case-insensitive substrings of recommendation display names judged in addition to the keys, e.g. \"managed identity\" (matches recommendations Microsoft adds later).",
    },
  },
  required: ["assessmentKeys", "displayNamePatterns"],
  additionalProperties: false,
};

/** Defender's assessment severity (High, Medium, Low) as ours; unknown values keep the rule's. */
const SEVERITY: Record<string, Severity> = { critical: "critical", high: "high", medium: "medium", low: "low" };

/** An assessment in scope with its subscription looked up once. */
interface Subject {
  assessment: DefenderAssessment;
  subscriptionId: string;
  subscriptionName: string;
}

const ASSESSMENT_SUFFIX = /\/providers\/Microsoft\.Security\/assessments\/[^/]+$/i;

/** The ARM resource type of an id: `Microsoft.Web/sites`, `Microsoft.Web/sites/slots`, subscriptions, resource groups. */
export function armTypeOf(id: string): string {
  const parts = id.split("/").filter(Boolean);
  const providers = parts.map((p) => p.toLowerCase()).lastIndexOf("providers");
  if (providers >= 0 && parts.length > providers + 2) {
    const rest = parts.slice(providers + 1);
    const types = [rest[0]!, ...rest.slice(1).filter((_, i) => i % 2 === 0)];
    return `${types[0]}/${types.slice(1).join("/")}`;
  }
  if (parts.length >= 4 && parts[2]!.toLowerCase() === "resourcegroups") return "Microsoft.Resources/resourceGroups";
  if (parts.length >= 2 && parts[0]!.toLowerCase() === "subscriptions") return "Microsoft.Resources/subscriptions";
  return "unknown";
}

function assessedResource(subject: Subject): ResourceRef {
  const { assessment, subscriptionId, subscriptionName } = subject;
  const id = assessment.resourceId ?? assessment.id.replace(ASSESSMENT_SUFFIX, "");
  const type = armTypeOf(id);
  const displayName = type === "Microsoft.Resources/subscriptions" ? subscriptionName : (id.split("/").filter(Boolean).pop() ?? id);
  return { id, type, displayName, subscriptionId };
}

export default defineRule<Options, Subject>({
  meta: {
    id: "defender-unhealthy-assessment",
    aliases: [],
    title: "Defender for Cloud identity recommendations are healthy",
    severity: "medium",
    confidence: "high",
    category: "defender",
    description:
      "Flags every Defender for Cloud assessment with status `Unhealthy` whose assessment key is in `assessmentKeys` — by default the identity and access recommendations that no other azaudit rule judges itself: MFA for accounts with owner, write or read permissions, guest and external accounts with read permissions, inactive, overprovisioned and super identities, permanent privileged roles, service principals with administrative roles, and managed identity use in App Service web, function and API apps — or whose display name contains one of `displayNamePatterns`. The subscription owner count and guest, external, blocked and deprecated accounts with owner or write permissions are left out of the default: subscription-owner-count, guest-privileged-role and orphaned-role-assignment report the same issue from the same facts, naming who and where; add their keys to `assessmentKeys` to see Defender's view too. Keys compare case-insensitively; `Healthy` and `NotApplicable` assessments pass. The severity is Defender's own for the assessment (High, Medium, Low); medium when Defender gives none.",
    rationale:
      "Defender for Cloud sees facts a reader of the directory and RBAC cannot: per-user MFA registration, sign-in activity, permission usage. Its identity recommendations are the ones its secure score weighs most (Enable MFA is the largest control), and they describe accounts an attacker would pick first: privileged users without MFA, guests and blocked accounts still holding access, unused standing permissions. Carrying them into this report puts them next to the findings on the same principals.",
    remediation: {
      portal: [
        "Azure portal > Microsoft Defender for Cloud > Recommendations > search the recommendation named in the finding > the affected resource.",
        "Follow the recommendation's remediation steps (e.g. require MFA through Conditional Access, remove the guest's or blocked account's role assignments, enable a managed identity).",
        "Where an account is deliberately exempt (break-glass accounts), create an exemption in Defender for Cloud with a reason instead of leaving it unhealthy.",
      ],
      cli: "az security assessment show --name <assessmentKey> --assessed-resource-id <resourceId>",
    },
    references: [
      "https://learn.microsoft.com/en-us/azure/defender-for-cloud/recommendations-reference-identity",
      "https://learn.microsoft.com/en-us/azure/defender-for-cloud/multi-factor-authentication-enforcement",
      "https://learn.microsoft.com/en-us/rest/api/defenderforcloud/assessments/list",
    ],
    // Owner counts, guest owners/writers and blocked accounts are cited by the rules that judge them.
    compliance: [
      { framework: "Azure Policy", id: "e9ac8f8e-ce22-4355-8f04-99b911d6be52", displayName: "Guest accounts with read permissions on Azure resources should be removed" },
      { framework: "Azure Policy", id: "2b9ad585-36bc-4615-b300-fd4435808332", displayName: "App Service apps should use managed identity" },
      { framework: "Azure Policy", id: "0da106f2-4ca3-48e8-bc85-c638fe6aea8f", displayName: "Function apps should use managed identity" },
      { framework: "MCSB", id: "IM-6" },
      { framework: "MCSB", id: "PA-1" },
      { framework: "MCSB", id: "PA-4" },
    ],
    messages: {
      unhealthy:
        'Defender for Cloud reports "{{recommendation}}" as unhealthy for {{resourceName}} in subscription "{{subscriptionName}}" (Defender severity: {{defenderSeverity}}).',
    },
    requires: ["defender"],
    subjectNoun: "identity assessments",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { assessmentKeys: [...DEFAULT_ASSESSMENT_KEYS], displayNamePatterns: [] },
  subjects(inventory, options) {
    const keys = new Set(options.assessmentKeys.map((k) => k.toLowerCase()));
    const patterns = options.displayNamePatterns.map((p) => p.toLowerCase());
    const subscriptions = indexBy(optionalItems(inventory, "subscriptions"), (s) => s.subscriptionId);
    const out: Subject[] = [];
    for (const d of items(inventory, "defender")) {
      const subscriptionName = subscriptions.get(d.subscriptionId.toLowerCase())?.displayName ?? d.subscriptionId;
      for (const assessment of d.assessments) {
        const name = assessment.displayName.toLowerCase();
        if (keys.has(assessment.name.toLowerCase()) || patterns.some((p) => name.includes(p))) {
          out.push({ assessment, subscriptionId: d.subscriptionId, subscriptionName });
        }
      }
    }
    return out;
  },
  check(subject) {
    const { assessment } = subject;
    if (assessment.statusCode.toLowerCase() !== "unhealthy") return [];
    const resource = assessedResource(subject);
    const severity = SEVERITY[(assessment.severity ?? "").toLowerCase()];
    return [
      {
        messageId: "unhealthy",
        ...(severity ? { severity } : {}),
        data: {
          recommendation: assessment.displayName,
          resourceName: resource.displayName ?? resource.id,
          subscriptionName: subject.subscriptionName,
          defenderSeverity: assessment.severity ?? "not given",
        },
        resource,
        discriminator: assessment.name.toLowerCase(),
        evidence: {
          assessmentKey: assessment.name.toLowerCase(),
          recommendation: assessment.displayName,
          statusCode: assessment.statusCode,
          statusCause: assessment.statusCause,
          statusDescription: assessment.statusDescription,
          defenderSeverity: assessment.severity,
          assessmentId: assessment.id,
        },
      },
    ];
  },
});
