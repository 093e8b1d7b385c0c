import {
  appPermissionGrantClass,
  classifyAzureRole,
  isPrivilegedAzureRole,
  roleDefinitionGuid,
} from "../../classification/index.ts";
import type { Application, Principal } from "../../inventory/types.ts";
import { assignedRole, assignmentLabel } from "../support/assignments.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { applicationRef } from "../support/refs.ts";
import { noOptionsSchema, type NoOptions } from "../support/options.ts";
import { defineRule } from "../types.ts";

export type Options = NoOptions;

/** An app with the privileges of its service principal and its owners' directory state looked up once. */
interface Subject {
  app: Application;
  /** Tier-0 or high Microsoft Graph application permissions its service principal holds (values). */
  graphPermissions: string[];
  /** Privileged Azure roles its service principal holds, as `Role @ scope`. */
  azureRoles: string[];
  /** The owners the principals section knows, by owner id. */
  knownOwners: (Principal | undefined)[];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** An owner nobody can act as any more: deleted from the directory, or a disabled account. */
function inactive(p: Principal | undefined): boolean {
  return p !== undefined && (!p.found || p.accountEnabled === false);
}

export default defineRule<Options, Subject>({
  meta: {
    id: "app-without-owner",
    aliases: [],
    title: "App registrations with credentials or privileges have an owner",
    severity: "low",
    confidence: "high",
    category: "governance",
    description:
      "Flags an app registration that has no owner (its owners list is empty) — or whose owners are all deleted or disabled, as far as the principals section knows them — while it holds any client secret or certificate (expired ones included) or its service principal holds a Tier-0 or high Microsoft Graph application permission or a privileged Azure role (Owner, Contributor, User Access Administrator, RBAC Administrator or owner-equivalent) at any scope. An owners list that could not be read (null) is unknown and not judged. Graph permissions and Azure roles are read when those sections are available; without them only credentials count.",
    rationale:
      "An owner is the person accountable for an app: who rotates its secrets before they expire, who answers when its permissions are reviewed, who decides it can be deleted. An app with live credentials or privileged access and no owner is the typical forgotten integration: its secret outlives the project, nobody notices its sign-ins, and access reviews have nobody to ask.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Applications > App registrations > the app > Owners > Add owners: add at least two people (or the team's service account governance group's members) responsible for it.",
        "If nobody claims it, check its service principal's sign-in logs; remove its credentials and permissions, then delete the app once nothing depends on it.",
      ],
      cli: "az ad app owner add --id <appId> --owner-object-id <userObjectId>",
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/overview-assign-app-owners",
      "https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#application-ownership-configuration",
      "https://learn.microsoft.com/en-us/graph/api/application-list-owners",
    ],
    compliance: [
      { framework: "MCSB", id: "IM-3" },
      { framework: "MCSB", id: "PA-3" },
    ],
    messages: {
      noOwner:
        'App registration "{{appName}}" has no owner, yet it holds {{holdings}}: nobody is accountable for its credentials and access.',
      ownersInactive:
        'App registration "{{appName}}" has only deleted or disabled owners ({{ownerIds}}), yet it holds {{holdings}}: nobody is accountable for its credentials and access.',
    },
    requires: ["applications"],
    subjectNoun: "app registrations",
    enabledByDefault: true,
  },
  optionsSchema: noOptionsSchema(),
  defaultOptions: {},
  subjects(inventory) {
    const apps = items(inventory, "applications");
    const spByAppId = indexBy(optionalItems(inventory, "servicePrincipals"), (sp) => sp.appId);
    const principals = indexBy(optionalItems(inventory, "principals"), (p) => p.id);
    const definitions = indexBy(optionalItems(inventory, "roleDefinitions"), (d) => d.name);

    const graphBySp = new Map<string, string[]>();
    for (const grant of optionalItems(inventory, "appPermissionGrants")) {
      const cls = appPermissionGrantClass(grant);
      if (!cls) continue;
      const key = grant.principalId.toLowerCase();
      graphBySp.set(key, [...(graphBySp.get(key) ?? []), grant.permission ?? cls.value]);
    }
    const rolesBySp = new Map<string, string[]>();
    for (const a of optionalItems(inventory, "roleAssignments")) {
      const def = definitions.get(roleDefinitionGuid(a.roleDefinitionId));
      const role = assignedRole(a, def);
      if (!isPrivilegedAzureRole(classifyAzureRole(def, role.guid))) continue;
      const key = a.principalId.toLowerCase();
      rolesBySp.set(key, [...(rolesBySp.get(key) ?? []), assignmentLabel(a, role)]);
    }

    return apps.map((app) => {
      const sp = spByAppId.get(app.appId.toLowerCase());
      const spId = sp?.id.toLowerCase();
      return {
        app,
        graphPermissions: spId ? (graphBySp.get(spId) ?? []) : [],
        azureRoles: spId ? (rolesBySp.get(spId) ?? []) : [],
        knownOwners: (app.owners ?? []).map((id) => principals.get(id.toLowerCase())),
      };
    });
  },
  check({ app, graphPermissions, azureRoles, knownOwners }) {
    // null: the owners sub-collection could not be read, so whether it has one is unknown.
    if (app.owners === null) return [];
    const noOwner = app.owners.length === 0;
    if (!noOwner && !knownOwners.every(inactive)) return [];

    const holdings: string[] = [];
    if (app.passwordCredentials.length > 0)
      holdings.push(plural(app.passwordCredentials.length, "client secret", "client secrets"));
    if (app.keyCredentials.length > 0) holdings.push(plural(app.keyCredentials.length, "certificate", "certificates"));
    if (graphPermissions.length > 0) holdings.push(`Microsoft Graph ${graphPermissions.join(", ")}`);
    if (azureRoles.length > 0) holdings.push(...azureRoles);
    if (holdings.length === 0) return [];

    return [
      {
        messageId: noOwner ? "noOwner" : "ownersInactive",
        data: { appName: app.displayName, holdings: holdings.join(", "), ownerIds: app.owners.join(", ") },
        resource: applicationRef(app),
        // One fingerprint for "no accountable owner", whether the list is empty or its owners are gone.
        discriminator: "no-owner",
        evidence: {
          appId: app.appId,
          owners: app.owners,
          ownersState: noOwner ? "none" : "allDeletedOrDisabled",
          passwordCredentials: app.passwordCredentials.length,
          keyCredentials: app.keyCredentials.length,
          graphPermissions,
          azureRoles,
        },
      },
    ];
  },
});
