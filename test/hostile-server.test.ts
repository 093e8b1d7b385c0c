// Trust nothing from the wire: `azaudit scan` as a process, through the real SDKs, against a
// hostile stub in front of the emulator. Each case is an answer a broken, throttling, stalling,
// intercepted or malicious server could give. For every case the test asserts the exit code, the
// named gap in the reports, that no token or secret the scan held reaches any output, that no
// output holds a control character, and that the scan ended on its own (the harness kills a scan
// that runs past its limit, which fails the case).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture, startEmulator, type RunningEmulator, type TenantFixture } from "../src/emulator/index.ts";
import { generateTlsMaterial } from "../src/emulator/tls.ts";
import {
  Harness,
  REPORT_FILES,
  baseEnv,
  expectNoSecrets,
  readReports,
  startTokenRecorder,
  type ProcResult,
} from "./support/e2e.ts";
import {
  controlCharacterIn,
  startElsewhere,
  startHostileServer,
  type Action,
  type Elsewhere,
  type SeenRequest,
  type Tamper,
} from "./support/hostile.ts";
import { assertValidSarif } from "./support/sarif.ts";

const fixture: TenantFixture = await loadFixture(
  join(import.meta.dirname, "../src/emulator/fixtures/small-tenant.json"),
);
const SUB_PROD = "08be8593-ffd6-58bd-9667-9a1fd9ca2141";
const ESC = "\u001b";
/** the display name of a hostile app: clears the screen, hides a hyperlink, reverses text, forges a line */
const EVIL_NAME = `evil${ESC}[2J${ESC}]8;;https://attacker.example/${ESC}\\click${ESC}]8;;${ESC}\\\u202egnp.exe\r\nwarning: all clear @admin https://attacker.example \u200b\u0085`;
const ALL = ["--format", "sarif,json,md,html,csv", "--request-timeout", "30s"];
/** the slowest case (a stalled answer, retried) must end well inside this; past it the harness kills the scan */
const LIMIT_MS = 90_000;
/** generous where nothing stalls (the machine may be busy), short where the stall is the case */
const PATIENT = ["--request-timeout", "30s"];
const IMPATIENT = ["--request-timeout", "2s"];

interface Finding {
  ruleId: string;
  resource: { id: string; displayName: string | null };
  message: string;
}
interface Coverage {
  name: string;
  status: string;
  reason: string | null;
  gaps: Array<{ scope: string; reason: string }>;
}
interface Result {
  run: { tenantId: string | null };
  summary: { complete: boolean; exitCode: number };
  coverage: Coverage[];
  rules: Array<{ id: string; status: string }>;
  findings: Finding[];
}

interface Case {
  proc: ProcResult;
  out: string;
  reports: ReturnType<typeof readReports>;
  snapshot: string | undefined;
  result: Result | undefined;
  tokens: string[];
  identityHeader: string;
  stubSeen: SeenRequest[];
  elsewhere: Elsewhere;
  emulator: RunningEmulator;
}

const h = new Harness();
const cases = new Map<string, PromiseSettledResult<Case>>();
let tls: Awaited<ReturnType<typeof generateTlsMaterial>>;

const isList = (r: SeenRequest, pathname: RegExp) => r.method === "GET" && pathname.test(r.pathname);
const html = (): Action => ({
  kind: "respond",
  status: 200,
  headers: { "content-type": "text/html; charset=utf-8" },
  body: "<html><body><h1>Down for maintenance</h1></body></html>",
});

interface Rig {
  dir: string;
  env: Record<string, string>;
  emulator: RunningEmulator;
  stubSeen: SeenRequest[];
  elsewhere: Elsewhere;
  tokens: string[];
}

