// Azure Resource Manager routes served from the fixture. The role assignment semantics (what a
// list at a scope returns) follow ARM, including duplicates across subscriptions for assignments
// inherited from management groups: collectors have to dedupe, as they must against Azure.
import { armError } from "./errors.ts";
import { DEFAULT_ARM_PAGE_SIZE, armPage, paginate } from "./paging.ts";
import { QueryCursors, runResourceGraphQuery } from "./resource-graph.ts";
import { jsonText } from "./json-narrow.ts";
import { json, param, type ApiRequest, type ApiResponse, type Router } from "./router.ts";
import {
  lastSegment,
  parseScope,
  resourceGroupScope,
  roleDefinitionIdAt,
  scopeKey,
  subscriptionScope,
  type ParsedScope,
} from "../arm/resource-id.ts";
import type { IndexedAssignment, TenantIndex } from "./tenant-index.ts";
import type { ArmRoleDefinition, Json, JsonObject } from "./types.ts";

export interface ArmContext {
  index: TenantIndex;
  pageSize?: number;
  /** subscriptions Resource Graph leaves out of its answers */
  resourceGraphOmits?: string[];
}

const RBAC = "providers/Microsoft.Authorization";

export function list(req: ApiRequest, ctx: ArmContext, items: Json[]): ApiResponse {
  const page = paginate(req, items, ctx.pageSize ?? DEFAULT_ARM_PAGE_SIZE);
  if (!page)
    return armError(
      400,
      "InvalidSkipToken",
      "The $skiptoken in the request is not valid. Follow the nextLink from a previous response.",
    );
  return json(200, armPage(page));
}

// "Resolve errors for resource provider registration" (learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-register-resource-provider):
// code MissingSubscriptionRegistration, "The subscription is not registered to use namespace …".
// The status of a GET is not in that page; the observation of live ARM is 404.
function notRegistered(subId: string, namespace: string): ApiResponse {
  return armError(
    404,
    "MissingSubscriptionRegistration",
    `The subscription '${subId}' is not registered to use namespace '${namespace}'. See https://aka.ms/rps-not-found for how to register subscriptions.`,
  );
}

function subNotFound(id: string): ApiResponse {
  return armError(404, "SubscriptionNotFound", `The subscription '${id}' could not be found.`);
}

/** undefined when the scope exists in the tenant, else the ARM error for it */
export function checkScope(
  ctx: ArmContext,
  scope: string,
): { parsed: ParsedScope; error?: undefined } | { error: ApiResponse } {
  const parsed = parseScope(scope);
  if (!parsed)
    return {
      error: armError(
        400,
        "InvalidScope",
        `The scope '${scope}' is not valid. Use "/", a management group, a subscription, a resource group or a resource id.`,
      ),
    };
  if (parsed.kind === "mg" && !ctx.index.tree.hasMg(parsed.name)) {
    return {
      error: armError(404, "ManagementGroupNotFound", `The management group '${parsed.name}' could not be found.`),
    };
  }
  if ("subId" in parsed && !ctx.index.tree.hasSub(parsed.subId)) return { error: subNotFound(parsed.subId) };
  return { parsed };
}

type AssignmentFilter = { atScope: boolean; principalId?: string } | { error: string };

export function parseAssignmentFilter(filter: string | undefined): AssignmentFilter {
  if (filter === undefined || filter.trim() === "") return { atScope: false };
  let atScope = false;
  let principalId: string | undefined;
  for (const clause of filter.split(/\s+and\s+/i)) {
    const c = clause.trim();
    const [, id] =
      /^principalId\s+eq\s+'?([0-9a-fA-F-]+)'?$/i.exec(c) ?? /^assignedTo\('([0-9a-fA-F-]+)'\)$/i.exec(c) ?? [];
    if (/^atScope\(\)$/i.test(c)) atScope = true;
    else if (id !== undefined) principalId = id.toLowerCase();
    else
      return {
        error: `The filter '${filter}' is not supported. Supported filters: atScope(), principalId eq '{id}', assignedTo('{id}'), and 'and' of those.`,
      };
  }
  return { atScope, principalId };
}

export function assignmentsForScope(
  index: TenantIndex,
  scope: string,
  parsed: ParsedScope,
  f: { atScope: boolean; principalId?: string },
): IndexedAssignment[] {
  const norm = scopeKey(scope);
  const picked = new Map<number, IndexedAssignment>();
  const add = (ia: IndexedAssignment) => {
    if (f.principalId && ia.principalId !== f.principalId) return;
    picked.set(ia.order, ia);
  };
  // at and above
  for (const s of [norm, ...index.tree.ancestors(norm)]) for (const ia of index.assignmentsAtScope(s)) add(ia);
  // below: without a filter ARM only lists what is under a subscription, RG or resource;
  // with a principal filter it looks under management groups and root as well
  if (!f.atScope) {
    if ("subId" in parsed) {
      const prefix = norm + "/";
      for (const ia of index.assignmentsInSub(parsed.subId)) if (ia.scope.startsWith(prefix)) add(ia);
    } else if (f.principalId) {
      for (const ia of index.assignments) {
        if (ia.principalId !== f.principalId || picked.has(ia.order)) continue;
        if (parsed.kind === "root" || index.tree.isBelow(ia.scope, norm)) add(ia);
      }
    }
  }
  return [...picked.values()].sort((x, y) => x.order - y.order);
}

