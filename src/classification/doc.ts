// Generates docs/classification.md from the classification data, so the doc cannot drift:
// doc.test.ts fails when the committed file differs from renderClassificationDoc().
import { azureBuiltinRoles, entraDirectoryRoles } from "../refdata/index.ts";
import {
  AZURE_ROLE_CLASSES,
  CONTRIBUTOR_ROLE_ID,
  NAMED_AZURE_ROLES,
  OWNER_ROLE_ID,
  RBAC_ADMINISTRATOR_ROLE_ID,
  READER_ROLE_ID,
  USER_ACCESS_ADMINISTRATOR_ROLE_ID,
  classifyAzureRole,
  isPrivilegedAzureRole,
  roleAssignmentWriteAccess,
  type AzureRoleClass,
} from "./azure-roles.ts";
import { AZURE_ROLE_TIER_DIFFERENCES, IDENTITY_TAKEOVER_ROLES } from "./azure-identity-roles.ts";
import { DATA_PLANE_OWNER_ROLES } from "./data-plane-roles.ts";
import { DELEGATED_SCOPE_RISKS } from "./delegated-scope-risk.ts";
import { GRAPH_DATA_AREAS, RESOURCE_API_PERMISSION_CLASSES } from "./resource-api-permissions.ts";
import { ENTRA_ROLE_CLASSES } from "./entra-role-tiers.ts";
import { GRAPH_PERMISSION_CLASSES } from "./graph-permission-tiers.ts";

/** Where the generated doc lives, relative to the project root. */
export const CLASSIFICATION_DOC_PATH = "docs/classification.md";

export const AZTIER_URL = "https://github.com/emiliensocchi/azure-tiering";

/**
 * Where our Tier 0 and AzTier's Tier 0 differ. Only the fact of the difference is recorded (their
 * tier), in our own words; AzTier's data and texts are GPL and are not copied.
 */
export interface AzTierDifference {
  readonly kind: "graph" | "entra";
  /** Graph permission value or Entra role display name, as in our data. */
  readonly name: string;
  /** AzTier's placement in its 2026-08 snapshot (commit in src/refdata/README.md). */
  readonly azTier: "Tier 0" | "untiered";
  readonly why: string;
}

