// Opaque bearer tokens, remembered with their audience. Tokens are random so nothing can be
// learned from them, and they are never logged (see server.ts: only the route is logged).
import { randomBytes, timingSafeEqual } from "node:crypto";

export type Audience = "arm" | "graph";

const AUDIENCES: Record<string, Audience> = {
  "https://management.azure.com": "arm",
  "https://management.core.windows.net": "arm",
  "https://graph.microsoft.com": "graph",
};

/** `https://management.azure.com/.default`, `https://graph.microsoft.com/` … → audience */
export function audienceOf(resource: string): Audience | undefined {
  const trimmed = resource.trim().replace(/\/\.default$/, "").replace(/\/+$/, "");
  return AUDIENCES[trimmed.toLowerCase()];
}

export interface IssuedToken {
  access_token: string;
  expires_on: string;
  resource: string;
  token_type: "Bearer";
}

export class TokenStore {
  private readonly tokens = new Map<string, { audience: Audience; expiresOn: number }>();
  /** the secret an App Service MSI client must echo in X-IDENTITY-HEADER */
  readonly identityHeader = randomBytes(24).toString("hex");

  issue(resource: string, nowMs: number = Date.now(), lifetimeSeconds = 3600): IssuedToken | undefined {
    const audience = audienceOf(resource);
    if (!audience) return undefined;
    const token = randomBytes(32).toString("base64url");
    const expiresOn = Math.floor(nowMs / 1000) + lifetimeSeconds;
    this.tokens.set(token, { audience, expiresOn });
    return { access_token: token, expires_on: String(expiresOn), resource, token_type: "Bearer" };
  }

  checkIdentityHeader(value: string | undefined): boolean {
    if (typeof value !== "string") return false;
    const a = Buffer.from(value);
    const b = Buffer.from(this.identityHeader);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** "ok", or why the Authorization header is refused */
  verify(authorization: string | undefined, audience: Audience, nowMs: number = Date.now()): "ok" | "missing" | "invalid" | "expired" | "wrong-audience" {
    if (!authorization) return "missing";
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) return "invalid";
    const entry = this.tokens.get(m[1]!);
    if (!entry) return "invalid";
    if (entry.expiresOn * 1000 < nowMs) return "expired";
    if (entry.audience !== audience) return "wrong-audience";
    return "ok";
  }
}