/** One emulator, one stub in front of it, and the env of a scan process: PATH, HOME and the stub's endpoints. */
async function rig(
  name: string,
  tamper: (ctx: { elsewhere: Elsewhere; stubUrl: () => string }) => Tamper,
): Promise<Rig> {
  const emulator = await startEmulator({ fixture, pageSize: 3 });
  h.onCleanup(() => emulator.close());
  const dir = h.tempDir(`azaudit-hostile-${name}-`);
  const stub = await startHostileServer({ upstream: emulator.url, upstreamCa: emulator.caPem, dir, tls });
  h.onCleanup(() => stub.close());
  const elsewhere = await startElsewhere(tls);
  h.onCleanup(() => elsewhere.close());
  stub.setTamper(tamper({ elsewhere, stubUrl: () => stub.url }));
  const recorder = await startTokenRecorder(emulator.env.IDENTITY_ENDPOINT);
  h.onCleanup(() => recorder.close());
  const env = {
    ...baseEnv(),
    ...emulator.env,
    AZAUDIT_ARM_ENDPOINT: stub.url,
    AZAUDIT_GRAPH_ENDPOINT: stub.url,
    NODE_EXTRA_CA_CERTS: stub.caFile,
    IDENTITY_ENDPOINT: recorder.endpoint,
  };
  return { dir, env, emulator, stubSeen: stub.seen, elsewhere, tokens: recorder.tokens };
}

async function scanThrough(
  name: string,
  tamper: (ctx: { elsewhere: Elsewhere; stubUrl: () => string }) => Tamper,
  args: string[] = PATIENT,
): Promise<Case> {
  const r = await rig(name, tamper);
  const out = join(r.dir, "reports");
  const snapshotFile = join(r.dir, "snap.json");
  const proc = await h.run(
    ["scan", "--out", out, "--no-progress", "--verbose", "--save-snapshot", snapshotFile, ...args],
    { env: r.env, cwd: r.dir, timeoutMs: LIMIT_MS },
  );
  const reports = readReports(out);
  return {
    proc,
    out,
    reports,
    snapshot: existsSync(snapshotFile) ? readFileSync(snapshotFile, "utf8") : undefined,
    result: reports["findings.json"] ? (JSON.parse(reports["findings.json"]) as Result) : undefined,
    tokens: r.tokens,
    identityHeader: r.emulator.env.IDENTITY_HEADER,
    stubSeen: r.stubSeen,
    elsewhere: r.elsewhere,
    emulator: r.emulator,
  };
}

