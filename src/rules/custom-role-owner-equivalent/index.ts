import {
  actionMatches,
  classifyAzureRole,
  PROBE_WRITE_ACTION,
  ROLE_ASSIGNMENTS_WRITE,
  ROLE_DEFINITIONS_WRITE,
  roleDefinitionGuid,
} from "../../classification/index.ts";
import type { RoleDefinition } from "../../inventory/types.ts";
import { items } from "../support/sections.ts";
import { noOptionsSchema, type NoOptions } from "../support/options.ts";
import { defineRule, type Severity } from "../types.ts";
import { scopeKey, scopeLevel } from "../../arm/resource-id.ts";

export type Options = NoOptions;

/** How often the role is assigned, or null when role assignments could not be read. */
interface Usage {
  count: number;
  scopes: string[];
}

/** One custom role (deduplicated across the scopes it was listed at) and its assignments. */
interface Subject {
  guid: string;
  definition: RoleDefinition;
  listedIds: string[];
  usage: Usage | null;
}

/** At most this many assigned scopes go into the evidence. */
const MAX_SCOPES_IN_EVIDENCE = 20;

/** The `actions` patterns of unrestricted reach: role-assignment/definition writes or every provider's writes. */
function offendingActions(def: RoleDefinition): string[] {
  const probes = [ROLE_ASSIGNMENTS_WRITE, ROLE_DEFINITIONS_WRITE, PROBE_WRITE_ACTION];
  const found = new Set<string>();
  for (const block of def.permissions) {
    for (const pattern of block.actions) if (probes.some((a) => actionMatches(pattern, a))) found.add(pattern);
  }
  return [...found].sort();
}

type Reach = "tenant" | "subscription" | "resourceGroup" | "none";

/** The broadest scope a role can be assigned at: `/` and management groups reach many subscriptions. */
function reachOf(def: RoleDefinition): Reach {
  let reach: Reach = "none";
  for (const raw of def.assignableScopes) {
    const level = scopeLevel(scopeKey(raw));
    if (level === "root" || level === "managementGroup") return "tenant";
    if (level === "subscription") reach = "subscription";
    else if (reach === "none") reach = "resourceGroup";
  }
  return reach;
}

/**
 * How far a holder's power goes: an owner-equivalent role assignable at a management group takes
 * over every subscription below it (critical); at one subscription, that subscription (high); at a
 * resource group, that group (medium). A custom Contributor cannot grant access: one step lower at
 * the top, high at a subscription.
 */
const SEVERITY_BY_REACH: Record<"ownerEquivalent" | "allActions", Record<Reach, Severity>> = {
  ownerEquivalent: { tenant: "critical", subscription: "high", resourceGroup: "medium", none: "medium" },
  allActions: { tenant: "high", subscription: "high", resourceGroup: "medium", none: "medium" },
};

function usageText(usage: Usage | null): string {
  if (usage === null) return "its assignments could not be read";
  if (usage.count === 0) return "it is not assigned yet";
  return `it is assigned ${usage.count} time${usage.count === 1 ? "" : "s"}`;
}

