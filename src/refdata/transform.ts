// Pure transformations from the upstream reference files (their sources are listed in README.md here)
// to the trimmed copies committed in src/refdata/. Same input text -> byte-identical output:
// no locale-dependent sorting, no timestamps, fixed indentation, trailing newline.
//
// scripts/refresh-refdata.ts writes what these functions return; refdata.test.ts asserts the
// committed files equal it.
import { BUILTIN_ROLE, GRAPH_APP_ROLE } from "./well-known.ts";

export interface RefdataOutput {
  /** File name inside src/refdata/. */
  file: string;
  /** File name inside the upstream folder given to scripts/refresh-refdata.ts. */
  source: string;
  transform: (sourceText: string) => string;
}

/** Ordinal, locale-independent comparison, case-insensitive first and case-sensitive to break ties. */
export function compareKeys(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  if (a !== b) return a < b ? -1 : 1;
  return 0;
}

function serialize(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

function fail(file: string, msg: string): never {
  throw new Error(`refdata ${file}: ${msg}`);
}

function asArray(file: string, text: string): Record<string, unknown>[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) fail(file, "expected a JSON array");
  return parsed.map((e, i) => {
    if (e === null || typeof e !== "object" || Array.isArray(e)) fail(file, `entry ${i} is not an object`);
    return e as Record<string, unknown>;
  });
}

function str(file: string, e: Record<string, unknown>, key: string, i: number): string {
  const v = e[key];
  if (typeof v !== "string" || v.length === 0) fail(file, `entry ${i}: "${key}" must be a non-empty string`);
  return v;
}

function strArray(file: string, v: unknown, where: string): string[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) fail(file, `${where} must be an array of strings`);
  return [...(v as string[])];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function guid(file: string, e: Record<string, unknown>, key: string, i: number): string {
  const v = str(file, e, key, i).toLowerCase();
  if (!GUID.test(v)) fail(file, `entry ${i}: "${key}" is not a GUID: ${v}`);
  return v;
}

function assertUnique(file: string, values: string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) fail(file, `duplicate ${what} ${v}`);
    seen.add(v);
  }
}

/** graph-app-roles.json: id, value, displayName; sorted by value. */
export function transformGraphAppRoles(text: string): string {
  const file = "graph-app-roles.json";
  const out = asArray(file, text).map((e, i) => ({
    id: guid(file, e, "id", i),
    value: str(file, e, "value", i),
    displayName: str(file, e, "displayName", i),
  }));
  assertUnique(
    file,
    out.map((e) => e.id),
    "id",
  );
  assertUnique(
    file,
    out.map((e) => e.value),
    "value",
  );
  out.sort((a, b) => compareKeys(a.value, b.value) || compareKeys(a.id, b.id));
  return serialize(out);
}

/**
 * azure-builtin-roles.json: id (GUID), roleName, permissions (actions/notActions/dataActions/
 * notDataActions, plus condition/conditionVersion where the source has them: 29 built-ins
 * constrain `roleAssignments/write` with an ABAC condition, and classification must know).
 * Sorted by roleName.
 */
export function transformAzureBuiltinRoles(text: string): string {
  const file = "azure-builtin-roles.json";
  const out = asArray(file, text).map((e, i) => {
    const perms = e["permissions"];
    if (!Array.isArray(perms)) fail(file, `entry ${i}: "permissions" must be an array`);
    return {
      id: guid(file, e, "id", i),
      roleName: str(file, e, "roleName", i),
      permissions: perms.map((p: Record<string, unknown>, j: number) => {
        const where = `entry ${i} permissions[${j}]`;
        const block: {
          actions: string[];
          notActions: string[];
          dataActions: string[];
          notDataActions: string[];
          condition?: string;
          conditionVersion?: string;
        } = {
          actions: strArray(file, p["actions"], `${where}.actions`),
          notActions: strArray(file, p["notActions"], `${where}.notActions`),
          dataActions: strArray(file, p["dataActions"], `${where}.dataActions`),
          notDataActions: strArray(file, p["notDataActions"], `${where}.notDataActions`),
        };
        if (typeof p["condition"] === "string" && p["condition"].length > 0) {
          block.condition = p["condition"];
          if (typeof p["conditionVersion"] === "string") block.conditionVersion = p["conditionVersion"];
        }
        return block;
      }),
    };
  });
  assertUnique(
    file,
    out.map((e) => e.id),
    "id",
  );
  out.sort((a, b) => compareKeys(a.roleName, b.roleName) || compareKeys(a.id, b.id));
  return serialize(out);
}

