// Loading and validating a tenant fixture. Every refusal names the file, the JSON pointer inside
// it and what was expected, so a broken fixture is fixed in one look.
import { readFile } from "node:fs/promises";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { PATTERN_NAMES, fixtureSchema } from "./fixture-schema.ts";
import { parseScope } from "../arm/resource-id.ts";
import type { TenantFixture } from "./types.ts";

export class FixtureError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
    readonly got?: string,
  ) {
    super(`${file}: ${path || "/"}: expected ${expected}${got !== undefined ? `, got ${got}` : ""}`);
    this.name = "FixtureError";
  }
}

// compiled once per process: compiling costs ~100 ms and the schema never changes
const validateSchema: ValidateFunction = new Ajv({ allErrors: false, strict: false }).compile(fixtureSchema);

function short(v: unknown): string {
  // undefined for undefined and functions, whatever the lib typing says
  const s = JSON.stringify(v) as string | undefined;
  if (s === undefined) return "nothing";
  return s.length > 60 ? s.slice(0, 57) + "..." : s;
}

/** what follows the last "/" (all of it when there is none; empty after a trailing "/") */
function lastPart(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function describe(err: ErrorObject, data: unknown): { path: string; expected: string; got?: string } {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case "required":
      return {
        path: `${err.instancePath}/${String(p.missingProperty)}`,
        expected: `a required property "${String(p.missingProperty)}"`,
        got: "nothing",
      };
    case "pattern":
      return {
        path: err.instancePath,
        expected: PATTERN_NAMES[String(p.pattern)] ?? `a string matching ${String(p.pattern)}`,
        got: short(valueAt(data, err.instancePath)),
      };
    case "type":
      return {
        path: err.instancePath,
        expected: `type ${Array.isArray(p.type) ? p.type.join(" or ") : String(p.type)}`,
        got: short(valueAt(data, err.instancePath)),
      };
    case "const":
      return { path: err.instancePath, expected: short(p.allowedValue), got: short(valueAt(data, err.instancePath)) };
    case "enum":
      return {
        path: err.instancePath,
        expected: `one of ${(p.allowedValues as unknown[]).map(short).join(", ")}`,
        got: short(valueAt(data, err.instancePath)),
      };
    default:
      return {
        path: err.instancePath,
        expected: err.message ?? err.keyword,
        got: short(valueAt(data, err.instancePath)),
      };
  }
}

/** the most specific error: ajv reports anyOf failures after their branches, the branch is more useful */
function pickError(errors: ErrorObject[]): ErrorObject {
  const notAnyOf = errors.filter((e) => e.keyword !== "anyOf");
  const pool = notAnyOf.length ? notAnyOf : errors;
  // for `x: date | null` prefer the non-null branch's complaint
  const best = pool.find((e) => !(e.keyword === "type" && (e.params as { type?: unknown }).type === "null")) ?? pool[0];
  if (!best) throw new Error("fixture schema: validation failed without an error");
  return best;
}

export function validateFixture(data: unknown, file = "<fixture>"): TenantFixture {
  if (!validateSchema(data)) {
    const d = describe(pickError(validateSchema.errors ?? []), data);
    throw new FixtureError(file, d.path, d.expected, d.got);
  }
  const fx = data as TenantFixture;
  crossCheck(fx, file);
  return fx;
}

