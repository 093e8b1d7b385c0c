import type { JSONSchemaType } from "ajv";
import type { ResourceIdentity, Workload } from "../../inventory/types.ts";
import { WORKLOAD_TYPES } from "../../inventory/workload-types.ts";
import { resourceTypeList } from "../support/options.ts";
import { items } from "../support/sections.ts";
import { workloadRef } from "../support/refs.ts";
import { isInManagedResourceGroup } from "../support/workloads.ts";
import { defineRule } from "../types.ts";

export interface Options {
  /** ARM resource types judged (case-insensitive). */
  resourceTypes: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    resourceTypes: resourceTypeList("ARM resource types judged, e.g. Microsoft.Web/sites (case-insensitive).", 1),
  },
  required: ["resourceTypes"],
  additionalProperties: false,
};

/**
 * ARM spells combined identities `SystemAssigned, UserAssigned` (with a space) in most
 * providers and `SystemAssigned,UserAssigned` in some; split on the comma either way.
 */
export function identityKinds(identity: ResourceIdentity | null): Set<string> {
  if (!identity) return new Set();
  const kinds = new Set(
    identity.type
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t && t !== "none"),
  );
  if (kinds.has("userassigned") && Object.keys(identity.userAssignedIdentities).length === 0)
    kinds.delete("userassigned");
  return kinds;
}

export default defineRule<Options, Workload>({
  meta: {
    id: "workload-managed-identity",
    aliases: [],
    title: "Workloads authenticate with a managed identity",
    severity: "medium",
    confidence: "medium",
    category: "identity",
    description:
      "Flags App Service and Function apps (and their slots), Container Apps and jobs, virtual machines, scale sets, AKS clusters, Logic Apps, Automation accounts and Data Factories that have no managed identity: no identity block, type `None`, or `UserAssigned` with no identity attached. Both spellings of the combined type (`SystemAssigned, UserAssigned` and without the space) count as having one. Workloads in a managed resource group (its `managedBy` is set: AKS node groups, Databricks, managed applications) are not judged: the owning service configures them, so fix them through it.",
    rationale:
      "A workload without a managed identity that talks to other Azure services must carry a stored credential — a client secret, a connection string, a storage key — in its settings or code, where it can leak and must be rotated by hand. A managed identity's credentials are issued and rotated by the platform and never leave it. The confidence is medium: a workload that calls no other service needs no identity.",
    remediation: {
      portal: [
        "Azure portal > the resource > Identity (under Settings).",
        "System assigned > Status On > Save (or add a user-assigned identity shared by a group of workloads).",
        "Grant the identity the roles it needs, move the workload to token-based access, then delete the stored secret or key.",
      ],
      cli: "az webapp identity assign --name <app> --resource-group <rg>   # az vm identity assign / az containerapp identity assign / az aks update --enable-managed-identity",
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/overview",
      "https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/managed-identities-status",
      "https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity",
    ],
    compliance: [
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
      {
        framework: "Azure Policy",
        id: "4a15c15f-90d5-4a1f-8b63-2903944963fd",
        displayName: "App Service app slots should use managed identity",
      },
      {
        framework: "Azure Policy",
        id: "b874ab2d-72dd-47f1-8cb5-4a306478a4e7",
        displayName: "Managed Identity should be enabled for Container Apps",
      },
      {
        framework: "Azure Policy",
        id: "da6e2401-19da-4532-9141-fb8fbde08431",
        displayName: "Azure Kubernetes Service Clusters should use managed identities",
      },
      {
        framework: "Azure Policy",
        id: "dea83a72-443c-4292-83d5-54a2f98749c0",
        displayName: "Automation Account should have Managed Identity",
      },
      { framework: "MCSB", id: "IM-3" },
    ],
    messages: {
      missing:
        '{{resourceType}} "{{name}}" in resource group {{resourceGroup}} has no managed identity ({{identityState}}): anything it calls needs a stored credential.',
    },
    requires: ["workloads"],
    subjectNoun: "workloads",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { resourceTypes: WORKLOAD_TYPES },
  subjects(inventory, options) {
    const types = new Set(options.resourceTypes.map((t) => t.toLowerCase()));
    // Managed resource groups are their owning service's to configure: not judged.
    return items(inventory, "workloads").filter((w) => types.has(w.type.toLowerCase()) && !isInManagedResourceGroup(w));
  },
  check(workload) {
    if (identityKinds(workload.identity).size > 0) return [];
    const identityState = workload.identity ? `identity type "${workload.identity.type}"` : "no identity block";
    return [
      {
        messageId: "missing",
        data: {
          resourceType: workload.type,
          name: workload.name,
          resourceGroup: workload.resourceGroup,
          identityState,
        },
        resource: workloadRef(workload),
        discriminator: "no-managed-identity",
        evidence: { resourceType: workload.type, kind: workload.kind, identityType: workload.identity?.type ?? null },
      },
    ];
  },
});
