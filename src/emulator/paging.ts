// Paging like the services do it: ARM answers {value, nextLink}, Graph {value, @odata.nextLink}.
// The next link is an absolute URL back at the emulator (clients follow it verbatim) carrying
// the original query plus an opaque $skiptoken.
import type { ApiRequest } from "./router.ts";
import type { Json, JsonObject } from "./types.ts";

export const DEFAULT_ARM_PAGE_SIZE = 100;
export const DEFAULT_GRAPH_PAGE_SIZE = 100;
export const MAX_GRAPH_TOP = 999;

export function encodeSkipToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString("base64url");
}

export function decodeSkipToken(token: string | undefined): number | undefined {
  if (token === undefined) return 0;
  const text = Buffer.from(token, "base64url").toString("utf8");
  const m = /^o:(\d+)$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

function nextLink(req: ApiRequest, offset: number): string {
  const params: string[] = [];
  for (const [k, v] of req.rawQuery) {
    if (k.toLowerCase() === "$skiptoken") continue;
    params.push(`${encodeURIComponent(k).replace(/^%24/, "$")}=${encodeURIComponent(v)}`);
  }
  params.push(`$skiptoken=${encodeSkipToken(offset)}`);
  return `${req.baseUrl}${req.path}?${params.join("&")}`;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

/** undefined when the skip token is not one the emulator issued */
export function paginate<T>(req: ApiRequest, all: T[], pageSize: number): Page<T> | undefined {
  const offset = decodeSkipToken(req.query.get("$skiptoken"));
  if (offset === undefined) return undefined;
  const items = all.slice(offset, offset + pageSize);
  const end = offset + items.length;
  return { items, next: end < all.length ? nextLink(req, end) : undefined };
}

export function armPage(page: Page<Json>): JsonObject {
  const body: JsonObject = { value: page.items };
  if (page.next) body.nextLink = page.next;
  return body;
}

export function graphPage(context: string, page: Page<Json>): JsonObject {
  const body: JsonObject = { "@odata.context": context, value: page.items };
  if (page.next) body["@odata.nextLink"] = page.next;
  return body;
}

/** Graph page size: `$top` (≤999) wins when it is below the configured page size */
export function graphPageSize(req: ApiRequest, configured: number | undefined): number | "bad" {
  const base = configured ?? DEFAULT_GRAPH_PAGE_SIZE;
  const top = req.query.get("$top");
  if (top === undefined) return base;
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1 || n > MAX_GRAPH_TOP) return "bad";
  return configured !== undefined ? Math.min(n, configured) : n;
}