// RoleDefinitions_List: "Get all role definitions that are applicable at scope and above"
// (azure-rest-api-specs authorization 2022-04-01): a role assignable at a subscription is listed
// there and at its resource groups; one assignable only at a resource group is not listed at the
// subscription or any scope above it.
function roleDefinitionVisible(def: ArmRoleDefinition, index: TenantIndex, scopeNorm: string): boolean {
  const visibleFrom = new Set([scopeNorm, ...index.tree.ancestors(scopeNorm)]);
  return def.properties.assignableScopes.some((s) => visibleFrom.has(scopeKey(s)));
}

/** ARM prefixes role definition ids with the subscription when listed at or under one */
function roleDefinitionAt(def: ArmRoleDefinition, parsed: ParsedScope): ArmRoleDefinition {
  const guid = def.name;
  const id = roleDefinitionIdAt("subId" in parsed ? subscriptionScope(parsed.subId) : "/", guid);
  return { ...def, id };
}

function parseRoleDefinitionFilter(
  filter: string | undefined,
): ((d: ArmRoleDefinition) => boolean) | { error: string } {
  if (!filter) return () => true;
  const [, type] = /^\s*type\s+eq\s+'([^']+)'\s*$/i.exec(filter) ?? [];
  if (type !== undefined) {
    const t = type.toLowerCase();
    return (d) => d.properties.type.toLowerCase() === t;
  }
  const [, roleName] = /^\s*roleName\s+eq\s+'([^']+)'\s*$/i.exec(filter) ?? [];
  if (roleName !== undefined) {
    const n = roleName.toLowerCase();
    return (d) => d.properties.roleName.toLowerCase() === n;
  }
  return {
    error: `The filter '${filter}' is not supported. Supported: type eq 'CustomRole' | 'BuiltInRole', roleName eq '{name}'.`,
  };
}

function managementGroupTree(ctx: ArmContext, name: string, recurse: boolean): Json[] {
  const children: Json[] = [];
  for (const mg of ctx.index.fixture.managementGroups) {
    const parentId = mg.properties.details?.parent?.id;
    if (typeof parentId !== "string" || lastSegment(parentId).toLowerCase() !== name.toLowerCase()) continue;
    children.push({
      id: mg.id,
      type: "Microsoft.Management/managementGroups",
      name: mg.name,
      displayName: mg.properties.displayName ?? mg.name,
      children: recurse ? managementGroupTree(ctx, mg.name, true) : null,
    });
  }
  for (const sub of ctx.index.fixture.subscriptions) {
    if (sub.managementGroup.toLowerCase() !== name.toLowerCase()) continue;
    // a subscription delegated from another tenant (Lighthouse) stays in that tenant's hierarchy
    if (
      typeof sub["tenantId"] === "string" &&
      sub["tenantId"].toLowerCase() !== ctx.index.fixture.tenant.id.toLowerCase()
    )
      continue;
    children.push({
      id: subscriptionScope(sub.subscriptionId),
      type: "/subscriptions",
      name: sub.subscriptionId,
      displayName: sub.displayName,
      children: null,
    });
  }
  return children;
}

/**
 * Assessments_List answers without `metadata`: in the spec (Microsoft.Security 2021-06-01,
 * ListAssessments_example.json) only Assessments_Get takes `$expand=metadata`.
 */
function withoutMetadata(a: JsonObject): JsonObject {
  const props = a.properties;
  if (!props || typeof props !== "object" || Array.isArray(props) || !("metadata" in props)) return a;
  const { metadata: _m, ...rest } = props;
  return { ...a, properties: rest };
}

function assessmentMetadata(index: TenantIndex): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const data of Object.values(index.fixture.defender ?? {})) {
    for (const a of data.assessments ?? []) {
      const key = typeof a.name === "string" ? a.name.toLowerCase() : "";
      const props = (a.properties ?? {}) as JsonObject;
      if (!key || byKey.has(key)) continue;
      const meta =
        props.metadata && typeof props.metadata === "object" && !Array.isArray(props.metadata) ? props.metadata : {};
      byKey.set(key, {
        id: `/providers/Microsoft.Security/assessmentMetadata/${key}`,
        name: key,
        type: "Microsoft.Security/assessmentMetadata",
        properties: {
          displayName: typeof props.displayName === "string" ? props.displayName : key,
          assessmentType: "BuiltIn",
          severity: "Medium",
          ...meta,
        },
      });
    }
  }
  return [...byKey.values()].sort((x, y) => (jsonText(x.name) < jsonText(y.name) ? -1 : 1));
}

