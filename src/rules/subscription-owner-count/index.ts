import type { JSONSchemaType } from "ajv";
import { classifyAzureRole, roleDefinitionGuid } from "../../classification/index.ts";
import type { Principal, Subscription } from "../../inventory/types.ts";
import { effectivePrivileges, viaLabel, type AzureGrant } from "../../privilege/effective.ts";
import { BROAD_LEVELS } from "../support/assignments.ts";
import { guidList, includesId } from "../support/options.ts";
import { isInactiveSubscription } from "../support/subscriptions.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { defineRule } from "../types.ts";
import { isSubscriptionScope, scopeKey, subscriptionScope } from "../../arm/resource-id.ts";

export interface Options {
  /** Fewer distinct owners than this fails (no one left to recover access). */
  minOwners: number;
  /** More distinct owners than this fails (too many people can do anything). */
  maxOwners: number;
  /** Count Owner assignments inherited from the management group chain and the tenant root. */
  countInherited: boolean;
  /** Owners not counted toward either limit: break-glass accounts that hold Owner by design. */
  allowPrincipalIds: string[];
  /** `expand`: a group's transitive members count, each once; `count-as-one`: a group is one owner. */
  groups: "expand" | "count-as-one";
  /** Count principals eligible for Owner through PIM: they can activate it whenever they choose. */
  countEligible: boolean;
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    minOwners: {
      type: "integer",
      minimum: 0,
      maximum: 1000,
      description: "A subscription with fewer distinct Owner principals than this fails.",
    },
    maxOwners: {
      type: "integer",
      minimum: 1,
      maximum: 1000,
      description: "A subscription with more distinct Owner principals than this fails.",
    },
    countInherited: {
      type: "boolean",
      description:
        "Also count Owner assignments at the subscription's management groups (walked up to the tenant root group) and at the root scope `/`, which apply to the subscription through inheritance.",
    },
    allowPrincipalIds: guidList(
      "Object ids of Owner principals not counted toward either limit (break-glass accounts that hold Owner by design); they are still listed in the evidence. Matched case-insensitively.",
    ),
    groups: {
      type: "string",
      enum: ["expand", "count-as-one"],
      description:
        "How an Owner group counts: `expand` counts the people and service principals in it (nested groups followed, each principal once); `count-as-one` counts the group as one owner. A group whose members could not be read counts as one either way.",
    },
    countEligible: {
      type: "boolean",
      description:
        "Count principals eligible for Owner through Privileged Identity Management: they can activate it at any time, so they are owners for both limits.",
    },
  },
  required: ["minOwners", "maxOwners", "countInherited", "allowPrincipalIds", "groups", "countEligible"],
  additionalProperties: false,
};

/** One principal holding Owner over the subscription, and where the assignment is made. */
interface Owner {
  principalId: string;
  principalType: string;
  name: string;
  /** The assignment scopes it holds Owner at (the subscription, a management group, `/`). */
  scopes: string[];
  inherited: boolean;
  /** "via group A in B" when it holds Owner through a group, "" when directly. */
  via: string;
  /** Holds Owner only as PIM eligible. */
  eligible: boolean;
}

interface Subject {
  subscription: Subscription;
  owners: Owner[];
  /** Principals holding Owner left out of the count: deleted or disabled in the directory. */
  excluded: Owner[];
  /** Owners left out of the count because the options allow them (break-glass accounts). */
  allowed: Owner[];
  /** The management group chain, nearest first, as far as it could be followed. */
  chain: string[];
  /** false when the chain could not be followed to the root (unknown parent, unreadable section). */
  inheritanceResolved: boolean;
}

/** At most this many owners are named in the message (the evidence names all). */
const MAX_NAMES = 10;

function describeOwner(o: Owner): string {
  const where = o.inherited ? `inherited from ${o.scopes.filter((s) => !isSubscriptionScope(s)).join(", ")}` : "direct";
  return `${o.name} (${o.principalType}, ${where}${o.via ? `, ${o.via}` : ""}${o.eligible ? ", PIM eligible" : ""})`;
}

