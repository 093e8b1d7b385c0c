// The first question asked of every answer: is it JSON at all? A maintenance page served with
// 200, an empty body or half a document is refused here, before any collector sees it.
import { WireError, describeUrl } from "./errors.ts";

const JSON_TYPE = /^\s*(application\/([\w.+-]+\+)?json|text\/json)\s*(;|$)/i;

export function isJsonContentType(contentType: string | null | undefined): boolean {
  return typeof contentType === "string" && JSON_TYPE.test(contentType);
}

/**
 * Whether a successful answer carries a JSON body: its content type says JSON and it is not empty.
 * False for an empty body where `allowEmpty` (or a 204) permits one; anything else is refused.
 * `allowEmpty` is for the few calls that may answer 204 or an empty 200; every read azaudit makes
 * otherwise carries a JSON object.
 */
export function checkJsonAnswer(
  api: "arm" | "graph",
  url: string,
  status: number,
  contentType: string | null | undefined,
  text: string | undefined,
  allowEmpty = false,
): boolean {
  if (!text || text.trim() === "") {
    if (allowEmpty || status === 204) return false;
    throw new WireError(
      api,
      "shape",
      `${label(api)} answered ${describeUrl(url)} with HTTP ${status} and an empty body (expected a JSON object)`,
      url,
    );
  }
  if (!isJsonContentType(contentType)) {
    throw new WireError(
      api,
      "content-type",
      `${label(api)} answered ${describeUrl(url)} with HTTP ${status} and content type ${quote(contentType)} (expected application/json)`,
      url,
    );
  }
  return true;
}

/** The JSON of a successful answer (checkJsonAnswer, then parsed), or undefined for an allowed empty one. */
export function parseJsonAnswer(
  api: "arm" | "graph",
  url: string,
  status: number,
  contentType: string | null | undefined,
  text: string | undefined,
  allowEmpty = false,
): unknown {
  const body = text ?? "";
  if (!checkJsonAnswer(api, url, status, contentType, body, allowEmpty)) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw invalidJson(api, url, body.length);
  }
}

export function invalidJson(api: "arm" | "graph", url: string, length?: number): WireError {
  return new WireError(
    api,
    "invalid-json",
    `${label(api)} answered ${describeUrl(url)} with a body that is not valid JSON${length === undefined ? "" : ` (${length} characters)`}`,
    url,
  );
}

/** The object a read must answer with; anything else (an array, a string, null) is refused. */
export function expectObject(
  api: "arm" | "graph",
  url: string,
  body: unknown,
  what = "a JSON object",
): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new WireError(
      api,
      "shape",
      `${label(api)} answered ${describeUrl(url)} with ${kindOf(body)} (expected ${what})`,
      url,
    );
  }
  return body as Record<string, unknown>;
}

/** A page of a list: an object whose `value` is an array of objects. */
export function expectListPage(
  api: "arm" | "graph",
  url: string,
  body: unknown,
): { value: Record<string, unknown>[]; nextLink: unknown } {
  const page = expectObject(api, url, body, "a list page with a `value` array");
  const value = page.value;
  if (!Array.isArray(value)) {
    throw new WireError(
      api,
      "shape",
      `${label(api)} answered the list ${describeUrl(url)} without a \`value\` array (got ${kindOf(value)})`,
      url,
    );
  }
  const bad = value.findIndex((item) => item === null || typeof item !== "object" || Array.isArray(item));
  if (bad >= 0)
    throw new WireError(
      api,
      "shape",
      `${label(api)} answered the list ${describeUrl(url)} with value[${bad}] that is ${kindOf(value[bad])} (expected an object)`,
      url,
    );
  // every ARM resource and every Graph entity names itself with an `id`
  requireStringField(api, url, value as Record<string, unknown>[], "id");
  return {
    value: value as Record<string, unknown>[],
    nextLink: api === "arm" ? page.nextLink : page["@odata.nextLink"],
  };
}

/** Items must name themselves: a list item without its `field` (a string) is a malformed answer. */
export function requireStringField(
  api: "arm" | "graph",
  url: string,
  items: readonly Record<string, unknown>[],
  field: string,
): void {
  const bad = items.findIndex((item) => typeof item[field] !== "string" || item[field] === "");
  if (bad >= 0)
    throw new WireError(
      api,
      "shape",
      `${label(api)} answered ${describeUrl(url)} with value[${bad}] that has no \`${field}\` string`,
      url,
    );
}

export function label(api: "arm" | "graph"): string {
  return api === "arm" ? "ARM" : "Graph";
}

function kindOf(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

function quote(ct: string | null | undefined): string {
  if (!ct) return "(none)";
  // a hostile server chooses this header: keep it short and printable
  return JSON.stringify(ct.slice(0, 80));
}
