// The emulator and its client as two separate processes, wired only by the printed env: what a
// script, CI job or `azaudit scan` does. The client trusts the CA through NODE_EXTRA_CA_CERTS.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { Harness, baseEnv } from "./support/e2e.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
let emulator: ChildProcess | undefined;
const h = new Harness();
afterAll(async () => {
  if (emulator && emulator.exitCode === null) emulator.kill("SIGKILL");
  await h.cleanup();
});

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

it("a separate client process works with nothing but the printed env", async () => {
  const inherited = new Set([
    "NODE_EXTRA_CA_CERTS",
    "IDENTITY_ENDPOINT",
    "IDENTITY_HEADER",
    "AZURE_CLIENT_ID",
    "AZURE_CLIENT_SECRET",
    "AZURE_TENANT_ID",
  ]);
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !inherited.has(k)));

  const emu = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/emulator/main.ts",
      "--tenant",
      "src/emulator/fixtures/small-tenant.json",
      "--page-size",
      "3",
      "--verbose",
    ],
    {
      cwd: ROOT,
      env: baseEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  emulator = emu;
  let stdout = "";
  let stderr = "";
  emu.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    emu.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes("\n")) resolve(stdout.slice(0, stdout.indexOf("\n")));
    });
    emu.on("exit", (code) => {
      reject(new Error(`emulator exited ${code}: ${stderr}`));
    });
  });
  const { env } = JSON.parse(firstLine) as { env: Record<string, string> };
  expect(existsSync(env.NODE_EXTRA_CA_CERTS!)).toBe(true);

  const client = await run(["src/emulator/testing/sdk-probe.ts"], { ...baseEnv, ...env });
  expect(client.stderr).toBe("");
  expect(client.code).toBe(0);
  const result = JSON.parse(client.stdout) as {
    subscriptions: string[];
    assignmentIds: string[];
    appNames: string[];
    pages: number;
    tenantId: string;
  };
  expect(result.subscriptions).toHaveLength(3);
  expect(result.assignmentIds).toHaveLength(10);
  expect(result.appNames).toEqual(["ci-deployer", "legacy-directory-sync", "cost-reporting", "terraform-platform"]);
  expect(result.pages).toBe(2);
  expect(result.tenantId).toBe("2876f540-580c-5c46-941d-4a7a64ba3cac");

  const exited = new Promise<number | null>((resolve) =>
    emu.on("exit", (code) => {
      resolve(code);
    }),
  );
  emu.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(stdout.trim().split("\n")).toHaveLength(1); // exactly one line on stdout, ever
  expect(existsSync(env.NODE_EXTRA_CA_CERTS!)).toBe(false);
  // verbose logs name routes, never tokens or the identity secret
  expect(stderr).toContain("GET graph:/v1.0/applications -> 200");
  expect(stderr).not.toContain(env.IDENTITY_HEADER!);
  expect(stderr).not.toMatch(/[A-Za-z0-9_-]{43}/);
}, 60_000);

it("`azaudit emulator` prints one env line, a separate `azaudit scan` needs nothing else, SIGTERM stops it with exit 0", async () => {
  // both through the real CLI (bin/azaudit.js), each process with PATH, HOME and nothing else
  const emu = h.spawn(["emulator", "--tenant", "src/emulator/fixtures/small-tenant.json"], {
    env: baseEnv(),
    cwd: ROOT,
  });
  let stdout = "";
  let stderr = "";
  emu.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no env line within 20 s: ${stderr}`));
    }, 20_000);
    emu.stdout!.on("data", (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes("\n")) {
        clearTimeout(timer);
        resolve(stdout.slice(0, stdout.indexOf("\n")));
      }
    });
    emu.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited ${code}: ${stderr}`));
    });
  });
  const { env } = JSON.parse(firstLine) as { env: Record<string, string> };
  expect(Object.keys(env).sort()).toEqual([
    "AZAUDIT_ARM_ENDPOINT",
    "AZAUDIT_GRAPH_ENDPOINT",
    "AZURE_TOKEN_CREDENTIALS",
    "IDENTITY_ENDPOINT",
    "IDENTITY_HEADER",
    "NODE_EXTRA_CA_CERTS",
  ]);

  const out = h.tempDir();
  const scan = await h.run(["scan", "--out", out, "--no-progress"], { env: { ...baseEnv(), ...env }, cwd: out });
  expect(scan.code, scan.stderr).toBe(1); // the small tenant has high findings
  const result = JSON.parse(readFileSync(join(out, "findings.json"), "utf8")) as {
    run: { tenantId: string };
    summary: { complete: boolean };
    coverage: Array<{ status: string; gaps: unknown[] }>;
    findings: unknown[];
  };
  expect(result.run.tenantId).toBe("2876f540-580c-5c46-941d-4a7a64ba3cac");
  expect(result.summary.complete).toBe(true);
  expect(result.coverage.every((c) => c.status === "ok" && c.gaps.length === 0)).toBe(true);
  expect(result.findings.length).toBeGreaterThan(10);
  expect(scan.stderr + scan.stdout).not.toContain(env.IDENTITY_HEADER!);

  const exited = new Promise<number | null>((resolve) =>
    emu.once("exit", (code) => {
      resolve(code);
    }),
  );
  emu.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(stdout.trim().split("\n")).toHaveLength(1);
  expect(existsSync(env.NODE_EXTRA_CA_CERTS!)).toBe(false);
  expect(stderr).toContain("azaudit emulator: stopped");
}, 60_000);
