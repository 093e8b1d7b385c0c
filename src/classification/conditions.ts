// Azure ABAC conditions on role assignments, read for one purpose: does a condition on a role that
// can write role assignments (User Access Administrator, Role Based Access Control Administrator,
// Owner) restrict what its holder can grant? That is the "constrained delegation" Microsoft
// documents in "Delegate Azure role assignment management to others with conditions"
// (https://learn.microsoft.com/en-us/azure/role-based-access-control/delegate-role-assignments-overview)
// with the examples of
// https://learn.microsoft.com/en-us/azure/role-based-access-control/delegate-role-assignments-examples:
//
//   ( ( !(ActionMatches{'Microsoft.Authorization/roleAssignments/write'}) )
//     OR ( @Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {…} ) )
//   AND
//   ( ( !(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'}) )
//     OR ( @Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {…} ) )
//
// Only that documented shape is understood. Anything else (another attribute, an OR inside the
// restriction, a condition not about role assignment writes) is "not understood" and judged as if
// the assignment had no condition: a condition azaudit cannot read never lowers a finding.
import { OWNER_ROLE_ID, RBAC_ADMINISTRATOR_ROLE_ID, USER_ACCESS_ADMINISTRATOR_ROLE_ID } from "./azure-roles.ts";

/** The roles whose holders can grant themselves anything: a delegation that may assign one is not constrained. */
export const PRIVILEGED_ADMINISTRATOR_ROLE_IDS: readonly string[] = Object.freeze([
  OWNER_ROLE_ID,
  USER_ACCESS_ADMINISTRATOR_ROLE_ID,
  RBAC_ADMINISTRATOR_ROLE_ID,
]);

const WRITE = "microsoft.authorization/roleassignments/write";
const ATTR_PREFIX = "microsoft.authorization/roleassignments:";

/** What a role-assignment-write restriction allows, as far as its documented attributes say. */
export interface DelegationConstraint {
  /** Role definition GUIDs it may assign (`GuidEquals`); null when roles are not listed. */
  allowedRoleIds: string[] | null;
  /** Role definition GUIDs it may not assign (`GuidNotEquals`); null when none are excluded. */
  excludedRoleIds: string[] | null;
  /** Principal types it may assign to (`User`, `Group`, `ServicePrincipal`); null when any. */
  principalTypes: string[] | null;
  /** Principal object ids it may assign to; null when any. */
  principalIds: string[] | null;
  /** true when it cannot assign Owner, User Access Administrator or Role Based Access Control Administrator. */
  excludesPrivilegedAdministratorRoles: boolean;
}

export type ConditionReading =
  | { kind: "none" }
  /** restricts role assignment writes in the documented way */
  | { kind: "delegation"; constraint: DelegationConstraint }
  /** a condition azaudit does not interpret: judged as unconditioned */
  | { kind: "not-understood" };

/** Reads a role assignment's condition; see the top of this file for what is understood. */
export function readCondition(condition: string | null | undefined): ConditionReading {
  if (condition === null || condition === undefined || condition.trim() === "") return { kind: "none" };
  const text = condition.replace(/\s+/g, " ").trim();
  for (const clause of splitTopLevel(text, "AND")) {
    const [actionPart, restriction, ...rest] = splitTopLevel(unwrap(clause), "OR");
    if (actionPart === undefined || restriction === undefined || rest.length > 0) continue;
    const actions = [...unwrap(actionPart).matchAll(/ActionMatches\{'([^']*)'\}/gi)].map((m) =>
      (m[1] ?? "").toLowerCase(),
    );
    if (!actions.includes(WRITE)) continue;
    if (!/^!\(/.test(unwrap(actionPart))) return { kind: "not-understood" };
    const constraint = readRestriction(unwrap(restriction));
    return constraint ? { kind: "delegation", constraint } : { kind: "not-understood" };
  }
  return { kind: "not-understood" };
}

/** true when the condition keeps its holder from granting the privileged administrator roles. */
export function restrictsPrivilegedGrants(reading: ConditionReading): boolean {
  return reading.kind === "delegation" && reading.constraint.excludesPrivilegedAdministratorRoles;
}

function readRestriction(body: string): DelegationConstraint | undefined {
  const out: DelegationConstraint = {
    allowedRoleIds: null,
    excludedRoleIds: null,
    principalTypes: null,
    principalIds: null,
    excludesPrivilegedAdministratorRoles: false,
  };
  for (const atom of splitTopLevel(body, "AND")) {
    const a = unwrap(atom);
    if (splitTopLevel(a, "OR").length > 1) return undefined;
    const m =
      /^@Request\[([^\]]+)\] ForAny(?:OfAny|OfAll)Values:(GuidEquals|GuidNotEquals|StringEqualsIgnoreCase|StringEquals) \{([^}]*)\}$/i.exec(
        a,
      );
    const [, rawAttr, rawOp, list] = m ?? [];
    if (rawAttr === undefined || rawOp === undefined || list === undefined) return undefined;
    const attr = rawAttr.toLowerCase();
    const op = rawOp.toLowerCase();
    const values = list
      .split(",")
      .map((v) => v.trim().replace(/^'(.*)'$/, "$1"))
      .filter(Boolean);
    if (!attr.startsWith(ATTR_PREFIX)) return undefined;
    const name = attr.slice(ATTR_PREFIX.length);
    const guids = values.map((v) => v.toLowerCase());
    if (name === "roledefinitionid" && op === "guidequals") out.allowedRoleIds = intersect(out.allowedRoleIds, guids);
    else if (name === "roledefinitionid" && op === "guidnotequals")
      out.excludedRoleIds = [...(out.excludedRoleIds ?? []), ...guids];
    else if (name === "principaltype" && op.startsWith("stringequals"))
      out.principalTypes = intersect(out.principalTypes, values);
    else if (name === "principalid" && op === "guidequals") out.principalIds = intersect(out.principalIds, guids);
    else return undefined;
  }
  out.excludesPrivilegedAdministratorRoles = PRIVILEGED_ADMINISTRATOR_ROLE_IDS.every(
    (id) =>
      (out.allowedRoleIds !== null && !out.allowedRoleIds.includes(id)) || (out.excludedRoleIds ?? []).includes(id),
  );
  return out;
}

function intersect(current: string[] | null, next: string[]): string[] {
  return current === null ? next : current.filter((x) => next.some((y) => y.toLowerCase() === x.toLowerCase()));
}

/** Removes parentheses that enclose the whole expression. */
function unwrap(s: string): string {
  let t = s.trim();
  while (t.startsWith("(") && t.endsWith(")") && closingOf(t, 0) === t.length - 1) t = t.slice(1, -1).trim();
  return t;
}

function closingOf(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Splits on ` AND ` / ` OR ` outside parentheses, braces and quotes. */
function splitTopLevel(s: string, op: "AND" | "OR"): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  const token = ` ${op} `;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && (c === "(" || c === "{")) depth++;
    else if (!quoted && (c === ")" || c === "}")) depth--;
    else if (!quoted && depth === 0 && s.slice(i, i + token.length).toUpperCase() === token) {
      parts.push(s.slice(start, i));
      start = i + token.length;
      i += token.length - 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}
