// `az role definition list --custom-role-only false --scope SCOPE` at each subscription and
// management group: the Python SDK's RoleDefinition with `properties` flattened (roleName,
// roleType, permissions, assignableScopes at the top level), which the collector's mapping
// already reads. Deduped by GUID as the live collector does.
import { preferId, toRoleDefinition, type SdkOrRawDefinition } from "../../collectors/arm/roleDefinitions.ts";
import type { CoverageGap, RoleDefinition, Section } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { PER } from "./layout.ts";
import { rbacScopes } from "./rbac-scopes.ts";
import { missingReason, okSection } from "./sections.ts";

const ITEM = objectWith(
  {
    id: S.str,
    name: S.str,
    roleName: S.str,
    roleType: S.str,
    permissions: { type: "array", items: S.obj },
    assignableScopes: { type: "array", items: S.str },
  },
  ["id", "name", "roleName", "permissions"],
);

export const roleDefinitionCommand = (scope: string) =>
  `az role definition list --custom-role-only false --scope ${scope}`;

export function readRoleDefinitions(
  dir: ExportDir,
  subscriptionIds: string[],
  mgNames: string[],
): Section<RoleDefinition> {
  const scopes = rbacScopes(
    subscriptionIds,
    mgNames,
    { sub: PER.roleDefinitionsAtSubscription, mg: PER.roleDefinitionsAtManagementGroup },
    {
      sub: (id) => roleDefinitionCommand(`/subscriptions/${id}`),
      mg: roleDefinitionCommand,
    },
  );
  const byName = new Map<string, RoleDefinition>();
  const gaps: CoverageGap[] = [];
  for (const s of scopes) {
    const read = dir.list<SdkOrRawDefinition>(s.file, { command: s.command, item: ITEM });
    if (!read) {
      gaps.push({ scope: s.scope, reason: missingReason(s.file, s.command) });
      continue;
    }
    for (const raw of read.items) {
      const d = toRoleDefinition(raw);
      if (!d) continue;
      const prev = byName.get(d.name);
      if (!prev || preferId(d.id, prev.id)) byName.set(d.name, d);
    }
  }
  const [firstGap] = gaps;
  if (firstGap && gaps.length === scopes.length)
    return {
      status: "unavailable",
      reason: `no role definition list was exported (${gaps.length} scope${gaps.length === 1 ? "" : "s"}): ${firstGap.reason}`,
    };
  return okSection([...byName.values()], (d) => d.id.toLowerCase(), gaps);
}
