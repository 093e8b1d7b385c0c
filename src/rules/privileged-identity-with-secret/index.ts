import {
  appPermissionGrantClass,
  classifyAzureRole,
  entraRole,
  isPrivilegedAzureRole,
  roleDefinitionGuid,
} from "../../classification/index.ts";
import type {
  Application,
  AppPermissionGrant,
  DirectoryRoleAssignment,
  PasswordCredential,
  RoleAssignment,
  RoleDefinition,
  ServicePrincipal,
} from "../../inventory/types.ts";
import { azureBuiltinRoleById } from "../../refdata/index.ts";
import { BROAD_LEVELS, LEVEL_LABEL } from "../support/assignments.ts";
import { isActive, isManagedIdentity, servicePrincipalSecrets } from "../support/credentials.ts";
import { noOptionsSchema, type NoOptions } from "../support/options.ts";
import { effectivePrivileges, viaLabel, type GroupHop } from "../../privilege/effective.ts";
import { oneStepLower } from "../support/held.ts";
import { indexBy, items } from "../support/sections.ts";
import { servicePrincipalRef } from "../support/refs.ts";
import { isoDay, parseDate } from "../support/time.ts";
import { lastUseEvidence } from "../support/last-use.ts";
import { defineRule, type Severity } from "../types.ts";

type Options = NoOptions;

/** How a grant came to the principal: through groups, PIM eligible; both empty/false when direct and standing. */
interface Held {
  via: GroupHop[];
  eligible: boolean;
}

interface Subject {
  sp: ServicePrincipal;
  /** The app registration in this tenant with the same appId, when there is one. */
  app: Application | undefined;
  /** The service principal's Azure role assignments at subscription scope or above, with their definitions. */
  azure: ({ assignment: RoleAssignment; definition: RoleDefinition | undefined } & Held)[];
  directoryRoles: ({ assignment: DirectoryRoleAssignment } & Held)[];
  appPermissions: ({ grant: AppPermissionGrant } & Held)[];
}

interface Privilege {
  kind: "azureRole" | "entraRole" | "graphPermission";
  label: string;
  eligible: boolean;
}

/** " via group A in B", " (PIM eligible)": nothing for a privilege held directly and standing. */
function howHeld({ via, eligible }: Held): string {
  return `${via.length ? ` ${viaLabel(via)}` : ""}${eligible ? " (PIM eligible)" : ""}`;
}

function describeSecret(p: PasswordCredential, where: string): string {
  const end = parseDate(p.endDateTime);
  return `"${p.displayName ?? "(unnamed)"}" on the ${where} (${end ? `expires ${isoDay(end)}` : "no end date"})`;
}