const CASES: Record<string, () => Promise<Case>> = {
  clean: () => scanThrough("clean", () => () => undefined, ALL),
  htmlSubscriptions: () =>
    scanThrough("html-subs", () => (r) => (isList(r, /^\/subscriptions$/) ? html() : undefined), ALL),
  htmlApplications: () =>
    scanThrough("html-apps", () => (r) => (isList(r, /^\/v1\.0\/applications$/) ? html() : undefined), ALL),
  htmlServicePrincipals: () =>
    scanThrough("html-sps", () => (r) => (isList(r, /^\/v1\.0\/servicePrincipals$/) ? html() : undefined)),
  htmlRoleAssignments: () =>
    scanThrough(
      "html-ra",
      () => (r) => (isList(r, /\/providers\/Microsoft\.Authorization\/roleAssignments$/) ? html() : undefined),
    ),
  listWithoutValue: () =>
    scanThrough(
      "no-value",
      () => (r) =>
        isList(r, /\/providers\/Microsoft\.Authorization\/roleAssignments$/) || isList(r, /^\/v1\.0\/applications$/)
          ? { kind: "respond", status: 200, body: "{}" }
          : undefined,
    ),
  getByIdsEmpty: () =>
    scanThrough(
      "getbyids",
      () => (r) =>
        r.method === "POST" && /getByIds$/.test(r.pathname) ? { kind: "respond", status: 200, body: "{}" } : undefined,
      ALL,
    ),
  foreignPortGraph: () =>
    scanThrough(
      "foreign-graph",
      ({ elsewhere }) =>
        (r) =>
          isList(r, /^\/v1\.0\/servicePrincipals$/)
            ? {
                kind: "rewrite",
                fn: (j) => ({ ...j, "@odata.nextLink": `${elsewhere.url}/v1.0/servicePrincipals?$skiptoken=steal` }),
              }
            : undefined,
    ),
  foreignHostArm: () =>
    scanThrough(
      "foreign-arm",
      ({ elsewhere }) =>
        (r) =>
          isList(r, /^\/subscriptions$/)
            ? {
                kind: "rewrite",
                fn: (j) => ({
                  ...j,
                  nextLink: `${elsewhere.otherHostUrl}/subscriptions?api-version=2022-12-01&$skiptoken=steal`,
                }),
              }
            : undefined,
    ),
  selfLinkArm: () =>
    scanThrough(
      "self-link",
      ({ stubUrl }) =>
        (r) =>
          isList(r, /\/providers\/Microsoft\.Authorization\/roleAssignments$/)
            ? { kind: "rewrite", fn: (j) => ({ ...j, nextLink: `${stubUrl()}${r.url}` }) }
            : undefined,
    ),
  endlessLinksGraph: () =>
    scanThrough("endless", ({ stubUrl }) => {
      let n = 0;
      return (r) =>
        isList(r, /^\/v1\.0\/applications$/)
          ? {
              kind: "respond",
              status: 200,
              body: JSON.stringify({
                value: [],
                "@odata.nextLink": `${stubUrl()}/v1.0/applications?$top=999&$skiptoken=${++n}`,
              }),
            }
          : undefined;
    }),
  retryAfterForever: () =>
    scanThrough(
      "retry-after",
      () => (r) =>
        isList(r, /^\/subscriptions$/) || isList(r, /^\/v1\.0\/servicePrincipals$/)
          ? {
              kind: "respond",
              status: 429,
              headers: { "retry-after": "100000" },
              body: JSON.stringify({ error: { code: "TooManyRequests", message: "slow down" } }),
            }
          : undefined,
    ),
  neverEnds: () =>
    scanThrough(
      "never-ends",
      () => (r) =>
        isList(r, /^\/v1\.0\/applications$/)
          ? { kind: "stall", status: 200, contentType: "application/json", start: '{"value":[' }
          : undefined,
      IMPATIENT,
    ),
  hangs: () =>
    scanThrough("hangs", () => (r) => (isList(r, /^\/subscriptions$/) ? { kind: "hang" } : undefined), IMPATIENT),
  trickle: () =>
    scanThrough(
      "trickle",
      () => (r) => (isList(r, /^\/v1\.0\/servicePrincipals$/) ? { kind: "trickle", intervalMs: 5000 } : undefined),
      IMPATIENT,
    ),
  deadline: () =>
    scanThrough("deadline", () => (r) => (isList(r, /^\/subscriptions$/) ? { kind: "hang" } : undefined), [
      "--request-timeout",
      "5m",
      "--deadline",
      "15s",
    ]),
  escapes: () =>
    scanThrough(
      "escapes",
      () => (r) => {
        if (isList(r, /^\/v1\.0\/applications$/))
          return {
            kind: "rewrite",
            fn: (j) => ({
              ...j,
              value: (j.value as Array<Record<string, unknown>>).map((a) => ({
                ...a,
                displayName: `${EVIL_NAME} ${String(a.displayName)}`,
              })),
            }),
          };
        if (isList(r, /\/providers\/Microsoft\.Authorization\/roleAssignments$/) && r.pathname.includes(SUB_PROD)) {
          return {
            kind: "respond",
            status: 403,
            body: JSON.stringify({
              error: {
                code: `AuthorizationFailed${ESC}[31m`,
                message: `denied ${ESC}[2J${ESC}]8;;https://attacker.example/${ESC}\\here\rwarning: scan complete, 0 findings \u202e`,
              },
            }),
          };
        }
        if (isList(r, /^\/v1\.0\/roleManagement\/directory\/roleAssignments$/))
          return {
            kind: "rewrite",
            fn: (j) => ({ ...j, "@odata.nextLink": `https://127.0.0.1:1/${ESC}[2J\r\nforged` }),
          };
        return undefined;
      },
      ALL,
    ),
  echoedSecrets: () =>
    scanThrough(
      "echo",
      () => (r) => {
        if (
          isList(r, /^\/v1\.0\/servicePrincipals$/) ||
          (isList(r, /\/providers\/Microsoft\.Authorization\/roleAssignments$/) && r.pathname.includes(SUB_PROD))
        ) {
          const header = r.authorization ?? "";
          const token = header.replace(/^Bearer\s+/i, "");
          return {
            kind: "respond",
            status: 403,
            body: JSON.stringify({
              error: {
                code: "Forbidden",
                message: `you sent ${header} ; token ${token} ; form client_secret=Qx8~leakedsecretvalue&access_token=${token}`,
              },
            }),
          };
        }
        return undefined;
      },
      ALL,
    ),
  hostileTenantId: () =>
    scanThrough(
      "tenant-id",
      () => (r) =>
        isList(r, /^\/v1\.0\/organization$/)
          ? {
              kind: "rewrite",
              fn: (j) => ({
                ...j,
                value: [{ id: "x`) ](https://attacker.example)\n# injected", displayName: `Contoso ${ESC}[2J` }],
              }),
            }
          : undefined,
      ALL,
    ),
  batchAnswersOtherIds: () =>
    scanThrough(
      "batch-ids",
      () => (r) =>
        r.method === "POST" && /\/\$batch$/.test(r.pathname)
          ? {
              kind: "rewrite",
              fn: (j) => ({
                ...j,
                responses: (j.responses as Array<Record<string, unknown>>).map((x, i) =>
                  i === 0 ? { ...x, id: "owners:00000000-0000-0000-0000-000000000000" } : x,
                ),
              }),
            }
          : undefined,
    ),
  pathIds: () =>
    scanThrough("path-ids", () => (r) => {
      if (isList(r, /^\/subscriptions$/))
        return {
          kind: "rewrite",
          fn: (j) => ({
            ...j,
            value: (j.value as Array<Record<string, unknown>>).map((x, i) =>
              i === 0 ? { ...x, subscriptionId: "../../providers/Microsoft.Authorization/roleAssignments?x=" } : x,
            ),
          }),
        };
      if (isList(r, /^\/providers\/Microsoft\.Management\/managementGroups$/))
        return {
          kind: "rewrite",
          fn: (j) => ({
            ...j,
            value: (j.value as Array<Record<string, unknown>>).map((x, i) =>
              i === 0 ? { ...x, name: "../../subscriptions" } : x,
            ),
          }),
        };
      return undefined;
    }),
  oversizedPage: () =>
    scanThrough(
      "big-page",
      () => (r) =>
        isList(r, /^\/v1\.0\/applications$/)
          ? {
              kind: "respond",
              status: 200,
              body: JSON.stringify({
                value: Array.from({ length: 2000 }, (_, i) => ({
                  id: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`,
                  appId: "x",
                  displayName: "filler",
                })),
              }),
            }
          : undefined,
    ),
  unauthorized: () =>
    scanThrough(
      "401",
      () => (r) =>
        isList(r, /^\/v1\.0\/applications$/)
          ? {
              kind: "respond",
              status: 401,
              body: JSON.stringify({
                error: { code: "InvalidAuthenticationToken", message: "Access token has expired." },
              }),
            }
          : undefined,
    ),
  invalidJson: () =>
    scanThrough(
      "bad-json",
      () => (r) =>
        isList(r, /^\/subscriptions$/) || isList(r, /^\/v1\.0\/servicePrincipals$/)
          ? { kind: "respond", status: 200, body: '{"value":[{"id":"/subscriptions/x"' }
          : undefined,
    ),
};

beforeAll(async () => {
  tls = await generateTlsMaterial();
  // HOSTILE_CASES=escapes,clean runs only those (the other cases then fail as "did not run")
  const only = process.env.HOSTILE_CASES?.split(",");
  const names = Object.keys(CASES).filter((n) => !only || only.includes(n));
  // four at a time: each is a Node process and an emulator on a 2-core machine
  for (let i = 0; i < names.length; i += 4) {
    const batch = names.slice(i, i + 4);
    const settled = await Promise.allSettled(batch.map((n) => CASES[n]!()));
    batch.forEach((n, j) => cases.set(n, settled[j]!));
  }
}, 400_000);

afterAll(() => h.cleanup(), 30_000);

function get(name: string): Case {
  const r = cases.get(name);
  if (!r) throw new Error(`case ${name} did not run`);
  if (r.status === "rejected") throw r.reason;
  return r.value;
}

function coverage(c: Case, section: string): Coverage {
  const entry = c.result?.coverage.find((x) => x.name === section);
  if (!entry) throw new Error(`no coverage entry ${section}; stderr:\n${c.proc.stderr}`);
  return entry;
}

/** The section is unavailable, or has a gap, whose reason matches. */
function expectNamedGap(c: Case, section: string, reason: RegExp): void {
  const cov = coverage(c, section);
  const reasons = [cov.reason ?? "", ...cov.gaps.map((g) => g.reason)];
  expect(
    reasons.some((r) => reason.test(r)),
    `${section}: ${JSON.stringify(cov)}`,
  ).toBe(true);
  // and the reports say so: summary, SARIF and stderr name the section
  expect(c.reports["summary.md"]).toContain(section);
  expect(c.proc.stderr).toMatch(new RegExp(`could not (collect|read) ${section}`));
}

/** What every case must hold: no secret anywhere, nothing invisible anywhere, a valid SARIF. */
function expectInertAndSecretFree(c: Case): void {
  const outputs: Record<string, string | undefined> = {
    stdout: c.proc.stdout,
    stderr: c.proc.stderr,
    snapshot: c.snapshot,
    ...c.reports,
  };
  expect(c.tokens.length, "the scan was handed tokens").toBeGreaterThan(0);
  expectNoSecrets(outputs, [...c.tokens, c.identityHeader, "Qx8~leakedsecretvalue"]);
  for (const [name, text] of Object.entries(outputs))
    if (text !== undefined) expect(controlCharacterIn(text), name).toBeUndefined();
  if (c.reports["azaudit.sarif"]) assertValidSarif(c.reports["azaudit.sarif"]);
  // nothing half-written is left behind
  expect(readdirSync(c.out).filter((f) => f.startsWith("."))).toEqual([]);
}

function expectIncomplete(c: Case): void {
  expect(c.proc.code, c.proc.stderr).toBe(3);
  expect(c.result?.summary.complete).toBe(false);
  if (c.reports["azaudit.sarif"])
    expect(JSON.parse(c.reports["azaudit.sarif"]).runs[0].invocations[0].executionSuccessful).toBe(false);
  expect(c.reports["summary.md"]).toMatch(/Incomplete scan/);
  expect(c.proc.stderr).toMatch(/INCOMPLETE \(exit 3\)/);
}

describe("a scan through the stub", () => {
  it("passes through a clean stub complete, the baseline for every other case", () => {
    const c = get("clean");
    expect(c.proc.code, c.proc.stderr).toBe(1);
    expect(c.result!.summary.complete).toBe(true);
    expect(c.result!.findings.length).toBeGreaterThan(10);
    expectInertAndSecretFree(c);
  });
});

describe("answers that are not what was asked for", () => {
  it.each([
    ["htmlSubscriptions", "subscriptions"],
    ["htmlApplications", "applications"],
    ["htmlServicePrincipals", "servicePrincipals"],
    ["htmlRoleAssignments", "roleAssignments"],
  ])("a 200 text/html maintenance page for %s never passes: %s is a named gap, exit 3", (name, section) => {
    const c = get(name);
    expectIncomplete(c);
    expectNamedGap(c, section, /content type "text\/html; charset=utf-8" \(expected application\/json\)/);
    expectInertAndSecretFree(c);
  });

  it("a list without `value` is a gap, never an empty list", () => {
    const c = get("listWithoutValue");
    expectIncomplete(c);
    expectNamedGap(c, "roleAssignments", /without a `value` array/);
    expectNamedGap(c, "applications", /without a `value` array/);
    expectInertAndSecretFree(c);
  });

  it("getByIds answering {} makes principals unavailable instead of every principal deleted", () => {
    const c = get("getByIdsEmpty");
    const clean = get("clean");
    expectIncomplete(c);
    expectNamedGap(c, "principals", /without a `value` array/);
    // the rules that would have called every principal deleted or every app ownerless are skipped
    expect(c.result!.findings.filter((f) => f.ruleId === "orphaned-role-assignment")).toEqual([]);
    expect(c.result!.rules.find((r) => r.id === "orphaned-role-assignment")?.status).toBe("skipped");
    expect(clean.result!.findings.filter((f) => f.ruleId === "orphaned-role-assignment").length).toBeGreaterThan(0);
    expectInertAndSecretFree(c);
  });

  it("a page larger than asked ($top=999, 2,000 items) is refused", () => {
    const c = get("oversizedPage");
    expectIncomplete(c);
    expectNamedGap(c, "applications", /2000 items where at most 999 were asked/);
    expectInertAndSecretFree(c);
  });

  it("a 200 whose JSON breaks off is a gap", () => {
    const c = get("invalidJson");
    expectIncomplete(c);
    expectNamedGap(c, "subscriptions", /not valid JSON|reading response|JSON/);
    expectNamedGap(c, "servicePrincipals", /with a body that is not valid JSON/);
    expectInertAndSecretFree(c);
  });

  it("a 401 is the section's gap, with the scan going on", () => {
    const c = get("unauthorized");
    expectIncomplete(c);
    expectNamedGap(c, "applications", /401/);
    expect(coverage(c, "servicePrincipals").status).toBe("ok");
    expectInertAndSecretFree(c);
  });
});

describe("ids that go into paths", () => {
  it("a subscription id or management group name that is not one is refused, not put into a URL", () => {
    const c = get("pathIds");
    expectIncomplete(c);
    expectNamedGap(c, "subscriptions", /subscriptionId is not a GUID/);
    expectNamedGap(c, "managementGroups", /not a valid management group name/);
    expect(c.stubSeen.filter((r) => r.url.includes("..") || r.url.includes("%2E%2E"))).toEqual([]);
    expectInertAndSecretFree(c);
  });
});

describe("$batch", () => {
  it("a $batch answer for a request it was not sent is refused: the batch's apps are a gap", () => {
    const c = get("batchAnswersOtherIds");
    expectIncomplete(c);
    expectNamedGap(c, "applications", /for a request it was not asked/);
    expectInertAndSecretFree(c);
  });
});

describe("next links", () => {
  it("a Graph next link to another port of the same host is not followed and no token goes there", () => {
    const c = get("foreignPortGraph");
    expectIncomplete(c);
    expectNamedGap(
      c,
      "servicePrincipals",
      /next link points to https:\/\/127\.0\.0\.1:\d+, not https:\/\/127\.0\.0\.1:\d+; not followed/,
    );
    expect(c.elsewhere.seen).toEqual([]);
    expectInertAndSecretFree(c);
  });

  it("an ARM next link to another host is not followed and no token goes there", () => {
    const c = get("foreignHostArm");
    expectIncomplete(c);
    expectNamedGap(c, "subscriptions", /next link points to https:\/\/localhost:\d+/);
    expect(c.elsewhere.seen).toEqual([]);
    expectInertAndSecretFree(c);
  });

  it("a next link to the page itself ends the walk with a gap after one request per scope", () => {
    const c = get("selfLinkArm");
    expectIncomplete(c);
    expectNamedGap(c, "roleAssignments", /leads back to a page already read/);
    const walks = c.stubSeen.filter((r) => isList(r, /\/providers\/Microsoft\.Authorization\/roleAssignments$/)).length;
    const clean = get("clean").stubSeen.filter((r) =>
      isList(r, /\/providers\/Microsoft\.Authorization\/roleAssignments$/),
    ).length;
    expect(walks).toBeLessThanOrEqual(clean);
    expectInertAndSecretFree(c);
  });

  it("next links that change forever end the walk after a bounded number of pages", () => {
    const c = get("endlessLinksGraph");
    expectIncomplete(c);
    expectNamedGap(c, "applications", /empty pages in a row/);
    expect(c.stubSeen.filter((r) => isList(r, /^\/v1\.0\/applications$/)).length).toBeLessThanOrEqual(25);
    expectInertAndSecretFree(c);
  });
});

describe("every wait is bounded", () => {
  it("a Retry-After of 100,000 s is not waited for: a named gap, at once", () => {
    const c = get("retryAfterForever");
    expectIncomplete(c);
    expectNamedGap(c, "subscriptions", /asked to wait 100000 s, more than the 120 s azaudit waits/);
    expectNamedGap(c, "servicePrincipals", /asked to wait 100000 s/);
    expectInertAndSecretFree(c);
  });

  it("an answer that never ends is cut off by the request timeout, retried, then a gap", () => {
    const c = get("neverEnds");
    expectIncomplete(c);
    expectNamedGap(c, "applications", /did not finish answering .* within 2 s/);
    expectInertAndSecretFree(c);
  });

  it("a request that is never answered is cut off the same way", () => {
    const c = get("hangs");
    expectIncomplete(c);
    expectNamedGap(c, "subscriptions", /did not finish answering .* within 2 s/);
    expectInertAndSecretFree(c);
  });

  it("an answer trickling one byte every 5 s is cut off by the whole-body timeout", () => {
    const c = get("trickle");
    expectIncomplete(c);
    expectNamedGap(c, "servicePrincipals", /did not finish answering .* within 2 s/);
    expectInertAndSecretFree(c);
  });

  it("--deadline ends the collection: what is unread is a gap and the reports are written", () => {
    const c = get("deadline");
    expectIncomplete(c);
    expectNamedGap(c, "subscriptions", /deadline passed/);
    // the request timeout was five minutes and the harness kills a scan after 90 s: only the
    // deadline can have ended this one, and the gap says so
    expectInertAndSecretFree(c);
  });
});

describe("output is inert", () => {
  it("escape sequences in display names, error messages and next links reach no output raw", () => {
    const c = get("escapes");
    expectIncomplete(c);
    expectInertAndSecretFree(c);
    // the hostile name is there, shown, in every report that names apps
    const json = c.reports["findings.json"]!;
    expect(json).toContain("evil\\u001b[2J");
    expect(c.reports["summary.md"]).not.toMatch(/\]\(https:\/\/attacker/);
    // no tenant string can start a line of its own on stderr
    expect(
      c.proc.stderr
        .split("\n")
        .filter(
          (l) => l.startsWith("warning: all clear") || l.startsWith("warning: scan complete") || l.startsWith("forged"),
        ),
    ).toEqual([]);
    expectNamedGap(c, "roleAssignments", /403/);
    expectNamedGap(c, "directoryRoleAssignments", /not followed/);
    // mentions and links from the tenant are in code spans, not live Markdown
    const md = c.reports["summary.md"]!;
    for (const line of md.split("\n").filter((l) => l.includes("@admin"))) expect(line).toMatch(/`[^`]*@admin[^`]*`/);
  });

  it("a token, the identity header and client_secret= echoed in an error message are redacted everywhere", () => {
    const c = get("echoedSecrets");
    expectIncomplete(c);
    expectNamedGap(c, "servicePrincipals", /403/);
    expect(c.reports["findings.json"]).toContain("[REDACTED");
    expectInertAndSecretFree(c);
  });

  it("a tenant id that is not a GUID is refused: it names no SARIF category, code span or path", () => {
    const c = get("hostileTenantId");
    expectIncomplete(c);
    expectNamedGap(c, "tenant", /not a GUID/);
    const sarif = JSON.parse(c.reports["azaudit.sarif"]!);
    expect(sarif.runs[0].automationDetails.id).toBe("azaudit/unknown-tenant/");
    for (const text of Object.values(c.reports)) expect(text).not.toContain("attacker.example)");
    expectInertAndSecretFree(c);
  });
});

describe("report sets", () => {
  it.each(REPORT_FILES.map((f) => [f]))("%s of the clean case is written whole", (file) => {
    expect(get("clean").reports[file]).toBeTruthy();
  });

  it("a second scan into the folder fails at once; SIGTERM ends the first with the previous set intact and nothing left behind", async () => {
    const r = await rig("sigterm", () => (req) => (isList(req, /^\/subscriptions$/) ? { kind: "hang" } : undefined));
    const out = join(r.dir, "reports");
    mkdirSync(out);
    writeFileSync(join(out, "findings.json"), "previous set\n");
    writeFileSync(join(out, "summary.md"), "previous set\n");
    const first = h.spawn(["scan", "--out", out, "--no-progress", "--request-timeout", "5m"], {
      env: r.env,
      cwd: r.dir,
    });
    const firstExit = new Promise<number | null>((resolve) =>
      first.on("exit", (code, signal) => {
        resolve(code ?? (signal ? -1 : null));
      }),
    );
    // wait until the first scan is collecting (it holds the lock from its start)
    for (let i = 0; i < 300 && !r.stubSeen.some((x) => isList(x, /^\/subscriptions$/)); i++)
      await new Promise((res) => setTimeout(res, 100));
    expect(existsSync(join(out, ".azaudit.lock"))).toBe(true);

    const second = await h.run(["scan", "--out", out, "--no-progress"], {
      env: r.env,
      cwd: r.dir,
      timeoutMs: LIMIT_MS,
    });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      new RegExp(`another azaudit scan \\(pid ${first.pid}\\) is writing its reports here`),
    );

    first.kill("SIGTERM");
    expect(await firstExit).toBe(143);
    expect(readdirSync(out).sort()).toEqual(["findings.json", "summary.md"]);
    expect(readFileSync(join(out, "findings.json"), "utf8")).toBe("previous set\n");
  });
});