export default defineRule<Options, Subject>({
  meta: {
    id: "custom-role-owner-equivalent",
    aliases: [],
    title: "Custom roles do not grant administrator-level access",
    severity: "high",
    confidence: "high",
    category: "access",
    description:
      "Flags custom role definitions (roleType CustomRole) whose actions, less their notActions, either allow `Microsoft.Authorization/roleAssignments/write` or `Microsoft.Authorization/roleDefinitions/write` without an ABAC condition (owner-equivalent: the holder can grant itself or anyone any role), or allow writes to every resource provider (`*`, `*/write`, `Microsoft.*`…, i.e. a custom Contributor). A role listed at several scopes is judged once, by its GUID. It fires whether or not the role is assigned; the evidence gives the number of assignments using it. Severity follows the broadest assignable scope: an owner-equivalent role is critical at the tenant root or a management group, high at a subscription, medium at resource groups or resources; a custom Contributor is high down to a subscription, medium below.",
    rationale:
      "A custom role with `*` or role-assignment writes is a subscription administrator under another name: it escapes reviews that look for Owner, Contributor and User Access Administrator, and anyone who can assign it (or holds it) can take over every scope it is assignable at. CIS asks that no such custom administrator roles exist; an unassigned one is still a ready-made backdoor one assignment away. Use the built-in roles, which reviews and tools recognise, and keep custom roles to the specific actions a job needs.",
    remediation: {
      portal: [
        "Azure portal > Subscriptions (or the management group) > Access control (IAM) > Roles, filter Type: CustomRole, open the role.",
        "Check its assignments (Assignments tab); move those principals to a built-in role or a narrower custom role.",
        "Edit the role to list only the specific actions needed (no `*`, no Microsoft.Authorization/*/write), or delete it once unassigned.",
      ],
      cli: "az role definition update --role-definition <role.json without * or Microsoft.Authorization writes>   # or: az role definition delete --name <role GUID>",
    },
    references: [
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/role-definitions#actions",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#limit-privileged-administrator-role-assignments",
    ],
    compliance: [
      { framework: "CIS Azure", version: "1.3.0", id: "1.21" },
      { framework: "CIS Azure", version: "1.4.0", id: "1.20" },
      { framework: "CIS Azure", version: "1.5.0", id: "1.23" },
      { framework: "CIS Azure", version: "2.0.0", id: "1.23" },
      { framework: "CIS Azure", version: "2.1.0", id: "1.22" },
      { framework: "CIS Azure", version: "3.0.0", id: "2.23" },
      { framework: "CIS Azure", version: "4.0.0", id: "6.23" },
      { framework: "CIS Azure", version: "5.0.0", id: "5.23" },
      { framework: "CIS Azure", version: "6.0.0", id: "5.4" },
      {
        framework: "Azure Policy",
        id: "10ee2ea2-fb4d-45b8-a7e9-a2e770044cd9",
        displayName: "[Deprecated]: Custom subscription owner roles should not exist",
      },
      { framework: "MCSB", id: "PA-7" },
    ],
    messages: {
      ownerEquivalent:
        'Custom role "{{roleName}}" allows {{grantedVia}} ({{actions}}): whoever holds it can grant any role to anyone at {{assignableScopes}}; {{usage}}.',
      allActions:
        'Custom role "{{roleName}}" allows writes to every resource provider ({{actions}}), a custom Contributor at {{assignableScopes}}; {{usage}}.',
    },
    requires: ["roleDefinitions"],
    subjectNoun: "custom roles",
    enabledByDefault: true,
  },
  optionsSchema: noOptionsSchema(),
  defaultOptions: {},
  subjects(inventory) {
    const byGuid = new Map<string, { definition: RoleDefinition; listedIds: string[] }>();
    for (const def of items(inventory, "roleDefinitions")) {
      if (def.roleType.toLowerCase() !== "customrole") continue;
      const guid = roleDefinitionGuid(def.name || def.id);
      const seen = byGuid.get(guid);
      if (seen) seen.listedIds.push(def.id);
      else byGuid.set(guid, { definition: def, listedIds: [def.id] });
    }
    // Enrichment only: without role assignments the rule still judges the definitions.
    const assignments = inventory.roleAssignments.status === "ok" ? inventory.roleAssignments.items : null;
    const usage = new Map<string, { count: number; scopes: Set<string> }>();
    if (assignments) {
      for (const a of assignments) {
        const guid = roleDefinitionGuid(a.roleDefinitionId);
        if (!byGuid.has(guid)) continue;
        const u = usage.get(guid) ?? { count: 0, scopes: new Set<string>() };
        u.count += 1;
        u.scopes.add(a.scope);
        usage.set(guid, u);
      }
    }
    return [...byGuid].map(([guid, { definition, listedIds }]) => {
      const u = usage.get(guid);
      return {
        guid,
        definition,
        listedIds: [...new Set(listedIds)].sort(),
        usage: assignments
          ? { count: u?.count ?? 0, scopes: [...(u?.scopes ?? [])].sort().slice(0, MAX_SCOPES_IN_EVIDENCE) }
          : null,
      };
    });
  },
  check({ guid, definition, listedIds, usage }) {
    const roleClass = classifyAzureRole(definition, guid);
    if (roleClass !== "ownerEquivalent" && roleClass !== "contributor") return [];

    const actions = offendingActions(definition);
    const assignableScopes =
      definition.assignableScopes.length > 0 ? definition.assignableScopes.join(", ") : "(no assignable scopes)";
    const grants = {
      roleAssignments: actions.some((p) => actionMatches(p, ROLE_ASSIGNMENTS_WRITE)),
      roleDefinitions: actions.some((p) => actionMatches(p, ROLE_DEFINITIONS_WRITE)),
    };
    const grantedVia =
      [
        grants.roleAssignments ? "role-assignment writes" : null,
        grants.roleDefinitions ? "role-definition writes" : null,
      ]
        .filter(Boolean)
        .join(" and ") || "role-assignment writes";
    const messageId = roleClass === "ownerEquivalent" ? "ownerEquivalent" : "allActions";
    const reach = reachOf(definition);
    return [
      {
        messageId,
        severity: SEVERITY_BY_REACH[messageId][reach],
        data: {
          roleName: definition.roleName,
          grantedVia,
          actions: actions.join(", ") || "wildcard actions",
          assignableScopes,
          usage: usageText(usage),
        },
        // One canonical id per role, whichever scope listed it first, so the fingerprint holds.
        resource: {
          id: `/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
          type: "Microsoft.Authorization/roleDefinitions",
          displayName: definition.roleName,
          subscriptionId: null,
        },
        discriminator: messageId,
        evidence: {
          roleDefinitionId: guid,
          roleName: definition.roleName,
          roleClass,
          offendingActions: actions,
          notActions: [...new Set(definition.permissions.flatMap((b) => b.notActions))],
          assignableScopes: definition.assignableScopes,
          reach,
          listedIds,
          assignmentCount: usage?.count ?? null,
          assignedScopes: usage?.scopes ?? null,
        },
      },
    ];
  },
});
