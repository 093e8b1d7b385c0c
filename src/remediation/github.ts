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
 * when none or several. The tenant is indexed once, so asking for every app of a large tenant
 * stays linear in it.
 */
export function repositoryFinder(
  inventory: Inventory,
  tag = "repository",
): (app: Application) => RepositorySource | null {
  const spByAppId = new Map<string, string>();
  for (const s of optionalItems(inventory, "servicePrincipals")) {
    const appId = s.appId.toLowerCase();
    if (!spByAppId.has(appId)) spByAppId.set(appId, s.id.toLowerCase());
  }
  const scopesOf = new Map<string, string[]>();
  for (const a of optionalItems(inventory, "roleAssignments")) {
    if (a.scopeLevel !== "resourceGroup" && a.scopeLevel !== "resource") continue;
    const principal = a.principalId.toLowerCase();
    const list = scopesOf.get(principal);
    if (list) list.push(a.scope.toLowerCase());
    else scopesOf.set(principal, [a.scope.toLowerCase()]);
  }
  // sorted ids: everything at or below a scope is one run starting where the scope would sort
  const workloads = optionalItems(inventory, "workloads")
    .map((w) => ({ id: w.id.toLowerCase(), tags: w.tags }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const firstAtOrAfter = (s: string): number => {
    let lo = 0;
    let hi = workloads.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((workloads[mid]?.id ?? "") < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // per name stem, how many apps federate with each repository, and which app ids those are
  const byStem = new Map<string, { apps: Map<string, number>; ids: Map<string, Map<string, number>> }>();
  for (const a of optionalItems(inventory, "applications")) {
    const stem = firstWord(a.displayName);
    if (stem === null) continue;
    let group = byStem.get(stem);
    if (!group)
      byStem.set(stem, (group = { apps: new Map<string, number>(), ids: new Map<string, Map<string, number>>() }));
    let own = group.ids.get(a.id);
    if (!own) group.ids.set(a.id, (own = new Map<string, number>()));
    for (const repo of federatedRepositories(a)) {
      group.apps.set(repo, (group.apps.get(repo) ?? 0) + 1);
      own.set(repo, (own.get(repo) ?? 0) + 1);
    }
  }
  /** The repositories the other apps of a stem (another id) federate with. */
  const siblingRepositories = (stem: string, id: string): string[] => {
    const group = byStem.get(stem);
    if (!group) return [];
    const own = group.ids.get(id);
    return [...group.apps].filter(([repo, n]) => n - (own?.get(repo) ?? 0) > 0).map(([repo]) => repo);
  };

  const find = (app: Application): RepositorySource | null => {
    const sp = spByAppId.get(app.appId.toLowerCase());
    if (sp !== undefined) {
      const tagged = new Set<string>();
      for (const s of scopesOf.get(sp) ?? []) {
        for (let i = firstAtOrAfter(s); i < workloads.length; i++) {
          const w = workloads[i];
          if (w === undefined || !w.id.startsWith(s)) break;
          if (w.id !== s && !w.id.startsWith(`${s}/`)) continue;
          const value = w.tags[tag];
          if (value !== undefined && isRepositoryName(value)) tagged.add(value);
        }
      }
      if (tagged.size === 1) {
        const [repository] = [...tagged];
        if (repository) return { repository, because: `the ${tag} tag of the resources it holds roles on` };
      }
      if (tagged.size > 1) return null;
    }
    const stem = firstWord(app.displayName);
    if (stem === null) return null;
    const repos = siblingRepositories(stem, app.id);
    if (repos.length !== 1) return null;
    const [repository] = repos;
    return repository ? { repository, because: `the federated credentials of its sibling app ${stem}-…` } : null;
  };
  // an app with many findings is asked about once
  const known = new Map<Application, RepositorySource | null>();
  return (app) => {
    let found = known.get(app);
    if (found === undefined) {
      found = find(app);
      known.set(app, found);
    }
    return found;
  };
}

function firstWord(name: string): string | null {
  const m = /^([a-z0-9]{3,})[-_]/i.exec(name);
  return m?.[1]?.toLowerCase() ?? null;
}