const PRINCIPAL_TYPE: Record<Principal["type"], string> = {
  user: "User",
  group: "Group",
  servicePrincipal: "ServicePrincipal",
  unknown: "Unknown",
};

function ownerList(owners: Owner[]): string {
  if (owners.length === 0) return "none";
  const named = owners.slice(0, MAX_NAMES).map(describeOwner).join("; ");
  return owners.length > MAX_NAMES ? `${named}; and ${owners.length - MAX_NAMES} more` : named;
}

export default defineRule<Options, Subject>({
  meta: {
    id: "subscription-owner-count",
    aliases: [],
    title: "Each subscription has between two and three owners",
    severity: "medium",
    confidence: "high",
    category: "access",
    description:
      "Counts the distinct principals holding the built-in Owner role over each subscription — assigned at the subscription itself and, with `countInherited` (default), at each management group above it (following parents up to the tenant root group) and at the root scope `/` — and flags a subscription with fewer than `minOwners` (2) or more than `maxOwners` (3). With `groups: expand` (default) a group holding Owner is replaced by the users and service principals in it, nested groups followed, each named with its group path; with `count-as-one` the group counts as one owner, and so does a group whose members could not be read. With `countEligible` (default) principals eligible for Owner through PIM count too, marked eligible: they can activate it at will. A principal holding Owner at several of those scopes, or directly and through a group, counts once. Principals the directory reports as deleted or disabled are not counted (orphaned-role-assignment reports them), nor are those in `allowPrincipalIds` (break-glass accounts). Subscriptions in state Disabled, Warned or Deleted are not judged. Owner assignments at resource groups or resources do not make a subscription owner. A subscription whose role assignments (or those of a scope above it) could not be read is not judged: its count would be wrong, and the coverage section already reports the gap.",
    rationale:
      "With a single owner, one departure, lost device or locked account leaves nobody able to manage access to the subscription, and nobody else watching what that owner does. With many owners, each one is a path to full control of every resource and of access itself: the more there are, the likelier one is phished, stale or over-shared. Microsoft and CIS recommend at least two and at most three.",
    remediation: {
      portal: [
        "Azure portal > Subscriptions > the subscription > Access control (IAM) > Role assignments, filter Role: Owner (include inherited assignments).",
        "Too few: assign Owner to a second named administrator or, better, a PIM-eligible group of administrators.",
        "Too many: remove Owner from principals that do not need it, giving them Contributor or a narrower role; make the remaining owners eligible through Privileged Identity Management.",
      ],
      cli: 'az role assignment list --role Owner --scope /subscriptions/<subscriptionId> --include-inherited --query "[].{principal:principalName, type:principalType, scope:scope}" -o table',
    },
    references: [
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#limit-the-number-of-subscription-owners",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/role-assignments-list-portal",
      "https://learn.microsoft.com/en-us/azure/governance/management-groups/overview",
    ],
    compliance: [
      { framework: "CIS Azure", version: "5.0.0", id: "5.27" },
      { framework: "CIS Azure", version: "6.0.0", id: "5.7" },
      {
        framework: "Azure Policy",
        id: "09024ccc-0c5f-475e-9457-b7c0d9ed487b",
        displayName: "There should be more than one owner assigned to your subscription",
      },
      {
        framework: "Azure Policy",
        id: "4f11b553-d42e-4e3a-89be-32ca364cad4c",
        displayName: "A maximum of 3 owners should be designated for your subscription",
      },
      { framework: "MCSB", id: "PA-1" },
    ],
    messages: {
      tooFew:
        'Subscription "{{subscriptionName}}" has {{count}} owner{{plural}} ({{owners}}), fewer than {{minOwners}}{{inheritanceNote}}.',
      tooMany:
        'Subscription "{{subscriptionName}}" has {{count}} owners ({{owners}}), more than {{maxOwners}}{{inheritanceNote}}.',
    },
    requires: ["subscriptions", "roleAssignments", "roleDefinitions"],
    subjectNoun: "subscriptions",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: {
    minOwners: 2,
    maxOwners: 3,
    countInherited: true,
    allowPrincipalIds: [],
    groups: "expand",
    countEligible: true,
  },
  checkOptions(options) {
    return options.minOwners > options.maxOwners
      ? [
          {
            path: "/minOwners",
            message: `minOwners (${options.minOwners}) is above maxOwners (${options.maxOwners}): every subscription would fail`,
            expected: `a minOwners of at most ${options.maxOwners}`,
          },
        ]
      : [];
  },
  subjects(inventory, options) {
    const definitions = indexBy(items(inventory, "roleDefinitions"), (d) => d.name);
    const principals = indexBy(optionalItems(inventory, "principals"), (p) => p.id);
    const mgSection = inventory.managementGroups;
    const parents = new Map<string, string | null>();
    const mgIds = new Map<string, string>();
    if (mgSection.status === "ok") {
      for (const mg of mgSection.items) {
        parents.set(scopeKey(mg.id), mg.parentId ? scopeKey(mg.parentId) : null);
        mgIds.set(scopeKey(mg.id), mg.id);
      }
    }

    // Owner grants by lowercased scope: only root, management group and subscription scopes matter.
    // A group is replaced by its transitive members when they are known and the options expand it.
    items(inventory, "roleAssignments");
    const privileges = effectivePrivileges(inventory);
    const expandable = (groupId: string) =>
      options.groups === "expand" &&
      (inventory.groups?.status === "ok" ? inventory.groups.items : []).some(
        (g) => g.id.toLowerCase() === groupId.toLowerCase() && g.members !== null,
      );
    const ownersByScope = new Map<string, AzureGrant[]>();
    for (const g of privileges.azure) {
      const a = g.assignment;
      if (!BROAD_LEVELS.has(a.scopeLevel)) continue;
      if (g.eligible && !options.countEligible) continue;
      const guid = roleDefinitionGuid(a.roleDefinitionId);
      if (classifyAzureRole(definitions.get(guid), guid) !== "owner") continue;
      const viaGroup = g.via.length > 0;
      if (viaGroup ? !expandable(a.principalId) : expandable(g.principalId)) continue;
      // a nested group is a member too, but only the people and workloads inside it hold the role
      if (viaGroup && principals.get(g.principalId)?.type === "group") continue;
      const scope = scopeKey(a.scope);
      const list = ownersByScope.get(scope);
      if (list) list.push(g);
      else ownersByScope.set(scope, [g]);
    }

    // Scopes whose assignments could not be listed: counting owners under them would be guessing.
    const ra = inventory.roleAssignments;
    const unread = new Set(ra.status === "ok" ? (ra.gaps ?? []).map((g) => scopeKey(g.scope)) : []);

    return items(inventory, "subscriptions").flatMap((subscription) => {
      // Disabled, warned or deleted: nobody works in it, its owners are not a risk to count.
      if (isInactiveSubscription(subscription)) return [];
      const scopes = [scopeKey(subscription.id || subscriptionScope(subscription.subscriptionId))];
      const walked: string[] = [];
      let inheritanceResolved = true;
      if (options.countInherited) {
        let mg = subscription.managementGroupId ? scopeKey(subscription.managementGroupId) : null;
        if (mg === null || mgSection.status !== "ok") inheritanceResolved = false;
        const seen = new Set<string>();
        while (mg !== null && !seen.has(mg)) {
          seen.add(mg);
          walked.push(mg);
          if (!parents.has(mg)) {
            // Unknown to the managementGroups section: its parents (if any) cannot be followed.
            inheritanceResolved = false;
            break;
          }
          mg = parents.get(mg) ?? null;
        }
        scopes.push(...walked, "/");
      }
      if (scopes.some((sc) => unread.has(sc))) return [];
      // As the directory spells them, for the evidence; the subscription's own record for an unlisted group.
      const chain = walked.map(
        (id, i) => mgIds.get(id) ?? (i === 0 && subscription.managementGroupId ? subscription.managementGroupId : id),
      );
      const byPrincipal = new Map<string, { grant: AzureGrant; scopes: string[]; principal: Principal | undefined }>();
      for (const scope of scopes) {
        for (const g of ownersByScope.get(scope) ?? []) {
          const key = g.principalId;
          const entry = byPrincipal.get(key);
          if (entry) {
            if (!entry.scopes.includes(g.assignment.scope)) entry.scopes.push(g.assignment.scope);
            // standing beats eligible, direct beats through a group, for what the owner is called
            if ((entry.grant.eligible && !g.eligible) || (entry.grant.via.length > 0 && g.via.length === 0))
              entry.grant = g;
          } else byPrincipal.set(key, { grant: g, scopes: [g.assignment.scope], principal: principals.get(key) });
        }
      }
      const owners: Owner[] = [];
      const excluded: Owner[] = [];
      const allowed: Owner[] = [];
      for (const [key, { grant, scopes: held, principal }] of byPrincipal) {
        const owner: Owner = {
          principalId: key,
          principalType: grant.via.length
            ? PRINCIPAL_TYPE[principal?.type ?? "unknown"]
            : grant.assignment.principalType,
          name: principal?.displayName ?? principal?.userPrincipalName ?? key,
          scopes: held,
          inherited: !held.some(isSubscriptionScope),
          via: viaLabel(grant.via),
          eligible: grant.eligible,
        };
        if (principal && (!principal.found || principal.accountEnabled === false)) excluded.push(owner);
        else if (includesId(options.allowPrincipalIds, key)) allowed.push(owner);
        else owners.push(owner);
      }
      // Direct owners first, then by name: a stable order for messages and evidence.
      // Code-unit order, not localeCompare: the same inventory must give the same bytes on every machine.
      const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
      const order = (a: Owner, b: Owner) =>
        Number(a.inherited) - Number(b.inherited) || cmp(a.name, b.name) || cmp(a.principalId, b.principalId);
      return [
        {
          subscription,
          owners: owners.sort(order),
          excluded: excluded.sort(order),
          allowed: allowed.sort(order),
          chain,
          inheritanceResolved,
        },
      ];
    });
  },
  check({ subscription, owners, excluded, allowed, chain, inheritanceResolved }, { options }) {
    const count = owners.length;
    const messageId = count < options.minOwners ? "tooFew" : count > options.maxOwners ? "tooMany" : null;
    if (messageId === null) return [];
    const inheritanceNote = !options.countInherited
      ? " (direct assignments only)"
      : inheritanceResolved
        ? ""
        : " (owners inherited from management groups above the subscription could not all be seen)";
    return [
      {
        messageId,
        data: {
          subscriptionName: subscription.displayName,
          count,
          plural: count === 1 ? "" : "s",
          owners: ownerList(owners),
          minOwners: options.minOwners,
          maxOwners: options.maxOwners,
          inheritanceNote,
        },
        resource: {
          id: subscription.id,
          type: "Microsoft.Resources/subscriptions",
          displayName: subscription.displayName,
          subscriptionId: subscription.subscriptionId,
        },
        discriminator: messageId,
        evidence: {
          ownerCount: count,
          minOwners: options.minOwners,
          maxOwners: options.maxOwners,
          ownerPrincipalIds: owners.map((o) => o.principalId),
          ownerNames: owners.map((o) => o.name),
          directOwnerCount: owners.filter((o) => !o.inherited).length,
          inheritedOwnerCount: owners.filter((o) => o.inherited).length,
          groupOwnerCount: owners.filter((o) => o.principalType.toLowerCase() === "group").length,
          ...(owners.some((o) => o.via || o.eligible)
            ? {
                ownerPaths: owners.map((o) =>
                  [o.name, o.via, o.eligible ? "PIM eligible" : ""].filter(Boolean).join(", "),
                ),
                eligibleOwnerCount: owners.filter((o) => o.eligible).length,
              }
            : {}),
          groups: options.groups,
          excludedPrincipalIds: excluded.map((o) => o.principalId),
          allowedPrincipalIds: allowed.map((o) => o.principalId),
          managementGroupChain: chain,
          countInherited: options.countInherited,
          inheritanceResolved: options.countInherited ? inheritanceResolved : null,
        },
      },
    ];
  },
});
