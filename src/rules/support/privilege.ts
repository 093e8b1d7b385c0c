import {
  appPermissionClass,
  classifyAzureRole,
  MICROSOFT_GRAPH_APP_ID,
  entraRole,
  isPrivilegedAzureRole,
  roleDefinitionGuid,
} from "../../classification/index.ts";
import type { Inventory, SectionName } from "../../inventory/types.ts";
import { indexBy, optionalItems } from "./sections.ts";

// What a service principal can do with its credentials, for rules whose severity depends on what a
// leaked credential would unlock. "Privileged" is the classification's word (docs/classification.md):
// a privileged Azure role at any scope, a classified Entra directory role, a classified application
// permission on Microsoft Graph, Exchange Online or SharePoint Online.

const SECTIONS: readonly SectionName[] = [
  "servicePrincipals",
  "roleAssignments",
  "roleDefinitions",
  "directoryRoleAssignments",
  "appPermissionGrants",
];

export interface PrivilegeLookup {
  /** false when a section it reads is unavailable or partial: "no privilege" then means "none seen". */
  complete: boolean;
  /** The privileges of the service principal of `appId` in this tenant, labelled; [] when none or no service principal. */
  ofApp(appId: string): string[];
}

export function privilegeLookup(inventory: Inventory): PrivilegeLookup {
  const complete = SECTIONS.every((name) => {
    const s = inventory[name];
    return s.status === "ok" && (s.gaps ?? []).length === 0;
  });
  const spByAppId = indexBy(optionalItems(inventory, "servicePrincipals"), (sp) => sp.appId);
  const definitions = indexBy(optionalItems(inventory, "roleDefinitions"), (d) => d.name);
  const byPrincipal = new Map<string, string[]>();
  const add = (principalId: string, label: string) => {
    const key = principalId.toLowerCase();
    const list = byPrincipal.get(key) ?? [];
    if (!list.includes(label)) list.push(label);
    byPrincipal.set(key, list);
  };
  for (const a of optionalItems(inventory, "roleAssignments")) {
    const guid = roleDefinitionGuid(a.roleDefinitionId);
    const definition = definitions.get(guid);
    if (isPrivilegedAzureRole(classifyAzureRole(definition, guid)))
      add(a.principalId, `Azure ${definition?.roleName ?? guid} at ${a.scope}`);
  }
  for (const d of optionalItems(inventory, "directoryRoleAssignments")) {
    const cls = entraRole(roleDefinitionGuid(d.roleDefinitionId));
    if (cls) add(d.principalId, `Entra role ${cls.displayName}`);
  }
  for (const g of optionalItems(inventory, "appPermissionGrants")) {
    const cls = appPermissionClass(g);
    if (cls)
      add(
        g.principalId,
        cls.resourceAppId === MICROSOFT_GRAPH_APP_ID
          ? `Graph permission ${cls.value}`
          : `${cls.resourceName} permission ${cls.value}`,
      );
  }
  return {
    complete,
    ofApp(appId) {
      const sp = spByAppId.get(appId.toLowerCase());
      return sp ? (byPrincipal.get(sp.id.toLowerCase()) ?? []) : [];
    },
  };
}