/** entra-directory-roles.json: templateId, displayName, isPrivileged (null = not in the docs snapshot). */
export function transformEntraDirectoryRoles(text: string): string {
  const file = "entra-directory-roles.json";
  const out = asArray(file, text).map((e, i) => {
    const p = e["isPrivileged"];
    if (p !== true && p !== false && p !== null) fail(file, `entry ${i}: "isPrivileged" must be true, false or null`);
    return { templateId: guid(file, e, "templateId", i), displayName: str(file, e, "displayName", i), isPrivileged: p };
  });
  assertUnique(
    file,
    out.map((e) => e.templateId),
    "templateId",
  );
  out.sort((a, b) => compareKeys(a.displayName, b.displayName) || compareKeys(a.templateId, b.templateId));
  return serialize(out);
}

/** compliance-facts.json: a byte-for-byte copy, after checking its shape (ids and titles only). */
export function transformComplianceFacts(text: string): string {
  const file = "compliance-facts.json";
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) fail(file, "expected an object");
  const o = parsed as Record<string, unknown>;
  for (const key of ["cis", "azurePolicy", "mcsb", "sources"]) {
    if (!(key in o)) fail(file, `missing "${key}"`);
  }
  const isStringMap = (v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string");
  const cis = o["cis"] as Record<string, unknown>;
  for (const [version, controls] of Object.entries(cis)) {
    if (!isStringMap(controls)) fail(file, `cis.${version} must map control ids to titles`);
  }
  if (!isStringMap(o["azurePolicy"])) fail(file, "azurePolicy must map GUIDs to display names");
  if (!isStringMap(o["mcsb"])) fail(file, "mcsb must map ids to titles");
  return text;
}

/**
 * wire-builtin-roles.json: the built-in roles named in well-known.ts with every field the ARM
 * role definition envelope needs (description, scopes, dates), for the emulator's fixtures.
 * Sorted by roleName.
 */
export function transformWireBuiltinRoles(text: string): string {
  const file = "azure-builtin-roles.json";
  const wanted = new Set<string>(Object.values(BUILTIN_ROLE));
  const out = asArray(file, text)
    .filter((e) => typeof e["id"] === "string" && wanted.has(e["id"].toLowerCase()))
    .map((e, i) => ({
      id: guid(file, e, "id", i),
      roleName: str(file, e, "roleName", i),
      description: str(file, e, "description", i),
      roleType: str(file, e, "roleType", i),
      assignableScopes: strArray(file, e["assignableScopes"], `entry ${i}.assignableScopes`),
      permissions: e["permissions"],
      createdOn: str(file, e, "createdOn", i),
      updatedOn: str(file, e, "updatedOn", i),
    }));
  if (out.length !== wanted.size) fail(file, `${wanted.size - out.length} role(s) of well-known.ts missing`);
  out.sort((a, b) => compareKeys(a.roleName, b.roleName) || compareKeys(a.id, b.id));
  return serialize(out);
}

/** wire-graph-app-roles.json: the Graph app roles named in well-known.ts, with description and isEnabled. */
export function transformWireGraphAppRoles(text: string): string {
  const file = "graph-app-roles.json";
  const wanted = new Set<string>(Object.values(GRAPH_APP_ROLE));
  const out = asArray(file, text)
    .filter((e) => typeof e["id"] === "string" && wanted.has(e["id"].toLowerCase()))
    .map((e, i) => {
      if (typeof e["isEnabled"] !== "boolean") fail(file, `entry ${i}: "isEnabled" must be a boolean`);
      return {
        id: guid(file, e, "id", i),
        value: str(file, e, "value", i),
        displayName: str(file, e, "displayName", i),
        description: str(file, e, "description", i),
        isEnabled: e["isEnabled"],
      };
    });
  if (out.length !== wanted.size) fail(file, `${wanted.size - out.length} app role(s) of well-known.ts missing`);
  out.sort((a, b) => compareKeys(a.value, b.value) || compareKeys(a.id, b.id));
  return serialize(out);
}

/** Every file copied into src/refdata/, in a fixed order. The GPL tier files are deliberately absent. */
export const REFDATA_OUTPUTS: readonly RefdataOutput[] = Object.freeze([
  { file: "graph-app-roles.json", source: "graph-app-roles.json", transform: transformGraphAppRoles },
  { file: "azure-builtin-roles.json", source: "azure-builtin-roles.json", transform: transformAzureBuiltinRoles },
  { file: "entra-directory-roles.json", source: "entra-directory-roles.json", transform: transformEntraDirectoryRoles },
  { file: "compliance-facts.json", source: "compliance-facts.json", transform: transformComplianceFacts },
  { file: "wire-builtin-roles.json", source: "azure-builtin-roles.json", transform: transformWireBuiltinRoles },
  { file: "wire-graph-app-roles.json", source: "graph-app-roles.json", transform: transformWireGraphAppRoles },
]);

/**
 * Reads each source through `readSource` (so tests and the script share this) and returns
 * file name -> output text, in REFDATA_OUTPUTS order.
 */
export function renderRefdata(readSource: (sourceFile: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of REFDATA_OUTPUTS) out.set(o.file, o.transform(readSource(o.source)));
  return out;
}
