// A scan signed in the way a GitHub job signs in (workload identity federation), through tokens
// that live 2 seconds: `azaudit scan` runs as its own process with the variables a GitHub job
// with `id-token: write` has, against the emulator's GitHub OIDC endpoint and Entra authority,
// and must complete although every token it started with expired several times during the scan.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoTenant } from "../src/demo/tenant.ts";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { Harness, baseEnv, expectNoSecrets, readReports, type ProcResult } from "./support/e2e.ts";

const LIFETIME_S = 2;
const h = new Harness();
let emulator: RunningEmulator;
let proc: ProcResult;
let denied: ProcResult;
let out: string;

beforeAll(async () => {
  // latency stretches the scan over several token lifetimes
  emulator = await startEmulator({
    fixture: buildDemoTenant(new Date("2026-06-02T00:00:00Z")),
    tokenLifetimeSeconds: LIFETIME_S,
    latencyMs: 60,
    pageSize: 5,
  });
  h.onCleanup(() => emulator.close());
  const dir = h.tempDir("azaudit-oidc-");
  out = `${dir}/reports`;
  const f = emulator.federation;
  const env = {
    ...baseEnv(),
    AZAUDIT_ARM_ENDPOINT: emulator.env.AZAUDIT_ARM_ENDPOINT,
    AZAUDIT_GRAPH_ENDPOINT: emulator.env.AZAUDIT_GRAPH_ENDPOINT,
    NODE_EXTRA_CA_CERTS: emulator.env.NODE_EXTRA_CA_CERTS,
    AZURE_AUTHORITY_HOST: f.authorityHost,
    AZURE_CLIENT_ID: f.clientId,
    AZURE_TENANT_ID: f.tenantId,
    ACTIONS_ID_TOKEN_REQUEST_URL: f.requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: f.requestToken,
  };
  [proc, denied] = await Promise.all([
    h.run(["scan", "--out", out, "--format", "json,sarif", "--no-progress", "--concurrency", "4"], {
      cwd: dir,
      timeoutMs: 110_000,
      env,
    }),
    // a job without `id-token: write` gets no usable request token
    h.run(["scan", "--out", `${dir}/denied`, "--no-progress"], {
      cwd: dir,
      timeoutMs: 110_000,
      env: { ...env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: "not-the-token" },
    }),
  ]);
}, 120_000);
afterAll(() => h.cleanup());

describe("azaudit scan signed in with GitHub OIDC, tokens living 2 s", () => {
  it("completes: every section collected, no request refused, exit 0 or 1", () => {
    expect([0, 1], proc.stderr).toContain(proc.code);
    const result = JSON.parse(readReports(out)["findings.json"]!) as {
      summary: { complete: boolean };
      coverage: { status: string }[];
    };
    expect(result.summary.complete).toBe(true);
    expect(result.coverage.every((c) => c.status === "ok")).toBe(true);
    expect(emulator.stats().unauthorized).toBe(0);
    // an assertion used after its 2 s would have been refused here
    expect(emulator.federationStats().entraRefused).toBe(0);
  });

  it("outlived several token lifetimes and renewed through fresh GitHub tokens", () => {
    expect(proc.ms / 1000).toBeGreaterThan(2 * LIFETIME_S);
    const f = emulator.federationStats();
    expect(f.entraTokens).toBeGreaterThanOrEqual(4);
    // each exchange asked GitHub for a new assertion (MSAL may ask more than once per exchange);
    expect(f.githubTokens).toBeGreaterThanOrEqual(f.entraTokens);
  });

  it("a GitHub OIDC token it cannot get: exit 2, one error naming the sign-in and what to check", () => {
    expect(denied.code, denied.stderr).toBe(2);
    expect(denied.stderr).toMatch(
      /^error: could not get a token for https:\/\/management\.azure\.com from GitHub OIDC \(client /,
    );
    expect(denied.stderr).toContain("`permissions: id-token: write`");
    expect(denied.stderr).not.toMatch(/\n\s+at /);
    expect(denied.stderr).not.toContain("not-the-token");
    expect(emulator.federationStats().githubRefused).toBeGreaterThan(0);
  });

  it("never shows a token in its output or reports", () => {
    expectNoSecrets({ stdout: proc.stdout, stderr: proc.stderr, ...readReports(out) }, [
      emulator.federation.requestToken,
    ]);
  });
});
