// The demo tenant's privilege held the way real tenants hold it: through nested groups, as PIM
// eligibility, and delegated with a condition. Kept apart from tenant.ts, which calls it once with
// the tenant's own id helpers.
//
// | what                                                      | shows up in                                           |
// |-----------------------------------------------------------|-------------------------------------------------------|
// | sg-platform-oncall (Judy, ci-azure-devops-legacy) nested   | subscription-owner-count (corp-prod: the people      |
// |   in sg-platform-admins, which holds Owner on corp-prod   |   behind the group), privileged-identity-with-secret  |
// |                                                           |   (Owner "via group sg-platform-oncall in …")         |
// | Ivan eligible (PIM) for Owner on corp-prod                | privileged-role-broad-scope (high, "eligible"),       |
// |                                                           |   subscription-owner-count (counted, marked eligible) |
// | Grace eligible (PIM) for Global Administrator             | the inventory's directoryRoleEligibilities            |
// | Dan: User Access Administrator on corp-nonprod, with the  | privileged-role-broad-scope (medium: constrained,     |
// |   documented condition "may assign only Backup roles"     |   the condition in the evidence)                      |
// | Erin: RBAC Administrator on corp-nonprod, same condition  | privileged-role-broad-scope (medium: constrained)     |
import type { ArmRoleEligibility, TenantFixture } from "../emulator/types.ts";
import { securityGroupWire } from "../emulator/wire/group.ts";
import { roleAssignmentWire } from "../emulator/wire/role-assignment.ts";

export interface PrivilegeIds {
  userId(key: string): string;
  groupId(key: string): string;
  appSpId(key: string): string;
  demoGuid(label: string): string;
  subScope(key: "prod" | "nonprod"): string;
  /** ISO time `days` from the demo's now */
  at(days: number): string;
  ownerRoleId: string;
  userAccessAdministratorRoleId: string;
  rbacAdministratorRoleId: string;
  globalAdministratorRoleId: string;
}

// "Example: Constrain roles" of
// https://learn.microsoft.com/en-us/azure/role-based-access-control/delegate-role-assignments-examples
// (Backup Contributor, Backup Reader).
const BACKUP_ROLES = "5e467623-bb1f-42f4-a55d-6e525e11384b, a795c7a0-d4a2-40c1-ae25-d81f01202912";
export const CONSTRAINED_DELEGATION_CONDITION =
  `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR ` +
  `(@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${BACKUP_ROLES}})) AND ` +
  `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR ` +
  `(@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${BACKUP_ROLES}}))`;

export function addPrivilegeShowcase(fixture: TenantFixture, ids: PrivilegeIds): void {
  const oncallId = ids.groupId("platform-oncall");
  const admins = fixture.graph.groups.find((g) => g.id === ids.groupId("platform-admins"));
  if (!admins || !Array.isArray(admins.members)) throw new Error("demo: sg-platform-admins is missing");
  admins.members.push(oncallId);
  const oncall = securityGroupWire({
    id: oncallId,
    displayName: "sg-platform-oncall",
    description: "Platform on-call rotation and its automation",
    mailNickname: "sg-platform-oncall",
    createdDateTime: ids.at(-400),
    members: [ids.userId("judy"), ids.appSpId("ci-azure-devops-legacy")],
  });
  fixture.graph.groups.push(oncall);

  const prod = ids.subScope("prod");
  const eligibilityName = ids.demoGuid("eligible:owner:prod:ivan");
  const eligible: ArmRoleEligibility = {
    id: `${prod}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/${eligibilityName}`,
    name: eligibilityName,
    type: "Microsoft.Authorization/roleEligibilityScheduleInstances",
    properties: {
      scope: prod,
      roleDefinitionId: `${prod}/providers/Microsoft.Authorization/roleDefinitions/${ids.ownerRoleId}`,
      principalId: ids.userId("ivan"),
      principalType: "User",
      roleEligibilityScheduleId: ids.demoGuid("eligible-schedule:owner:prod:ivan"),
      status: "Provisioned",
      startDateTime: ids.at(-90),
      endDateTime: ids.at(275),
      memberType: "Direct",
      condition: null,
      conditionVersion: null,
      createdOn: ids.at(-90),
    },
  };
  fixture.roleEligibilityScheduleInstances = [...(fixture.roleEligibilityScheduleInstances ?? []), eligible];

  fixture.graph.directoryRoleEligibilityScheduleInstances = [
    ...(fixture.graph.directoryRoleEligibilityScheduleInstances ?? []),
    {
      id: ids.demoGuid("eligible:ga:grace"),
      principalId: ids.userId("grace"),
      roleDefinitionId: ids.globalAdministratorRoleId,
      directoryScopeId: "/",
      appScopeId: null,
      roleEligibilityScheduleId: ids.demoGuid("eligible-schedule:ga:grace"),
      memberType: "Direct",
      startDateTime: ids.at(-60),
      endDateTime: null,
    },
  ];

  const nonprod = ids.subScope("nonprod");
  const constrained = roleAssignmentWire({
    name: ids.demoGuid("ra:constrained-uaa:nonprod:dan"),
    scope: nonprod,
    roleGuid: ids.userAccessAdministratorRoleId,
    principalId: ids.userId("dan"),
    principalType: "User",
    condition: { expression: CONSTRAINED_DELEGATION_CONDITION, version: "2.0" },
    createdOn: ids.at(-150),
    createdBy: ids.userId("bob"),
    description: "Shipping lead may grant the Backup roles only",
  });
  // the role Microsoft recommends delegating with a condition instead of User Access Administrator
  const constrainedRbac = roleAssignmentWire({
    name: ids.demoGuid("ra:constrained-rbac-admin:nonprod:erin"),
    scope: nonprod,
    roleGuid: ids.rbacAdministratorRoleId,
    principalId: ids.userId("erin"),
    principalType: "User",
    condition: { expression: CONSTRAINED_DELEGATION_CONDITION, version: "2.0" },
    createdOn: ids.at(-90),
    createdBy: ids.userId("bob"),
    description: "Platform engineer may grant the Backup roles only",
  });
  fixture.roleAssignments.push(constrained, constrainedRbac);
}
