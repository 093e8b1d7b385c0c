// End-to-end helpers: azaudit as a separate process (`node bin/azaudit.js …`, exactly what a user
// or CI job runs), with nothing but the environment the test hands it, and teardown that kills
// every child, closes every emulator and removes every temp dir even when a test failed.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "bin", "azaudit.js");

/** PATH and HOME only: no AZURE_*, IDENTITY_* or NODE_EXTRA_CA_CERTS of the developer's shell. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ["PATH", "HOME"] as const) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  return env;
}

export interface ProcResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Owns every child process, cleanup callback and temp dir of a test file. */
export class Harness {
  private readonly children = new Set<ChildProcess>();
  private readonly dirs: string[] = [];
  /** each may return a promise, which is awaited */
  private readonly closers: Array<() => unknown> = [];

  tempDir(prefix = "azaudit-e2e-"): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  onCleanup(fn: () => unknown): void {
    this.closers.push(fn);
  }

  /** `node bin/azaudit.js ARGS` with exactly `env`; killed (and rejected) after timeoutMs. */
  spawn(args: string[], opts: { env: Record<string, string>; cwd: string }): ChildProcess {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.children.add(child);
    child.once("exit", () => this.children.delete(child));
    return child;
  }

  run(args: string[], opts: { env: Record<string, string>; cwd: string; timeoutMs?: number }): Promise<ProcResult> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = this.spawn(args, opts);
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(
          new Error(
            `azaudit ${args.join(" ")} did not finish in ${opts.timeoutMs ?? 45_000} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`,
          ),
        );
      }, opts.timeoutMs ?? 45_000);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
      });
    });
  }

  async cleanup(): Promise<void> {
    await Promise.all(
      [...this.children].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) {
              resolve();
              return;
            }
            child.once("exit", () => {
              resolve();
            });
            child.kill("SIGKILL");
          }),
      ),
    );
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch {
        // best effort: the other closers and the temp dirs still go
      }
    }
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

export const REPORT_FILES = ["findings.json", "azaudit.sarif", "summary.md", "report.html", "findings.csv"] as const;

/** Every report file present in `dir`, as text. */
export function readReports(dir: string): Partial<Record<(typeof REPORT_FILES)[number], string>> {
  const out: Partial<Record<(typeof REPORT_FILES)[number], string>> = {};
  for (const f of REPORT_FILES) if (existsSync(join(dir, f))) out[f] = readFileSync(join(dir, f), "utf8");
  return out;
}

/**
 * A plain-http stand-in for the emulator's managed identity endpoint that forwards each token
 * request verbatim and remembers every access token handed out, so a test can look for the
 * exact tokens the scan held (the emulator mints random ones and never discloses them).
 */
export async function startTokenRecorder(
  identityEndpoint: string,
): Promise<{ endpoint: string; tokens: string[]; close(): Promise<void> }> {
  const tokens: string[] = [];
  const target = new URL(identityEndpoint);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://recorder");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === "string" && k !== "host" && k !== "connection") headers[k] = v;
    fetch(`${target.origin}${url.pathname}${url.search}`, { headers })
      .then(async (upstream) => {
        const text = await upstream.text();
        try {
          const token = (JSON.parse(text) as { access_token?: unknown }).access_token;
          if (typeof token === "string") tokens.push(token);
        } catch {
          // not JSON: passed through as is
        }
        res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
        res.end(text);
      })
      .catch((e: unknown) => {
        res.writeHead(502);
        res.end(e instanceof Error ? e.message : String(e));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}${target.pathname}`,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** A bearer token or JWT anywhere in `text` (the logger writes "Bearer [REDACTED]", which does not match). */
const TOKEN_SHAPES: RegExp[] = [/\bbearer\s+[A-Za-z0-9\-._~+/]{16,}=*/i, /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\./];

/** None of `secrets`, and nothing shaped like a bearer token, occurs in any of the named texts. */
export function expectNoSecrets(texts: Record<string, string | undefined>, secrets: string[]): void {
  expect(
    secrets.every((s) => s.length >= 16),
    "secrets to look for must be real values",
  ).toBe(true);
  for (const [name, text] of Object.entries(texts)) {
    if (text === undefined) continue;
    for (const secret of secrets)
      expect(text.includes(secret), `${name} contains a secret (${secret.slice(0, 4)}…)`).toBe(false);
    for (const shape of TOKEN_SHAPES)
      expect(shape.exec(text)?.[0], `${name} contains something token-shaped`).toBeUndefined();
  }
}
