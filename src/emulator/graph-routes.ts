// Microsoft Graph v1.0 routes served from the fixture. Entities go out exactly as stored, minus
// the inline sub-collections the fixture keeps on their parents (served at their sub-paths).
import { graphError } from "./errors.ts";
import { graphPage, graphPageSize, paginate } from "./paging.ts";
import { isJsonRecord, jsonText } from "./json-narrow.ts";
import { json, param, type ApiRequest, type ApiResponse, type Router } from "./router.ts";
import { ODATA_TYPES, type DirectoryKind, type TenantIndex } from "./tenant-index.ts";
import type { GraphEntity, Json, JsonObject } from "./types.ts";

export interface GraphContext {
  index: TenantIndex;
  pageSize?: number;
}

const V = "/v1.0";
const CONTEXT_BASE = "https://graph.microsoft.com/v1.0/$metadata#";

function notFound(id: string): ApiResponse {
  return graphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

function unsupported(msg: string): ApiResponse {
  return graphError(400, "Request_UnsupportedQuery", msg);
}

function valueOf(e: JsonObject, prop: string): Json | undefined {
  let cur: Json | undefined = e;
  for (const key of prop.split("/")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

type Pred = (e: JsonObject) => boolean;

/** OData $filter subset: `prop eq 'v'|true|false|null`, `ne`, `startswith(prop,'v')`, joined by and/or */
export function parseODataFilter(filter: string): Pred | string {
  const orParts = filter.split(/\s+or\s+/i);
  const alts: Pred[][] = [];
  for (const part of orParts) {
    const preds: Pred[] = [];
    for (const raw of part.split(/\s+and\s+/i)) {
      const c = raw
        .trim()
        .replace(/^\((.*)\)$/, "$1")
        .trim();
      const [, prop, op, str, lit, num] =
        /^([A-Za-z][\w/]*)\s+(eq|ne)\s+(?:'((?:[^']|'')*)'|(true|false|null)|(-?\d+))$/i.exec(c) ?? [];
      const [, prefixProp, prefix] = /^startswith\(\s*([A-Za-z][\w/]*)\s*,\s*'((?:[^']|'')*)'\s*\)$/i.exec(c) ?? [];
      if (prop !== undefined && op !== undefined) {
        const want: Json =
          str !== undefined
            ? str.replace(/''/g, "'")
            : lit !== undefined
              ? lit === "null"
                ? null
                : lit === "true"
              : Number(num);
        const eq = (e: JsonObject) => {
          const v = valueOf(e, prop);
          if (typeof v === "string" && typeof want === "string") return v.toLowerCase() === want.toLowerCase();
          return (v ?? null) === want;
        };
        preds.push(op.toLowerCase() === "eq" ? eq : (e) => !eq(e));
      } else if (prefixProp !== undefined && prefix !== undefined) {
        preds.push((e) => {
          const v = valueOf(e, prefixProp);
          return typeof v === "string" && v.toLowerCase().startsWith(prefix.replace(/''/g, "'").toLowerCase());
        });
      } else {
        return `Unsupported $filter clause '${c}'. The emulator supports: prop eq 'value' (also ne, true/false/null, numbers), startswith(prop,'value'), joined with and/or.`;
      }
    }
    alts.push(preds);
  }
  return (e) => alts.some((all) => all.every((p) => p(e)));
}

function select(req: ApiRequest, e: JsonObject): JsonObject {
  const sel = req.query.get("$select");
  if (!sel) return e;
  const keys = new Set(
    sel
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  keys.add("id");
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(e)) if (keys.has(k) || k.startsWith("@odata.")) out[k] = v;
  return out;
}

export function listOf(
  req: ApiRequest,
  ctx: GraphContext,
  context: string,
  all: JsonObject[],
  opts: { filterable?: boolean } = {},
): ApiResponse {
  let items = all;
  const filter = req.query.get("$filter");
  if (filter !== undefined && filter.trim() !== "") {
    if (opts.filterable === false) return unsupported(`$filter is not supported on this collection by the emulator.`);
    const pred = parseODataFilter(filter);
    if (typeof pred === "string") return unsupported(pred);
    items = items.filter(pred);
  }
  const size = graphPageSize(req, ctx.pageSize);
  if (size === "bad")
    return graphError(
      400,
      "Request_BadRequest",
      `Invalid value for $top: '${req.query.get("$top")}'. It must be an integer between 1 and 999.`,
    );
  const page = paginate(req, items, size);
  if (!page)
    return graphError(
      400,
      "Request_BadRequest",
      "The $skiptoken is not valid. Follow the @odata.nextLink of a previous response.",
    );
  return json(
    200,
    graphPage(CONTEXT_BASE + context, { items: page.items.map((e) => select(req, e)), next: page.next }),
  );
}

