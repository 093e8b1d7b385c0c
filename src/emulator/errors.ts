// Error bodies in each service's own shape, so client error handling sees what it will see live.
import { randomUUID } from "node:crypto";
import type { ApiResponse } from "./router.ts";

export type Api = "arm" | "graph";

export function armError(status: number, code: string, message: string, headers?: Record<string, string>): ApiResponse {
  return { status, headers, body: { error: { code, message } } };
}

export function graphError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): ApiResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { "request-id": requestId, "client-request-id": requestId, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ""),
          "request-id": requestId,
          "client-request-id": requestId,
        },
      },
    },
  };
}

export function apiError(
  api: Api,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): ApiResponse {
  return api === "arm" ? armError(status, code, message, headers) : graphError(status, code, message, headers);
}

/** the action ARM would name in AuthorizationFailed for a GET on this path */
export function readActionFor(path: string): string {
  const segs = path.split("/").filter(Boolean);
  const lower = segs.map((s) => s.toLowerCase());
  const p = lower.lastIndexOf("providers");
  if (p >= 0 && p + 2 < segs.length) {
    const types: string[] = [];
    for (let i = p + 2; i < segs.length; i += 2) types.push(segs[i] ?? "");
    return `${segs[p + 1]}/${types.join("/")}/read`;
  }
  if (lower[0] === "subscriptions") {
    if (lower.length === 2) return "Microsoft.Resources/subscriptions/read";
    if (lower[2] === "resourcegroups")
      return lower.length <= 4
        ? "Microsoft.Resources/subscriptions/resourceGroups/read"
        : "Microsoft.Resources/subscriptions/resourceGroups/resources/read";
    if (lower[2] === "resources") return "Microsoft.Resources/subscriptions/resources/read";
  }
  return "Microsoft.Resources/subscriptions/read";
}
