import { roleDefinitionGuid } from "../../classification/index.ts";
import type { Application, RoleAssignment, ServicePrincipal } from "../../inventory/types.ts";
import { azureBuiltinRoleById } from "../../refdata/index.ts";
import { isActive, servicePrincipalSecrets } from "../support/credentials.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { applicationRef } from "../support/refs.ts";
import { noOptionsSchema, type NoOptions } from "../support/options.ts";
import { lastUseEvidence } from "../support/last-use.ts";
import { defineRule } from "../types.ts";

type Options = NoOptions;

/** How many role assignments the message names before "and N more". */
const NAMED_ROLES = 3;

interface Subject {
  app: Application;
  sp: ServicePrincipal | undefined;
  /** Azure role assignments whose principal is the app's service principal. */
  assignments: RoleAssignment[];
  /** Role definition GUID -> role name, for the message. */
  roleNames: Map<string, string>;
}

export default defineRule<Options, Subject>({
  meta: {
    id: "secret-where-federation-fits",
    aliases: [],
    title: "Apps with Azure roles sign in without client secrets",
    severity: "medium",
    confidence: "medium",
    category: "credentials",
    description:
      "Flags an app registration that (1) has at least one unexpired client secret, on the app registration or on its service principal (the private-key password of a SAML signing certificate does not count), (2) whose service principal holds at least one Azure role assignment at any scope, and (3) has no federated identity credential. Apps whose federated credentials could not be read (`federatedIdentityCredentials` unknown) are not judged. One finding per app.",
    rationale:
      "A service principal with Azure roles is almost always a deployment pipeline or a workload calling Azure. Such callers can sign in without any stored secret: workload identity federation lets GitHub Actions, Azure DevOps, Kubernetes and any OIDC issuer exchange their own short-lived token for an Entra token, and code running in Azure can use a managed identity. A client secret, by contrast, is a long-lived password copied into pipeline variables and config, where it leaks. The confidence is medium: some callers (an on-premises job, a vendor tool) have no OIDC issuer to federate with.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Applications > App registrations > the app > Certificates & secrets > Federated credentials > Add credential (pick the scenario: GitHub Actions, Kubernetes, other issuer).",
        "Change the pipeline or workload to request tokens with federation (e.g. azure/login with OIDC, or workload identity in AKS) or move it to a managed identity.",
        "Delete the client secrets once sign-in logs show no secret-based sign-in for the service principal.",
      ],
      cli: 'az ad app federated-credential create --id <appId> --parameters \'{"name":"<name>","issuer":"https://token.actions.githubusercontent.com","subject":"repo:<org>/<repo>:environment:<env>","audiences":["api://AzureADTokenExchange"]}\' && az ad app credential delete --id <appId> --key-id <keyId>',
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation",
      "https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-create-trust",
      "https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/overview",
      "https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-configuration",
    ],
    compliance: [
      { framework: "MCSB", id: "IM-3" },
      { framework: "MCSB", id: "IM-8" },
    ],
    messages: {
      secretWithoutFederation:
        'App registration "{{appName}}" signs in with {{secretCount}} client secret(s) and its service principal holds {{assignmentCount}} Azure role assignment(s) ({{roles}}), but it has no federated identity credential: workload identity federation or a managed identity would remove the secret.',
    },
    requires: ["applications", "servicePrincipals", "roleAssignments"],
    subjectNoun: "app registrations",
    enabledByDefault: true,
  },
  optionsSchema: noOptionsSchema(),
  defaultOptions: {},
  subjects(inventory) {
    const spByAppId = indexBy(items(inventory, "servicePrincipals"), (sp) => sp.appId);
    const byPrincipal = new Map<string, RoleAssignment[]>();
    for (const a of items(inventory, "roleAssignments")) {
      const k = a.principalId.toLowerCase();
      const list = byPrincipal.get(k);
      if (list) list.push(a);
      else byPrincipal.set(k, [a]);
    }
    // Role names are for the message only; definitions are enrichment (built-ins fall back to refdata).
    const roleNames = new Map(
      optionalItems(inventory, "roleDefinitions").map((d) => [d.name.toLowerCase(), d.roleName] as const),
    );
    return items(inventory, "applications").map((app) => {
      const sp = spByAppId.get(app.appId.toLowerCase());
      return { app, sp, assignments: sp ? (byPrincipal.get(sp.id.toLowerCase()) ?? []) : [], roleNames };
    });
  },
  check({ app, sp, assignments, roleNames }, { now, inventory }) {
    // null: the federated credentials could not be read, so "none" is unknown: do not guess.
    if (app.federatedIdentityCredentials === null || app.federatedIdentityCredentials.length > 0) return [];
    if (!sp || assignments.length === 0) return [];
    const appSecrets = app.passwordCredentials.filter((p) => isActive(p, now));
    const spSecrets = servicePrincipalSecrets(sp).filter((p) => isActive(p, now));
    const secretCount = appSecrets.length + spSecrets.length;
    if (secretCount === 0) return [];

    const described = assignments.map((a) => {
      const guid = roleDefinitionGuid(a.roleDefinitionId);
      const name = roleNames.get(guid) ?? azureBuiltinRoleById(guid)?.roleName ?? guid;
      return `${name} at ${a.scope}`;
    });
    const roles =
      described.length > NAMED_ROLES
        ? `${described.slice(0, NAMED_ROLES).join("; ")}; and ${described.length - NAMED_ROLES} more`
        : described.join("; ");
    return [
      {
        messageId: "secretWithoutFederation",
        data: { appName: app.displayName, secretCount, assignmentCount: assignments.length, roles },
        resource: applicationRef(app),
        discriminator: "secret-without-federation",
        evidence: {
          appId: app.appId,
          servicePrincipalId: sp.id,
          appSecretKeyIds: appSecrets.map((p) => p.keyId),
          servicePrincipalSecretKeyIds: spSecrets.map((p) => p.keyId),
          roleAssignments: described,
          federatedIdentityCredentials: 0,
          ...lastUseEvidence(
            inventory,
            [...appSecrets, ...spSecrets].map((p) => p.keyId),
          ),
        },
      },
    ];
  },
});
