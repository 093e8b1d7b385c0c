import type { IdentityPrivilege } from "./types.ts";

// How much a privilege gives whoever holds it, 0–100: the reach half of an identity's risk.
// Tier 0 is the whole tenant; an Azure role that can grant access is worth more than one that can
// only write, and both are worth more the higher their scope.

const GRANTS_ACCESS = new Set(["owner", "ownerEquivalent", "userAccessAdministrator", "rbacAdministrator"]);

function scopeLevel(target: string): "top" | "subscription" | "resourceGroup" | "resource" {
  const s = target.toLowerCase().replace(/\/+$/, "");
  if (s === "" || s.startsWith("/providers/microsoft.management/")) return "top";
  if (/^\/subscriptions\/[^/]+$/.test(s)) return "subscription";
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/.test(s)) return "resourceGroup";
  return "resource";
}

const AZURE_WEIGHT = {
  grant: { top: 95, subscription: 80, resourceGroup: 50, resource: 35 },
  write: { top: 80, subscription: 65, resourceGroup: 40, resource: 25 },
} as const;

export function privilegeWeight(p: IdentityPrivilege): number {
  if (p.tier === null) return 0;
  const standing = p.eligible ? 0.7 : 1;
  switch (p.kind) {
    case "entraRole":
    case "appPermission":
      return (p.tier.startsWith("tier0") ? 100 : 60) * standing;
    case "azureRole":
      return AZURE_WEIGHT[GRANTS_ACCESS.has(p.tier) ? "grant" : "write"][scopeLevel(p.target)] * standing;
    case "delegatedPermission":
      return 40;
    case "owner":
      return 0;
  }
}

/** How a privilege reads in a path or a reason. */
export function privilegeLabel(p: IdentityPrivilege): string {
  switch (p.kind) {
    case "azureRole":
      return `${p.name} at ${p.targetName ? `${p.targetName} (${p.target})` : p.target}`;
    case "entraRole":
      return p.target === "/" ? p.name : `${p.name} over ${p.target}`;
    case "appPermission":
    case "delegatedPermission":
      return `${p.name} on ${p.targetName ?? p.target}`;
    case "owner":
      return p.name;
  }
}
