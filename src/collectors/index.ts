// collectInventory: runs every collector against injected clients and returns the Inventory.
// Sections are independent (each ok | unavailable); ARM sections that walk subscriptions wait for
// the subscription list, principals waits for every section that names principals.
import {
  INVENTORY_SCHEMA_VERSION,
  type Group,
  type Inventory,
  type Principal,
  type Section,
} from "../inventory/types.ts";
import { toolVersion } from "../version.ts";
import type { AzureClients } from "./clients.ts";
import { collectDefender } from "./arm/defender.ts";
import { collectManagementGroups } from "./arm/managementGroups.ts";
import { collectRoleAssignments } from "./arm/roleAssignments.ts";
import { collectRoleEligibilities } from "./arm/roleEligibilities.ts";
import { collectRoleDefinitions, resolveReferencedRoleDefinitions } from "./arm/roleDefinitions.ts";
import { collectSubscriptions, type SubscriptionScope } from "./arm/subscriptions.ts";
import { collectWorkloads } from "./arm/workloads.ts";
import { collectApplications } from "./graph/applications.ts";
import { collectCredentialSignIns } from "./graph/credentialSignIns.ts";
import { collectDirectoryRoleAssignments } from "./graph/directoryRoles.ts";
import { collectAppPermissionGrants, collectDelegatedGrants } from "./graph/grants.ts";
import { collectGroups } from "./graph/groups.ts";
import { collectPrincipals } from "./graph/principals.ts";
import { collectDirectoryRoleEligibilities } from "./graph/roleEligibilities.ts";
import { collectServicePrincipals } from "./graph/servicePrincipals.ts";
import { collectTenant } from "./graph/tenant.ts";
import { createLimiter } from "./limit.ts";
import type { Progress } from "./progress.ts";
import { sortBy, type CollectContext } from "./section.ts";

export {
  createAzureClients,
  CLOUDS,
  resolveEndpoints,
  type AzureClients,
  type CloudName,
  type CreateAzureClientsOptions,
} from "./clients.ts";
export { createStreamProgress, silentProgress, type Progress, type SectionState } from "./progress.ts";
export { tokenIdentity, type TokenIdentity } from "./token-identity.ts";

export const DEFAULT_CONCURRENCY = 8;

export interface CollectDeps {
  clients: AzureClients;
  /** the scan's clock: collectedAt is read once, at start */
  clock: () => Date;
  progress: Progress;
  scope: SubscriptionScope;
  /** max concurrent list walks across subscriptions and collections, for ARM and for Graph each (default 8) */
  concurrency?: number;
  /** cloud name recorded in source.cloud */
  cloud: string;
  /** where programming errors inside a collector are reported (default process.stderr) */
  logError?: (line: string) => void;
  /** the `oid` of the access token the scan uses (recorded in source.scannerObjectId), null when unknown */
  scannerObjectId?: string | null;
  /** one part of a split scan (src/shard); absent: the whole tenant */
  part?: CollectPart;
}

/**
 * What one part of a split scan collects. The sections it leaves to other parts come back
 * unavailable (NOT_THIS_PART) without a request; the part file keeps only the ones it owns.
 */
export interface CollectPart {
  /** list the subscriptions (false only for the part that holds just the tenant-wide sections) */
  listSubscriptions: boolean;
  /** the subscriptions whose sections this part collects, out of those listed */
  ownsSubscription: (subscriptionId: string) => boolean;
  /** the Graph sections and the ARM management-group and root scopes */
  tenantWide: boolean;
}

export const NOT_THIS_PART = "collected by another part of this split scan";

function notThisPart<T>(): Promise<Section<T>> {
  return Promise.resolve({ status: "unavailable", reason: NOT_THIS_PART });
}

function unavailableBecause<T>(what: string, upstream: Section<unknown>): Section<T> {
  const reason =
    upstream.status === "unavailable"
      ? `${what} could not be listed: ${upstream.reason}`
      : `${what} could not be listed`;
  return upstream.status === "unavailable" && upstream.missingPermission
    ? { status: "unavailable", reason, missingPermission: upstream.missingPermission }
    : { status: "unavailable", reason };
}

