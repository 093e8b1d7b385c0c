// The HTTPS server: one port serves the managed identity endpoint, ARM and Graph (/v1.0/…).
// Every piece of state (tokens, stats, fault PRNG, in-flight count) lives in this instance.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerArmRoutes } from "./arm-routes.ts";
import { apiError, readActionFor, type Api } from "./errors.ts";
import { registerGraphRoutes } from "./graph-routes.ts";
import { registerArmPimRoutes, registerGraphPimRoutes } from "./pim-routes.ts";
import { BatchFaultInjector, FaultInjector, isGraphDenyScope, normalizeKnobs, type Knobs } from "./knobs.ts";
import { Router, json, type ApiRequest, type ApiResponse } from "./router.ts";
import { isAtOrUnder } from "../arm/resource-id.ts";
import { StatsCounter } from "./stats.ts";
import { TenantIndex } from "./tenant-index.ts";
import { generateTlsMaterial } from "./tls.ts";
import { Federation, GITHUB_OIDC_PATH } from "./federation.ts";
import { TokenStore, audiencesOf } from "./tokens.ts";
import { ArmThrottle, ResourceGraphThrottle } from "./arm-throttle.ts";
import { GraphThrottle, requestCost } from "./graph-throttle.ts";
import { jsonText } from "./json-narrow.ts";
import type { EmulatorEnv, EmulatorOptions, Json, JsonObject, RunningEmulator, TenantFixture } from "./types.ts";

const IDENTITY_PATH = "/msi/token";
/** The scanner's object id when the fixture names none: a service principal that holds nothing. */
export const DEFAULT_SCANNER_OBJECT_ID = "5ca77e00-0000-4000-8000-000000000000";
const STATS_PATH = "/_emulator/stats";
const MAX_BODY = 4 * 1024 * 1024;
const MAX_BATCH = 20;
/** the object id ARM names in AuthorizationFailed messages: the emulator's one caller */
const CALLER_OBJECT_ID = "00000000-0000-0000-0000-0000a2a0d170";

interface Dispatched {
  routeKey: string;
  response: ApiResponse;
}

class EmulatorServer {
  readonly knobs: Knobs;
  private readonly tokens: TokenStore;
  readonly federation: Federation;
  private readonly stats = new StatsCounter();
  private readonly faults: FaultInjector;
  private readonly batchFaults: BatchFaultInjector;
  private readonly armThrottle: ArmThrottle | undefined;
  private readonly graphBudget: GraphThrottle | undefined;
  private readonly graphQuota: ResourceGraphThrottle | undefined;
  private readonly arm = new Router();
  private readonly graph = new Router();
  private inFlight = 0;
  baseUrl = "";

  constructor(
    fixture: TenantFixture,
    opts: EmulatorOptions,
    private readonly log: (line: string) => void,
  ) {
    this.knobs = normalizeKnobs(opts);
    this.tokens = new TokenStore(
      { tenantId: fixture.tenant.id, objectId: fixture.scanner?.objectId ?? DEFAULT_SCANNER_OBJECT_ID },
      opts.cloud ?? "AzureCloud",
    );
    this.faults = new FaultInjector(this.knobs.faultRate, this.knobs.seed);
    this.batchFaults = new BatchFaultInjector(this.knobs.batchFaultRate, this.knobs.seed);
    this.armThrottle = opts.armReadBucket ? new ArmThrottle(opts.armReadBucket) : undefined;
    this.graphBudget = opts.graphBudget
      ? new GraphThrottle(opts.graphBudget, {
          appId: fixture.scanner?.objectId ?? DEFAULT_SCANNER_OBJECT_ID,
          tenantId: fixture.tenant.id,
        })
      : undefined;
    this.graphQuota = opts.resourceGraphQuota ? new ResourceGraphThrottle(opts.resourceGraphQuota) : undefined;
    const index = new TenantIndex(fixture);
    registerArmRoutes(this.arm, { index, pageSize: this.knobs.pageSize, resourceGraphOmits: opts.resourceGraphOmits });
    registerArmPimRoutes(this.arm, { index, pageSize: this.knobs.pageSize });
    this.graph.add("POST", "/v1.0/$batch", (req) => this.batch(req));
    this.federation = new Federation(fixture.tenant.id, this.tokens, this.knobs.tokenLifetimeSeconds, log);
    registerGraphRoutes(this.graph, { index, pageSize: this.knobs.pageSize });
    registerGraphPimRoutes(this.graph, { index, pageSize: this.knobs.pageSize });
  }

