// ARM scope helpers shared by the ARM collectors.
import type { ScopeLevel } from "../../inventory/types.ts";

export const MG_PROVIDER = "/providers/Microsoft.Management/managementGroups/";

export function scopeLevel(scope: string): ScopeLevel {
  const segs = scope
    .split("/")
    .filter(Boolean)
    .map((s) => s.toLowerCase());
  if (segs.length === 0) return "root";
  if (segs[0] === "providers" && segs[1] === "microsoft.management" && segs[2] === "managementgroups")
    return "managementGroup";
  if (segs[0] === "subscriptions") {
    if (segs.length <= 2) return "subscription";
    if (segs[2] === "resourcegroups" && segs.length <= 4) return "resourceGroup";
    return "resource";
  }
  return "resource";
}

/** lowercased subscription GUID of a subscription, resource group or resource scope */
export function subscriptionOf(scope: string): string | null {
  const m = /^\/subscriptions\/([^/]+)/i.exec(scope);
  return m ? m[1]!.toLowerCase() : null;
}

/** resource group name as spelled in the id */
export function resourceGroupOf(id: string): string | null {
  const m = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(id);
  return m ? m[1]! : null;
}

/** SDK scope parameter: never a leading "/" (the SDK adds one; "//providers" would follow) */
export function sdkScope(scope: string): string {
  return scope.replace(/^\/+/, "");
}

export function lastSegment(id: string): string {
  return id.split("/").filter(Boolean).pop() ?? id;
}
