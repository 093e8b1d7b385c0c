// A hostile server for the wire-trust tests: an HTTPS stub in front of the emulator that, per
// request, passes the emulator's answer through, rewrites it, or answers as a broken, throttling,
// stalling or malicious server would. Beside it, an "elsewhere" server on another port that only
// records who came knowing what (a next link pointing there must never be followed). Both bind
// 127.0.0.1 on free ports, use their own throw-away CA, and close every socket on teardown.
import { writeFileSync } from "node:fs";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { createServer, request as httpsRequest, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { generateTlsMaterial } from "../../src/emulator/tls.ts";

export interface SeenRequest {
  method: string;
  api: "arm" | "graph";
  /** path and query as sent */
  url: string;
  pathname: string;
  authorization: string | undefined;
}

export type Action =
  /** answer this instead of asking the emulator */
  | { kind: "respond"; status: number; headers?: Record<string, string>; body: string }
  /** ask the emulator, then change its JSON answer (only successful JSON answers are handed to `fn`) */
  | { kind: "rewrite"; fn: (json: Record<string, unknown>, req: SeenRequest) => unknown }
  /** accept the request and never answer */
  | { kind: "hang" }
  /** send the status line and headers, a little of the body, then nothing more (never end) */
  | { kind: "stall"; status: number; contentType: string; start: string }
  /** ask the emulator, then send its answer one byte every `intervalMs` */
  | { kind: "trickle"; intervalMs: number };

/** Decides what to do with one request; undefined passes it through unchanged. */
export type Tamper = (req: SeenRequest) => Action | undefined;

export interface HostileServer {
  url: string;
  /** a PEM file holding the stub's CA (NODE_EXTRA_CA_CERTS for the scan) */
  caFile: string;
  seen: SeenRequest[];
  setTamper(t: Tamper): void;
  close(): Promise<void>;
}

export interface Elsewhere {
  /** https://127.0.0.1:PORT (same host as the stub, another port) */
  url: string;
  /** https://localhost:PORT (another host name, same listener) */
  otherHostUrl: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

interface Tls {
  caPem: string;
  keyPem: string;
  certPem: string;
}

function track(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("secureConnection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => {
        resolve();
      });
    });
}

function seenOf(req: IncomingMessage): SeenRequest {
  const url = req.url ?? "/";
  const pathname = url.split("?")[0] ?? "/";
  return {
    method: (req.method ?? "GET").toUpperCase(),
    api: /^\/(v1\.0|beta)\//.test(pathname) ? "graph" : "arm",
    url,
    pathname,
    authorization: typeof req.headers.authorization === "string" ? req.headers.authorization : undefined,
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

export async function startHostileServer(opts: {
  upstream: string;
  upstreamCa: string;
  dir: string;
  tls?: Tls;
}): Promise<HostileServer> {
  const tls = opts.tls ?? (await generateTlsMaterial());
  const caFile = join(opts.dir, "hostile-ca.pem");
  writeFileSync(caFile, tls.caPem);
  const upstream = new URL(opts.upstream);
  const seen: SeenRequest[] = [];
  let tamper: Tamper = () => undefined;
  const timers = new Set<NodeJS.Timeout>();
  let stubUrl = "";

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const headers = { ...req.headers, host: upstream.host };
      delete headers.connection;
      const r = httpsRequest(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers,
          ca: opts.upstreamCa,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) });
          });
          res.on("error", reject);
        },
      );
      r.on("error", reject);
      r.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const info = seenOf(req);
    seen.push(info);
    const body = await readBody(req);
    const action = tamper(info);
    if (action?.kind === "respond") {
      res.writeHead(action.status, { "content-type": "application/json", ...action.headers });
      res.end(action.body);
      return;
    }
    if (action?.kind === "hang") return;
    if (action?.kind === "stall") {
      res.writeHead(action.status, { "content-type": action.contentType });
      res.write(action.start);
      return;
    }
    const up = await forward(req, body);
    // a transparent reverse proxy: the emulator's next links name the emulator, so they are
    // rewritten to name the stub, as a front door rewrites its back end's links
    let out = Buffer.from(up.body.toString("utf8").split(opts.upstream.replace(/\/+$/, "")).join(stubUrl));
    if (
      action?.kind === "rewrite" &&
      up.status >= 200 &&
      up.status < 300 &&
      /json/i.test(up.headers["content-type"] ?? "")
    ) {
      out = Buffer.from(JSON.stringify(action.fn(JSON.parse(out.toString("utf8")) as Record<string, unknown>, info)));
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(up.headers))
      if (typeof v === "string" && !["content-length", "connection", "transfer-encoding", "keep-alive"].includes(k))
        headers[k] = v;
    if (action?.kind === "trickle") {
      res.writeHead(up.status, { ...headers, "content-length": String(out.length) });
      let i = 0;
      const tick = () => {
        if (res.destroyed || i >= out.length) return void res.end();
        res.write(out.subarray(i, ++i));
        const t = setTimeout(tick, action.intervalMs);
        timers.add(t);
      };
      tick();
      return;
    }
    res.writeHead(up.status, { ...headers, "content-length": String(out.length) });
    res.end(out);
  };

  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "StubError", message: String(err) } }));
    });
  });
  const close = track(server);
  const port = await listen(server);
  stubUrl = `https://127.0.0.1:${port}`;
  return {
    url: stubUrl,
    caFile,
    seen,
    setTamper: (t) => (tamper = t),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      await close();
    },
  };
}

/** A server that must never be reached: it answers an empty list and records every request. */
export async function startElsewhere(tls: Tls): Promise<Elsewhere> {
  const seen: SeenRequest[] = [];
  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    seen.push(seenOf(req));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ value: [] }));
  });
  const close = track(server);
  const port = await listen(server);
  return { url: `https://127.0.0.1:${port}`, otherHostUrl: `https://localhost:${port}`, seen, close };
}

/**
 * A character that must not appear in any file or stream azaudit writes: C0 controls other than
 * tab, line feed and the CR of a CRLF line ending, DEL, C1, bidi controls and marks, zero-width
 * characters, line/paragraph separators, and a BOM anywhere but the first character.
 */
export function controlCharacterIn(text: string): string | undefined {
  const body = text.startsWith("\ufeff") ? text.slice(1) : text;
  const m =
    // eslint-disable-next-line no-control-regex -- control characters are what this pattern looks for
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]|\r(?!\n)/.exec(
      body,
    );
  return m
    ? `U+${m[0].charCodeAt(0).toString(16).padStart(4, "0")} at ${m.index}: ${JSON.stringify(body.slice(Math.max(0, m.index - 40), m.index + 20))}`
    : undefined;
}
