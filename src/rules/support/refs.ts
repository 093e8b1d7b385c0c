import type { AppPermissionGrant, Application, ServicePrincipal, Workload } from "../../inventory/types.ts";
import type { ResourceRef } from "../types.ts";

export function applicationRef(app: Application): ResourceRef {
  return {
    id: `entra/applications/${app.id}`,
    type: "Microsoft.Graph/applications",
    displayName: app.displayName,
    subscriptionId: null,
  };
}

export function servicePrincipalRef(sp: ServicePrincipal): ResourceRef {
  return {
    id: `entra/servicePrincipals/${sp.id}`,
    type: "Microsoft.Graph/servicePrincipals",
    displayName: sp.displayName,
    subscriptionId: null,
  };
}

/** The service principal an app permission is granted to: as listed, or as the grant names it when it is not. */
export function holderRef(grant: AppPermissionGrant, holder: ServicePrincipal | undefined): ResourceRef {
  if (holder) return servicePrincipalRef(holder);
  return {
    id: `entra/servicePrincipals/${grant.principalId}`,
    type: "Microsoft.Graph/servicePrincipals",
    displayName: grant.principalDisplayName,
    subscriptionId: null,
  };
}

export function workloadRef(w: Workload): ResourceRef {
  return { id: w.id, type: w.type, displayName: w.name, subscriptionId: w.subscriptionId };
}
