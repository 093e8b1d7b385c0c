// A tiny router: templates are matched segment by segment, case-insensitively (ARM and Graph
// treat path segments case-insensitively). `{*scope}` swallows a leading ARM scope of any depth.
import type { Json } from "./types.ts";

export interface ApiRequest {
  method: string;
  /** path without query, leading slashes collapsed to one */
  path: string;
  segments: string[];
  /** query parameters keyed by lowercased name (ARM and Graph accept $Filter and $filter alike) */
  query: Map<string, string>;
  /** the original query, in order, for building next links */
  rawQuery: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** https://127.0.0.1:PORT — next links point back here */
  baseUrl: string;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Json;
}

export interface RouteMatch {
  params: Record<string, string>;
  /** stats key: the template with `{*scope}` replaced by the shape of the matched scope */
  template: string;
}

export type Handler = (req: ApiRequest, params: Record<string, string>) => ApiResponse | Promise<ApiResponse>;

interface Route {
  method: string;
  template: string;
  parts: string[];
  handler: Handler;
}

/** the shape of an ARM scope for stats keys: ids replaced by placeholders */
export function scopeShape(segments: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    const s = segment.toLowerCase();
    out.push(segment);
    if (i + 1 >= segments.length) break;
    if (s === "subscriptions") {
      out.push("{id}");
      i++;
    } else if (s === "resourcegroups") {
      out.push("{name}");
      i++;
    } else if (s === "managementgroups") {
      out.push("{name}");
      i++;
    } else if (s === "providers" && i + 2 < segments.length) {
      // provider namespace then type/name pairs
      out.push(segments[i + 1] ?? "");
      i++;
      while (i + 2 < segments.length && segments[i + 1]?.toLowerCase() !== "providers") {
        out.push(segments[i + 1] ?? "", "{name}");
        i += 2;
      }
    }
  }
  return out.length ? "/" + out.join("/") : "";
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): void {
    this.routes.push({ method, template, parts: template.split("/").filter(Boolean), handler });
  }

  match(method: string, segments: string[]): { route: Route; match: RouteMatch } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = matchParts(route.parts, segments);
      if (m)
        return { route, match: { params: m.params, template: route.template.replace("{*scope}", m.scopeShape ?? "") } };
    }
    return undefined;
  }
}

function matchParts(
  parts: string[],
  segments: string[],
): { params: Record<string, string>; scopeShape?: string } | undefined {
  const params: Record<string, string> = {};
  let offset = 0;
  let shape: string | undefined;
  if (parts[0] === "{*scope}") {
    const rest = parts.length - 1;
    if (segments.length < rest) return undefined;
    const scopeSegs = segments.slice(0, segments.length - rest);
    params.scope = "/" + scopeSegs.join("/");
    shape = scopeShape(scopeSegs);
    parts = parts.slice(1);
    offset = scopeSegs.length;
  }
  if (segments.length - offset !== parts.length) return undefined;
  for (const [i, p] of parts.entries()) {
    const s = segments[i + offset] ?? "";
    if (p.startsWith("{") && p.endsWith("}")) params[p.slice(1, -1)] = s;
    else if (p.toLowerCase() !== s.toLowerCase()) return undefined;
  }
  return { params, scopeShape: shape };
}

/** a parameter the route's template names, so present whenever the route matched */
export function param(params: Record<string, string>, name: string): string {
  const v = params[name];
  if (v === undefined) throw new Error(`route handler reads {${name}}, which its template does not have`);
  return v;
}

export function json(status: number, body: Json, headers?: Record<string, string>): ApiResponse {
  return { status, body, headers };
}
