import {
  appPermissionClass,
  classifyAzureRole,
  MICROSOFT_GRAPH_APP_ID,
  entraRole,
  isPrivilegedAzureRole,
  roleDefinitionGuid,
} from "../../classification/index.ts";
import type { Inventory, SectionName } from "../../inventory/types.ts";
import { effectivePrivileges, viaLabel, type GroupHop } from "../../privilege/effective.ts";
import { indexBy, optionalItems } from "./sections.ts";

// What a service principal can do with its credentials, for rules whose severity depends on what a
// leaked credential would unlock. "Privileged" is the classification's word (docs/classification.md):
// a privileged Azure role at any scope, a classified Entra directory role, a classified application
// permission on Microsoft Graph, Exchange Online or SharePoint Online; held directly or through a
// group, standing or PIM eligible.

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
  // its own grants and its groups' (transitively), standing and PIM eligible, each labelled so
  const held = effectivePrivileges(inventory);
  const how = (via: GroupHop[], eligible: boolean) =>
    `${via.length ? ` ${viaLabel(via)}` : ""}${eligible ? " (PIM eligible)" : ""}`;
  for (const { assignment: a, principalId, via, eligible } of held.azure) {
    const guid = roleDefinitionGuid(a.roleDefinitionId);
    const definition = definitions.get(guid);
    if (isPrivilegedAzureRole(classifyAzureRole(definition, guid)))
      add(principalId, `Azure ${definition?.roleName ?? guid} at ${a.scope}${how(via, eligible)}`);
  }
  for (const { assignment: d, principalId, via, eligible } of held.entra) {
    const cls = entraRole(roleDefinitionGuid(d.roleDefinitionId));
    if (cls) add(principalId, `Entra role ${cls.displayName}${how(via, eligible)}`);
  }
  for (const { grant: g, principalId, via, eligible } of held.app) {
    const cls = appPermissionClass(g);
    if (cls) {
      const api = cls.resourceAppId === MICROSOFT_GRAPH_APP_ID ? "Graph" : cls.resourceName;
      add(principalId, `${api} permission ${cls.value}${how(via, eligible)}`);
    }
  }
  return {
    complete,
    ofApp(appId) {
      const sp = spByAppId.get(appId.toLowerCase());
      return sp ? (byPrincipal.get(sp.id.toLowerCase()) ?? []) : [];
    },
  };
}
