import type { JSONSchemaType } from "ajv";
import { IDENTITY_ASSESSMENTS } from "../../classification/defender-assessments.ts";
import type { DefenderAssessment } from "../../inventory/types.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { defineRule, type ResourceRef, type Severity } from "../types.ts";
import { lastSegment, resourceTypeOf } from "../../arm/resource-id.ts";

export interface Options {
  /** Assessment keys (recommendation GUIDs) judged. */
  assessmentKeys: string[];
  /** Case-insensitive substrings of recommendation display names judged in addition to the keys. */
  displayNamePatterns: string[];
}

// The identity-related keys live with the collector's filter: it keeps only these assessments.
export { IDENTITY_ASSESSMENTS } from "../../classification/defender-assessments.ts";

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
export const DEFAULT_ASSESSMENT_KEYS: readonly string[] = Object.keys(IDENTITY_ASSESSMENTS).filter(
  (k) => !(k in COVERED_BY_RULE),
);

const GUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    assessmentKeys: {
      type: "array",
      items: { type: "string", pattern: GUID },
      uniqueItems: true,
      description:
        "Assessment keys (the recommendation's GUID, the last segment of a Microsoft.Security/assessments id) judged; the default is the identity-related recommendations listed in the rule's README.",
    },
    displayNamePatterns: {
      type: "array",
      items: { type: "string", minLength: 3 },
      uniqueItems: true,
      description:
        'Case-insensitive substrings of recommendation display names judged in addition to the keys, e.g. "managed identity" (matches recommendations Microsoft adds later).',
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

function assessedResource(subject: Subject): ResourceRef {
  const { assessment, subscriptionId, subscriptionName } = subject;
  const id = assessment.resourceId ?? assessment.id.replace(ASSESSMENT_SUFFIX, "");
  const type = resourceTypeOf(id);
  const displayName = type === "Microsoft.Resources/subscriptions" ? subscriptionName : lastSegment(id);
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
      {
        framework: "Azure Policy",
        id: "e9ac8f8e-ce22-4355-8f04-99b911d6be52",
        displayName: "Guest accounts with read permissions on Azure resources should be removed",
      },
      {
        framework: "Azure Policy",
        id: "2b9ad585-36bc-4615-b300-fd4435808332",
        displayName: "App Service apps should use managed identity",
      },
      {
        framework: "Azure Policy",
        id: "0da106f2-4ca3-48e8-bc85-c638fe6aea8f",
        displayName: "Function apps should use managed identity",
      },
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