export default defineRule<Options, Subject>({
  meta: {
    id: "privileged-identity-with-secret",
    aliases: [],
    title: "Privileged service principals do not sign in with client secrets",
    severity: "critical",
    confidence: "high",
    category: "credentials",
    description:
      "Flags a service principal that holds at least one privileged role and has at least one unexpired client secret, either on its app registration (same appId, in this tenant) or on the service principal itself (the private-key password of a SAML signing certificate does not count). Privileged means any of: an Azure role classified Owner, Contributor, User Access Administrator, RBAC Administrator or owner-equivalent, assigned to the service principal at the tenant root, a management group or a subscription; a Tier-0 Entra directory role assigned tenant-wide (directory scope `/`); a Tier-0 Microsoft Graph application permission. The tiers are the project's classification (docs/classification.md). One finding per service principal lists every privilege and every secret. Severity is high instead of critical when the service principal is disabled. Managed identities are not judged: they cannot hold client secrets. Privileges held through a group (nested groups included) count, named with the group path; when every privilege is PIM eligible rather than standing the finding is one step lower.",
    rationale:
      "A client secret is a password that works from anywhere, without MFA or a device, and it is copied into pipelines, scripts and vaults where it leaks. On a principal that can change role assignments across a subscription, assign directory roles or grant itself any Graph permission, one leaked secret is a takeover of the estate or the tenant. Privileged workloads should sign in with a managed identity, workload identity federation or at least a certificate kept in an HSM-backed Key Vault, and Conditional Access for workload identities should pin where they sign in from.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Applications > App registrations > the app > Certificates & secrets: add a federated credential (or a Key Vault certificate), or move the workload to a managed identity.",
        "Switch the workload to the new credential, then delete every client secret (service principal passwords are removed through Microsoft Graph: servicePrincipal removePassword).",
        "Review whether the service principal needs the privilege at all: narrow Azure roles to resource groups, replace Tier-0 directory roles and Graph permissions with narrower ones.",
      ],
      cli: "az ad app federated-credential create --id <appId> --parameters @federated-credential.json && az ad app credential delete --id <appId> --key-id <keyId>",
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-configuration",
      "https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation",
      "https://learn.microsoft.com/en-us/entra/identity/conditional-access/workload-identity",
      "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices",
    ],
    compliance: [
      { framework: "MCSB", id: "IM-3" },
      { framework: "MCSB", id: "IM-8" },
      { framework: "MCSB", id: "PA-1" },
    ],
    messages: {
      privilegedWithSecret:
        'Service principal "{{spName}}" (appId {{appId}}) holds {{privileges}} and signs in with {{secretCount}} client secret(s): {{secrets}}.',
    },
    requires: [
      "servicePrincipals",
      "applications",
      "roleAssignments",
      "roleDefinitions",
      "directoryRoleAssignments",
      "appPermissionGrants",
    ],
    subjectNoun: "service principals",
    enabledByDefault: true,
  },
  optionsSchema: noOptionsSchema(),
  defaultOptions: {},
  subjects(inventory) {
    const apps = indexBy(items(inventory, "applications"), (a) => a.appId);
    const definitions = indexBy(items(inventory, "roleDefinitions"), (d) => d.name);
    // its own grants and its groups' (transitively), standing and PIM eligible
    const privileges = effectivePrivileges(inventory);
    return items(inventory, "servicePrincipals")
      .filter((sp) => !isManagedIdentity(sp))
      .map((sp) => {
        const held = privileges.of(sp.id);
        return {
          sp,
          app: apps.get(sp.appId.toLowerCase()),
          azure: held.azure
            .filter((g) => BROAD_LEVELS.has(g.assignment.scopeLevel))
            .map(({ assignment, via, eligible }) => ({
              assignment,
              definition: definitions.get(roleDefinitionGuid(assignment.roleDefinitionId)),
              via,
              eligible,
            })),
          directoryRoles: held.entra.map(({ assignment, via, eligible }) => ({ assignment, via, eligible })),
          appPermissions: held.app.map(({ grant, via, eligible }) => ({ grant, via, eligible })),
        };
      });
  },
  check({ sp, app, azure, directoryRoles, appPermissions }, { now, inventory }) {
    const appSecrets = app ? app.passwordCredentials.filter((p) => isActive(p, now)) : [];
    const spSecrets = servicePrincipalSecrets(sp).filter((p) => isActive(p, now));
    if (appSecrets.length + spSecrets.length === 0) return [];

    const privileges: Privilege[] = [];
    for (const { assignment, definition, ...held } of azure) {
      const guid = roleDefinitionGuid(assignment.roleDefinitionId);
      if (!isPrivilegedAzureRole(classifyAzureRole(definition, guid))) continue;
      const name = definition?.roleName ?? azureBuiltinRoleById(guid)?.roleName ?? guid;
      privileges.push({
        kind: "azureRole",
        label: `Azure ${name} at ${LEVEL_LABEL[assignment.scopeLevel]} ${assignment.scope}${howHeld(held)}`,
        eligible: held.eligible,
      });
    }
    for (const { assignment: d, ...held } of directoryRoles) {
      if (d.directoryScopeId.trim() !== "/") continue;
      const cls = entraRole(roleDefinitionGuid(d.roleDefinitionId));
      if (cls?.tier !== "tier0") continue;
      privileges.push({
        kind: "entraRole",
        label: `Entra role ${cls.displayName}${howHeld(held)}`,
        eligible: held.eligible,
      });
    }
    for (const { grant: g, ...held } of appPermissions) {
      const cls = appPermissionGrantClass(g);
      if (cls?.tier !== "tier0") continue;
      privileges.push({
        kind: "graphPermission",
        label: `Graph permission ${cls.value}${howHeld(held)}`,
        eligible: held.eligible,
      });
    }
    if (privileges.length === 0) return [];

    const labels = [...new Set(privileges.map((p) => p.label))];
    const secrets = [
      ...appSecrets.map((p) => describeSecret(p, "app registration")),
      ...spSecrets.map((p) => describeSecret(p, "service principal")),
    ];
    const base: Severity = sp.accountEnabled === false ? "high" : "critical";
    // privilege it could only activate (PIM eligible) is one step lower than privilege it holds
    const severity = privileges.every((p) => p.eligible) ? oneStepLower(base) : base;
    const of = (kind: Privilege["kind"]) => [...new Set(privileges.filter((p) => p.kind === kind).map((p) => p.label))];
    return [
      {
        messageId: "privilegedWithSecret",
        severity,
        data: {
          spName: sp.displayName,
          appId: sp.appId,
          privileges: labels.join(", "),
          secretCount: secrets.length,
          secrets: secrets.join(", "),
        },
        resource: servicePrincipalRef(sp),
        // The secrets are part of its identity: a new secret on a principal already reported (and
        // perhaps accepted in a baseline) is a new way in, so it must come up as a new finding.
        discriminator: `sp:${sp.id}|secrets:${[...appSecrets, ...spSecrets]
          .map((p) => p.keyId.toLowerCase())
          .sort()
          .join(",")}`,
        evidence: {
          appId: sp.appId,
          servicePrincipalType: sp.servicePrincipalType,
          accountEnabled: sp.accountEnabled,
          azureRoles: of("azureRole"),
          entraRoles: of("entraRole"),
          graphPermissions: of("graphPermission"),
          appSecretKeyIds: appSecrets.map((p) => p.keyId),
          servicePrincipalSecretKeyIds: spSecrets.map((p) => p.keyId),
          ...lastUseEvidence(
            inventory,
            [...appSecrets, ...spSecrets].map((p) => p.keyId),
          ),
        },
      },
    ];
  },
});
