// Typed, lazily loaded access to the reference data copied into this folder (see README.md).
// Each file is read and parsed once, on first use, then frozen: callers share one immutable copy.
import { readFileSync } from "node:fs";
import type { RolePermission } from "../inventory/types.ts";

export interface GraphAppRoleRef {
  /** App role id (GUID, lower case). */
  readonly id: string;
  /** Permission value, e.g. `RoleManagement.ReadWrite.Directory`. */
  readonly value: string;
  readonly displayName: string;
}

/** A built-in role's permission block; `condition` is set on the few built-ins Microsoft constrains with ABAC. */
export interface BuiltinRolePermission extends RolePermission {
  readonly condition?: string;
  readonly conditionVersion?: string;
}

export interface AzureBuiltinRoleRef {
  /** Role definition GUID (lower case). */
  readonly id: string;
  readonly roleName: string;
  readonly permissions: readonly BuiltinRolePermission[];
}

export interface EntraDirectoryRoleRef {
  readonly templateId: string;
  readonly displayName: string;
  /** Microsoft's "privileged" badge in the docs; null when the role is not in the docs snapshot. */
  readonly isPrivileged: boolean | null;
}

export interface ComplianceFacts {
  /** CIS Microsoft Azure Foundations Benchmark: version -> control id -> title. */
  readonly cis: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Azure Policy built-in definitions: GUID -> display name. */
  readonly azurePolicy: Readonly<Record<string, string>>;
  /** Microsoft cloud security benchmark v1: control id -> title. */
  readonly mcsb: Readonly<Record<string, string>>;
  readonly sources: readonly unknown[];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

function lazyJson(file: string): () => unknown {
  let cached: unknown;
  return () => {
    if (cached === undefined) {
      cached = deepFreeze(JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), "utf8")) as unknown);
    }
    return cached;
  };
}

/** The 700-odd Microsoft Graph application permissions (appRoles of the Graph service principal). */
export const graphAppRoles: () => readonly GraphAppRoleRef[] = lazyJson(
  "graph-app-roles.json",
) as () => readonly GraphAppRoleRef[];
/** Azure built-in role definitions as dumped at subscription scope. */
export const azureBuiltinRoles: () => readonly AzureBuiltinRoleRef[] = lazyJson(
  "azure-builtin-roles.json",
) as () => readonly AzureBuiltinRoleRef[];
/** Entra built-in directory roles with Microsoft's privileged flag. */
export const entraDirectoryRoles: () => readonly EntraDirectoryRoleRef[] = lazyJson(
  "entra-directory-roles.json",
) as () => readonly EntraDirectoryRoleRef[];
/** Ids and titles of CIS, Azure Policy and MCSB controls, for checking the compliance references rules claim. */
export const complianceFacts: () => ComplianceFacts = lazyJson("compliance-facts.json") as () => ComplianceFacts;

/** A built-in role with the fields ARM's role definition envelope carries (the emulator's wire samples). */
export interface WireBuiltinRole {
  readonly id: string;
  readonly roleName: string;
  readonly description: string;
  readonly roleType: string;
  readonly assignableScopes: readonly string[];
  readonly permissions: readonly BuiltinRolePermission[];
  readonly createdOn: string;
  readonly updatedOn: string;
}

export interface WireGraphAppRole extends GraphAppRoleRef {
  readonly description: string;
  readonly isEnabled: boolean;
}

/** The built-in roles named in well-known.ts, whole (wire-builtin-roles.json). */
export const wireBuiltinRoles: () => readonly WireBuiltinRole[] = lazyJson(
  "wire-builtin-roles.json",
) as () => readonly WireBuiltinRole[];
/** The Graph app roles named in well-known.ts, whole (wire-graph-app-roles.json). */
export const wireGraphAppRoles: () => readonly WireGraphAppRole[] = lazyJson(
  "wire-graph-app-roles.json",
) as () => readonly WireGraphAppRole[];

function lazyIndex<T>(list: () => readonly T[], key: keyof T): () => ReadonlyMap<string, T> {
  let cached: ReadonlyMap<string, T> | undefined;
  return () => {
    if (cached === undefined) {
      const m = new Map<string, T>();
      for (const e of list()) m.set(String(e[key]).toLowerCase(), e);
      cached = m;
    }
    return cached;
  };
}

const graphById = lazyIndex(graphAppRoles, "id");
const builtinById = lazyIndex(azureBuiltinRoles, "id");
const entraById = lazyIndex(entraDirectoryRoles, "templateId");

/** A Graph application permission by app role id (case-insensitive). */
export function graphAppRoleById(id: string): GraphAppRoleRef | undefined {
  return graphById().get(id.toLowerCase());
}

/** A built-in Azure role by role definition GUID (case-insensitive). */
export function azureBuiltinRoleById(guid: string): AzureBuiltinRoleRef | undefined {
  return builtinById().get(guid.toLowerCase());
}

/** An Entra directory role by template id (case-insensitive). */
export function entraDirectoryRoleById(templateId: string): EntraDirectoryRoleRef | undefined {
  return entraById().get(templateId.toLowerCase());
}
