// Azure Resource Graph, for the handful of KQL shapes a scanner sends. Anything outside the
// subset is refused with a 400 naming what is supported, rather than answered wrongly.
import { armError } from "./errors.ts";
import { decodeSkipToken, encodeSkipToken } from "./paging.ts";
import { json, type ApiRequest, type ApiResponse } from "./router.ts";
import { parseScope } from "../arm/resource-id.ts";
import { isJsonRecord, jsonText } from "./json-narrow.ts";
import type { TenantIndex } from "./tenant-index.ts";
import type { Json, JsonObject } from "./types.ts";

const DEFAULT_TOP = 100;
const MAX_TOP = 1000;

type Cond = {
  col: string;
  op: "=~" | "==" | "!=" | "!~" | "in~" | "in" | "!in~" | "!in" | "isnotempty" | "isnotnull" | "isempty" | "isnull";
  values: string[];
};
type Stage =
  | { kind: "where"; anyOf: Cond[][] }
  | { kind: "project"; cols: string[] }
  | { kind: "order"; col: string; desc: boolean }
  | { kind: "limit"; n: number };

export class KqlError extends Error {}

const SUPPORTED =
  "Supported: `Resources | where <col> =~ 'v' | where <col> in~ ('a','b') (also ==, !=, in, !in~, isnotempty(col), isnotnull(col); and/or, no parentheses) | project a, b | order by col [asc|desc] | limit N`.";

/** a capture group the pattern always fills when it matches */
function captured(m: RegExpExecArray, i: number): string {
  const v = m[i];
  if (v === undefined) throw new Error(`KQL parser: group ${i} of ${m[0]} is empty`);
  return v;
}