function resourceTypeFilter(filter: string | undefined): ((type: string) => boolean) | { error: string } {
  if (!filter) return () => true;
  const types: string[] = [];
  for (const clause of filter.split(/\s+or\s+/i)) {
    const [, type] = /^\s*\(?\s*resourceType\s+eq\s+'([^']+)'\s*\)?\s*$/i.exec(clause) ?? [];
    if (type === undefined)
      return {
        error: `The $filter '${filter}' is not supported by the emulator. Supported: resourceType eq '{type}', joined with 'or'.`,
      };
    types.push(type.toLowerCase());
  }
  return (t) => types.includes(t.toLowerCase());
}

export function registerArmRoutes(router: Router, ctx: ArmContext): void {
  const { index } = ctx;
  const tenantId = index.fixture.tenant.id;

  router.add("GET", "/subscriptions", (req) => list(req, ctx, [...index.subscriptions.values()]));
  router.add("GET", "/subscriptions/{id}", (_req, p) => {
    const sub = index.subscriptions.get(param(p, "id").toLowerCase());
    return sub ? json(200, sub) : subNotFound(param(p, "id"));
  });
  router.add("GET", "/tenants", (req) =>
    list(req, ctx, [
      {
        id: `/tenants/${tenantId}`,
        tenantId,
        tenantCategory: "Home",
        displayName: index.fixture.tenant.displayName,
        defaultDomain: index.fixture.tenant.defaultDomain,
        domains: [index.fixture.tenant.defaultDomain],
        tenantType: "AAD",
      },
    ]),
  );

  // ManagementGroups_List (2021-04-01, ListManagementGroups.json): id, type, name and
  // properties { tenantId, displayName } only; the parent is in the GET with $expand (details)
  router.add("GET", "/providers/Microsoft.Management/managementGroups", (req) =>
    list(
      req,
      ctx,
      index.fixture.managementGroups.map((mg) => ({
        id: mg.id,
        type: mg.type,
        name: mg.name,
        properties: { tenantId: mg.properties.tenantId ?? tenantId, displayName: mg.properties.displayName ?? mg.name },
      })),
    ),
  );
  router.add("GET", "/providers/Microsoft.Management/managementGroups/{name}", (req, p) => {
    const mg = index.fixture.managementGroups.find((m) => m.name.toLowerCase() === param(p, "name").toLowerCase());
    if (!mg) return armError(404, "ManagementGroupNotFound", `The management group '${p.name}' could not be found.`);
    const expand = (req.query.get("$expand") ?? "")
      .toLowerCase()
      .split(",")
      .map((s) => s.trim());
    if (!expand.includes("children")) return json(200, mg);
    const recurse = (req.query.get("$recurse") ?? "").toLowerCase() === "true";
    return json(200, { ...mg, properties: { ...mg.properties, children: managementGroupTree(ctx, mg.name, recurse) } });
  });

  router.add("GET", `{*scope}/${RBAC}/roleAssignments`, (req, p) => {
    const checked = checkScope(ctx, param(p, "scope"));
    if (checked.error) return checked.error;
    const f = parseAssignmentFilter(req.query.get("$filter"));
    if ("error" in f) return armError(400, "UnsupportedQuery", f.error);
    return list(
      req,
      ctx,
      assignmentsForScope(index, param(p, "scope"), checked.parsed, f).map((ia) => ia.a),
    );
  });
  router.add("GET", `{*scope}/${RBAC}/roleAssignments/{name}`, (_req, p) => {
    const checked = checkScope(ctx, param(p, "scope"));
    if (checked.error) return checked.error;
    const found = index
      .assignmentsAtScope(scopeKey(param(p, "scope")))
      .find((ia) => ia.a.name.toLowerCase() === param(p, "name").toLowerCase());
    return found
      ? json(200, found.a)
      : armError(404, "RoleAssignmentNotFound", `The role assignment '${p.name}' is not found.`);
  });

  router.add("GET", `{*scope}/${RBAC}/roleDefinitions`, (req, p) => {
    const checked = checkScope(ctx, param(p, "scope"));
    if (checked.error) return checked.error;
    const f = parseRoleDefinitionFilter(req.query.get("$filter"));
    if ("error" in f) return armError(400, "UnsupportedQuery", f.error);
    const scopeNorm = scopeKey(param(p, "scope"));
    const defs = index.fixture.roleDefinitions.filter((d) => f(d) && roleDefinitionVisible(d, index, scopeNorm));
    return list(
      req,
      ctx,
      defs.map((d) => roleDefinitionAt(d, checked.parsed)),
    );
  });
  router.add("GET", `{*scope}/${RBAC}/roleDefinitions/{guid}`, (_req, p) => {
    const checked = checkScope(ctx, param(p, "scope"));
    if (checked.error) return checked.error;
    const def = index.fixture.roleDefinitions.find((d) => d.name.toLowerCase() === param(p, "guid").toLowerCase());
    if (!def)
      return armError(
        404,
        "RoleDefinitionDoesNotExist",
        `The specified role definition with ID '${p.guid}' does not exist.`,
      );
    return json(200, roleDefinitionAt(def, checked.parsed));
  });

  const resourcesIn = (req: ApiRequest, subId: string, rg?: string): ApiResponse => {
    if (!index.tree.hasSub(subId)) return subNotFound(subId);
    const f = resourceTypeFilter(req.query.get("$filter"));
    if (typeof f !== "function") return armError(400, "InvalidFilterInQueryString", f.error);
    let items = (index.resourcesBySub.get(subId.toLowerCase()) ?? []).filter((r) => f(r.type));
    if (rg) {
      const prefix = `${resourceGroupScope(subId, rg)}/`.toLowerCase();
      items = items.filter((r) => r.id.toLowerCase().startsWith(prefix));
    }
    return list(req, ctx, items);
  };
  router.add("GET", "/subscriptions/{id}/resources", (req, p) => resourcesIn(req, param(p, "id")));
  router.add("GET", "/subscriptions/{id}/resourceGroups/{name}/resources", (req, p) =>
    resourcesIn(req, param(p, "id"), p.name),
  );
  router.add("GET", "/subscriptions/{id}/resourceGroups", (req, p) => {
    if (!index.tree.hasSub(param(p, "id"))) return subNotFound(param(p, "id"));
    return list(req, ctx, index.resourceGroupsBySub.get(param(p, "id").toLowerCase()) ?? []);
  });

  const cursors = new QueryCursors();
  router.add("POST", "/providers/Microsoft.ResourceGraph/resources", (req) =>
    runResourceGraphQuery(req, index, ctx.pageSize, ctx.resourceGraphOmits, cursors),
  );

  const defender = (subId: string, key: "pricings" | "assessments" | "secureScores"): JsonObject[] | undefined => {
    const entry = Object.entries(index.fixture.defender ?? {}).find(([k]) => k.toLowerCase() === subId.toLowerCase());
    return entry ? (entry[1][key] ?? []) : [];
  };
  router.add("GET", "/subscriptions/{id}/providers/Microsoft.Security/pricings", (req, p) => {
    if (!index.tree.hasSub(param(p, "id"))) return subNotFound(param(p, "id"));
    if (!index.providerRegistered(param(p, "id"), "Microsoft.Security"))
      return notRegistered(param(p, "id"), "Microsoft.Security");
    // pricings is not a pageable list in the SDK: one answer holds every plan
    return json(200, { value: defender(param(p, "id"), "pricings") ?? [] });
  });
  router.add("GET", "/subscriptions/{id}/providers/Microsoft.Security/secureScores", (req, p) => {
    if (!index.tree.hasSub(param(p, "id"))) return subNotFound(param(p, "id"));
    if (!index.providerRegistered(param(p, "id"), "Microsoft.Security"))
      return notRegistered(param(p, "id"), "Microsoft.Security");
    return list(req, ctx, defender(param(p, "id"), "secureScores") ?? []);
  });
  router.add("GET", "{*scope}/providers/Microsoft.Security/assessments", (req, p) => {
    const checked = checkScope(ctx, param(p, "scope"));
    if (checked.error) return checked.error;
    if (!("subId" in checked.parsed))
      return armError(
        400,
        "InvalidScope",
        "Assessments are listed at a subscription, resource group or resource scope.",
      );
    if (!index.providerRegistered(checked.parsed.subId, "Microsoft.Security"))
      return notRegistered(checked.parsed.subId, "Microsoft.Security");
    const prefix = scopeKey(param(p, "scope"));
    const items = (defender(checked.parsed.subId, "assessments") ?? []).filter(
      (a) => typeof a.id === "string" && (a.id.toLowerCase() + "/").startsWith(prefix + "/"),
    );
    return list(req, ctx, items.map(withoutMetadata));
  });
  // AssessmentsMetadata_List (2021-06-01): the tenant's assessment metadata, one per key; built
  // from the metadata the fixture keeps inline on its assessments.
  router.add("GET", "/providers/Microsoft.Security/assessmentMetadata", (req) =>
    list(req, ctx, assessmentMetadata(index)),
  );
}