function crossCheck(fx: TenantFixture, file: string): void {
  const unique = (items: Array<{ key: string; path: string }>, what: string) => {
    const seen = new Map<string, string>();
    for (const { key, path } of items) {
      const k = key.toLowerCase();
      const first = seen.get(k);
      if (first !== undefined)
        throw new FixtureError(file, path, `a unique ${what} (already used at ${first})`, JSON.stringify(key));
      seen.set(k, path);
    }
  };
  unique(
    fx.managementGroups.map((m, i) => ({ key: m.name, path: `/managementGroups/${i}/name` })),
    "management group name",
  );
  unique(
    fx.subscriptions.map((s, i) => ({ key: s.subscriptionId, path: `/subscriptions/${i}/subscriptionId` })),
    "subscription id",
  );
  unique(
    fx.roleDefinitions.map((d, i) => ({ key: d.name, path: `/roleDefinitions/${i}/name` })),
    "role definition id",
  );
  unique(
    fx.roleAssignments.map((a, i) => ({ key: a.name, path: `/roleAssignments/${i}/name` })),
    "role assignment name",
  );
  unique(
    fx.resources.map((r, i) => ({ key: r.id, path: `/resources/${i}/id` })),
    "resource id",
  );
  // applications, service principals, users and groups share the directoryObject id space
  const g = fx.graph;
  unique(
    (["applications", "servicePrincipals", "users", "groups"] as const).flatMap((k) =>
      g[k].map((e, i) => ({ key: e.id, path: `/graph/${k}/${i}/id` })),
    ),
    "directory object id",
  );
  unique(
    g.servicePrincipals.map((s, i) => ({ key: s.appId as string, path: `/graph/servicePrincipals/${i}/appId` })),
    "service principal appId",
  );
  unique(
    g.applications.map((s, i) => ({ key: s.appId as string, path: `/graph/applications/${i}/appId` })),
    "application appId",
  );
  unique(
    g.oauth2PermissionGrants.map((s, i) => ({ key: s.id, path: `/graph/oauth2PermissionGrants/${i}/id` })),
    "oauth2PermissionGrant id",
  );
  unique(
    g.directoryRoleAssignments.map((s, i) => ({ key: s.id, path: `/graph/directoryRoleAssignments/${i}/id` })),
    "directory role assignment id",
  );

  const mgNames = new Set(fx.managementGroups.map((m) => m.name.toLowerCase()));
  fx.managementGroups.forEach((m, i) => {
    if (lastPart(m.id).toLowerCase() !== m.name.toLowerCase()) {
      throw new FixtureError(
        file,
        `/managementGroups/${i}/id`,
        `an id ending in the name "${m.name}"`,
        JSON.stringify(m.id),
      );
    }
    const parent = m.properties.details?.parent?.id;
    if (typeof parent === "string" && !mgNames.has(lastPart(parent).toLowerCase())) {
      throw new FixtureError(
        file,
        `/managementGroups/${i}/properties/details/parent/id`,
        "a management group defined in managementGroups",
        JSON.stringify(parent),
      );
    }
  });
  const subIds = new Set(fx.subscriptions.map((s) => s.subscriptionId.toLowerCase()));
  fx.subscriptions.forEach((s, i) => {
    if (s.id.toLowerCase() !== `/subscriptions/${s.subscriptionId}`.toLowerCase()) {
      throw new FixtureError(
        file,
        `/subscriptions/${i}/id`,
        `"/subscriptions/${s.subscriptionId}"`,
        JSON.stringify(s.id),
      );
    }
    if (!mgNames.has(s.managementGroup.toLowerCase())) {
      throw new FixtureError(
        file,
        `/subscriptions/${i}/managementGroup`,
        "the name of a management group defined in managementGroups",
        JSON.stringify(s.managementGroup),
      );
    }
  });
  const checkScope = (scope: string, path: string) => {
    const p = parseScope(scope);
    if (!p)
      throw new FixtureError(
        file,
        path,
        `a scope: "/", a management group id, a subscription, resource group or resource id`,
        JSON.stringify(scope),
      );
    if (p.kind === "mg" && !mgNames.has(p.name.toLowerCase()))
      throw new FixtureError(file, path, "a management group defined in managementGroups", JSON.stringify(scope));
    if ("subId" in p && !subIds.has(p.subId))
      throw new FixtureError(file, path, "a subscription defined in subscriptions", JSON.stringify(scope));
  };
  const roleDefIds = new Set(fx.roleDefinitions.map((d) => d.name.toLowerCase()));
  fx.roleDefinitions.forEach((d, i) => {
    d.properties.assignableScopes.forEach((s, j) => {
      checkScope(s, `/roleDefinitions/${i}/properties/assignableScopes/${j}`);
    });
  });
  fx.roleAssignments.forEach((a, i) => {
    checkScope(a.properties.scope, `/roleAssignments/${i}/properties/scope`);
    const guid = lastPart(a.properties.roleDefinitionId).toLowerCase();
    if (!roleDefIds.has(guid))
      throw new FixtureError(
        file,
        `/roleAssignments/${i}/properties/roleDefinitionId`,
        "a role definition defined in roleDefinitions",
        JSON.stringify(a.properties.roleDefinitionId),
      );
  });
  fx.resources.forEach((r, i) => {
    checkScope(r.id, `/resources/${i}/id`);
  });
  for (const key of Object.keys(fx.defender ?? {})) {
    if (!subIds.has(key.toLowerCase()))
      throw new FixtureError(
        file,
        `/defender/${key}`,
        "a key that is the id of a subscription defined in subscriptions",
        JSON.stringify(key),
      );
  }
}

export async function loadFixture(file: string): Promise<TenantFixture> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new FixtureError(file, "", "a readable tenant fixture file", (e as NodeJS.ErrnoException).code ?? String(e));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FixtureError(file, "", "valid JSON", (e as Error).message);
  }
  return validateFixture(data, file);
}
