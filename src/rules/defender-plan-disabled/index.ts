import type { JSONSchemaType } from "ajv";
import type { DefenderPricing, DefenderSubscription, Subscription } from "../../inventory/types.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { isInactiveSubscription } from "../support/subscriptions.ts";
import { defineRule, type ComplianceRef, type ResourceRef, type Violation } from "../types.ts";

export interface Options {
  /** Defender for Cloud plans (pricing names) that must not be on the Free tier. */
  plans: string[];
}

export const DEFAULT_PLANS = [
  "VirtualMachines",
  "AppServices",
  "SqlServers",
  "StorageAccounts",
  "KeyVaults",
  "Arm",
  "Containers",
  "CloudPosture",
];

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    plans: {
      type: "array",
      items: { type: "string", pattern: "^[A-Za-z0-9]+$" },
      minItems: 1,
      uniqueItems: true,
      description:
        "Defender for Cloud plans, by their pricing name (Microsoft.Security/pricings), that must be on the Standard tier, e.g. VirtualMachines, AppServices, SqlServers, SqlServerVirtualMachines, OpenSourceRelationalDatabases, CosmosDbs, StorageAccounts, KeyVaults, Arm, Containers, Api, AI, CloudPosture (case-insensitive).",
    },
  },
  required: ["plans"],
  additionalProperties: false,
};

interface PlanFacts {
  /** What the plan is called in the portal. */
  label: string;
  /** CIS Microsoft Azure Foundations Benchmark control id (same in 5.0.0 and 6.0.0). */
  cis: string | null;
  /** Built-in Azure Policy that audits the plan. */
  policy: { id: string; displayName: string } | null;
}

/** Pricing name (lower case) → what it is, and where CIS and Azure Policy ask for it. */
export const PLAN_FACTS: ReadonlyMap<string, PlanFacts> = new Map([
  [
    "cloudposture",
    {
      label: "Defender CSPM",
      cis: "8.1.1.1",
      policy: { id: "1f90fc71-a595-4066-8974-d4d0802e8ef0", displayName: "Microsoft Defender CSPM should be enabled" },
    },
  ],
  [
    "api",
    {
      label: "Defender for APIs",
      cis: "8.1.2.1",
      policy: {
        id: "7926a6d1-b268-4586-8197-e8ae90c877d7",
        displayName: "Microsoft Defender for APIs should be enabled",
      },
    },
  ],
  [
    "virtualmachines",
    {
      label: "Defender for Servers",
      cis: "8.1.3.1",
      policy: {
        id: "4da35fc9-c9e7-4960-aec9-797fe7d9051d",
        displayName: "Azure Defender for servers should be enabled",
      },
    },
  ],
  [
    "containers",
    {
      label: "Defender for Containers",
      cis: "8.1.4.1",
      policy: {
        id: "1c988dd6-ade4-430f-a608-2a3e5b0a6d38",
        displayName: "Microsoft Defender for Containers should be enabled",
      },
    },
  ],
  [
    "storageaccounts",
    {
      label: "Defender for Storage",
      cis: "8.1.5.1",
      policy: {
        id: "640d2586-54d2-465f-877f-9ffc1d2109f4",
        displayName: "Microsoft Defender for Storage should be enabled",
      },
    },
  ],
  [
    "appservices",
    {
      label: "Defender for App Service",
      cis: "8.1.6.1",
      policy: {
        id: "2913021d-f2fd-4f3d-b958-22354e2bdbcb",
        displayName: "Azure Defender for App Service should be enabled",
      },
    },
  ],
  [
    "cosmosdbs",
    {
      label: "Defender for Azure Cosmos DB",
      cis: "8.1.7.1",
      policy: {
        id: "adbe85b5-83e6-4350-ab58-bf3a4f736e5e",
        displayName: "Microsoft Defender for Azure Cosmos DB should be enabled",
      },
    },
  ],
  [
    "opensourcerelationaldatabases",
    {
      label: "Defender for open-source relational databases",
      cis: "8.1.7.2",
      policy: {
        id: "0a9fbe0d-c5c4-4da8-87d8-f4fd77338835",
        displayName: "Azure Defender for open-source relational databases should be enabled",
      },
    },
  ],
  [
    "sqlservers",
    {
      label: "Defender for Azure SQL Databases",
      cis: "8.1.7.3",
      policy: {
        id: "7fe3b40f-802b-4cdd-8bd4-fd799c948cc2",
        displayName: "Azure Defender for Azure SQL Database servers should be enabled",
      },
    },
  ],
  [
    "sqlservervirtualmachines",
    {
      label: "Defender for SQL servers on machines",
      cis: "8.1.7.4",
      policy: {
        id: "6581d072-105e-4418-827f-bd446d56421b",
        displayName: "Azure Defender for SQL servers on machines should be enabled",
      },
    },
  ],
  [
    "keyvaults",
    {
      label: "Defender for Key Vault",
      cis: "8.1.8.1",
      policy: {
        id: "0e6763cc-5078-4e64-889d-ff4d9a839047",
        displayName: "Azure Defender for Key Vault should be enabled",
      },
    },
  ],
  [
    "arm",
    {
      label: "Defender for Resource Manager",
      cis: "8.1.9.1",
      policy: {
        id: "c3d20c29-b36d-48fe-808b-99a87530ad99",
        displayName: "Azure Defender for Resource Manager should be enabled",
      },
    },
  ],
  [
    "ai",
    {
      label: "Defender for AI services",
      cis: null,
      policy: {
        id: "c2c0c6d8-007b-4a48-8d9b-3539bddd8e87",
        displayName: "Microsoft Defender for AI Services should be enabled",
      },
    },
  ],
]);