export const AZTIER_DIFFERENCES: readonly AzTierDifference[] = Object.freeze([
  // Graph: new permissions AzTier had not tiered yet, which we place in Tier 0.
  {
    kind: "graph",
    name: "PrivilegedAssignmentSchedule.ReadWrite.EntraAppRole",
    azTier: "untiered",
    why: "Its description covers app-permission assignments to any API including Microsoft Graph: the AppRoleAssignment.ReadWrite.All path.",
  },
  {
    kind: "graph",
    name: "PrivilegedEligibilitySchedule.ReadWrite.EntraAppRole",
    azTier: "untiered",
    why: "Eligibility for any Graph app permission, then activation: the same path one step later.",
  },
  {
    kind: "graph",
    name: "AgentIdentityBlueprint.AddRemoveCreds.All",
    azTier: "untiered",
    why: "Credential control over agent blueprints is the Application.ReadWrite.All path for agents.",
  },
  {
    kind: "graph",
    name: "UserAuthMethod-Password.ReadWrite.All",
    azTier: "untiered",
    why: "Password resets through the methods API: the same takeover as User-PasswordProfile.ReadWrite.All.",
  },
  // Graph: AzTier Tier 0, ours high — a second, separate capability is needed, or the effect is an outage, not a takeover.
  {
    kind: "graph",
    name: "Application.ReadWrite.OwnedBy",
    azTier: "Tier 0",
    why: "Reaches only apps the holder owns; rules that see ownership can raise it, blanket Tier 0 would flag every app-provisioning automation as critical.",
  },
  {
    kind: "graph",
    name: "RoleManagementPolicy.ReadWrite.Directory",
    azTier: "Tier 0",
    why: "Weakens PIM guardrails but grants no role by itself.",
  },
  {
    kind: "graph",
    name: "RoleManagementPolicy.ReadWrite.AzureADGroup",
    azTier: "Tier 0",
    why: "Weakens PIM guardrails but grants no membership by itself.",
  },
  {
    kind: "graph",
    name: "Policy.ReadWrite.AuthenticationMethod",
    azTier: "Tier 0",
    why: "Enables methods tenant-wide but cannot issue one to a user; the permissions that can are Tier 0.",
  },
  {
    kind: "graph",
    name: "AdministrativeUnit.ReadWrite.All",
    azTier: "Tier 0",
    why: "Removes a restricted-AU protection; a separate password-reset capability is still needed.",
  },
  {
    kind: "graph",
    name: "User.ReadWrite.All",
    azTier: "Tier 0",
    why: "The path needs a privileged dynamic group keyed on attributes the holder can edit; far less common than privileged assigned groups.",
  },
  {
    kind: "graph",
    name: "SignInIdentifier.ReadWrite.All",
    azTier: "Tier 0",
    why: "Same dynamic-group precondition as User.ReadWrite.All.",
  },
  {
    kind: "graph",
    name: "User.EnableDisableAccount.All",
    azTier: "Tier 0",
    why: "An availability attack (lock-out), not a takeover; still high.",
  },
  {
    kind: "graph",
    name: "User.DeleteRestore.All",
    azTier: "Tier 0",
    why: "An availability attack (mass deletion), not a takeover; still high.",
  },
  {
    kind: "graph",
    name: "SecurityIdentitiesActions.ReadWrite.All",
    azTier: "Tier 0",
    why: "An availability attack (accounts marked compromised), not a takeover; still high.",
  },
  {
    kind: "graph",
    name: "Synchronization.ReadWrite.All",
    azTier: "Tier 0",
    why: "No demonstrated path to Global Administrator; kept high until there is one.",
  },
  {
    kind: "graph",
    name: "Group-OnPremisesSyncBehavior.ReadWrite.All",
    azTier: "Tier 0",
    why: "Needs control of on-premises AD as well.",
  },
  // Entra: AzTier Tier 0, ours high — the path needs a privileged Microsoft 365 group or a DevOps pipeline.
  {
    kind: "entra",
    name: "Exchange Administrator",
    azTier: "Tier 0",
    why: "The path needs a Microsoft 365 group that holds privileged access, which is uncommon; security groups are out of its reach.",
  },
  {
    kind: "entra",
    name: "SharePoint Administrator",
    azTier: "Tier 0",
    why: "Same Microsoft 365 group precondition as Exchange Administrator.",
  },
  {
    kind: "entra",
    name: "Teams Administrator",
    azTier: "Tier 0",
    why: "Same Microsoft 365 group precondition as Exchange Administrator.",
  },
  {
    kind: "entra",
    name: "Windows 365 Administrator",
    azTier: "Tier 0",
    why: "Group management limited in practice to Cloud PC provisioning groups; same precondition.",
  },
  {
    kind: "entra",
    name: "Yammer Administrator",
    azTier: "Tier 0",
    why: "Same Microsoft 365 group precondition as Exchange Administrator.",
  },
  {
    kind: "entra",
    name: "Knowledge Administrator",
    azTier: "Tier 0",
    why: "Same Microsoft 365 group precondition as Exchange Administrator.",
  },
  {
    kind: "entra",
    name: "Knowledge Manager",
    azTier: "Tier 0",
    why: "Same Microsoft 365 group precondition as Exchange Administrator.",
  },
  {
    kind: "entra",
    name: "Azure DevOps Administrator",
    azTier: "Tier 0",
    why: "The path runs through a DevOps pipeline that itself holds privileged access; we judge that pipeline's identity instead.",
  },
] satisfies AzTierDifference[]);

function cell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const r of rows) lines.push(`| ${r.map(cell).join(" | ")} |`);
  return lines.join("\n");
}

function flag(p: boolean | null | undefined): string {
  return p === true ? "yes" : p === false ? "no" : "not listed";
}

const CLASS_LABELS: Record<AzureRoleClass, string> = {
  owner: "Owner (by GUID)",
  contributor: "Contributor-class: writes every provider's resources, not access",
  userAccessAdministrator: "User Access Administrator (by GUID)",
  rbacAdministrator: "Role Based Access Control Administrator (by GUID)",
  ownerEquivalent: "owner-equivalent: writes role assignments or role definitions unconditionally",
  identityTakeover: "runs code as, or takes over, an identity (by GUID, below)",
  readAll: "reads every provider's resources",
  other: "other",
};

