// Every client azaudit talks to Azure with is built here, once per scan, and injected into the
// collectors (no module singletons). ARM goes through the Azure SDK pipeline (bearer token,
// throttling retry honouring Retry-After, exponential retry); Graph through the Graph client v3
// middleware chain (auth, RetryHandler honouring Retry-After) ending in our own HTTPS handler
// (so a test CA can be trusted in-process and every attempt is counted). Nothing here ever logs
// a header: the verbose log carries method, URL, status and time only.
import { createRedactor, type Redactor } from "../log.ts";
import { request as httpsRequest, Agent } from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import { chooseCredential } from "./credential.ts";
import { AuthorizationManagementClient } from "@azure/arm-authorization";
import { SubscriptionClient } from "@azure/arm-resources-subscriptions";
import { ResourceManagementClient } from "@azure/arm-resources";
import { SecurityCenter } from "@azure/arm-security";
import { ServiceClient } from "@azure/core-client";
import {
  createPipelineRequest,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
  type SendRequest,
} from "@azure/core-rest-pipeline";
import {
  AuthenticationHandler,
  Client as GraphClient,
  TelemetryHandler,
  type Context as GraphContext,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import { toolVersion } from "../version.ts";
import { createArmPacing } from "./wire/arm-pacing.ts";
import { createArmWire, deadlineError } from "./wire/arm-policies.ts";
import { WireError, describeUrl } from "./wire/errors.ts";
import { sleep, retryAfterSeconds, wireLimits, type WireLimits } from "./wire/limits.ts";
import { PageWalk, askedPageSize, assertSameOrigin } from "./wire/paging.ts";
import { checkJsonAnswer, expectListPage, expectObject, invalidJson, isJsonContentType } from "./wire/response.ts";

import { resolveEndpoints, type CloudEndpoints, type CloudName } from "./clouds.ts";
export { CLOUDS, resolveEndpoints, type CloudEndpoints, type CloudName } from "./clouds.ts";

/** An HTTP failure from ARM or Graph, normalised. */
export class ApiError extends Error {
  constructor(
    readonly api: "arm" | "graph",
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface RequestStats {
  /** every HTTP attempt (retries included), by API */
  arm: number;
  graph: number;
  /** attempts answered 429 or 503 (then retried by the pipelines) */
  throttled: number;
  /** milliseconds ARM reads waited for their throttling bucket to refill (x-ms-ratelimit-remaining-*) */
  armPacedMs: number;
  /** milliseconds Graph requests waited because Graph said most of the resource-unit budget was spent (x-ms-throttle-limit-percentage) */
  graphPacedMs: number;
}

export interface GraphBatchRequest {
  id: string;
  method: "GET";
  url: string;
}

export interface GraphBatchResponse {
  id: string;
  status: number;
  /** the sub-response's headers with string values (Retry-After on a throttled one); {} when none */
  headers: Record<string, string>;
  body: unknown;
}

export interface AzureClients {
  readonly cloud: CloudEndpoints;
  readonly credential: TokenCredential;
  readonly armScope: string;
  readonly graphScope: string;
  readonly subscriptions: SubscriptionClient;
  /** Authorization client; `subscriptionId` only matters for subscription-bound operations. */
  authorization(subscriptionId?: string): AuthorizationManagementClient;
  resources(subscriptionId: string): ResourceManagementClient;
  security(subscriptionId: string): SecurityCenter;
  /** A raw ARM call through the same pipeline (credential, retries, counting). Throws ApiError on non-2xx. */
  armJson<T = unknown>(
    method: "GET" | "POST",
    pathOrUrl: string,
    opts?: { apiVersion?: string; body?: unknown; query?: Record<string, string> },
  ): Promise<T>;
  /** Every item of an ARM list (value + nextLink), streamed page by page. */
  armPages<T = unknown>(path: string, apiVersion: string, query?: Record<string, string>): AsyncGenerator<T[]>;
  readonly graph: GraphClient;
  /** Every item of a Graph collection, following @odata.nextLink, streamed page by page. */
  graphPages<T = unknown>(path: string): AsyncGenerator<T[]>;
  /** The absolute URL of a Graph path in another API version (`beta` for the reports only it has). */
  graphUrl(version: "v1.0" | "beta", path: string): string;
  /** The guards every answer passes (timeouts, Retry-After cap, page bounds, the deadline). */
  readonly limits: WireLimits;
  graphPost<T = unknown>(path: string, body: unknown): Promise<T>;
  /** POST /$batch (at most 20 requests), built by hand: the SDK's BatchRequestContent is broken on Node 18+. */
  graphBatch(requests: GraphBatchRequest[]): Promise<GraphBatchResponse[]>;
  stats(): RequestStats;
  close(): void;
}

export interface CreateAzureClientsOptions {
  cloud?: CloudName;
  /** environment to read endpoints and credential settings from (default process.env) */
  env?: Record<string, string | undefined>;
  /** verbose request log (method, URL, status, time; never headers or bodies) */
  log?: (line: string) => void;
  /** max retries for throttled/failed requests (default 4) */
  maxRetries?: number;
  /** Extra CA certificate (PEM). For in-process tests ONLY: processes use NODE_EXTRA_CA_CERTS. */
  ca?: string;
  /** an already built credential (tests that share one); default DefaultAzureCredential */
  credential?: TokenCredential;
  /** timeouts, caps and the scan's deadline (defaults: DEFAULT_WIRE_LIMITS, no deadline) */
  limits?: Partial<WireLimits>;
  /** learns every token the scan is handed, so no sink ever writes one */
  redactor?: Redactor;
}

const ARM_API_VERSIONS = {
  managementGroups: "2021-04-01",
  resourceGraph: "2022-10-01",
  roleAssignments: "2022-04-01",
  roleDefinitions: "2022-04-01",
};
export { ARM_API_VERSIONS };

function buildCredential(
  env: Record<string, string | undefined>,
  cloud: CloudEndpoints,
  ca: string | undefined,
): TokenCredential {
  return chooseCredential(env, cloud.authorityHost, ca).credential;
}

/**
 * One token per scope for the whole scan, shared by every ARM client and Graph, refreshed 5
 * minutes before expiry; concurrent first requests wait for one fetch (no token stampede on the
 * identity endpoint, no `az` process per Graph request with the Azure CLI credential). Every
 * token handed out is told to `onToken` (the run's redactor), and a token request that does not
 * answer within `timeoutMs` fails instead of holding the scan.
 */
export function cachingCredential(
  inner: TokenCredential,
  opts: { onToken?: (token: string) => void; timeoutMs?: number; deadline?: AbortSignal } = {},
): TokenCredential {
  const cache = new Map<string, AccessToken>();
  const inflight = new Map<string, Promise<AccessToken | null>>();
  const fetchToken = (scopes: string | string[], options?: GetTokenOptions) =>
    bounded(
      inner.getToken(scopes, options),
      opts.timeoutMs,
      opts.deadline,
      `no token for ${[scopes].flat().join(" ")}`,
    ).then((t) => {
      if (t) opts.onToken?.(t.token);
      return t;
    });
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const key = [scopes].flat().join(" ");
      if (options?.claims) return fetchToken(scopes, options);
      const hit = cache.get(key);
      if (hit && hit.expiresOnTimestamp - 5 * 60_000 > Date.now()) return hit;
      let p = inflight.get(key);
      if (!p) {
        p = fetchToken(scopes, options)
          .then((t) => {
            if (t) cache.set(key, t);
            return t;
          })
          .finally(() => inflight.delete(key));
        inflight.set(key, p);
      }
      return p;
    },
  };
}

/** `p`, or a rejection once `timeoutMs` passed or `deadline` aborted. */
function bounded<T>(
  p: Promise<T>,
  timeoutMs: number | undefined,
  deadline: AbortSignal | undefined,
  what: string,
): Promise<T> {
  if (!timeoutMs && !deadline) return p;
  return new Promise<T>((resolve, reject) => {
    const fail = (why: string) => {
      reject(new Error(`${what}: ${why}`));
    };
    if (deadline?.aborted) {
      fail("the scan's deadline passed");
      return;
    }
    const timer = timeoutMs
      ? setTimeout(() => {
          fail(`the token source did not answer within ${timeoutMs / 1000} s`);
        }, timeoutMs)
      : undefined;
    const onAbort = () => {
      fail("the scan's deadline passed");
    };
    deadline?.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      deadline?.removeEventListener("abort", onAbort);
    });
  });
}

