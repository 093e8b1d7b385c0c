import type { Workload } from "../../inventory/types.ts";

/**
 * Whether a workload lives in a managed resource group: one whose `managedBy` names the service that
 * created and runs it (an AKS cluster's node group, a Databricks workspace's group, a managed
 * application). Its resources are that service's to configure — changes made to them by hand are
 * overwritten or break the service — so the customer fixes them through the owning service, and
 * per-resource findings there would be noise
 * (https://learn.microsoft.com/en-us/azure/aks/cluster-configuration#node-resource-group).
 */
export function isInManagedResourceGroup(workload: Workload): boolean {
  return typeof workload.resourceGroupManagedBy === "string" && workload.resourceGroupManagedBy.length > 0;
}