/** Every principal id the sections name, to be resolved against the directory. */
export function referencedPrincipalIds(
  s: Pick<
    Inventory,
    "roleAssignments" | "appPermissionGrants" | "delegatedGrants" | "directoryRoleAssignments" | "applications"
  > &
    Pick<Partial<Inventory>, "subscriptions" | "roleEligibilities" | "directoryRoleEligibilities">,
): string[] {
  const ids: string[] = [];
  // a subscription of another tenant (Lighthouse) names that tenant's principals: this directory cannot resolve them
  const foreign = new Set(
    s.subscriptions?.status === "ok"
      ? s.subscriptions.items.filter((x) => x.tenantId).map((x) => x.subscriptionId.toLowerCase())
      : [],
  );
  if (s.roleAssignments.status === "ok")
    for (const a of s.roleAssignments.items)
      if (!(a.subscriptionId && foreign.has(a.subscriptionId.toLowerCase()))) ids.push(a.principalId);
  if (s.appPermissionGrants.status === "ok") for (const g of s.appPermissionGrants.items) ids.push(g.principalId);
  if (s.delegatedGrants.status === "ok")
    for (const g of s.delegatedGrants.items) ids.push(g.clientId, ...(g.principalId ? [g.principalId] : []));
  if (s.directoryRoleAssignments.status === "ok")
    for (const a of s.directoryRoleAssignments.items) ids.push(a.principalId);
  if (s.roleEligibilities?.status === "ok")
    for (const e of s.roleEligibilities.items)
      if (!(e.subscriptionId && foreign.has(e.subscriptionId.toLowerCase()))) ids.push(e.principalId);
  if (s.directoryRoleEligibilities?.status === "ok")
    for (const e of s.directoryRoleEligibilities.items) ids.push(e.principalId);
  // App owners too: an app whose every owner is deleted or disabled is as ownerless as one with none.
  if (s.applications.status === "ok") for (const app of s.applications.items) ids.push(...(app.owners ?? []));
  return ids;
}

const WHOLE_TENANT: CollectPart = { listSubscriptions: true, ownsSubscription: () => true, tenantWide: true };

