import type { Finding } from "../engine/finding.ts";
import type { Application, Inventory, ServicePrincipal, Workload } from "../inventory/types.ts";
import { optionalItems } from "../rules/support/sections.ts";
import type { Evidence } from "../rules/types.ts";
import { FEDERATION_AUDIENCE, GITHUB_ISSUER, repositoryFinder, type RepositorySource } from "./github.ts";
import { managedIdentityCommand } from "./managed-identity.ts";
import { roleDefinitionIdAt } from "../arm/resource-id.ts";
import { sh, shJson } from "./shell.ts";

// The commands that fix one finding, with the finding's own ids filled in: app id, key id,
// principal, scope, grant. What azaudit cannot know (the narrower role to give, a certificate
// file, a tag's value) stays a <placeholder>. azaudit prints them and never runs them.

export interface FixCommand {
  /** What the command does, in words. */
  purpose: string;
  /** POSIX shell text; every tenant value in it is quoted. */
  command: string;
}

export interface FindingFix {
  note: string;
  commands: FixCommand[];
}

export const REVIEW_NOTE = "Review before running: azaudit never runs these commands.";

const GRAPH = "https://graph.microsoft.com/v1.0";
const ARM = "https://management.azure.com";
const MS_PER_DAY = 86_400_000;
/** A replacement secret's lifetime when the finding names no limit. */
const DEFAULT_SECRET_DAYS = 180;

export interface FixContext {
  now: Date;
  inventory: Inventory;
  appById: Map<string, Application>;
  appByAppId: Map<string, Application>;
  spById: Map<string, ServicePrincipal>;
  workloadById: Map<string, Workload>;
  /** The GitHub repository an app's workload lives in, indexed once per inventory */
  repositoryOf: (app: Application) => RepositorySource | null;
}

export function fixContext(inventory: Inventory): FixContext {
  const apps = optionalItems(inventory, "applications");
  return {
    now: new Date(inventory.collectedAt),
    inventory,
    appById: new Map(apps.map((a) => [a.id.toLowerCase(), a])),
    appByAppId: new Map(apps.map((a) => [a.appId.toLowerCase(), a])),
    spById: new Map(optionalItems(inventory, "servicePrincipals").map((s) => [s.id.toLowerCase(), s])),
    workloadById: new Map(optionalItems(inventory, "workloads").map((w) => [w.id.toLowerCase(), w])),
    repositoryOf: repositoryFinder(inventory),
  };
}

const str = (e: Evidence, key: string): string | null => {
  const v = e[key];
  return typeof v === "string" && v.length > 0 ? v : null;
};
const strs = (e: Evidence, key: string): string[] => {
  const v = e[key];
  return Array.isArray(v) ? v : [];
};
const num = (e: Evidence, key: string): number | null => {
  const v = e[key];
  return typeof v === "number" ? v : null;
};
const objectIdOf = (f: Finding): string | null => /^entra\/[A-Za-z]+\/([^/]+)$/.exec(f.resource.id)?.[1] ?? null;
/** An id inside a URL path: it can only ever be one segment. */
const seg = (id: string) => encodeURIComponent(id);
const day = (now: Date, days: number) => new Date(now.getTime() + days * MS_PER_DAY).toISOString().slice(0, 10);

function deleteAppCredential(appId: string, keyId: string, cert: boolean): FixCommand {
  return {
    purpose: `delete the ${cert ? "certificate" : "client secret"} ${keyId}`,
    command: `az ad app credential delete --id ${sh(appId)} --key-id ${sh(keyId)}${cert ? " --cert" : ""}`,
  };
}

function removeSpPassword(spId: string, keyId: string): FixCommand {
  return {
    purpose: `remove the password ${keyId} from the service principal`,
    command: `az rest --method POST --url ${sh(`${GRAPH}/servicePrincipals/${seg(spId)}/removePassword`)} --body ${shJson({ keyId })}`,
  };
}

function removeSpCertificate(appId: string, keyId: string): FixCommand {
  return {
    purpose: `remove the certificate ${keyId} from the service principal`,
    command: `az ad sp credential delete --id ${sh(appId)} --key-id ${sh(keyId)} --cert`,
  };
}