  get identityHeader(): string {
    return this.tokens.identityHeader;
  }

  statsSnapshot() {
    return this.stats.snapshot();
  }

  resetStats() {
    this.stats.reset();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // not `new URL(req.url, base)`: a root-scope call arrives as "//providers/…", which URL
    // parsing would take for a protocol-relative URL naming host "providers"
    const url = splitUrl(req.url ?? "/");
    const segments = url.pathname.split("/").filter(Boolean).map(safeDecode);
    const path = "/" + segments.join("/");
    const method = (req.method ?? "GET").toUpperCase();

    if (method === "GET" && path === STATS_PATH) {
      send(res, json(200, this.stats.snapshot() as unknown as JsonObject));
      return;
    }
    if (path.toLowerCase() === IDENTITY_PATH) {
      send(res, this.identity(req, url));
      return;
    }
    if (path === GITHUB_OIDC_PATH || /^\/[^/]+\/(v2\.0|oauth2)\//.test(path)) {
      const body = method === "POST" ? await readBody(req) : "";
      const r = this.federation.handle(
        method,
        path,
        url.searchParams,
        header(req, "authorization"),
        body ?? "",
        this.baseUrl,
      );
      if (r) {
        this.stats.route(
          `${method} federation:${path === GITHUB_OIDC_PATH ? path : path.replace(/^\/[^/]+/, "/{tenant}")}`,
          false,
        );
        send(res, r);
        return;
      }
    }

    const api: Api = segments[0] === "v1.0" || segments[0] === "beta" ? "graph" : "arm";
    const body = method === "POST" || method === "PUT" || method === "PATCH" ? await readBody(req) : "";
    if (body === undefined) {
      send(res, apiError(api, 413, "RequestEntityTooLarge", "The request body is too large."));
      return;
    }

    const apiReq: ApiRequest = {
      method,
      path,
      segments,
      query: lowerQuery(url.searchParams),
      rawQuery: url.searchParams,
      headers: req.headers,
      body,
      baseUrl: this.baseUrl,
    };
    const router = api === "graph" ? this.graph : this.arm;
    const found = router.match(
      method,
      api === "graph" && segments[0] === "beta" ? ["v1.0", ...segments.slice(1)] : segments,
    );
    const routeKey = `${method} ${api}:${found ? found.match.template : "(unmatched)"}`;
    this.stats.route(routeKey);

    if (this.knobs.rateLimit !== undefined && this.inFlight >= this.knobs.rateLimit) {
      this.stats.bump("throttled", routeKey);
      const retry = String(this.knobs.retryAfterSeconds);
      const r =
        api === "arm"
          ? apiError(
              "arm",
              429,
              "TooManyRequests",
              `The request is being throttled as the limit has been reached for operation type - Read. Please retry after ${retry} second(s).`,
              { "Retry-After": retry },
            )
          : apiError(
              "graph",
              429,
              "TooManyRequests",
              "Too many requests. Please retry after the delay in the Retry-After header.",
              { "Retry-After": retry },
            );
      this.log(`${routeKey} -> 429`);
      send(res, r);
      return;
    }

    this.inFlight++;
    try {
      if (this.knobs.latencyMs > 0) await delay(this.knobs.latencyMs);
      const auth = this.tokens.verify(header(req, "authorization"), api);
      if (auth !== "ok") {
        this.stats.bump("unauthorized");
        this.log(`${routeKey} -> 401 (${auth})`);
        send(res, unauthorized(api, auth));
        return;
      }
      if (this.deniedScope(api, path)) {
        this.stats.bump("denied");
        this.log(`${routeKey} -> 403`);
        if (api === "graph") {
          send(res, graphDenied());
          return;
        }
        const scope =
          path.replace(/\/providers\/Microsoft\.(Authorization|Security|Resources)\/[^/]+(\/[^/]+)?$/i, "") || "/";
        send(
          res,
          apiError(
            "arm",
            403,
            "AuthorizationFailed",
            `The client '${CALLER_OBJECT_ID}' with object id '${CALLER_OBJECT_ID}' does not have authorization to perform action '${readActionFor(path)}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
          ),
        );
        return;
      }
      let rateHeaders: Record<string, string> = {};
      if (api === "arm" && this.armThrottle) {
        const t = this.armThrottle.take(path);
        if (!t.ok) {
          this.stats.bump("throttled", routeKey);
          this.log(`${routeKey} -> 429 (bucket empty)`);
          send(
            res,
            apiError(
              "arm",
              429,
              "TooManyRequests",
              `The request is being throttled as the limit has been reached for operation type - Read. Please retry after ${t.retryAfterSeconds} second(s).`,
              { "Retry-After": String(t.retryAfterSeconds), [t.header]: "0" },
            ),
          );
          return;
        }
        rateHeaders = { [t.header]: String(t.remaining) };
      }
      // a $batch is evaluated request by request (dispatchGraph), not as one
      if (api === "graph" && this.graphBudget && !/^\/v1\.0\/\$batch$/i.test(path)) {
        const b = this.graphBudget.take(requestCost(method, path.replace(/^\/(v1\.0|beta)/i, ""), url.searchParams));
        if (!b.ok) {
          this.stats.bump("throttled", routeKey);
          this.log(`${routeKey} -> 429 (resource units spent)`);
          send(
            res,
            apiError(
              "graph",
              429,
              "TooManyRequests",
              "Too many requests. Please retry after the delay in the Retry-After header.",
              { "Retry-After": String(b.retryAfterSeconds), ...b.headers },
            ),
          );
          return;
        }
        rateHeaders = { ...rateHeaders, ...b.headers };
      }
      if (api === "arm" && this.graphQuota && /^\/providers\/microsoft\.resourcegraph\/resources$/i.test(path)) {
        const q = this.graphQuota.take();
        if (!q.ok) {
          this.stats.bump("throttled", routeKey);
          this.log(`${routeKey} -> 429 (Resource Graph quota)`);
          send(
            res,
            apiError(
              "arm",
              429,
              "RateLimiting",
              "Please provide below info when asking for support: timestamp, correlationId. Details: Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed.",
              { "Retry-After": String(q.retryAfterSeconds), ...q.headers },
            ),
          );
          return;
        }
        rateHeaders = { ...rateHeaders, ...q.headers };
      }
      const fault = this.faults.next();
      if (fault === "reset") {
        this.stats.bump("faults");
        this.log(`${routeKey} -> connection reset (fault)`);
        req.socket.destroy();
        return;
      }
      if (fault === "500" || fault === "503") {
        this.stats.bump("faults");
        this.log(`${routeKey} -> ${fault} (fault)`);
        send(
          res,
          fault === "500"
            ? apiError(
                api,
                500,
                api === "arm" ? "InternalServerError" : "generalException",
                "Encountered internal server error. Diagnostic information: emulator fault injection.",
              )
            : apiError(
                api,
                503,
                api === "arm" ? "ServiceUnavailable" : "serviceNotAvailable",
                "The service is temporarily unavailable. Please retry.",
              ),
        );
        return;
      }
      const routed = found ? await found.route.handler(apiReq, found.match.params) : notFoundRoute(api, method, path);
      const response = Object.keys(rateHeaders).length
        ? { ...routed, headers: { ...(routed.headers ?? {}), ...rateHeaders } }
        : routed;
      this.log(`${routeKey} -> ${response.status}${fault === "truncate" ? " (truncated, fault)" : ""}`);
      if (fault === "truncate") {
        this.stats.bump("faults");
        sendTruncated(res, response);
        return;
      }
      send(res, response);
      return;
    } finally {
      this.inFlight--;
    }
  }

  /**
   * The deny scope covering this request, if any. Entries under /v1.0/ (or /beta/, served the
   * same) are Graph paths and deny only Graph requests; every other entry is an ARM scope and
   * denies only ARM requests. Both compare by path prefix, segment-wise and case-insensitively.
   */
  private deniedScope(api: Api, path: string): string | undefined {
    const target = api === "graph" ? graphPathAsV1(path) : path;
    return this.knobs.denyScopes.find(
      (s) => isGraphDenyScope(s) === (api === "graph") && isAtOrUnder(target, api === "graph" ? graphPathAsV1(s) : s),
    );
  }

  /** the plain-http listener answers only the identity endpoint, like App Service's local one */
  handleIdentity(req: IncomingMessage, res: ServerResponse): void {
    const url = splitUrl(req.url ?? "/");
    if (url.pathname.toLowerCase() !== IDENTITY_PATH) {
      send(res, { status: 404, body: { statusCode: 404, message: "Only GET /msi/token is served here." } });
      return;
    }
    send(res, this.identity(req, url));
  }

  /** App Service managed identity protocol (api-version 2019-08-01), as MSAL's AppService source speaks it */
  private identity(req: IncomingMessage, url: { searchParams: URLSearchParams }): ApiResponse {
    this.stats.route(`${req.method ?? "GET"} identity:${IDENTITY_PATH}`, false);
    if (!this.tokens.checkIdentityHeader(header(req, "x-identity-header"))) {
      this.log(`identity -> 401`);
      return {
        status: 401,
        body: { statusCode: 401, message: "X-IDENTITY-HEADER is missing or does not match IDENTITY_HEADER." },
      };
    }
    const resource = url.searchParams.get("resource") ?? "";
    const issued = this.tokens.issue(resource);
    if (!issued) {
      this.log(`identity -> 400 (unknown resource)`);
      return {
        status: 400,
        body: {
          statusCode: 400,
          message: `Unknown resource '${resource}'. The emulator (${this.tokens.cloud}) issues tokens for ${Object.keys(audiencesOf(this.tokens.cloud)).join(", ")}.`,
        },
      };
    }
    this.log(`identity -> 200 (token issued for ${issued.resource})`);
    return { status: 200, body: { ...issued } };
  }

  private async batch(req: ApiRequest): Promise<ApiResponse> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.body || "{}");
    } catch {
      return apiError("graph", 400, "BadRequest", "The $batch body is not valid JSON.");
    }
    const requests = (parsed as { requests?: unknown }).requests;
    if (!Array.isArray(requests) || requests.length === 0)
      return apiError("graph", 400, "BadRequest", "The $batch body needs a non-empty `requests` array.");
    if (requests.length > MAX_BATCH)
      return apiError(
        "graph",
        400,
        "BadRequest",
        `A $batch holds at most ${MAX_BATCH} requests; got ${requests.length}.`,
      );
    const responses: Json[] = [];
    for (const r of requests as Array<Record<string, unknown>>) {
      const id = jsonText(r.id);
      const method = typeof r.method === "string" ? r.method.toUpperCase() : "";
      const rel = typeof r.url === "string" ? r.url : "";
      if (!id || !method || !rel) {
        return apiError("graph", 400, "BadRequest", "Every $batch request needs `id`, `method` and `url`.");
      }
      const d = await this.dispatchGraph(method, rel, r.body, req.baseUrl);
      const b = d.response.body;
      responses.push({
        id,
        status: d.response.status,
        headers: { "Content-Type": "application/json", ...(d.response.headers ?? {}) },
        body: b === undefined ? null : b,
      });
    }
    return json(200, { responses });
  }

  /** a $batch sub-request: routed like a top-level one (and counted); throttled or failed one by one (batchFaultRate) */
  private async dispatchGraph(method: string, rel: string, body: unknown, baseUrl: string): Promise<Dispatched> {
    const url = new URL("/v1.0/" + rel.replace(/^\/+/, "").replace(/^v1\.0\//, ""), baseUrl);
    const segments = url.pathname.split("/").filter(Boolean).map(safeDecode);
    const path = "/" + segments.join("/");
    const found = this.graph.match(method, segments);
    const routeKey = `${method} graph:${found ? found.match.template : "(unmatched)"}`;
    this.stats.route(routeKey);
    if (found && found.match.template === "/v1.0/$batch") {
      return { routeKey, response: apiError("graph", 400, "BadRequest", "A $batch cannot contain a $batch.") };
    }
    if (this.deniedScope("graph", path)) {
      this.stats.bump("denied");
      this.log(`${routeKey} -> 403 (in $batch)`);
      return { routeKey, response: graphDenied() };
    }
    if (this.graphBudget) {
      const b = this.graphBudget.take(requestCost(method, path.replace(/^\/v1\.0/i, ""), url.searchParams));
      if (!b.ok) {
        this.stats.bump("throttled", `${routeKey} (in $batch)`);
        this.log(`${routeKey} -> 429 (resource units spent, in $batch)`);
        return {
          routeKey,
          response: apiError(
            "graph",
            429,
            "TooManyRequests",
            "Too many requests. Please retry after the delay in the Retry-After header.",
            { "Retry-After": String(b.retryAfterSeconds), ...b.headers },
          ),
        };
      }
    }
    const fault = this.batchFaults.next();
    if (fault === "429") {
      this.stats.bump("throttled", `${routeKey} (in $batch)`);
      this.log(`${routeKey} -> 429 (in $batch)`);
      return {
        routeKey,
        response: apiError(
          "graph",
          429,
          "TooManyRequests",
          "Too many requests. Please retry after the delay in the Retry-After header.",
          { "Retry-After": String(this.knobs.retryAfterSeconds) },
        ),
      };
    }
    if (fault === "503") {
      this.stats.bump("faults");
      this.log(`${routeKey} -> 503 (in $batch)`);
      return {
        routeKey,
        response: apiError(
          "graph",
          503,
          "serviceNotAvailable",
          "The service is temporarily unavailable. Retry the request.",
        ),
      };
    }
    const apiReq: ApiRequest = {
      method,
      path,
      segments,
      query: lowerQuery(url.searchParams),
      rawQuery: url.searchParams,
      headers: {},
      body: body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body),
      baseUrl,
    };
    const response = found
      ? await found.route.handler(apiReq, found.match.params)
      : notFoundRoute("graph", method, path);
    return { routeKey, response };
  }
}

function splitUrl(raw: string): { pathname: string; searchParams: URLSearchParams } {
  const q = raw.indexOf("?");
  return q < 0
    ? { pathname: raw, searchParams: new URLSearchParams() }
    : { pathname: raw.slice(0, q), searchParams: new URLSearchParams(raw.slice(q + 1)) };
}

/** /beta/… is served as /v1.0/…, so it is denied as /v1.0/… too */
function graphPathAsV1(path: string): string {
  return path.replace(/^\/+beta(?=\/|$)/i, "/v1.0");
}

/** what Graph answers when the app lacks the permission (Application.Read.All and the like) */
function graphDenied(): ApiResponse {
  return apiError("graph", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function lowerQuery(q: URLSearchParams): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of q) if (!m.has(k.toLowerCase())) m.set(k.toLowerCase(), v);
  return m;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => {
      resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

function unauthorized(api: Api, why: string): ApiResponse {
  const challenge = {
    "WWW-Authenticate": `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="${why}"`,
  };
  if (api === "arm") {
    if (why === "missing")
      return apiError(
        "arm",
        401,
        "AuthenticationFailed",
        "Authentication failed. The 'Authorization' header is missing.",
        challenge,
      );
    if (why === "wrong-audience")
      return apiError(
        "arm",
        401,
        "InvalidAuthenticationTokenAudience",
        "The access token has been obtained for wrong audience or resource. It should exactly match one of the allowed audiences 'https://management.azure.com', 'https://management.core.windows.net/'.",
        challenge,
      );
    if (why === "expired")
      return apiError(
        "arm",
        401,
        "ExpiredAuthenticationToken",
        "The access token expiry UTC time is earlier than current UTC time.",
        challenge,
      );
    return apiError("arm", 401, "InvalidAuthenticationToken", "The access token is invalid.", challenge);
  }
  if (why === "missing")
    return apiError("graph", 401, "InvalidAuthenticationToken", "Access token is empty.", challenge);
  if (why === "wrong-audience")
    return apiError(
      "graph",
      401,
      "InvalidAuthenticationToken",
      "Access token validation failure. Invalid audience.",
      challenge,
    );
  return apiError("graph", 401, "InvalidAuthenticationToken", "Access token validation failure.", challenge);
}

function notFoundRoute(api: Api, method: string, path: string): ApiResponse {
  return api === "arm"
    ? apiError("arm", 404, "NotFound", `The azaudit emulator does not serve ${method} ${path}.`)
    : apiError(
        "graph",
        400,
        "BadRequest",
        `Resource not found for the segment in ${method} ${path} (not served by the azaudit emulator).`,
      );
}

function serialize(r: ApiResponse): { status: number; headers: Record<string, string>; payload: Buffer } {
  const payload = r.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(r.body), "utf8");
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(payload.length),
    "x-ms-request-id": randomUUID(),
    ...(r.headers ?? {}),
  };
  return { status: r.status, headers, payload };
}

function send(res: ServerResponse, r: ApiResponse): void {
  const { status, headers, payload } = serialize(r);
  res.writeHead(status, headers);
  res.end(payload);
}

function sendTruncated(res: ServerResponse, r: ApiResponse): void {
  const { status, headers, payload } = serialize(r);
  res.writeHead(status, headers);
  // promise the full length, deliver half, then drop the connection: the client sees a broken body
  res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
}

export async function startServer(fixture: TenantFixture, opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = new EmulatorServer(fixture, opts, opts.log ?? (() => {}));
  const tls = await generateTlsMaterial();
  const dir = await mkdtemp(join(tmpdir(), "azaudit-emulator-"));
  const caFile = join(dir, "ca.pem");
  await writeFile(caFile, tls.caPem, { mode: 0o600 });

  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    emu.handle(req, res).catch((err: unknown) => {
      (opts.log ?? (() => {}))(`internal error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent)
        send(res, apiError("arm", 500, "InternalServerError", "The emulator failed to handle the request."));
      else res.destroy();
    });
  });
  // a reset fault destroys sockets mid-request; that is the point, not an error
  server.on("clientError", (_err, socket) => socket.destroy());