/** The full text of docs/classification.md. Deterministic. */
export function renderClassificationDoc(): string {
  const msFlag = new Map(entraDirectoryRoles().map((r) => [r.templateId, r.isPrivileged] as const));
  const graphTier0 = GRAPH_PERMISSION_CLASSES.filter((e) => e.tier === "tier0");
  const graphHigh = GRAPH_PERMISSION_CLASSES.filter((e) => e.tier === "high");
  const entraTier0 = ENTRA_ROLE_CLASSES.filter((e) => e.tier === "tier0");
  const entraHigh = ENTRA_ROLE_CLASSES.filter((e) => e.tier === "high");
  const ourEntra = new Map(ENTRA_ROLE_CLASSES.map((e) => [e.templateId, e] as const));

  const msPrivNotTier0 = entraDirectoryRoles().filter(
    (r) => r.isPrivileged === true && ourEntra.get(r.templateId)?.tier !== "tier0",
  );
  const tier0NotMsPriv = entraTier0.filter((e) => msFlag.get(e.templateId) !== true);

  const builtins = azureBuiltinRoles();
  const counts = new Map<AzureRoleClass, string[]>();
  for (const r of builtins) {
    const c = classifyAzureRole(undefined, r.id);
    const names = counts.get(c);
    if (names) names.push(r.roleName);
    else counts.set(c, [r.roleName]);
  }
  const conditionalWriters = builtins.filter((r) => roleAssignmentWriteAccess(r.permissions) === "conditional");

  const named: [string, string][] = [
    [OWNER_ROLE_ID, "Owner"],
    [CONTRIBUTOR_ROLE_ID, "Contributor"],
    [USER_ACCESS_ADMINISTRATOR_ROLE_ID, "User Access Administrator"],
    [RBAC_ADMINISTRATOR_ROLE_ID, "Role Based Access Control Administrator"],
    [READER_ROLE_ID, "Reader"],
  ];

  const out: string[] = [];
  out.push(
    `<!-- Generated by renderClassificationDoc() in src/classification/doc.ts. Do not edit by hand: change the data and regenerate (npm run gen). -->`,
    ``,
    `# Privilege classification`,
    ``,
    `Rules decide "privileged" from this data (src/classification/), never from lists of their own.`,
    `It is the project's own judgement, written in our own words. Ids are matched, never names:`,
    `Graph permissions by app role id, Entra roles by template id, Azure roles by role definition GUID`,
    `(lower case; ARM ids vary in casing).`,
    ``,
    `**Tier 0** means: holding it reaches Global Administrator, a tenant-wide account takeover, or`,
    `control of the whole tenant or Azure estate, either alone or through a step most tenants make`,
    `possible (a non-admin user who owns a privileged app or holds Azure Owner; a security group`,
    `that is not role-assignable but holds Azure Owner or owns a privileged app). **High** means`,
    `sensitive reach (tenant-wide data, weakened defences, outages) without such a path on its own.`,
    ``,
    `Counts: ${graphTier0.length} Tier-0 and ${graphHigh.length} high Graph application permissions; ` +
      `${entraTier0.length} Tier-0 and ${entraHigh.length} high Entra roles; ` +
      `${DELEGATED_SCOPE_RISKS.length} high-risk delegated scopes ` +
      `(${DELEGATED_SCOPE_RISKS.filter((d) => d.risk === "tier0").length} of them Tier 0).`,
    ``,
  );

  out.push(`## Microsoft Graph application permissions`, ``, `### Tier 0`, ``);
  out.push(
    table(
      ["permission", "app role id", "why"],
      graphTier0.map((e) => [`\`${e.value}\``, `\`${e.id}\``, e.reason]),
    ),
    ``,
  );
  out.push(`### High`, ``);
  out.push(
    table(
      ["permission", "app role id", "why"],
      graphHigh.map((e) => [`\`${e.value}\``, `\`${e.id}\``, e.reason]),
    ),
    ``,
  );
  out.push(`Every other Graph application permission is unclassified.`, ``);

  const graphNames = new Map(GRAPH_PERMISSION_CLASSES.map((e) => [e.id, e.value] as const));
  out.push(
    `## Application permissions on Exchange Online and SharePoint Online`,
    ``,
    `Their app roles live on the resource's own service principal, so a grant is matched by resource appId`,
    `and app role id. None reaches Global Administrator by itself; all are high, tenant-wide data access.`,
    ``,
  );
  out.push(
    table(
      ["API", "permission", "app role id", "tier", "data", "why", "source"],
      RESOURCE_API_PERMISSION_CLASSES.map((e) => [
        e.resourceName,
        `\`${e.value}\``,
        `\`${e.id}\``,
        e.tier,
        e.dataArea ?? "",
        e.reason,
        e.source,
      ]),
    ),
    ``,
    `Microsoft Graph application permissions over every mailbox, file or site (reported by`,
    `tenant-wide-data-app-permission; tiers above): ` +
      [...GRAPH_DATA_AREAS].map(([id, area]) => `\`${graphNames.get(id) ?? id}\` (${area})`).join(", ") +
      `.`,
    ``,
  );

  out.push(
    `## Entra ID directory roles`,
    ``,
    `"Microsoft privileged" is the privileged badge in Microsoft's role reference.`,
    ``,
    `### Tier 0`,
    ``,
  );
  out.push(
    table(
      ["role", "template id", "Microsoft privileged", "why"],
      entraTier0.map((e) => [e.displayName, `\`${e.templateId}\``, flag(msFlag.get(e.templateId)), e.reason]),
    ),
    ``,
  );
  out.push(`### High`, ``);
  out.push(
    table(
      ["role", "template id", "Microsoft privileged", "why"],
      entraHigh.map((e) => [e.displayName, `\`${e.templateId}\``, flag(msFlag.get(e.templateId)), e.reason]),
    ),
    ``,
  );

  out.push(
    `### Where Microsoft's privileged flag and our Tier 0 disagree`,
    ``,
    `We follow our Tier 0. Microsoft's flag marks roles that can manage credentials, policies or`,
    `sensitive data, including read-only ones; it does not ask whether a role leads to Global`,
    `Administrator. Our Tier 0 asks exactly that, because rules use it to raise a finding to critical.`,
    `Every role Microsoft flags stays at least **high** with us, so nothing Microsoft calls privileged`,
    `goes unclassified.`,
    ``,
    `Microsoft privileged, not Tier 0 for us (${msPrivNotTier0.length}):`,
    ``,
  );
  out.push(
    table(
      ["role", "our tier", "why"],
      msPrivNotTier0.map((r) => {
        const ours = ourEntra.get(r.templateId);
        return [r.displayName, ours?.tier ?? "unclassified", ours?.reason ?? ""];
      }),
    ),
    ``,
    `Tier 0 for us, not flagged privileged by Microsoft (${tier0NotMsPriv.length}):`,
    ``,
  );
  out.push(
    table(
      ["role", "Microsoft privileged", "why"],
      tier0NotMsPriv.map((e) => [e.displayName, flag(msFlag.get(e.templateId)), e.reason]),
    ),
    ``,
  );

  out.push(
    `## High-risk delegated scopes (tenant-wide consent)`,
    ``,
    `A delegated grant with consentType \`AllPrincipals\` lets the client act as every user who signs`,
    `in, administrators included, without asking them. Scopes are matched by name (case-insensitive)`,
    `and, when the grant's resource is known, by resource appId. \`user_impersonation\` is matched only`,
    `with its resource, because many APIs define it.`,
    ``,
  );
  out.push(
    table(
      ["scope", "resource appIds", "risk", "why"],
      DELEGATED_SCOPE_RISKS.map((d) => [
        `\`${d.scope}\``,
        d.resourceAppIds.map((a) => `\`${a}\``).join(", "),
        d.risk,
        d.reason,
      ]),
    ),
    ``,
  );

  out.push(
    `## Azure RBAC roles`,
    ``,
    `\`classifyAzureRole(def, roleDefinitionGuid)\` decides in this order:`,
    ``,
    `1. the built-ins named below, by GUID;`,
    `2. any other built-in in src/refdata/azure-builtin-roles.json, from its reference permissions (they carry`,
    `   the ABAC conditions that the inventory's \`RolePermission\` does not);`,
    `3. the role definition's own permissions (custom roles, built-ins newer than the reference data);`,
    `4. \`other\` when the definition is unknown.`,
    ``,
  );
  out.push(
    table(
      ["role", "GUID", "class"],
      named.map(([id, name]) => [name, `\`${id}\``, namedRoleClass(id)]),
    ),
    ``,
  );
  out.push(
    `From permissions:`,
    ``,
    `- **ownerEquivalent**: allows \`Microsoft.Authorization/roleAssignments/write\` (grant anyone any role in`,
    `  scope) or \`Microsoft.Authorization/roleDefinitions/write\` (widen a custom role the holder already has)`,
    `  through a permission block without an ABAC condition. \`*\`, \`Microsoft.Authorization/*\`,`,
    `  \`Microsoft.Authorization/*/write\` all qualify unless a \`notActions\` entry of the same block removes the write.`,
    `- **contributor**: not owner-equivalent, but allows writes in any provider (tested with a write action in a`,
    `  provider that does not exist, so only provider-spanning wildcards pass): \`*\` less the Authorization writes,`,
    `  like Contributor.`,
    `- **readAll**: allows reads in any provider (a \`*\` followed by \`/read\`), like Reader.`,
    `- **other**: everything else. Data actions are not considered.`,
    ``,
    `Privileged (\`isPrivilegedAzureRole\`): owner, contributor, userAccessAdministrator, rbacAdministrator,`,
    `ownerEquivalent, identityTakeover. The matcher follows ARM: patterns are case-insensitive, \`*\` matches any run of`,
    `characters including \`/\`, and an action is allowed when an \`actions\` pattern of some permission block`,
    `matches and no \`notActions\` pattern of that block does. Role *assignment* conditions (for example an`,
    `RBAC Administrator assignment limited to certain roles) are the rules' business, not the role's class.`,
    ``,
    `Built-in roles in the reference data (${builtins.length}) by class:`,
    ``,
  );
  out.push(
    table(
      ["class", "privileged", "built-ins", "roles"],
      AZURE_ROLE_CLASSES.map((c) => {
        const names = counts.get(c) ?? [];
        const shown = c === "other" || (c === "readAll" && names.length > 30) ? "" : names.join(", ");
        return [CLASS_LABELS[c], isPrivilegedAzureRole(c) ? "yes" : "no", String(names.length), shown];
      }),
    ),
    ``,
    `Built-ins that may write role assignments only under an ABAC condition (limited to certain roles),`,
    `so they are not owner-equivalent (${conditionalWriters.length}): ${conditionalWriters.map((r) => r.roleName).join(", ")}.`,
    ``,
    `### Roles that run code as, or take over, an identity`,
    ``,
    `Privileged although their actions stay inside one provider: whatever a managed identity or workload`,
    `identity in scope holds, the holder holds too. Built-ins by GUID (class identityTakeover):`,
    ``,
  );
  out.push(
    table(
      ["role", "GUID", "why"],
      IDENTITY_TAKEOVER_ROLES.map((r) => [r.roleName, `\`${r.id}\``, r.reason]),
    ),
    ``,
    `### Data-plane owner roles`,
    ``,
    `Reported by data-plane-privilege at broad scopes, with any role whose permissions grant every data`,
    `action (\`dataActions: ["*"]\` with no notDataActions). Not a class: their control-plane reach is unchanged.`,
    ``,
  );
  out.push(
    table(
      ["role", "GUID", "why"],
      DATA_PLANE_OWNER_ROLES.map((r) => [r.roleName, `\`${r.id}\``, r.reason]),
    ),
    ``,
  );

  out.push(
    `## Where we differ from AzTier`,
    ``,
    `The AzTier project (${AZTIER_URL}) tiers Entra roles, Graph application permissions and common`,
    `Azure roles by attack path. We consulted it (GPL-3.0: its data and texts are not copied) and`,
    `agree with it except for these:`,
    ``,
  );
  out.push(
    table(
      ["kind", "name", "AzTier", "ours", "why"],
      AZTIER_DIFFERENCES.map((d) => {
        const ours =
          d.kind === "graph"
            ? GRAPH_PERMISSION_CLASSES.find((e) => e.value === d.name)?.tier
            : ENTRA_ROLE_CLASSES.find((e) => e.displayName === d.name)?.tier;
        return [d.kind, d.name, d.azTier, ours ?? "unclassified", d.why];
      }),
    ),
    ``,
    `For Azure roles, AzTier's Tier 0 is privileged with us too (Owner, Contributor, User Access`,
    `Administrator, RBAC Administrator and the identity roles above), except these:`,
    ``,
  );
  out.push(
    table(
      ["role", "GUID", "AzTier", "ours", "why"],
      AZURE_ROLE_TIER_DIFFERENCES.map((r) => [
        r.roleName,
        `\`${r.id}\``,
        "Tier 0",
        isPrivilegedAzureRole(classifyAzureRole(undefined, r.id)) ? "privileged" : "not privileged",
        r.reason,
      ]),
    ),
    ``,
  );

  out.push(
    `## References`,
    ``,
    `- AzTier, Azure and Entra privilege tiering: ${AZTIER_URL}`,
    `- Microsoft Entra built-in roles reference: https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference`,
    `- Microsoft Entra privileged roles and permissions: https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/privileged-roles-permissions`,
    `- Microsoft Graph permissions reference: https://learn.microsoft.com/en-us/graph/permissions-reference`,
    `- Azure built-in roles: https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles`,
    `- Azure role definitions (actions, notActions, wildcards): https://learn.microsoft.com/en-us/azure/role-based-access-control/role-definitions`,
    `- Reference data sources and licences: src/refdata/README.md`,
    ``,
  );
  return out.join("\n");
}

function namedRoleClass(id: string): AzureRoleClass {
  const c = NAMED_AZURE_ROLES.get(id);
  if (c === undefined) throw new Error(`${id} is listed as a named role but NAMED_AZURE_ROLES has no class for it`);
  return c;
}
