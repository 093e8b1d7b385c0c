// Bearer tokens shaped like Entra's access tokens (a JWT whose payload carries `aud`, `iss`, `exp`,
// `tid` and `oid`, the object id of the identity signed in), remembered with their audience. The
// signature part is random, so a token cannot be forged or guessed, and tokens are never logged
// (see server.ts: only the route is logged). Claims as in the Microsoft identity platform's
// "Access token claims reference" (https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference).
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

/** Who the emulator's tokens are issued to: the tenant and the scanner's service principal. */
export interface TokenSubject {
  tenantId: string;
  objectId: string;
}

const AUDIENCE_URI: Record<Audience, string> = { arm: "https://management.azure.com", graph: "https://graph.microsoft.com" };

function base64urlJson(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export class TokenStore {
  private readonly tokens = new Map<string, { audience: Audience; expiresOn: number }>();
  /** the secret an App Service MSI client must echo in X-IDENTITY-HEADER */
  readonly identityHeader = randomBytes(24).toString("hex");

  constructor(private readonly subject: TokenSubject) {}

  issue(resource: string, nowMs: number = Date.now(), lifetimeSeconds = 3600): IssuedToken | undefined {
    const audience = audienceOf(resource);
    if (!audience) return undefined;
    const iat = Math.floor(nowMs / 1000);
    const expiresOn = iat + lifetimeSeconds;
    const { tenantId, objectId } = this.subject;
    // An app-only token, as a managed identity gets one: `idtyp` app, `sub` = `oid`.
    const header = base64urlJson({ typ: "JWT", alg: "RS256", kid: "azaudit-emulator" });
    const payload = base64urlJson({ aud: AUDIENCE_URI[audience], iss: `https://sts.windows.net/${tenantId}/`, iat, nbf: iat, exp: expiresOn, idtyp: "app", oid: objectId, sub: objectId, tid: tenantId, ver: "1.0" });
    const token = `${header}.${payload}.${randomBytes(32).toString("base64url")}`;
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
