import type { JSONSchemaType } from "ajv";
import type { Subscription, Workload } from "../../inventory/types.ts";
import { WORKLOAD_TYPES } from "../../inventory/workload-types.ts";
import { resourceTypeList } from "../support/options.ts";
import { items } from "../support/sections.ts";
import { workloadRef } from "../support/refs.ts";
import { isInManagedResourceGroup } from "../support/workloads.ts";
import { defineRule, type ResourceRef } from "../types.ts";

export interface Options {
  /** Tag names every judged resource must carry with a non-empty value (case-insensitive names). */
  tags: string[];
  /** ARM resource types judged (case-insensitive). */
  resourceTypes: string[];
  /** Judge subscriptions' own tags too. */
  checkSubscriptions: boolean;
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    tags: {
      type: "array",
      // Azure tag names: up to 512 characters, none of < > % & \ ? /
      items: { type: "string", minLength: 1, maxLength: 512, pattern: "^[^<>%&\\\\?/]+$" },
      uniqueItems: true,
      description:
        "Tag names every judged workload (and subscription) must carry with a non-empty value, e.g. service, repository, owner. Names compare case-insensitively, as Azure treats them.",
    },
    resourceTypes: resourceTypeList(
      "ARM resource types judged, e.g. Microsoft.Web/sites (case-insensitive); the default is the workload types of workload-managed-identity.",
    ),
    checkSubscriptions: { type: "boolean", description: "Also judge each subscription's own tags." },
  },
  required: ["tags", "resourceTypes", "checkSubscriptions"],
  additionalProperties: false,
};

type Subject = { kind: "workload"; workload: Workload } | { kind: "subscription"; subscription: Subscription };

/** The required tags a tag set lacks: names compared case-insensitively, a blank value counts as missing. */
export function missingTags(tags: Record<string, string>, required: readonly string[]): string[] {
  const present = new Set(
    Object.entries(tags)
      .filter(([, value]) => typeof value === "string" && value.trim() !== "")
      .map(([name]) => name.trim().toLowerCase()),
  );
  return required.filter((name) => !present.has(name.trim().toLowerCase()));
}

function subscriptionRef(s: Subscription): ResourceRef {
  return {
    id: s.id,
    type: "Microsoft.Resources/subscriptions",
    displayName: s.displayName,
    subscriptionId: s.subscriptionId,
  };
}

export default defineRule<Options, Subject>({
  meta: {
    id: "required-tags",
    aliases: [],
    title: "Workloads and subscriptions carry the required tags",
    severity: "low",
    confidence: "high",
    category: "governance",
    description:
      "Off until configured. Flags each workload of the types in `resourceTypes` (by default the workload types of workload-managed-identity: App Service and Function apps and slots, Container Apps and jobs, VMs, scale sets, AKS, Logic Apps, Automation accounts, Data Factories) and, with `checkSubscriptions`, each subscription, that lacks one or more of the tags named in `tags`. Tag names compare case-insensitively (Azure treats them so); a tag whose value is empty or only spaces counts as missing. One finding per resource, listing every missing tag. Workloads in a managed resource group (its `managedBy` is set: AKS node groups, Databricks, managed applications) are not judged: the owning service creates and tags them.",
    rationale:
      "When a finding lands on a resource, someone has to own the fix. Tags such as service, repository and owner are how a scanner's output reaches the team that can act on it, how a leaked credential is traced to the code that holds it, and how orphaned resources are told apart from live ones. Untagged workloads are where findings go unanswered.",
    remediation: {
      portal: [
        "Azure portal > the resource (or subscription) > Tags: add each missing tag with a meaningful value, then Apply.",
        'To keep new resources tagged, assign the built-in Azure Policy "Require a tag on resources" (deny) or an inherit-a-tag policy (modify) at the management group.',
      ],
      cli: "az tag update --resource-id <resourceId> --operation Merge --tags <name>=<value>",
    },
    references: [
      "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources",
      "https://learn.microsoft.com/en-us/azure/cloud-adoption-framework/ready/azure-best-practices/resource-tagging",
      "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-policies",
    ],
    compliance: [
      {
        framework: "Azure Policy",
        id: "871b6d14-10aa-478d-b590-94f262ecfa99",
        displayName: "Require a tag on resources",
      },
    ],
    messages: {
      missing: '{{resourceKind}} "{{name}}" lacks the required {{tagWord}} {{missingTags}}.',
    },
    requires: ["workloads", "subscriptions"],
    subjectNoun: "workloads and subscriptions",
    enabledByDefault: false,
  },
  optionsSchema,
  defaultOptions: { tags: [], resourceTypes: WORKLOAD_TYPES, checkSubscriptions: true },
  subjects(inventory, options) {
    const types = new Set(options.resourceTypes.map((t) => t.toLowerCase()));
    const out: Subject[] = items(inventory, "workloads")
      // Managed resource groups are their owning service's: it sets their resources' tags, not you.
      .filter((w) => types.has(w.type.toLowerCase()) && !isInManagedResourceGroup(w))
      .map((workload) => ({ kind: "workload" as const, workload }));
    if (options.checkSubscriptions) {
      for (const subscription of items(inventory, "subscriptions")) out.push({ kind: "subscription", subscription });
    }
    return out;
  },
  check(subject, { options }) {
    if (options.tags.length === 0) return [];
    const tags = subject.kind === "workload" ? subject.workload.tags : subject.subscription.tags;
    const missing = missingTags(tags, options.tags);
    if (missing.length === 0) return [];
    const resource =
      subject.kind === "workload" ? workloadRef(subject.workload) : subscriptionRef(subject.subscription);
    return [
      {
        messageId: "missing",
        data: {
          resourceKind: subject.kind === "workload" ? subject.workload.type : "Subscription",
          name: resource.displayName ?? resource.id,
          tagWord: missing.length === 1 ? "tag" : "tags",
          missingTags: missing.join(", "),
        },
        resource,
        // One finding per resource: the set of missing tags may change without making it a new issue.
        discriminator: "required-tags",
        evidence: { missingTags: missing, requiredTags: options.tags, presentTags: Object.keys(tags) },
      },
    ];
  },
});
