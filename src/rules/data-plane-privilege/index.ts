import type { JSONSchemaType } from "ajv";
import { classifyAzureRole, DATA_PLANE_OWNER_ROLES, isDataPlaneWildcard } from "../../classification/index.ts";
import type { ScopeLevel } from "../../inventory/types.ts";
import {
  assignedRole,
  assignmentData,
  assignmentEvidence,
  principalLabel,
  type AssignmentSubject,
} from "../support/assignments.ts";
import { heldData, heldEvidence, heldSeverity, heldTarget, type HeldSubject } from "../support/held.ts";
import { includesId, guidList } from "../support/options.ts";
import { azureRoleHolders } from "../support/role-holders.ts";
import { defineRule, type Severity } from "../types.ts";

type BroadLevel = Exclude<ScopeLevel, "resource">;

export interface Options {
  /** Scope levels at which data-plane ownership counts as broad. */
  levels: BroadLevel[];
  /** Principal object ids allowed to own data planes broadly (a backup service, a key custodian group). */
  allowPrincipalIds: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    levels: {
      type: "array",
      items: { type: "string", enum: ["root", "managementGroup", "subscription", "resourceGroup"] },
      uniqueItems: true,
      description: "Scope levels at which a data-plane owner role counts as broad.",
    },
    allowPrincipalIds: guidList(
      "Object ids allowed to hold data-plane owner roles at broad scope (for example a reviewed backup service or key custodian group).",
    ),
  },
  required: ["levels", "allowPrincipalIds"],
  additionalProperties: false,
};

const BY_ID = new Map(DATA_PLANE_OWNER_ROLES.map((r) => [r.id, r] as const));

/** Why a role owns a data plane, or undefined: a named built-in, or a role granting every data action. */
function dataPlaneReason(subject: AssignmentSubject, guid: string): { kind: string; reason: string } | undefined {
  const named = BY_ID.get(guid);
  if (named) return { kind: "builtinDataOwner", reason: named.reason };
  if (subject.definition && isDataPlaneWildcard(subject.definition.permissions))
    return {
      kind: "dataActionsWildcard",
      reason: 'Its data actions are "*": every data action of every service in scope.',
    };
  return undefined;
}

export default defineRule<Options, HeldSubject>({
  meta: {
    id: "data-plane-privilege",
    aliases: [],
    title: "Data-plane owner roles are assigned at narrow scopes",
    severity: "high",
    confidence: "high",
    category: "access",
    description:
      'Flags assignments, at the tenant root, a management group, a subscription or a resource group (`levels`), of a role that owns a service\'s data plane: a built-in data owner role (Key Vault Administrator, Key Vault Secrets, Certificates and Crypto Officer, Storage Blob Data Owner, Storage File Data Privileged Contributor, Event Hubs and Service Bus Data Owner, App Configuration Data Owner; the list is in docs/classification.md) or any role whose permissions grant every data action (`dataActions: ["*"]` with no notDataActions). Severity is high at root, management group and subscription scope, medium at resource group scope. Principals in `allowPrincipalIds` are not flagged. Control-plane roles are left to privileged-role-broad-scope.',
    rationale:
      "Data actions are not control-plane rights: Owner and Contributor do not read a vault's secrets or a blob's contents, but Key Vault Administrator and Storage Blob Data Owner do, on every vault and account below the scope, including those created later. A data owner role at a subscription hands one principal every stored secret, connection string and document there. Microsoft's guidance is to grant data roles at the vault or storage account, or the container, a workload needs.",
    remediation: {
      portal: [
        "Azure portal > the scope in the finding > Access control (IAM) > Role assignments: find the data role.",
        "Assign the narrowest data role (Key Vault Secrets User, Storage Blob Data Reader…) on the vault, account or container the principal works on.",
        "Remove the broad assignment; for people, make a data owner role eligible through Privileged Identity Management instead of permanent.",
      ],
      cli: 'az role assignment create --assignee <principalId> --role "<narrower data role>" --scope <vault or storage account id> && az role assignment delete --ids <assignment id>',
    },
    references: [
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/role-definitions#control-and-data-actions",
      "https://learn.microsoft.com/en-us/azure/key-vault/general/rbac-guide",
      "https://learn.microsoft.com/en-us/azure/storage/blobs/assign-azure-role-data-access",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices",
    ],
    compliance: [
      { framework: "MCSB", id: "PA-7" },
      { framework: "MCSB", id: "PA-1" },
    ],
    messages: {
      broad:
        '{{principalKind}} "{{principalName}}" {{holds}} the data-plane role {{roleName}} at {{levelLabel}} scope {{scope}}{{through}}: {{reason}}',
    },
    requires: ["roleAssignments", "roleDefinitions"],
    subjectNoun: "role assignments",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { levels: ["root", "managementGroup", "subscription", "resourceGroup"], allowPrincipalIds: [] },
  subjects: (inventory) => azureRoleHolders(inventory, ["principals"]),
  check(subject, { options }) {
    const { assignment, definition, principal } = subject;
    if (!(options.levels as string[]).includes(assignment.scopeLevel)) return [];
    if (includesId(options.allowPrincipalIds, assignment.principalId)) return [];
    // A deleted principal cannot use the role: orphaned-role-assignment reports it.
    if (principal?.found === false) return [];
    const role = assignedRole(assignment, definition);
    const why = dataPlaneReason(subject, role.guid);
    if (!why) return [];
    const base: Severity = assignment.scopeLevel === "resourceGroup" ? "medium" : "high";
    const { severity, evidence } = heldSeverity(base, subject, classifyAzureRole(definition, role.guid));
    return [
      {
        messageId: "broad",
        severity,
        data: {
          principalKind: principalLabel(assignment, principal),
          principalName: principal?.displayName ?? assignment.principalId,
          ...assignmentData(assignment, role),
          reason: why.reason,
          ...heldData(subject),
        },
        ...heldTarget(subject, role),
        evidence: {
          ...assignmentEvidence(assignment, role),
          ...heldEvidence(subject),
          ...evidence,
          dataPlane: why.kind,
          dataActions: definition ? definition.permissions.flatMap((b) => b.dataActions) : null,
          principalType: assignment.principalType,
          principalName: principal?.displayName ?? null,
        },
      },
    ];
  },
});
