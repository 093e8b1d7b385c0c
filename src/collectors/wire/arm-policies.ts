// Two Azure SDK pipeline policies that hold every ARM answer to what azaudit is willing to
// believe. `wireGuard` is per call, outermost: the request must stay on the ARM endpoint (checked
// before the bearer token is added), the scan's deadline bounds it and every retry wait inside
// it, and the final answer must be JSON — a list a `value` array with a next link that passes
// the paging guards. `attemptBounds` is per attempt, innermost: one attempt may take so long and
// read so many bytes, and a Retry-After beyond the cap is not waited for.
import type { PipelinePolicy, PipelineRequest, PipelineResponse, SendRequest } from "@azure/core-rest-pipeline";
import { isArmCollectionPath } from "./arm-path.ts";
import { WireError, describeUrl } from "./errors.ts";
import { retryAfterSeconds, type WireLimits } from "./limits.ts";
import { PageWalk, assertSameOrigin, askedPageSize, pageKey } from "./paging.ts";
import { checkJsonAnswer, expectListPage, parseJsonAnswer } from "./response.ts";

export interface ArmWire {
  /** outermost per-call policy */
  wireGuard: PipelinePolicy;
  /** innermost per-attempt policy */
  attemptBounds: PipelinePolicy;
  /** the JSON wireGuard parsed for a successful answer (raw calls read it instead of parsing again) */
  parsedBody(response: PipelineResponse): unknown;
}

export function deadlineError(api: "arm" | "graph", url: string): WireError {
  return new WireError(
    api,
    "deadline",
    `the scan's deadline passed before ${api === "arm" ? "ARM" : "Graph"} answered ${describeUrl(url)}`,
    url,
  );
}

export function createArmWire(origin: string, limits: WireLimits): ArmWire {
  const parsed = new WeakMap<PipelineResponse, unknown>();
  // the walk each expected next link continues; entries leave as their link is requested
  const walks = new Map<string, PageWalk>();

  const wireGuard: PipelinePolicy = {
    name: "azauditWireGuard",
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      const url = request.url;
      assertSameOrigin("arm", origin, url);
      const deadline = limits.deadline;
      if (deadline?.aborted) throw deadlineError("arm", url);
      const prior = request.abortSignal;
      if (deadline) request.abortSignal = prior ? AbortSignal.any([prior as AbortSignal, deadline]) : deadline;
      let res: PipelineResponse;
      try {
        res = await next(request);
      } catch (err) {
        if (deadline?.aborted) throw deadlineError("arm", url);
        throw err;
      } finally {
        request.abortSignal = prior;
      }
      if (res.status < 200 || res.status >= 300 || request.method === "HEAD") return res;
      // an SDK operation's answer was already parsed by its deserialization policy (inside this
      // one): checked, not parsed again; a raw call's is parsed here, once
      const sdkParsed = (res as PipelineResponse & { parsedBody?: unknown }).parsedBody;
      const body =
        sdkParsed !== undefined &&
        checkJsonAnswer(
          "arm",
          url,
          res.status,
          res.headers.get("content-type"),
          res.bodyAsText ?? undefined,
          request.method !== "GET",
        )
          ? sdkParsed
          : parseJsonAnswer(
              "arm",
              url,
              res.status,
              res.headers.get("content-type"),
              res.bodyAsText ?? undefined,
              request.method !== "GET",
            );
      const path = new URL(url).pathname;
      if (request.method === "GET" && isArmCollectionPath(path)) {
        const page = expectListPage("arm", url, body);
        const key = pageKey(url);
        const walk = walks.get(key) ?? new PageWalk("arm", origin, limits, url, askedPageSize(url));
        walks.delete(key);
        const nextLink = walk.next(url, page.value.length, page.nextLink);
        if (nextLink) walks.set(pageKey(nextLink), walk);
      }
      if (body !== undefined) parsed.set(res, body);
      return res;
    },
  };

  // The body is read here, not by the transport, so that its size and time are bounded: the
  // transport is asked to hand over the stream (a status set holding only Infinity), and the
  // policies above still find `bodyAsText` as they expect.
  const attemptBounds: PipelinePolicy = {
    name: "azauditAttemptBounds",
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      const url = request.url;
      const ctrl = new AbortController();
      let why: WireError | undefined;
      const stop = (e: WireError) => {
        why ??= e;
        ctrl.abort(e);
      };
      const prior = request.abortSignal;
      const priorStream = request.streamResponseStatusCodes;
      request.abortSignal = prior ? AbortSignal.any([prior as AbortSignal, ctrl.signal]) : ctrl.signal;
      request.streamResponseStatusCodes = new Set([Number.POSITIVE_INFINITY]);
      const timer = setTimeout(() => {
        stop(
          new WireError(
            "arm",
            "timeout",
            `ARM did not finish answering ${describeUrl(url)} within ${limits.requestTimeoutMs / 1000} s`,
            url,
          ),
        );
      }, limits.requestTimeoutMs);
      try {
        const res = await next(request);
        const stream = res.readableStreamBody;
        if (stream) {
          res.readableStreamBody = undefined;
          res.bodyAsText = await readBounded(stream, limits.maxBodyBytes, ctrl.signal, () => {
            stop(
              new WireError(
                "arm",
                "body-too-large",
                `ARM answered ${describeUrl(url)} with more than ${limits.maxBodyBytes} bytes; refused`,
                url,
              ),
            );
          });
        }
        if (res.status === 429 || res.status === 503) {
          const ms = Number(res.headers.get("retry-after-ms") ?? res.headers.get("x-ms-retry-after-ms"));
          const wait = Number.isFinite(ms) && ms > 0 ? ms / 1000 : retryAfterSeconds(res.headers.get("retry-after"));
          if (wait !== undefined && wait > limits.maxRetryAfterSeconds) {
            throw new WireError(
              "arm",
              "retry-after-too-long",
              `ARM answered ${describeUrl(url)} with HTTP ${res.status} and asked to wait ${Math.round(wait)} s, more than the ${limits.maxRetryAfterSeconds} s azaudit waits`,
              url,
            );
          }
        }
        return res;
      } catch (err) {
        if (why) throw why;
        throw err;
      } finally {
        clearTimeout(timer);
        request.abortSignal = prior;
        request.streamResponseStatusCodes = priorStream;
      }
    },
  };

  return { wireGuard, attemptBounds, parsedBody: (r) => parsed.get(r) };
}

/** The whole body as text, or a rejection when it breaks off, grows past `maxBytes` or `signal` aborts. */
function readBounded(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  signal: AbortSignal,
  tooLarge: () => void,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const destroy = () => (stream as NodeJS.ReadableStream & { destroy?: (e?: Error) => void }).destroy?.();
    const onAbort = () => {
      destroy();
      reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      signal.removeEventListener("abort", onAbort);
    };
    stream.on("data", (c: Buffer | string) => {
      const b = typeof c === "string" ? Buffer.from(c) : c;
      size += b.length;
      if (size > maxBytes) {
        tooLarge();
        return;
      }
      chunks.push(b);
    });
    stream.on("end", () => {
      done();
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    stream.on("error", (e: Error) => {
      done();
      reject(new Error(`Error reading response as text: ${e.message}`));
    });
    stream.on("aborted", () => {
      done();
      reject(new Error("Error reading response as text: aborted"));
    });
  });
}