const CIS_VERSIONS = ["5.0.0", "6.0.0"];

/** The CIS controls and the Azure Policy one plan maps to. */
function planCompliance(facts: PlanFacts): ComplianceRef[] {
  const cis = facts.cis;
  return [
    ...(cis === null
      ? []
      : CIS_VERSIONS.map((version): ComplianceRef => ({ framework: "CIS Azure", version, id: cis }))),
    ...(facts.policy === null
      ? []
      : [{ framework: "Azure Policy" as const, id: facts.policy.id, displayName: facts.policy.displayName }]),
  ];
}

/**
 * The rule cites only the controls of the plans it checks by default: citing a control for a plan
 * it never looks at would claim coverage it does not give. Each finding cites its own plan's.
 */
function ruleCompliance(): ComplianceRef[] {
  // every default plan has its facts (the rule's test checks it)
  const perPlan = DEFAULT_PLANS.map((p) => {
    const facts = PLAN_FACTS.get(p.toLowerCase());
    return facts ? planCompliance(facts) : [];
  });
  return [
    ...perPlan.flatMap((refs) => refs.filter((r) => r.framework === "CIS Azure")),
    ...perPlan.flatMap((refs) => refs.filter((r) => r.framework !== "CIS Azure")),
  ];
}

const RULE_COMPLIANCE = ruleCompliance();
const citedByRule = (ref: ComplianceRef) => RULE_COMPLIANCE.some((r) => JSON.stringify(r) === JSON.stringify(ref));

/** A subscription's Defender data with its pricings indexed and its name looked up once. */
interface Subject {
  defender: DefenderSubscription;
  pricings: Map<string, DefenderPricing>;
  subscription: Subscription | undefined;
}

function pricingRef(subject: Subject, planName: string): ResourceRef {
  const subId = subject.defender.subscriptionId;
  const subName = subject.subscription?.displayName ?? subId;
  return {
    id: `/subscriptions/${subId}/providers/Microsoft.Security/pricings/${planName}`,
    type: "Microsoft.Security/pricings",
    displayName: `${planName} (${subName})`,
    subscriptionId: subId,
  };
}