export async function collectInventory(deps: CollectDeps): Promise<Inventory> {
  const collectedAt = deps.clock().toISOString();
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const ctx: CollectContext = {
    clients: deps.clients,
    limit: createLimiter(concurrency),
    progress: deps.progress,
    logError: deps.logError ?? ((line) => process.stderr.write(`${line}\n`)),
  };
  // Graph gets its own bound: ARM and Graph throttle apart, so a Graph request waiting out its
  // budget's Retry-After must not hold a slot ARM could use (and the other way round).
  const graphCtx: CollectContext = { ...ctx, limit: createLimiter(concurrency) };
  const part = deps.part ?? WHOLE_TENANT;
  // the tenant-wide Graph sections, in the one part that owns them
  const graph = <T>(collect: () => Promise<Section<T>>) => (part.tenantWide ? collect() : notThisPart<T>());

  const mgP = collectManagementGroups(ctx);
  // every part reads the tenant (one request): it names the tenant a part belongs to
  const tenantP = collectTenant(graphCtx);
  const homeTenantP = tenantP.then((t) => (t.status === "ok" ? (t.items[0]?.id ?? null) : null));
  const subsP = part.listSubscriptions
    ? collectSubscriptions(
        ctx,
        deps.scope,
        mgP.then((m) => (m.section.status === "ok" ? m.subscriptionParent : null)),
        homeTenantP,
      )
    : notThisPart<never>().then((section) => ({ section, ids: [] as string[] }));
  const appsP = graph(() => collectApplications(graphCtx));
  const spsP = graph(() => collectServicePrincipals(graphCtx));
  const appGrantsP = graph(() => collectAppPermissionGrants(graphCtx));
  const delegatedP = graph(() =>
    collectDelegatedGrants(
      graphCtx,
      spsP.then((s) => (s.status === "ok" ? new Map(s.items.map((sp) => [sp.id, sp.appId])) : null)),
    ),
  );
  const dirRolesP = graph(() => collectDirectoryRoleAssignments(graphCtx));
  const dirEligibleP = graph(() => collectDirectoryRoleEligibilities(graphCtx));
  const signInsP = graph(() => collectCredentialSignIns(graphCtx, deps.cloud));

  const [mg, subs] = await Promise.all([mgP, subsP]);
  // a part that does not list subscriptions walks only the management groups and the root
  const armScoped = !part.listSubscriptions || subs.section.status === "ok";
  const ownIds = subs.ids.filter((id) => part.ownsSubscription(id));
  const mgNames = part.tenantWide ? mg.names : [];
  const perSubscription = <T>(collect: () => Promise<Section<T>>): Promise<Section<T>> =>
    !part.listSubscriptions
      ? notThisPart<T>()
      : armScoped
        ? collect()
        : Promise.resolve(unavailableBecause<T>("subscriptions", subs.section));
  const listedRoleDefinitionsP =
    armScoped || mg.section.status === "ok"
      ? collectRoleDefinitions(ctx, ownIds, mgNames)
      : Promise.resolve(unavailableBecause<never>("subscriptions and management groups", subs.section));
  const roleAssignmentsP = armScoped
    ? collectRoleAssignments(ctx, ownIds, mgNames, part.tenantWide)
    : Promise.resolve(unavailableBecause<never>("subscriptions", subs.section));
  const workloadsP = perSubscription(() => collectWorkloads(ctx, ownIds));
  const defenderP = perSubscription(() => collectDefender(ctx, ownIds));
  const roleEligibilitiesP = armScoped
    ? collectRoleEligibilities(ctx, ownIds, mgNames, part.tenantWide)
    : Promise.resolve(unavailableBecause<never>("subscriptions", subs.section));
  // Principals need only the sections that name them: they start as soon as those are in,
  // while workloads, Defender and role definitions may still be paging. Groups follow the
  // principals they hold roles through.
  const principalsP = Promise.all([
    roleAssignmentsP,
    appGrantsP,
    delegatedP,
    dirRolesP,
    appsP,
    roleEligibilitiesP,
    dirEligibleP,
  ]).then(
    async ([
      roleAssignments,
      appPermissionGrants,
      delegatedGrants,
      directoryRoleAssignments,
      applications,
      roleEligibilities,
      directoryRoleEligibilities,
    ]) => {
      const referenced = await collectPrincipals(
        graphCtx,
        referencedPrincipalIds({
          roleAssignments,
          appPermissionGrants,
          delegatedGrants,
          directoryRoleAssignments,
          applications,
          subscriptions: subs.section,
          roleEligibilities,
          directoryRoleEligibilities,
        }),
      );
      return collectGroupsOf(graphCtx, referenced);
    },
  );
  const roleDefinitionsP = Promise.all([listedRoleDefinitionsP, roleAssignmentsP]).then(([listed, assignments]) =>
    resolveReferencedRoleDefinitions(ctx, listed, assignments),
  );
  const [roleDefinitions, roleAssignments, workloads, defender, { groups, principals }, roleEligibilities] =
    await Promise.all([roleDefinitionsP, roleAssignmentsP, workloadsP, defenderP, principalsP, roleEligibilitiesP]);
  const [
    tenant,
    applications,
    servicePrincipals,
    appPermissionGrants,
    delegatedGrants,
    directoryRoleAssignments,
    directoryRoleEligibilities,
  ] = await Promise.all([tenantP, appsP, spsP, appGrantsP, delegatedP, dirRolesP, dirEligibleP]);

  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    collectedAt,
    source: {
      kind: "live",
      cloud: deps.cloud,
      tool: `azaudit ${toolVersion()}`,
      scannerObjectId: deps.scannerObjectId ?? null,
    },
    tenant,
    managementGroups: mg.section,
    subscriptions: subs.section,
    roleDefinitions: roleDefinitions,
    roleAssignments: roleAssignments,
    principals,
    applications,
    servicePrincipals,
    appPermissionGrants,
    delegatedGrants,
    directoryRoleAssignments,
    workloads: workloads,
    defender: defender,
    groups,
    roleEligibilities,
    directoryRoleEligibilities,
    credentialSignIns: await signInsP,
  };
}

/**
 * The groups among the referenced principals, with their nested groups and members; the members
 * join the principals section. Without principals there is no knowing which ids are groups.
 */
async function collectGroupsOf(
  ctx: CollectContext,
  principals: Section<Principal>,
): Promise<{ groups: Section<Group>; principals: Section<Principal> }> {
  if (principals.status !== "ok")
    return { groups: unavailableBecause<Group>("the principals naming the groups", principals), principals };
  const groupIds = principals.items.filter((p) => p.found && p.type === "group").map((p) => p.id);
  const { section, members } = await collectGroups(ctx, groupIds);
  const known = new Set(principals.items.map((p) => p.id));
  const added = members.filter((m) => !known.has(m.id));
  if (added.length === 0) return { groups: section, principals };
  const items = sortBy([...principals.items, ...added], (p) => p.id);
  return { groups: section, principals: { ...principals, items } };
}
