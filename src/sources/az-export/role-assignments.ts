// `az role assignment list --all --include-inherited --subscription ID` (the subscription's
// list: at, above and below it) and `az role assignment list --scope MG --include-inherited`
// (atScope(): at and above the group). azure-cli's list_role_assignments prints the SDK's
// RoleAssignment flattened (scope, roleDefinitionId, principalId, principalType, createdOn…)
// and adds principalName and roleDefinitionName — the role's *name* there, not its GUID, so
// the GUID is taken from roleDefinitionId by the collector's mapping, as for ARM's answers.
import { toRoleAssignment, type SdkOrRawAssignment } from "../../collectors/arm/roleAssignments.ts";
import type { CoverageGap, RoleAssignment, Section } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { PER } from "./layout.ts";
import { rbacScopes } from "./rbac-scopes.ts";
import { missingReason, okSection } from "./sections.ts";

const ITEM = objectWith(
  {
    id: S.str,
    scope: S.str,
    roleDefinitionId: S.str,
    principalId: S.str,
    principalType: S.nstr,
    condition: S.nstr,
    createdOn: S.nstr,
  },
  ["id", "scope", "roleDefinitionId", "principalId"],
);

export const subscriptionAssignmentsCommand = (id: string) =>
  `az role assignment list --all --include-inherited --subscription ${id}`;
export const scopeAssignmentsCommand = (scope: string) =>
  `az role assignment list --scope ${scope} --include-inherited`;

export function readRoleAssignments(
  dir: ExportDir,
  subscriptionIds: string[],
  mgNames: string[],
): Section<RoleAssignment> {
  const scopes = rbacScopes(
    subscriptionIds,
    mgNames,
    { sub: PER.roleAssignmentsAtSubscription, mg: PER.roleAssignmentsAtManagementGroup },
    {
      sub: subscriptionAssignmentsCommand,
      mg: scopeAssignmentsCommand,
    },
  );
  const byId = new Map<string, RoleAssignment>();
  const gaps: CoverageGap[] = [];
  for (const s of scopes) {
    const read = dir.list<SdkOrRawAssignment>(s.file, { command: s.command, item: ITEM });
    if (!read) {
      gaps.push({ scope: s.scope, reason: missingReason(s.file, s.command) });
      continue;
    }
    for (const raw of read.items) {
      const a = toRoleAssignment(raw);
      // an assignment inherited from a management group is in every subscription's list
      if (a && !byId.has(a.id.toLowerCase())) byId.set(a.id.toLowerCase(), a);
    }
  }
  const [firstGap] = gaps;
  if (firstGap && gaps.length === scopes.length)
    return {
      status: "unavailable",
      reason: `no role assignment list was exported (${gaps.length} scope${gaps.length === 1 ? "" : "s"}): ${firstGap.reason}`,
    };
  return okSection([...byId.values()], (a) => a.id.toLowerCase(), gaps);
}
