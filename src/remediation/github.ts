import type { Application, Inventory } from "../inventory/types.ts";
import { optionalItems } from "../rules/support/sections.ts";

// Where an app's workload is built and deployed, when the tenant says so: the GitHub repository
// named by the `repository` tag of the resources it manages, or by the federated credentials of
// a sibling app registration. Only a well-formed `owner/name` is used.

export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
export const FEDERATION_AUDIENCE = "api://AzureADTokenExchange";
/** GitHub owner and repository names: letters, digits, `-`, `_`, `.` (owners without dots). */
const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const SUBJECT_REPOSITORY = /^repo:([^:]+):/;

export function isRepositoryName(value: string): boolean {
  return REPOSITORY.test(value) && !value.endsWith("/.") && !value.endsWith("/..");
}

/** The GitHub repositories an app's federated credentials trust (GitHub's issuer only), sorted. */
export function federatedRepositories(app: Application): string[] {
  const repos = new Set<string>();
  for (const f of app.federatedIdentityCredentials ?? []) {
    if (f.issuer !== GITHUB_ISSUER) continue;
    const repo = SUBJECT_REPOSITORY.exec(f.subject ?? "")?.[1];
    if (repo && isRepositoryName(repo)) repos.add(repo);
  }
  return [...repos].sort();
}

export interface RepositorySource {
  repository: string;
  /** How it was found, for the command's comment. */
  because: string;
}

/**
 * The one repository an app's workload lives in: the `repository` tag shared by every tagged
 * resource inside the resource groups and resources its service principal holds roles on, else
 * the repository a sibling app (same first name word, e.g. `terraform-`) federates with. null
 * when none or several.
 */
export function repositoryOfApp(inventory: Inventory, app: Application, tag = "repository"): RepositorySource | null {
  const sp = optionalItems(inventory, "servicePrincipals").find(
    (s) => s.appId.toLowerCase() === app.appId.toLowerCase(),
  );
  if (sp) {
    const scopes = optionalItems(inventory, "roleAssignments")
      .filter((a) => a.principalId.toLowerCase() === sp.id.toLowerCase())
      .filter((a) => a.scopeLevel === "resourceGroup" || a.scopeLevel === "resource")
      .map((a) => a.scope.toLowerCase());
    const tagged = new Set<string>();
    for (const w of optionalItems(inventory, "workloads")) {
      const id = w.id.toLowerCase();
      if (!scopes.some((s) => id === s || id.startsWith(`${s}/`))) continue;
      const value = w.tags[tag];
      if (value !== undefined && isRepositoryName(value)) tagged.add(value);
    }
    if (tagged.size === 1) {
      const [repository] = [...tagged];
      if (repository) return { repository, because: `the ${tag} tag of the resources it holds roles on` };
    }
    if (tagged.size > 1) return null;
  }
  const stem = firstWord(app.displayName);
  if (stem === null) return null;
  const siblings = optionalItems(inventory, "applications").filter(
    (a) => a.id !== app.id && firstWord(a.displayName) === stem,
  );
  const repos = new Set(siblings.flatMap(federatedRepositories));
  if (repos.size !== 1) return null;
  const [repository] = [...repos];
  return repository ? { repository, because: `the federated credentials of its sibling app ${stem}-…` } : null;
}

function firstWord(name: string): string | null {
  const m = /^([a-z0-9]{3,})[-_]/i.exec(name);
  return m?.[1]?.toLowerCase() ?? null;
}