export default defineRule<Options, Subject>({
  meta: {
    id: "defender-plan-disabled",
    aliases: [],
    title: "Defender for Cloud plans are on in every subscription",
    severity: "medium",
    confidence: "high",
    category: "defender",
    description:
      "Flags, per subscription, every Defender for Cloud plan named in `plans` (pricing names such as VirtualMachines, AppServices, SqlServers, StorageAccounts, KeyVaults, Arm, Containers, CloudPosture) whose pricing tier is `Free` (i.e. the plan is off). A named plan that the subscription's pricings list does not contain at all is reported separately, at severity info, as \"not listed\": the plan is not offered in that cloud or subscription, or its name is misspelt in the config. Plan names compare case-insensitively. A subscription where the Microsoft.Security resource provider is not registered (ARM answers MissingSubscriptionRegistration) has Defender for Cloud off, so every named plan is reported off there. One finding per subscription and plan, citing only that plan's CIS control and Azure Policy. A subscription with no pricings at all is not judged (Defender returned nothing for it), nor is one in state Disabled, Warned or Deleted. Defender CSPM (CloudPosture) is posture management, not threat detection: its message says what the free tier lacks.",
    rationale:
      "With a plan on the Free tier, Defender for Cloud gives posture recommendations only: no threat detection for that resource type (no alerts on suspicious Key Vault access, ARM operations from attacker infrastructure, malware uploads to storage, or exploitation of VMs and apps) and no vulnerability assessment. An attacker working in an unprotected subscription raises no security alert at all.",
    remediation: {
      portal: [
        "Azure portal > Microsoft Defender for Cloud > Environment settings > the subscription > Defender plans.",
        "Set the plan's status to On (choose its sub-plan where asked, e.g. Servers Plan 1 or 2), then Save.",
        "To enforce it for new subscriptions, assign the built-in Azure Policy that configures the plan at the management group.",
      ],
      cli: "az security pricing create --name <planName> --tier Standard --subscription <subscriptionId>",
    },
    references: [
      "https://learn.microsoft.com/en-us/azure/defender-for-cloud/enable-enhanced-security",
      "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-cloud-introduction",
      "https://learn.microsoft.com/en-us/rest/api/defenderforcloud/pricings/list",
      "https://learn.microsoft.com/en-us/cli/azure/security/pricing",
    ],
    compliance: RULE_COMPLIANCE,
    messages: {
      free: '{{planLabel}} ({{planName}}) is off (Free tier) in subscription "{{subscriptionName}}": its resources get no threat detection.',
      freePosture:
        'Defender CSPM (CloudPosture) is off (Free tier) in subscription "{{subscriptionName}}": it gets only foundational posture management, without attack path analysis, the cloud security explorer, agentless scanning or data-aware posture.',
      notRegistered:
        '{{planLabel}} ({{planName}}) is off in subscription "{{subscriptionName}}": Microsoft.Security is not registered there, so Defender for Cloud is not enabled at all.',
      notListed:
        'Defender plan {{planName}} is not listed in subscription "{{subscriptionName}}"\'s pricings: it is not offered there or its name is misspelt in the config, so it could not be checked.',
    },
    requires: ["defender"],
    subjectNoun: "subscriptions",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { plans: DEFAULT_PLANS },
  subjects(inventory) {
    const subscriptions = indexBy(optionalItems(inventory, "subscriptions"), (s) => s.subscriptionId);
    // Defender lists every plan of a subscription it can read; an empty list means there was
    // nothing to judge (no Defender data for it), not that every plan is missing.
    // A subscription where Microsoft.Security is not registered has Defender off: every plan is off.
    return (
      items(inventory, "defender")
        .filter((d) => d.pricings.length > 0 || d.securityProviderRegistered === false)
        .map((defender) => ({
          defender,
          pricings: indexBy(defender.pricings, (p) => p.name),
          subscription: subscriptions.get(defender.subscriptionId.toLowerCase()),
        }))
        // Disabled, warned or deleted: nothing runs in it to protect, and plans cannot be turned on.
        .filter((s) => !isInactiveSubscription(s.subscription))
    );
  },
  check(subject, { options }) {
    const subscriptionName = subject.subscription?.displayName ?? subject.defender.subscriptionId;
    return options.plans.flatMap((wanted): Violation[] => {
      const key = wanted.toLowerCase();
      const facts = PLAN_FACTS.get(key);
      const pricing = subject.pricings.get(key);
      if (subject.defender.securityProviderRegistered === false) {
        return [
          {
            messageId: "notRegistered",
            data: { planLabel: facts?.label ?? "Defender plan", planName: wanted, subscriptionName },
            resource: pricingRef(subject, wanted),
            discriminator: key,
            evidence: {
              plan: wanted,
              pricingTier: null,
              securityProviderRegistered: false,
              cisControl: facts?.cis ?? null,
              azurePolicyId: facts?.policy?.id ?? null,
              azurePolicy: facts?.policy?.displayName ?? null,
            },
          },
        ];
      }
      if (!pricing) {
        return [
          {
            messageId: "notListed",
            severity: "info",
            compliance: [],
            data: { planName: wanted, subscriptionName },
            resource: pricingRef(subject, wanted),
            discriminator: key,
            evidence: { plan: wanted, pricingTier: null, listedPlans: subject.defender.pricings.map((p) => p.name) },
          },
        ];
      }
      if (pricing.pricingTier.toLowerCase() !== "free") return [];
      return [
        {
          messageId: key === "cloudposture" ? "freePosture" : "free",
          data:
            key === "cloudposture"
              ? { subscriptionName }
              : { planLabel: facts?.label ?? "Defender plan", planName: pricing.name, subscriptionName },
          // Only this plan's controls, and only those the rule cites (checked against the published sources).
          compliance: facts ? planCompliance(facts).filter(citedByRule) : [],
          resource: pricingRef(subject, pricing.name),
          discriminator: key,
          evidence: {
            plan: pricing.name,
            pricingTier: pricing.pricingTier,
            subPlan: pricing.subPlan,
            cisControl: facts?.cis ?? null,
            azurePolicyId: facts?.policy?.id ?? null,
            azurePolicy: facts?.policy?.displayName ?? null,
          },
        },
      ];
    });
  },
});