function removeAppRoleAssignment(f: Finding): FixCommand[] {
  const principal = str(f.evidence, "principalId");
  const grant = str(f.evidence, "grantId");
  if (!principal || !grant) return [];
  return [
    {
      purpose: "remove the application permission",
      command: `az rest --method DELETE --url ${sh(`${GRAPH}/servicePrincipals/${seg(principal)}/appRoleAssignments/${seg(grant)}`)}`,
    },
  ];
}

function newSecret(appId: string, name: string | null, endDay: string): FixCommand {
  return {
    purpose: `add a replacement client secret ending ${endDay} (store it where the workload reads it)`,
    command: `az ad app credential reset --id ${sh(appId)} --append${name ? ` --display-name ${sh(name)}` : ""} --end-date ${endDay}`,
  };
}

/** A federated credential for the app's GitHub repository, when the tenant names one. */
function federationFor(ctx: FixContext, app: Application): FixCommand | null {
  const found = ctx.repositoryOf(app);
  if (!found) return null;
  const subject = `repo:${found.repository}:ref:refs/heads/main`;
  const parameters = {
    name: `github-${found.repository.replace(/[^A-Za-z0-9-]/g, "-")}-main`.slice(0, 120),
    issuer: GITHUB_ISSUER,
    subject,
    audiences: [FEDERATION_AUDIENCE],
  };
  return {
    purpose: `trust GitHub Actions of ${found.repository} on main (found from ${found.because}; narrow the subject to an environment if the workflow uses one), then sign in with azure/login and no secret`,
    command: `az ad app federated-credential create --id ${sh(app.appId)} --parameters ${shJson(parameters)}`,
  };
}

/** Delete each secret of an app registration and its service principal named in the evidence. */
function deleteSecrets(f: Finding, appId: string | null): FixCommand[] {
  const spId =
    str(f.evidence, "servicePrincipalId") ??
    (f.resource.id.startsWith("entra/servicePrincipals/") ? objectIdOf(f) : null);
  return [
    ...(appId ? strs(f.evidence, "appSecretKeyIds").map((k) => deleteAppCredential(appId, k, false)) : []),
    ...(spId ? strs(f.evidence, "servicePrincipalSecretKeyIds").map((k) => removeSpPassword(spId, k)) : []),
  ];
}

function deleteAssignment(f: Finding): FixCommand[] {
  const held = groupOrEligible(f);
  if (held) return held;
  const id = str(f.evidence, "assignmentId");
  return id ? [{ purpose: "delete the role assignment", command: `az role assignment delete --ids ${sh(id)}` }] : [];
}

/**
 * A role held through a group is taken away by removing the member from the innermost group (the
 * group's own assignment serves its other members); an eligible (PIM) Azure role by a PIM removal
 * request, since `az role assignment delete` does not see eligibilities.
 */
function groupOrEligible(f: Finding): FixCommand[] | null {
  const principal = str(f.evidence, "principalId");
  const [group] = strs(f.evidence, "viaGroupIds");
  if (principal && typeof group === "string")
    return [
      {
        purpose:
          "take the member out of the group the role comes through (or remove the group's assignment if no member needs it)",
        command: `az ad group member remove --group ${sh(group)} --member-id ${sh(principal)}`,
      },
    ];
  const scope = str(f.evidence, "scope");
  const role = str(f.evidence, "roleDefinitionId");
  if (f.evidence.eligible === true && principal && scope && role) {
    const body = {
      properties: {
        principalId: principal,
        roleDefinitionId: roleDefinitionIdAt(scope, role),
        requestType: "AdminRemove",
      },
    };
    return [
      {
        purpose: "remove the PIM eligibility (a removal request; the request name is a new GUID)",
        command: `az rest --method PUT --url ${sh(`${ARM}${scope}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/`)}"$(uuidgen)"'?api-version=2020-10-01' --body ${shJson(body)}`,
      },
    ];
  }
  return null;
}

/** Replace a broad assignment with one the holder needs; the narrower role and scope are a person's call. */
function narrowAssignment(f: Finding, role: string, scopeHint: string): FixCommand[] {
  const held = groupOrEligible(f);
  if (held) return held;
  const principal = str(f.evidence, "principalId");
  const type = str(f.evidence, "principalType") ?? "ServicePrincipal";
  if (!principal) return deleteAssignment(f);
  return [
    {
      purpose: "grant what the holder needs, where it needs it",
      command: `az role assignment create --assignee-object-id ${sh(principal)} --assignee-principal-type ${sh(type)} --role ${sh(role)} --scope ${scopeHint}`,
    },
    ...deleteAssignment(f),
  ];
}