function splitTopLevel(text: string, sep: string): string[] {
  // splits on `sep` outside quotes and parentheses
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote) {
      cur += ch;
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
      continue;
    }
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (depth === 0 && text.startsWith(sep, i)) {
      out.push(cur);
      cur = "";
      i += sep.length - 1;
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function parseStrings(list: string): string[] {
  return splitTopLevel(list, ",").map((s) => {
    const m = /^(['"])(.*)\1$/.exec(s);
    if (!m) throw new KqlError(`expected a quoted string, got ${s}`);
    return captured(m, 2);
  });
}

function parseCond(text: string): Cond {
  let m: RegExpExecArray | null;
  if ((m = /^(isnotempty|isnotnull|isempty|isnull)\(\s*([A-Za-z_][\w.]*)\s*\)$/i.exec(text))) {
    return { col: captured(m, 2), op: captured(m, 1).toLowerCase() as Cond["op"], values: [] };
  }
  if ((m = /^([A-Za-z_][\w.]*)\s*(!in~|!in|in~|in)\s*\((.*)\)$/i.exec(text))) {
    return {
      col: captured(m, 1),
      op: captured(m, 2).toLowerCase() as Cond["op"],
      values: parseStrings(captured(m, 3)),
    };
  }
  if ((m = /^([A-Za-z_][\w.]*)\s*(=~|==|!=|!~)\s*(['"])(.*)\3$/.exec(text))) {
    return { col: captured(m, 1), op: captured(m, 2) as Cond["op"], values: [captured(m, 4)] };
  }
  throw new KqlError(`unsupported condition: ${text}`);
}

export type Table = "resources" | "resourcecontainers";

export function parseKql(query: string): Stage[] {
  return parseKqlQuery(query).stages;
}

/** The table (Resources, or ResourceContainers: subscriptions and resource groups) and the stages. */
export function parseKqlQuery(query: string): { table: Table; stages: Stage[] } {
  const [table = "", ...parts] = splitTopLevel(query.replace(/\s+/g, " ").trim(), "|");
  if (!/^(resources|resourcecontainers)$/i.test(table))
    throw new KqlError(`only the Resources and ResourceContainers tables are supported, got "${table}"`);
  return { table: table.toLowerCase() as Table, stages: parseStages(parts) };
}

function parseStages(parts: string[]): Stage[] {
  return parts.map((p): Stage => {
    let m: RegExpExecArray | null;
    if ((m = /^where (.+)$/i.exec(p))) {
      return {
        kind: "where",
        anyOf: splitTopLevel(captured(m, 1), " or ").map((alt) => splitTopLevel(alt, " and ").map(parseCond)),
      };
    }
    if ((m = /^project (.+)$/i.exec(p))) {
      const cols = splitTopLevel(captured(m, 1), ",");
      for (const c of cols)
        if (!/^[A-Za-z_]\w*$/.test(c)) throw new KqlError(`only plain column names can be projected, got "${c}"`);
      return { kind: "project", cols };
    }
    if ((m = /^(?:order|sort) by ([A-Za-z_]\w*)(?: (asc|desc))?$/i.exec(p)))
      return { kind: "order", col: captured(m, 1), desc: m[2]?.toLowerCase() === "desc" };
    if ((m = /^(?:limit|take) (\d+)$/i.exec(p))) return { kind: "limit", n: Number(m[1]) };
    throw new KqlError(`unsupported operator: ${p}`);
  });
}

function column(row: JsonObject, col: string): Json | undefined {
  let cur: Json | undefined = row;
  for (const key of col.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    const found: [string, Json] | undefined = Object.entries(cur).find(([k]) => k.toLowerCase() === key.toLowerCase());
    cur = found?.[1];
  }
  return cur;
}

function test(row: JsonObject, c: Cond): boolean {
  const v = column(row, c.col);
  const s = typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v);
  const wanted = c.values[0] ?? "";
  const empty = v === undefined || v === null || v === "" || (typeof v === "object" && Object.keys(v).length === 0);
  switch (c.op) {
    case "isnotempty":
      return !empty;
    case "isnotnull":
      return v !== undefined && v !== null;
    case "isempty":
      return empty;
    case "isnull":
      return v === undefined || v === null;
    case "=~":
      return s.toLowerCase() === wanted.toLowerCase();
    case "!~":
      return s.toLowerCase() !== wanted.toLowerCase();
    case "==":
      return s === c.values[0];
    case "!=":
      return s !== c.values[0];
    case "in~":
      return c.values.some((x) => x.toLowerCase() === s.toLowerCase());
    case "in":
      return c.values.includes(s);
    case "!in~":
      return !c.values.some((x) => x.toLowerCase() === s.toLowerCase());
    case "!in":
      return !c.values.includes(s);
  }
}

/** a generic resource in Resource Graph's row shape (type lowercased, like ARG does) */
function toRow(r: JsonObject, tenantId: string): JsonObject {
  const id = jsonText(r.id);
  const p = parseScope(id);
  const subscriptionId = p && "subId" in p ? p.subId : "";
  const resourceGroup = p && "rg" in p ? p.rg.toLowerCase() : "";
  return {
    id,
    name: r.name ?? null,
    type: jsonText(r.type).toLowerCase(),
    tenantId,
    kind: r.kind ?? "",
    location: r.location ?? "",
    resourceGroup,
    subscriptionId,
    managedBy: r.managedBy ?? "",
    sku: r.sku ?? null,
    plan: r.plan ?? null,
    properties: r.properties ?? null,
    tags: r.tags ?? null,
    identity: r.identity ?? null,
    zones: r.zones ?? null,
    extendedLocation: r.extendedLocation ?? null,
  };
}

interface QueryBody {
  subscriptions?: string[];
  managementGroups?: string[];
  query: string;
  options?: { $top?: number; $skip?: number; $skipToken?: string; resultFormat?: string };
}

function parseBody(text: string): QueryBody | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "The request body is not valid JSON.";
  }
  if (!isJsonRecord(body)) return "The request body must be a JSON object.";
  if (typeof body.query !== "string") return "The request body must have a string `query`.";
  const subscriptions = stringList(body.subscriptions);
  if (subscriptions === null) return "`subscriptions` must be an array of strings.";
  const managementGroups = stringList(body.managementGroups);
  if (managementGroups === null) return "`managementGroups` must be an array of strings.";
  const options = parseOptions(body.options);
  if (typeof options === "string") return options;
  return { query: body.query, subscriptions, managementGroups, options };
}

/** undefined when absent (or JSON null), null when not an array of strings */
function stringList(v: unknown): string[] | undefined | null {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) && v.every((x): x is string => typeof x === "string") ? v : null;
}

function parseOptions(v: unknown): QueryBody["options"] | string {
  if (v === undefined || v === null) return undefined;
  if (!isJsonRecord(v)) return "`options` must be a JSON object.";
  const { $top, $skip, $skipToken, resultFormat } = v;
  if ($top !== undefined && typeof $top !== "number") return "options.$top must be an integer between 1 and 1000.";
  if ($skip !== undefined && typeof $skip !== "number") return "options.$skip must be a number.";
  if ($skipToken !== undefined && typeof $skipToken !== "string") return "options.$skipToken must be a string.";
  if (resultFormat !== undefined && typeof resultFormat !== "string") return "options.resultFormat must be a string.";
  return { $top, $skip, $skipToken, resultFormat };
}

/** ResourceContainers rows: each subscription and resource group, in Resource Graph's row shape. */
function containerRows(index: TenantIndex, subs: string[], tenantId: string): JsonObject[] {
  return subs.flatMap((s) => {
    const sub = index.subscriptions.get(s) ?? {};
    const subRow: JsonObject = {
      id: `/subscriptions/${s}`,
      name: (sub.displayName as Json) ?? s,
      type: "microsoft.resources/subscriptions",
      tenantId: typeof sub.tenantId === "string" ? sub.tenantId : tenantId,
      kind: "",
      location: "",
      resourceGroup: "",
      subscriptionId: s,
      properties: { state: (sub.state as Json) ?? "Enabled" },
      tags: (sub.tags as Json) ?? null,
    };
    const rgRows = (index.resourceGroupsBySub.get(s) ?? []).map((rg) => ({
      ...toRow(rg, tenantId),
      type: "microsoft.resources/subscriptions/resourcegroups",
      resourceGroup: jsonText(rg.name).toLowerCase(),
    }));
    return [subRow, ...rgRows];
  });
}

interface Evaluated {
  rows: JsonObject[];
  projected: string[] | undefined;
}

function evaluate(index: TenantIndex, table: Table, stages: Stage[], subs: string[]): Evaluated {
  const tenantId = index.fixture.tenant.id;
  let rows: JsonObject[] =
    table === "resourcecontainers"
      ? containerRows(index, subs, tenantId)
      : subs.flatMap((s) => (index.resourcesBySub.get(s) ?? []).map((r) => toRow(r, tenantId)));
  let projected: string[] | undefined;
  for (const st of stages) {
    if (st.kind === "where") rows = rows.filter((r) => st.anyOf.some((all) => all.every((c) => test(r, c))));
    else if (st.kind === "project") {
      projected = st.cols;
      rows = rows.map((r) => Object.fromEntries(st.cols.map((c) => [c, column(r, c) ?? null])));
    } else if (st.kind === "order") {
      // keys read once per row, not once per comparison
      const keyed = rows.map((r) => ({ r, k: sortKey(column(r, st.col)) }));
      keyed.sort((a, b) => (st.desc ? -1 : 1) * (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
      rows = keyed.map((x) => x.r);
    } else rows = rows.slice(0, st.n);
  }
  return { rows, projected };
}

function sortKey(v: Json | undefined): string {
  return typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v);
}

/**
 * The answers of the last few queries, so each page of a paged query is a slice of one
 * evaluation rather than a re-run over the tenant (the emulator's own bookkeeping: the client
 * still pages with the opaque $skipToken Resource Graph documents; an evicted query is simply
 * evaluated again, with the same answer).
 */
export class QueryCursors {
  private readonly cache = new Map<string, Evaluated>();
  constructor(private readonly capacity = 8) {}

  get(key: string): Evaluated | undefined {
    const hit = this.cache.get(key);
    if (hit) {
      // most recently used last
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Evaluated): void {
    this.cache.delete(key);
    this.cache.set(key, value);
    while (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}

/**
 * `omitSubscriptions`: subscriptions Resource Graph leaves out of its answers without an error
 * (an emulator knob: the sources do not say when Azure does this, only that a query covers the
 * subscriptions the caller can read and Resource Graph has indexed).
 */
export function runResourceGraphQuery(
  req: ApiRequest,
  index: TenantIndex,
  pageSize: number | undefined,
  omitSubscriptions: readonly string[] = [],
  cursors?: QueryCursors,
): ApiResponse {
  const body = parseBody(req.body);
  if (typeof body === "string") return armError(400, "BadRequest", body);
  let stages: Stage[];
  let table: Table;
  try {
    ({ stages, table } = parseKqlQuery(body.query));
  } catch (e) {
    return armError(
      400,
      "InvalidQuery",
      `Query is invalid or unsupported by the azaudit emulator: ${(e as Error).message}. ${SUPPORTED}`,
    );
  }

  // which subscriptions the query may see: the named ones, or those under the named mgs, or all
  let subs = [...index.subscriptions.keys()];
  if (body.subscriptions?.length)
    subs = body.subscriptions.map((s) => s.toLowerCase()).filter((s) => index.tree.hasSub(s));
  else if (body.managementGroups?.length) {
    const mgs = new Set(body.managementGroups.map((m) => m.toLowerCase()));
    subs = index.fixture.subscriptions
      .filter((s) => index.tree.mgChain(s.managementGroup).some((m) => mgs.has(m)))
      .map((s) => s.subscriptionId.toLowerCase());
  }

  const omitted = new Set(omitSubscriptions.map((s) => s.toLowerCase()));
  subs = subs.filter((s) => !omitted.has(s));
  const key = JSON.stringify([table, body.query, subs]);
  const { rows, projected } = cursors?.get(key) ?? evaluate(index, table, stages, subs);
  cursors?.set(key, { rows, projected });
  const opts = body.options ?? {};
  const top = Math.min(opts.$top ?? pageSize ?? DEFAULT_TOP, MAX_TOP);
  if (!Number.isInteger(top) || top < 1)
    return armError(400, "BadRequest", "options.$top must be an integer between 1 and 1000.");
  let offset = opts.$skip ?? 0;
  if (opts.$skipToken !== undefined) {
    const o = decodeSkipToken(opts.$skipToken);
    if (o === undefined)
      return armError(
        400,
        "InvalidSkipToken",
        "options.$skipToken is not one the emulator issued. Pass back the $skipToken of the previous response.",
      );
    offset = o;
  }
  const page = rows.slice(offset, offset + top);
  const end = offset + page.length;
  const result: JsonObject = { totalRecords: rows.length, count: page.length, resultTruncated: "false", facets: [] };
  if (end < rows.length) result.$skipToken = encodeSkipToken(end);
  if (opts.resultFormat?.toLowerCase() === "table") {
    const cols = projected ?? (page[0] ? Object.keys(page[0]) : []);
    result.data = {
      columns: cols.map((name) => ({ name, type: "string" })),
      rows: page.map((r) => cols.map((c) => r[c] ?? null)),
    };
  } else result.data = page;
  return json(200, result);
}
