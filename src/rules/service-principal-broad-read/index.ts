import type { JSONSchemaType } from "ajv";
import { classifyAzureRole } from "../../classification/index.ts";
import type { Principal, RoleAssignment } from "../../inventory/types.ts";
import { assignedRole, assignmentData, assignmentEvidence, BROAD_LEVELS } from "../support/assignments.ts";
import { heldData, heldEvidence, heldSubjects, heldTarget, oneStepLower, type HeldSubject } from "../support/held.ts";
import { guidList, includesId } from "../support/options.ts";
import { defineRule } from "../types.ts";

export interface Options {
  /** Service principal object ids allowed to read broadly (scanners, monitoring, CSPM tools). */
  allowPrincipalIds: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    allowPrincipalIds: guidList(
      "Service principal object ids allowed to hold read-everything roles at broad scope (security scanners, monitoring and inventory tools); matched case-insensitively.",
    ),
  },
  required: ["allowPrincipalIds"],
  additionalProperties: false,
};

/** ARM's principalType says ServicePrincipal (managed identities included) or the directory does. */
function isServicePrincipal(assignment: RoleAssignment, principal: Principal | undefined): boolean {
  return (
    assignment.principalType.toLowerCase() === "serviceprincipal" ||
    (principal?.found === true && principal.type === "servicePrincipal")
  );
}

export default defineRule<Options, HeldSubject>({
  meta: {
    id: "service-principal-broad-read",
    aliases: [],
    title: "Service principals read only the scopes they work on",
    severity: "low",
    confidence: "medium",
    category: "access",
    description:
      "Flags role assignments that give a service principal (an application's or a managed identity's) Reader, or another role whose actions, less its notActions, read every resource provider (a `*` followed by `/read`), at the tenant root (`/`), a management group or a subscription. Roles that also write (Owner, Contributor…) are left to privileged-role-broad-scope. Principals in `allowPrincipalIds` are not flagged, nor is the identity running the scan (the `oid` of its access token, recorded in the inventory), which needs Reader at the tenant root group to do its job. A service principal that reads broadly through a group is flagged with the group path; a PIM eligible role one step lower (info).",
    rationale:
      "A workload identity with read access to a whole subscription or management group can enumerate every resource, its network layout, its configuration, tags and often secrets-adjacent settings: an attacker who steals its credential gets a full map for the next step. Most workloads read a handful of resource groups; read-everything is rarely needed outside scanners and monitoring tools. The confidence is medium: such tools legitimately need it — list them in allowPrincipalIds once verified.",
    remediation: {
      portal: [
        "Azure portal > the management group or subscription > Access control (IAM) > Role assignments, filter by the service principal.",
        "Grant it Reader (or a narrower read role) only on the resource groups or resources it works on.",
        "Remove the broad assignment; if the principal is a verified scanner, add its object id to allowPrincipalIds instead.",
      ],
      cli: "az role assignment create --assignee-object-id <principalId> --assignee-principal-type ServicePrincipal --role Reader --scope <resource group id> && az role assignment delete --ids <assignment id>",
    },
    references: [
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#only-grant-the-access-users-need",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/general#reader",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/scope-overview",
    ],
    compliance: [{ framework: "MCSB", id: "PA-7" }],
    messages: {
      broadRead:
        'Service principal "{{principalName}}" ({{principalKind}}) {{holds}} {{roleName}} at {{levelLabel}} scope {{scope}}{{through}}: it can read every resource below it.',
    },
    requires: ["roleAssignments", "roleDefinitions"],
    subjectNoun: "role assignments",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { allowPrincipalIds: [] },
  subjects: (inventory) => heldSubjects(inventory, ["principals"]),
  check(subject, { options, inventory }) {
    const { assignment, definition, principal } = subject;
    if (!BROAD_LEVELS.has(assignment.scopeLevel)) return [];
    if (!isServicePrincipal(assignment, principal)) return [];
    if (includesId(options.allowPrincipalIds, assignment.principalId)) return [];
    // The scanner itself: the README tells users to grant it Reader at the tenant root group.
    const scanner = inventory.source.scannerObjectId;
    if (scanner && scanner.toLowerCase() === assignment.principalId.toLowerCase()) return [];

    const role = assignedRole(assignment, definition);
    const roleClass = classifyAzureRole(definition, role.guid);
    if (roleClass !== "readAll") return [];

    const spType = principal?.servicePrincipalType ?? null;
    const principalKind =
      spType?.toLowerCase() === "managedidentity"
        ? "managed identity"
        : spType
          ? `${spType.toLowerCase()} service principal`
          : "service principal";
    return [
      {
        messageId: "broadRead",
        data: {
          principalName: principal?.displayName ?? assignment.principalId,
          principalKind,
          ...assignmentData(assignment, role),
          ...heldData(subject),
        },
        ...heldTarget(subject, role),
        ...(subject.eligible ? { severity: oneStepLower("low") } : {}),
        evidence: {
          ...assignmentEvidence(assignment, role, roleClass),
          ...heldEvidence(subject),
          principalName: principal?.displayName ?? null,
          servicePrincipalType: spType,
        },
      },
    ];
  },
});