type Builder = (f: Finding, ctx: FixContext) => FixCommand[];

/** Delete the credential a credential finding names, wherever it is attached. */
function deleteCredential(f: Finding): FixCommand[] {
  const keyId = str(f.evidence, "keyId");
  const appId = str(f.evidence, "appId");
  const cert = str(f.evidence, "credentialType") === "certificate";
  if (!keyId) return [];
  if (str(f.evidence, "objectType") === "servicePrincipal") {
    const spId = objectIdOf(f);
    if (cert) return appId ? [removeSpCertificate(appId, keyId)] : [];
    return spId ? [removeSpPassword(spId, keyId)] : [];
  }
  return appId ? [deleteAppCredential(appId, keyId, cert)] : [];
}

const secretRotation: Builder = (f, ctx) => {
  const appId = str(f.evidence, "appId");
  const keyId = str(f.evidence, "keyId");
  if (!appId || !keyId) return [];
  const app = ctx.appByAppId.get(appId.toLowerCase());
  const federation = app ? federationFor(ctx, app) : null;
  const days = num(f.evidence, "maxLifetimeDays") ?? DEFAULT_SECRET_DAYS;
  return [
    ...(federation ? [federation] : [newSecret(appId, null, day(ctx.now, days))]),
    deleteAppCredential(appId, keyId, false),
  ];
};

