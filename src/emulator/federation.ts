// Workload identity federation as a GitHub job sees it, served by the emulator: GitHub's OIDC
// token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL) and an Entra authority that exchanges such a
// token (a client assertion) for access tokens the ARM and Graph routes accept. Tokens can be
// made short-lived, so a test can scan through several token lifetimes.
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { ApiResponse } from "./router.ts";
import { audienceOf, type TokenStore } from "./tokens.ts";

export const GITHUB_OIDC_PATH = "/_github/oidc/token";
const EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export interface FederationInfo {
  /** AZURE_AUTHORITY_HOST */
  authorityHost: string;
  tenantId: string;
  /** the only client id the authority accepts assertions for (AZURE_CLIENT_ID) */
  clientId: string;
  /** ACTIONS_ID_TOKEN_REQUEST_URL / ACTIONS_ID_TOKEN_REQUEST_TOKEN */
  requestUrl: string;
  requestToken: string;
}

export interface FederationCounts {
  githubTokens: number;
  entraTokens: number;
  /** GitHub token requests refused (wrong request token) */
  githubRefused: number;
  /** Entra token requests refused (expired or unknown assertion, wrong audience or client) */
  entraRefused: number;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function oauthError(status: number, error: string, description: string): ApiResponse {
  return {
    status,
    body: {
      error,
      error_description: description,
      error_codes: [],
      timestamp: new Date().toISOString(),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  };
}

export class Federation {
  readonly clientId = randomUUID();
  private readonly requestToken = randomBytes(24).toString("hex");
  /** GitHub ID tokens issued: opaque value → audience and expiry (ms) */
  private readonly idTokens = new Map<string, { audience: string; expiresAt: number }>();
  private readonly counts: FederationCounts = { githubTokens: 0, entraTokens: 0, githubRefused: 0, entraRefused: 0 };

  constructor(
    private readonly tenantId: string,
    private readonly tokens: TokenStore,
    private readonly lifetimeSeconds: number,
    private readonly log: (line: string) => void,
  ) {}

  info(baseUrl: string): FederationInfo {
    return {
      authorityHost: baseUrl,
      tenantId: this.tenantId,
      clientId: this.clientId,
      requestUrl: `${baseUrl}${GITHUB_OIDC_PATH}?api-version=2.0`,
      requestToken: this.requestToken,
    };
  }

  stats(): FederationCounts {
    return { ...this.counts };
  }

  /** A response when the path is one of the federation endpoints, else undefined. */
  handle(
    method: string,
    path: string,
    query: URLSearchParams,
    authorization: string | undefined,
    body: string,
    baseUrl: string,
  ): ApiResponse | undefined {
    if (path === GITHUB_OIDC_PATH && method === "GET") return this.githubToken(query, authorization);
    const [, tenant, endpoint] =
      /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token)$/.exec(path) ?? [];
    if (tenant === undefined || endpoint === undefined || tenant.toLowerCase() !== this.tenantId.toLowerCase())
      return undefined;
    if (endpoint === "oauth2/v2.0/token" && method === "POST") return this.entraToken(new URLSearchParams(body));
    if (method === "GET" && endpoint.startsWith("v2.0/")) {
      const base = `${baseUrl}/${this.tenantId}`;
      return {
        status: 200,
        body: {
          issuer: `${baseUrl}/${this.tenantId}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_types_supported: ["code", "id_token", "token"],
          subject_types_supported: ["pairwise"],
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
          tenant_region_scope: "EU",
          cloud_instance_name: "microsoftonline.com",
        },
      };
    }
    return undefined;
  }

  private githubToken(query: URLSearchParams, authorization: string | undefined): ApiResponse {
    const [, token] = /^Bearer\s+(\S+)$/i.exec(authorization ?? "") ?? [];
    if (token === undefined || !same(token, this.requestToken)) {
      this.counts.githubRefused++;
      this.log("github oidc -> 401");
      return { status: 401, body: { message: "Bad credentials" } };
    }
    const audience = query.get("audience") ?? "";
    const value = `ghoidc.${randomBytes(24).toString("base64url")}`;
    this.idTokens.set(value, { audience, expiresAt: Date.now() + this.lifetimeSeconds * 1000 });
    this.counts.githubTokens++;
    this.log("github oidc -> 200");
    return { status: 200, body: { count: 1, value } };
  }

  private entraToken(form: URLSearchParams): ApiResponse {
    const refuse = (status: number, error: string, why: string) => {
      this.counts.entraRefused++;
      this.log(`entra token -> ${status} (${why})`);
      return oauthError(status, error, why);
    };
    if (form.get("grant_type") !== "client_credentials")
      return refuse(400, "unsupported_grant_type", "AADSTS70003: only client_credentials is served by the emulator");
    if (form.get("client_assertion_type") !== ASSERTION_TYPE)
      return refuse(400, "invalid_request", "AADSTS50027: a client assertion (jwt-bearer) is required");
    if (form.get("client_id") !== this.clientId)
      return refuse(400, "unauthorized_client", "AADSTS700016: application not found in the directory");
    const assertion = this.idTokens.get(form.get("client_assertion") ?? "");
    if (!assertion)
      return refuse(
        400,
        "invalid_client",
        "AADSTS700211: no matching federated identity record found for presented assertion issuer",
      );
    if (assertion.audience !== EXCHANGE_AUDIENCE)
      return refuse(
        400,
        "invalid_client",
        `AADSTS700212: no matching federated identity record found for presented assertion audience '${assertion.audience}'`,
      );
    if (assertion.expiresAt < Date.now())
      return refuse(400, "invalid_client", "AADSTS700024: client assertion is not within its valid time range");
    const scope = (form.get("scope") ?? "").split(" ").find((s) => audienceOf(s)) ?? "";
    const issued = this.tokens.issue(scope, Date.now(), this.lifetimeSeconds);
    if (!issued)
      return refuse(
        400,
        "invalid_scope",
        `AADSTS70011: the scope '${form.get("scope")}' is not served by the emulator`,
      );
    this.counts.entraTokens++;
    this.log(`entra token -> 200 (${this.lifetimeSeconds} s)`);
    return {
      status: 200,
      body: {
        token_type: "Bearer",
        expires_in: this.lifetimeSeconds,
        ext_expires_in: this.lifetimeSeconds,
        access_token: issued.access_token,
      },
    };
  }
}