function withType(kind: DirectoryKind, e: GraphEntity): GraphEntity {
  return { "@odata.type": ODATA_TYPES[kind], ...e };
}

export function registerGraphRoutes(router: Router, ctx: GraphContext): void {
  const { index } = ctx;
  const t = index.fixture.tenant;

  const byId = (kind: DirectoryKind, id: string) => {
    const d = index.directoryById.get(id.toLowerCase());
    return d && d.kind === kind ? d : undefined;
  };
  const getOne =
    (kind: DirectoryKind, context: string) =>
    (req: ApiRequest, p: Record<string, string>): ApiResponse => {
      const d = byId(kind, param(p, "id"));
      if (!d) return notFound(param(p, "id"));
      return json(200, { "@odata.context": `${CONTEXT_BASE}${context}/$entity`, ...select(req, d.served) });
    };
  const directoryObjects = (ids: unknown): GraphEntity[] => {
    if (!Array.isArray(ids)) return [];
    const out: GraphEntity[] = [];
    for (const id of ids) {
      if (typeof id !== "string") continue;
      const d = index.directoryById.get(id.toLowerCase());
      if (d) out.push(withType(d.kind, d.served));
    }
    return out;
  };

  // Beta only in Graph (served under /v1.0 too, as every /beta path is here).
  router.add("GET", `${V}/reports/appCredentialSignInActivities`, (req) => {
    const reports = index.fixture.reports;
    if (!reports?.premiumLicence)
      return graphError(
        403,
        "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
        "Neither tenant is B2C or tenant doesn't have premium license",
      );
    return listOf(req, ctx, "reports/appCredentialSignInActivities", reports.appCredentialSignInActivities ?? []);
  });

  router.add("GET", `${V}/organization`, (req) =>
    listOf(req, ctx, "organization", [
      {
        id: t.id,
        displayName: t.displayName,
        tenantType: "AAD",
        verifiedDomains: [
          {
            name: t.defaultDomain,
            type: "Managed",
            isDefault: true,
            isInitial: t.defaultDomain.endsWith(".onmicrosoft.com"),
            capabilities: "Email, OfficeCommunicationsOnline",
          },
        ],
      },
    ]),
  );

  router.add("GET", `${V}/applications`, (req) => listOf(req, ctx, "applications", index.graph.application));
  router.add("GET", `${V}/applications/{id}`, getOne("application", "applications"));
  router.add("GET", `${V}/applications/{id}/federatedIdentityCredentials`, (req, p) => {
    const d = byId("application", param(p, "id"));
    if (!d) return notFound(param(p, "id"));
    const creds = Array.isArray(d.raw.federatedIdentityCredentials)
      ? (d.raw.federatedIdentityCredentials as JsonObject[])
      : [];
    return listOf(req, ctx, `applications('${p.id}')/federatedIdentityCredentials`, creds);
  });
  const owners =
    (kind: DirectoryKind) =>
    (req: ApiRequest, p: Record<string, string>): ApiResponse => {
      const d = byId(kind, param(p, "id"));
      if (!d) return notFound(param(p, "id"));
      return listOf(req, ctx, "directoryObjects", directoryObjects(d.raw.owners));
    };
  router.add("GET", `${V}/applications/{id}/owners`, owners("application"));

  router.add("GET", `${V}/servicePrincipals`, (req) =>
    listOf(req, ctx, "servicePrincipals", index.graph.servicePrincipal),
  );
  router.add("GET", `${V}/servicePrincipals/{id}`, getOne("servicePrincipal", "servicePrincipals"));
  router.add("GET", `${V}/servicePrincipals/{id}/owners`, owners("servicePrincipal"));
  router.add("GET", `${V}/servicePrincipals/{id}/appRoleAssignments`, (req, p) => {
    const d = byId("servicePrincipal", param(p, "id"));
    if (!d) return notFound(param(p, "id"));
    const grants = Array.isArray(d.raw.appRoleAssignments) ? (d.raw.appRoleAssignments as JsonObject[]) : [];
    return listOf(req, ctx, `servicePrincipals('${p.id}')/appRoleAssignments`, grants);
  });
  router.add("GET", `${V}/servicePrincipals/{id}/appRoleAssignedTo`, (req, p) => {
    const d = byId("servicePrincipal", param(p, "id"));
    if (!d) return notFound(param(p, "id"));
    const id = param(p, "id").toLowerCase();
    const grants = index.appRoleAssignments.filter(
      (a) => typeof a.resourceId === "string" && a.resourceId.toLowerCase() === id,
    );
    return listOf(req, ctx, `servicePrincipals('${p.id}')/appRoleAssignedTo`, grants);
  });

  router.add("GET", `${V}/users`, (req) => listOf(req, ctx, "users", index.graph.user));
  router.add("GET", `${V}/users/{id}`, getOne("user", "users"));
  router.add("GET", `${V}/groups`, (req) => listOf(req, ctx, "groups", index.graph.group));
  router.add("GET", `${V}/groups/{id}`, getOne("group", "groups"));
  router.add("GET", `${V}/groups/{id}/members`, (req, p) => {
    const d = byId("group", param(p, "id"));
    if (!d) return notFound(param(p, "id"));
    return listOf(req, ctx, "directoryObjects", directoryObjects(d.raw.members));
  });
  router.add("GET", `${V}/oauth2PermissionGrants`, (req) =>
    listOf(req, ctx, "oauth2PermissionGrants", index.fixture.graph.oauth2PermissionGrants),
  );

  router.add("GET", `${V}/directoryObjects/{id}`, (req, p) => {
    const d = index.directoryById.get(param(p, "id").toLowerCase());
    if (!d) return notFound(param(p, "id"));
    return json(200, {
      "@odata.context": `${CONTEXT_BASE}directoryObjects/$entity`,
      ...select(req, withType(d.kind, d.served)),
    });
  });
  router.add("POST", `${V}/directoryObjects/getByIds`, (req) => {
    let body: unknown;
    try {
      body = JSON.parse(req.body || "{}");
    } catch {
      return graphError(400, "Request_BadRequest", "The request body is not valid JSON.");
    }
    const { ids, types }: Record<string, unknown> = isJsonRecord(body) ? body : {};
    if (!Array.isArray(ids)) return graphError(400, "Request_BadRequest", "The request body must have an `ids` array.");
    if (ids.length > 1000) return graphError(400, "Request_BadRequest", "getByIds accepts at most 1000 ids.");
    const wanted =
      Array.isArray(types) && types.length ? new Set(types.map((x) => jsonText(x).toLowerCase())) : undefined;
    const found = directoryObjects(ids).filter(
      (o) => !wanted || wanted.has(jsonText(o["@odata.type"]).replace("#microsoft.graph.", "").toLowerCase()),
    );
    return json(200, { "@odata.context": `${CONTEXT_BASE}directoryObjects`, value: found });
  });

  router.add("GET", `${V}/roleManagement/directory/roleAssignments`, (req) =>
    listOf(req, ctx, "roleManagement/directory/roleAssignments", index.fixture.graph.directoryRoleAssignments),
  );
  const roleDefinitions = (): JsonObject[] => {
    // the fixture may omit definitions: synthesise one for every id an assignment references
    const defs = new Map<string, JsonObject>();
    for (const d of index.fixture.graph.directoryRoleDefinitions ?? []) defs.set(d.id.toLowerCase(), d);
    for (const a of index.fixture.graph.directoryRoleAssignments) {
      const id = typeof a.roleDefinitionId === "string" ? a.roleDefinitionId : undefined;
      if (id && !defs.has(id.toLowerCase())) {
        defs.set(id.toLowerCase(), {
          id,
          templateId: id,
          displayName: `Directory role ${id}`,
          isBuiltIn: true,
          isEnabled: true,
          description: "",
          rolePermissions: [],
        });
      }
    }
    return [...defs.values()];
  };
  router.add("GET", `${V}/roleManagement/directory/roleDefinitions`, (req) =>
    listOf(req, ctx, "roleManagement/directory/roleDefinitions", roleDefinitions()),
  );
  router.add("GET", `${V}/roleManagement/directory/roleDefinitions/{id}`, (req, p) => {
    const d = roleDefinitions().find((x) => jsonText(x.id).toLowerCase() === param(p, "id").toLowerCase());
    return d ? json(200, select(req, d)) : notFound(param(p, "id"));
  });
}