const BUILDERS: Record<string, Builder> = {
  "app-secret-lifetime": secretRotation,
  "app-certificate-lifetime": (f) => {
    const appId = str(f.evidence, "appId");
    const keyId = str(f.evidence, "keyId");
    if (!appId || !keyId) return [];
    return [
      {
        purpose: "add the replacement certificate (a shorter-lived one you issued)",
        command: `az ad app credential reset --id ${sh(appId)} --append --cert @<new-certificate.pem>`,
      },
      deleteAppCredential(appId, keyId, true),
    ];
  },
  "credential-expiring": (f, ctx) => {
    const keyId = str(f.evidence, "keyId");
    const appId = str(f.evidence, "appId");
    const cert = str(f.evidence, "credentialType") === "certificate";
    if (!keyId || !appId) return [];
    if (str(f.evidence, "objectType") === "servicePrincipal") {
      const spId = objectIdOf(f);
      return cert || !spId ? [] : [removeSpPassword(spId, keyId)];
    }
    if (cert)
      return [
        {
          purpose: "add the replacement certificate",
          command: `az ad app credential reset --id ${sh(appId)} --append --cert @<new-certificate.pem>`,
        },
        deleteAppCredential(appId, keyId, true),
      ];
    return secretRotation(f, ctx);
  },
  "credential-expired": (f) => deleteCredential(f),
  "credential-unused": (f) => deleteCredential(f),
  "service-principal-password": (f) => {
    const keyId = str(f.evidence, "keyId");
    const spId = objectIdOf(f);
    return keyId && spId ? [removeSpPassword(spId, keyId)] : [];
  },
  "privileged-identity-with-secret": (f, ctx) => {
    const appId = str(f.evidence, "appId");
    const app = appId ? ctx.appByAppId.get(appId.toLowerCase()) : undefined;
    const federation = app ? federationFor(ctx, app) : null;
    return [...(federation ? [federation] : []), ...deleteSecrets(f, app ? appId : null)];
  },
  "secret-where-federation-fits": (f, ctx) => {
    const appId = str(f.evidence, "appId");
    const app = appId ? ctx.appByAppId.get(appId.toLowerCase()) : undefined;
    if (!app || !appId) return [];
    const federation = federationFor(ctx, app);
    const generic: FixCommand = {
      purpose: "trust the workload's CI (set the issuer and subject of your pipeline)",
      command: `az ad app federated-credential create --id ${sh(appId)} --parameters ${shJson({ name: "<name>", issuer: GITHUB_ISSUER, subject: "repo:<owner>/<repository>:environment:<environment>", audiences: [FEDERATION_AUDIENCE] })}`,
    };
    return [federation ?? generic, ...deleteSecrets(f, appId)];
  },
  "graph-privileged-app-permission": removeAppRoleAssignment,
  "tenant-wide-data-app-permission": removeAppRoleAssignment,
  "service-principal-certificate": (f) => {
    const appId = str(f.evidence, "appId");
    const keyId = str(f.evidence, "keyId");
    return appId && keyId ? [removeSpCertificate(appId, keyId)] : [];
  },
  "guest-privileged-entra-role": (f) => {
    const held = groupOrEligible(f);
    if (held) return held;
    const id = str(f.evidence, "assignmentId");
    return id
      ? [
          {
            purpose: "remove the directory role assignment",
            command: `az rest --method DELETE --url ${sh(`${GRAPH}/roleManagement/directory/roleAssignments/${seg(id)}`)}`,
          },
        ]
      : [];
  },
  "data-plane-privilege": (f) => narrowAssignment(f, "<narrower data role>", "<resource id>"),
  "graph-tenant-wide-consent": (f) => {
    const grant = str(f.evidence, "grantId");
    if (!grant) return [];
    return [
      {
        purpose: "revoke the tenant-wide consent (users then consent for themselves, if allowed)",
        command: `az rest --method DELETE --url ${sh(`${GRAPH}/oauth2PermissionGrants/${seg(grant)}`)}`,
      },
    ];
  },
  "guest-privileged-role": deleteAssignment,
  "orphaned-role-assignment": deleteAssignment,
  "privileged-role-broad-scope": (f) => narrowAssignment(f, "<narrower role>", "<narrower scope id>"),
  "managed-identity-privileged": (f) => narrowAssignment(f, "<narrow role>", "<resource id>"),
  "service-principal-broad-read": (f) => narrowAssignment(f, "Reader", "<resource group id>"),
  "custom-role-owner-equivalent": (f) => {
    const guid = str(f.evidence, "roleDefinitionId");
    return guid
      ? [
          {
            purpose: "narrow the role: edit its JSON (no * and no Microsoft.Authorization writes), then update it",
            command: `az role definition list --name ${sh(guid)} --custom-role-only true --query '[0]' > role.json && az role definition update --role-definition @role.json`,
          },
        ]
      : [];
  },
  "defender-plan-disabled": (f) => {
    const plan = str(f.evidence, "plan");
    const sub = f.resource.subscriptionId;
    return plan && sub
      ? [
          {
            purpose: "turn the plan on (Standard tier)",
            command: `az security pricing create --name ${sh(plan)} --tier Standard --subscription ${sh(sub)}`,
          },
        ]
      : [];
  },
  "defender-unhealthy-assessment": (f) => {
    const key = str(f.evidence, "assessmentKey");
    const id = str(f.evidence, "assessmentId");
    const assessed = id ? id.replace(/\/providers\/Microsoft\.Security\/assessments\/[^/]+$/i, "") : null;
    return key && assessed
      ? [
          {
            purpose: "show the assessment and its remediation steps",
            command: `az security assessment show --name ${sh(key)} --assessed-resource-id ${sh(assessed)}`,
          },
        ]
      : [];
  },
  "required-tags": (f) => {
    const missing = strs(f.evidence, "missingTags");
    if (missing.length === 0) return [];
    return [
      {
        purpose: "add the missing tags (fill in their values)",
        command: `az tag update --resource-id ${sh(f.resource.id)} --operation Merge --tags ${missing.map((t) => sh(`${t}=<value>`)).join(" ")}`,
      },
    ];
  },
  "workload-managed-identity": (f, ctx) => {
    const w = ctx.workloadById.get(f.resource.id.toLowerCase());
    return w ? managedIdentityCommand(w) : [];
  },
  "subscription-owner-count": (f) => {
    const sub = f.resource.subscriptionId;
    return sub
      ? [
          {
            purpose: "list who holds Owner there, directly and inherited, before adding or removing one",
            command: `az role assignment list --role Owner --scope ${sh(`/subscriptions/${sub}`)} --include-inherited --query ${sh("[].{principal:principalName, type:principalType, scope:scope}")} -o table`,
          },
        ]
      : [];
  },
  "app-without-owner": (f) => {
    const appId = str(f.evidence, "appId");
    return appId
      ? [
          {
            purpose: "give the app an accountable owner",
            command: `az ad app owner add --id ${sh(appId)} --owner-object-id <owner object id>`,
          },
        ]
      : [];
  },
};

/** The commands that fix a finding, or null when azaudit has none for its rule. */
export function fixFor(f: Finding, ctx: FixContext): FindingFix | null {
  const build = BUILDERS[f.ruleId];
  const commands = build ? build(f, ctx) : [];
  return commands.length > 0 ? { note: REVIEW_NOTE, commands } : null;
}
