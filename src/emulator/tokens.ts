// Bearer tokens shaped like Entra's access tokens (a JWT whose payload carries `aud`, `iss`, `exp`,
// `tid` and `oid`, the object id of the identity signed in), remembered with their audience. The
// signature part is random, so a token cannot be forged or guessed, and tokens are never logged
// (see server.ts: only the route is logged). Claims as in the Microsoft identity platform's
// "Access token claims reference" (https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference).
import { randomBytes, timingSafeEqual } from "node:crypto";
import { CLOUDS, type CloudName } from "../collectors/clouds.ts";

export type Audience = "arm" | "graph";

// ARM also accepts its cloud's classic Service Management resource (`az cloud show`:
// endpoints.activeDirectoryResourceId), which older clients still ask tokens for.
const CLASSIC_ARM: Record<CloudName, string> = {
  AzureCloud: "https://management.core.windows.net",
  AzureUSGovernment: "https://management.core.usgovcloudapi.net",
  AzureUSGovernmentDoD: "https://management.core.usgovcloudapi.net",
  AzureChinaCloud: "https://management.core.chinacloudapi.cn",
};

/** The audiences a cloud's ARM and Graph accept: another cloud's token is refused, as there. */
export function audiencesOf(cloud: CloudName): Record<string, Audience> {
  const c = CLOUDS[cloud];
  return { [c.armAudience]: "arm", [CLASSIC_ARM[cloud]]: "arm", [c.graphAudience]: "graph" };
}

/** `https://management.azure.com/.default`, `https://graph.microsoft.com/` … → audience, in that cloud */
export function audienceOf(resource: string, cloud: CloudName = "AzureCloud"): Audience | undefined {
  const trimmed = resource
    .trim()
    .replace(/\/\.default$/, "")
    .replace(/\/+$/, "");
  return audiencesOf(cloud)[trimmed.toLowerCase()];
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

function base64urlJson(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export class TokenStore {
  private readonly tokens = new Map<string, { audience: Audience; expiresOn: number }>();
  /** the secret an App Service MSI client must echo in X-IDENTITY-HEADER */
  readonly identityHeader = randomBytes(24).toString("hex");

  constructor(
    private readonly subject: TokenSubject,
    readonly cloud: CloudName = "AzureCloud",
  ) {}

  issue(resource: string, nowMs: number = Date.now(), lifetimeSeconds = 3600): IssuedToken | undefined {
    const audience = audienceOf(resource, this.cloud);
    if (!audience) return undefined;
    const iat = Math.floor(nowMs / 1000);
    const expiresOn = iat + lifetimeSeconds;
    const { tenantId, objectId } = this.subject;
    // An app-only token, as a managed identity gets one: `idtyp` app, `sub` = `oid`.
    const header = base64urlJson({ typ: "JWT", alg: "RS256", kid: "azaudit-emulator" });
    const aud = audience === "arm" ? CLOUDS[this.cloud].armAudience : CLOUDS[this.cloud].graphAudience;
    const payload = base64urlJson({
      aud,
      iss: `https://sts.windows.net/${tenantId}/`,
      iat,
      nbf: iat,
      exp: expiresOn,
      idtyp: "app",
      oid: objectId,
      sub: objectId,
      tid: tenantId,
      ver: "1.0",
    });
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
  verify(
    authorization: string | undefined,
    audience: Audience,
    nowMs: number = Date.now(),
  ): "ok" | "missing" | "invalid" | "expired" | "wrong-audience" {
    if (!authorization) return "missing";
    const [, token] = /^Bearer\s+(\S+)$/i.exec(authorization) ?? [];
    if (token === undefined) return "invalid";
    const entry = this.tokens.get(token);
    if (!entry) return "invalid";
    if (entry.expiresOn * 1000 < nowMs) return "expired";
    if (entry.audience !== audience) return "wrong-audience";
    return "ok";
  }
}