  // App Service serves its identity endpoint over plain http on localhost, and
  // ManagedIdentityCredential allows that; serving it the same way means a client needs no CA
  // for its token (DefaultAzureCredential does not pass tlsOptions down to the MSI request).
  const identityServer = createHttpServer((req, res) => {
    emu.handleIdentity(req, res);
  });
  const listen = (
    s: {
      listen: (port: number, host: string, cb: () => void) => unknown;
      once: (ev: "error", cb: (e: Error) => void) => unknown;
      off: (ev: "error", cb: (e: Error) => void) => unknown;
      address: () => AddressInfo | string | null;
    },
    port: number,
  ) =>
    new Promise<number>((resolve, reject) => {
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        s.off("error", reject);
        const a = s.address();
        resolve(typeof a === "object" && a ? a.port : port);
      });
    });
  let port: number;
  let identityPort: number;
  try {
    port = await listen(server, emu.knobs.port);
    identityPort = await listen(identityServer, 0);
  } catch (e) {
    server.close();
    identityServer.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const url = `https://127.0.0.1:${port}`;
  emu.baseUrl = url;

  const env: EmulatorEnv = {
    AZAUDIT_ARM_ENDPOINT: url,
    AZAUDIT_GRAPH_ENDPOINT: url,
    NODE_EXTRA_CA_CERTS: caFile,
    IDENTITY_ENDPOINT: `http://127.0.0.1:${identityPort}${IDENTITY_PATH}`,
    IDENTITY_HEADER: emu.identityHeader,
    AZURE_TOKEN_CREDENTIALS: "ManagedIdentityCredential",
  };

  let closed: Promise<void> | undefined;
  return {
    port,
    url,
    env,
    caPem: tls.caPem,
    stats: () => emu.statsSnapshot(),
    resetStats: () => {
      emu.resetStats();
    },
    federation: emu.federation.info(url),
    federationStats: () => emu.federation.stats(),
    close: () =>
      (closed ??= (async () => {
        await Promise.all(
          [server, identityServer].map(
            (s) =>
              new Promise<void>((resolve) => {
                s.close(() => {
                  resolve();
                });
                s.closeAllConnections();
              }),
          ),
        );
        await rm(dir, { recursive: true, force: true });
      })()),
  };
}