export function createAzureClients(opts: CreateAzureClientsOptions = {}): AzureClients {
  const env = opts.env ?? process.env;
  const cloud = resolveEndpoints(opts.cloud ?? "AzureCloud", env);
  const limits = wireLimits(opts.limits);
  const redactor = opts.redactor ?? createRedactor(env);
  const sink = opts.log;
  const log = sink
    ? (line: string) => {
        sink(redactor.redact(line));
      }
    : undefined;
  const maxRetries = opts.maxRetries ?? 4;
  const credential = cachingCredential(opts.credential ?? buildCredential(env, cloud, opts.ca), {
    onToken: (t) => {
      redactor.addSecret(t);
    },
    timeoutMs: limits.requestTimeoutMs,
    deadline: limits.deadline,
  });
  const armScope = `${cloud.armAudience}/.default`;
  const graphScope = `${cloud.graphAudience}/.default`;
  const counts: Omit<RequestStats, "armPacedMs"> = { arm: 0, graph: 0, throttled: 0, graphPacedMs: 0 };
  const version = toolVersion();
  const armOrigin = new URL(cloud.armEndpoint).origin;
  const armWire = createArmWire(armOrigin, limits);
  const armPacing = createArmPacing(limits);

  // ---- ARM ----
  const countingPolicy: PipelinePolicy = {
    name: "azauditCountAndLog",
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      counts.arm++;
      const started = Date.now();
      try {
        const res = await next(request);
        if (res.status === 429 || res.status === 503) counts.throttled++;
        log?.(
          `ARM ${request.method} ${request.url} -> ${res.status} (${Date.now() - started} ms)${res.headers.get("retry-after") ? ` retry-after=${res.headers.get("retry-after")}` : ""}`,
        );
        return res;
      } catch (err) {
        log?.(`ARM ${request.method} ${request.url} -> error ${(err as Error).message} (${Date.now() - started} ms)`);
        throw err;
      }
    },
  };
  // The SDK retries HTTP 429/5xx and failed connections, but not a response that broke off
  // mid-body (or arrived truncated and would not parse), nor one that stalled past the request
  // timeout. Every ARM call azaudit makes is a read, so such a call is simply made again, a few
  // times, before it counts as failed.
  const brokenBodyRetryPolicy: PipelinePolicy = {
    name: "azauditRetryBrokenBody",
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await next(request);
        } catch (err) {
          const status = (err as { statusCode?: number }).statusCode;
          const stalled = err instanceof WireError && err.retryable;
          const broken =
            !(err instanceof WireError) &&
            status === undefined &&
            /reading response|aborted|socket hang up|ECONNRESET|Unexpected end of JSON|JSON/i.test(
              err instanceof Error ? err.message : "",
            );
          if ((!broken && !stalled) || attempt >= maxRetries || limits.deadline?.aborted) throw err;
          await sleep(250 * 2 ** attempt, limits.deadline).catch(() => {
            throw err;
          });
        }
      }
    },
  };
  const armOptions = {
    endpoint: cloud.armEndpoint,
    credentialScopes: [armScope],
    retryOptions: { maxRetries },
    additionalPolicies: [
      { policy: armWire.wireGuard, position: "perCall" as const },
      { policy: brokenBodyRetryPolicy, position: "perCall" as const },
      { policy: armPacing.policy, position: "perRetry" as const },
      { policy: countingPolicy, position: "perRetry" as const },
      { policy: armWire.attemptBounds, position: "perRetry" as const },
    ],
    userAgentOptions: { userAgentPrefix: `azaudit/${version}` },
    ...(opts.ca ? { tlsOptions: { ca: opts.ca } } : {}),
  };
  const subscriptions = new SubscriptionClient(credential, armOptions);
  const authz = new Map<string, AuthorizationManagementClient>();
  const res = new Map<string, ResourceManagementClient>();
  const sec = new Map<string, SecurityCenter>();
  const NO_SUB = "00000000-0000-0000-0000-000000000000";
  const memo = <T>(m: Map<string, T>, k: string, make: () => T): T => {
    let v = m.get(k);
    if (!v) m.set(k, (v = make()));
    return v;
  };
  const raw = new ServiceClient({ ...armOptions, credential });

  const armUrl = (pathOrUrl: string, apiVersion?: string, query?: Record<string, string>): string => {
    const url = new URL(
      /^https?:\/\//i.test(pathOrUrl)
        ? pathOrUrl
        : cloud.armEndpoint + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl,
    );
    if (apiVersion && !url.searchParams.has("api-version")) url.searchParams.set("api-version", apiVersion);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return url.toString();
  };

  async function armJson<T>(
    method: "GET" | "POST",
    pathOrUrl: string,
    o: { apiVersion?: string; body?: unknown; query?: Record<string, string> } = {},
  ): Promise<T> {
    const url = armUrl(pathOrUrl, o.apiVersion, o.query);
    const req = createPipelineRequest({ url, method, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    req.headers.set("Accept", "application/json");
    if (o.body !== undefined) req.headers.set("Content-Type", "application/json");
    const r = await raw.sendRequest(req);
    if (r.status < 200 || r.status >= 300) {
      let e: { code?: unknown; message?: unknown } | undefined;
      try {
        e = (JSON.parse(r.bodyAsText ?? "") as { error?: typeof e }).error;
      } catch {
        e = undefined;
      }
      const code = typeof e?.code === "string" ? e.code : `HTTP${r.status}`;
      throw new ApiError("arm", r.status, code, typeof e?.message === "string" ? e.message : `HTTP ${r.status}`, url);
    }
    // the wire guard has parsed and checked it: a successful answer that is not JSON never gets here
    return armWire.parsedBody(r) as T;
  }

  async function* armPages<T>(path: string, apiVersion: string, query?: Record<string, string>): AsyncGenerator<T[]> {
    let next: string | undefined = armUrl(path, apiVersion, query);
    while (next) {
      const url: string = next;
      const page = expectListPage("arm", url, await armJson("GET", url));
      yield page.value as T[];
      // the wire guard checked the link (same host, no loop, bounded walk)
      next = typeof page.nextLink === "string" && page.nextLink ? page.nextLink : undefined;
    }
  }

  // ---- Graph ----
  const graphUrl = new URL(cloud.graphEndpoint);
  const graphOrigin = graphUrl.origin;
  const agent = new Agent({ keepAlive: true, maxSockets: 32, ...(opts.ca ? { ca: opts.ca } : {}) });
  const httpHandler = new NodeHttpsHandler(agent, counts, log, maxRetries, graphOrigin, limits);
  const authProvider = {
    getAccessToken: async () => {
      const t = await credential.getToken(graphScope);
      if (!t) throw new Error(`no token for ${graphScope}`);
      return t.token;
    },
  };
  // No RetryHandler: it waits whatever Retry-After a server names. NodeHttpsHandler retries
  // 429/5xx itself, with the wait capped and the scan's deadline honoured.
  const middleware: Middleware[] = [new AuthenticationHandler(authProvider), new TelemetryHandler(), httpHandler];
  const graph = GraphClient.initWithMiddleware({
    baseUrl: graphUrl.origin + graphUrl.pathname.replace(/\/+$/, ""),
    // the hostname WITHOUT port, or the AuthenticationHandler sends no Authorization header
    customHosts: new Set([graphUrl.hostname]),
    middleware,
    defaultVersion: "v1.0",
  });

  const graphBase = `${graphUrl.origin}${graphUrl.pathname.replace(/\/+$/, "")}/v1.0`;
  const fullGraphUrl = (p: string) => (/^https?:\/\//i.test(p) ? p : `${graphBase}/${p.replace(/^\/+/, "")}`);

  async function graphCall<T>(method: "GET" | "POST", p: string, body?: unknown): Promise<T> {
    const url = fullGraphUrl(p);
    assertSameOrigin("graph", graphOrigin, url);
    let answer: unknown;
    try {
      const req = graph.api(url);
      answer = method === "GET" ? await req.get() : await req.post(body);
    } catch (err) {
      // the Graph client's JSON.parse of a body the handler let through as application/json (it
      // arrives wrapped in a GraphError whose code names the SyntaxError)
      if (err instanceof SyntaxError || (err as { code?: unknown }).code === "SyntaxError")
        throw invalidJson("graph", url);
      throw toGraphApiError(err, url);
    }
    return expectObject("graph", url, answer) as T;
  }

  async function* graphPages<T>(p: string): AsyncGenerator<T[]> {
    const first = fullGraphUrl(p);
    const walk = new PageWalk("graph", graphOrigin, limits, first, askedPageSize(first));
    let next: string | undefined = first;
    while (next) {
      const url: string = next;
      const page = expectListPage("graph", url, await graphCall("GET", url));
      next = walk.next(url, page.value.length, page.nextLink);
      yield page.value as T[];
    }
  }

  async function graphBatch(requests: GraphBatchRequest[]): Promise<GraphBatchResponse[]> {
    if (requests.length > 20) throw new Error(`a Graph $batch holds at most 20 requests, got ${requests.length}`);
    const url = fullGraphUrl("$batch");
    const r = await graphCall<{ responses?: unknown }>("POST", "$batch", { requests });
    const answers = checkBatchAnswer(url, requests, r.responses);
    // Graph evaluates a batch's requests one by one against the app's budget: a throttled one
    // says how long the budget needs, and every Graph request waits that long, not only this
    // batch's retry (the other batches in flight would spend their sends on 429s too)
    // (an ask past the cap is not waited for at all: that request becomes a named gap)
    const cap = limits.maxRetryAfterSeconds * 1000;
    const waitMs = Math.max(0, ...answers.map(throttledForMs).filter((ms) => ms <= cap));
    if (waitMs > 0) httpHandler.hold(waitMs);
    return answers;
  }

  return {
    cloud,
    credential,
    armScope,
    graphScope,
    subscriptions,
    authorization: (subscriptionId = NO_SUB) =>
      memo(authz, subscriptionId, () => new AuthorizationManagementClient(credential, subscriptionId, armOptions)),
    resources: (subscriptionId) =>
      memo(res, subscriptionId, () => new ResourceManagementClient(credential, subscriptionId, armOptions)),
    security: (subscriptionId) =>
      memo(sec, subscriptionId, () => new SecurityCenter(credential, subscriptionId, armOptions)),
    armJson,
    armPages,
    graph,
    graphPages,
    graphUrl: (version, p) =>
      `${graphUrl.origin}${graphUrl.pathname.replace(/\/+$/, "")}/${version}/${p.replace(/^\/+/, "")}`,
    graphPost: (p, body) => graphCall("POST", p, body),
    graphBatch,
    limits,
    stats: () => ({ ...counts, armPacedMs: armPacing.waitedMs() }),
    close: () => {
      agent.destroy();
    },
  };
}

/** A sub-response's headers, believed only as strings. */
function stringHeaders(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw && typeof raw === "object" && !Array.isArray(raw))
    for (const [k, v] of Object.entries(raw)) if (typeof v === "string") out[k.toLowerCase()] = v;
  return out;
}

/** How long a throttled $batch answer asks to wait (its Retry-After; a second when it names none); 0 when not throttled. */
function throttledForMs(answer: GraphBatchResponse): number {
  if (answer.status !== 429) return 0;
  const asked = retryAfterSeconds(answer.headers["retry-after"]);
  return asked !== undefined ? asked * 1000 : 1000;
}

/** A $batch answer names each request it answers, once, with a numeric status; anything else is refused. */
function checkBatchAnswer(url: string, requests: GraphBatchRequest[], responses: unknown): GraphBatchResponse[] {
  if (!Array.isArray(responses))
    throw new WireError("graph", "shape", `Graph answered ${describeUrl(url)} without a \`responses\` array`, url);
  const asked = new Set(requests.map((r) => r.id));
  const seen = new Set<string>();
  const out: GraphBatchResponse[] = [];
  for (const [i, r] of responses.entries()) {
    const o = r as { id?: unknown; status?: unknown; body?: unknown; headers?: unknown } | null;
    if (!o || typeof o !== "object" || typeof o.id !== "string" || typeof o.status !== "number") {
      throw new WireError(
        "graph",
        "shape",
        `Graph answered ${describeUrl(url)} with responses[${i}] that has no string \`id\` and numeric \`status\``,
        url,
      );
    }
    if (!asked.has(o.id) || seen.has(o.id))
      throw new WireError(
        "graph",
        "shape",
        `Graph answered ${describeUrl(url)} for a request it was not asked, or twice (responses[${i}])`,
        url,
      );
    seen.add(o.id);
    out.push({ id: o.id, status: o.status, headers: stringHeaders(o.headers), body: o.body });
  }
  return out;
}

function toGraphApiError(err: unknown, url: string): Error {
  if (err instanceof ApiError || err instanceof WireError) return err;
  const e: { statusCode?: number; code?: string; message?: string } =
    typeof err === "object" && err !== null ? err : {};
  if (typeof e.statusCode === "number" && e.statusCode > 0) {
    return new ApiError(
      "graph",
      e.statusCode,
      e.code ?? `HTTP${e.statusCode}`,
      e.message ?? `HTTP ${e.statusCode}`,
      url,
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}

function headersToObject(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (typeof (h as Headers).forEach === "function" && typeof (h as Headers).get === "function") {
    (h as Headers).forEach((v, k) => (out[k] = v));
    return out;
  }
  for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
    else if (Array.isArray(v)) out[k] = v.join(",");
  }
  return out;
}

const RETRYABLE_NETWORK = /ECONNRESET|EPIPE|ETIMEDOUT|ECONNREFUSED|socket hang up|aborted|premature|terminated/i;
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * The last Graph middleware: sends over node:https (so `ca` works in-process, and
 * NODE_EXTRA_CA_CERTS in production), only ever to the Graph endpoint's origin, counts every
 * attempt, logs without headers, bounds each attempt (time and bytes), and retries network
 * failures, 429 and 5xx — honouring Retry-After up to the cap, never past the scan's deadline.
 * A successful answer that is not JSON is refused here, before the Graph client can take an HTML
 * page for an empty result.
 */
class NodeHttpsHandler implements Middleware {
  private pauseUntil = 0;

  constructor(
    private readonly agent: Agent,
    private readonly counts: Omit<RequestStats, "armPacedMs">,
    private readonly log: ((line: string) => void) | undefined,
    private readonly maxRetries: number,
    private readonly origin: string,
    private readonly limits: WireLimits,
  ) {}

  async execute(context: GraphContext): Promise<void> {
    const req = context.request;
    const url = typeof req === "string" ? req : req.url;
    assertSameOrigin("graph", this.origin, url);
    const method = (context.options?.method ?? (typeof req === "string" ? "GET" : req.method)).toUpperCase();
    const headers = headersToObject(context.options?.headers ?? (typeof req === "string" ? undefined : req.headers));
    const rawBody = context.options?.body;
    const body =
      rawBody === undefined || rawBody === null
        ? undefined
        : typeof rawBody === "string"
          ? rawBody
          : Buffer.isBuffer(rawBody)
            ? rawBody
            : JSON.stringify(rawBody);
    const deadline = this.limits.deadline;
    for (let attempt = 0; ; attempt++) {
      if (deadline?.aborted) throw deadlineError("graph", url);
      const paused = this.pauseUntil - Date.now();
      if (paused > 0) {
        this.counts.graphPacedMs += paused;
        await this.wait(paused, url);
      }
      const started = Date.now();
      this.counts.graph++;
      let r: { status: number; headers: IncomingHttpHeaders; body: Buffer };
      try {
        r = await this.send(url, method, headers, body);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        this.log?.(`Graph ${method} ${url} -> error ${msg} (${Date.now() - started} ms)`);
        if (deadline?.aborted) throw deadlineError("graph", url);
        const retryable =
          err instanceof WireError
            ? err.retryable
            : RETRYABLE_NETWORK.test(`${(err as NodeJS.ErrnoException).code ?? ""} ${msg}`);
        if (attempt < this.maxRetries && retryable) {
          await this.wait(backoff(attempt), url);
          continue;
        }
        throw err;
      }
      // Graph says when most of the app+tenant resource-unit budget is spent (over 0.8 of it):
      // past 0.9 the next requests wait a second, so the bucket refills instead of running dry
      const used = Number(header(r.headers, "x-ms-throttle-limit-percentage"));
      if (Number.isFinite(used) && used >= 0.9) this.pauseUntil = Math.max(this.pauseUntil, Date.now() + 1000);
      const retryAfter = header(r.headers, "retry-after");
      if (r.status === 429 || r.status === 503) this.counts.throttled++;
      this.log?.(
        `Graph ${method} ${url} -> ${r.status} (${Date.now() - started} ms)${retryAfter ? ` retry-after=${retryAfter}` : ""}`,
      );
      if (RETRYABLE_STATUS.has(r.status) && attempt < this.maxRetries) {
        const asked = retryAfterSeconds(retryAfter);
        if (asked !== undefined && asked > this.limits.maxRetryAfterSeconds) {
          throw new WireError(
            "graph",
            "retry-after-too-long",
            `Graph answered ${describeUrl(url)} with HTTP ${r.status} and asked to wait ${Math.round(asked)} s, more than the ${this.limits.maxRetryAfterSeconds} s azaudit waits`,
            url,
          );
        }
        await this.wait(asked !== undefined ? asked * 1000 : backoff(attempt), url);
        continue;
      }
      const contentType = header(r.headers, "content-type");
      // content type only: the Graph client parses the body next (a body that is not JSON fails
      // there and becomes the same invalid-json gap in graphCall)
      if (r.status >= 200 && r.status < 300 && r.status !== 204 && r.body.length > 0)
        checkJsonAnswer("graph", url, r.status, contentType, r.body.toString("utf8"));
      const h = new Headers();
      for (const [k, v] of Object.entries(r.headers))
        if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
      // an error answer that is not JSON is passed on as an empty JSON error, never as page text
      const errorNotJson = (r.status < 200 || r.status >= 300) && !isJsonContentType(contentType);
      if (errorNotJson) h.set("content-type", "application/json");
      const payload =
        r.status === 204 || r.status === 304
          ? null
          : errorNotJson
            ? new TextEncoder().encode("{}")
            : new Uint8Array(r.body);
      context.response = new Response(payload, { status: r.status, headers: h });
      return;
    }
  }

  /** Every Graph request sent from now waits `ms` first (a $batch request was throttled). */
  hold(ms: number): void {
    this.pauseUntil = Math.max(this.pauseUntil, Date.now() + ms);
  }

  private wait(ms: number, url: string): Promise<void> {
    return sleep(ms, this.limits.deadline).catch(() => {
      throw deadlineError("graph", url);
    });
  }

  private send(
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    const { requestTimeoutMs, maxBodyBytes, deadline } = this.limits;
    return new Promise((resolve, reject) => {
      const u = new URL(url);
      const h: Record<string, string> = { ...headers };
      if (body !== undefined) h["content-length"] = String(Buffer.byteLength(body));
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        deadline?.removeEventListener("abort", onDeadline);
        return true;
      };
      const finish = (err: Error) => {
        if (!settle()) return;
        r.destroy();
        reject(err);
      };
      const answer = (value: { status: number; headers: IncomingHttpHeaders; body: Buffer }) => {
        if (settle()) resolve(value);
      };
      // one timer for the whole attempt: a server that trickles a byte at a time is cut off too
      const timer = setTimeout(() => {
        finish(
          new WireError(
            "graph",
            "timeout",
            `Graph did not finish answering ${describeUrl(url)} within ${requestTimeoutMs / 1000} s`,
            url,
          ),
        );
      }, requestTimeoutMs);
      const onDeadline = () => {
        finish(deadlineError("graph", url));
      };
      deadline?.addEventListener("abort", onDeadline, { once: true });
      const r = httpsRequest(
        {
          protocol: u.protocol,
          hostname: u.hostname,
          port: u.port || 443,
          path: u.pathname + u.search,
          method,
          headers: h,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            size += c.length;
            if (size > maxBodyBytes) {
              finish(
                new WireError(
                  "graph",
                  "body-too-large",
                  `Graph answered ${describeUrl(url)} with more than ${maxBodyBytes} bytes; refused`,
                  url,
                ),
              );
              return;
            }
            chunks.push(c);
          });
          res.on("aborted", () => {
            finish(new Error("response aborted"));
          });
          res.on("error", (e) => {
            finish(e);
          });
          res.on("end", () => {
            if (!res.complete) {
              finish(new Error("response terminated before its end"));
              return;
            }
            answer({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          });
        },
      );
      r.on("error", (e) => {
        finish(e);
      });
      if (body !== undefined) r.write(body);
      r.end();
    });
  }
}

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function backoff(attempt: number): number {
  return Math.min(8000, 250 * 2 ** attempt) + Math.floor(Math.random() * 100);
}
