import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Config } from "../config/types.ts";
import { baselineOf, type Baseline } from "../engine/baseline.ts";
import { compareFindings, type Finding } from "../engine/finding.ts";
import type { ScanResult } from "../engine/result.ts";
import { scan } from "../engine/scan.ts";
import { defaultSettings } from "../engine/settings.ts";
import type { Inventory } from "../inventory/types.ts";
import { createRedactor } from "../log.ts";
import { RULES } from "../rules/index.ts";
import {
  app,
  guid,
  inventory,
  principal,
  ROLE,
  roleAssignment,
  roleDefinition,
  secret,
  SUB_ID,
  unavailable,
  workload,
} from "../../test/support/inventory-builder.ts";
import { cspHash, PAGE_ROWS, renderHtml, scriptJson, SERVER_ROWS } from "./html.ts";
import type { ClientData } from "./html/data.ts";
import { SCRIPT } from "./html/script.generated.ts";

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT_BREAK = "</script><script>alert(1)</script>";
const SVG = `"><svg onload=alert(1)>`;
const SEPARATORS = "line\u2028sep\u2029end";
const OTHER_SUB = "33333333-3333-4333-8333-333333333333";
// A fixed subset, so these tests do not move as the catalogue grows; "credential-expired" below
// is then a rule without a meta in the context (the report must cope).
const RULESET = RULES.filter((r) =>
  ["app-secret-lifetime", "privileged-role-broad-scope", "workload-managed-identity"].includes(r.meta.id),
);
const ctx = { rules: RULESET };

function config(over: Partial<Config> = {}): Config {
  return { scope: {}, rules: {}, suppressions: [], failOn: "high", report: { dir: "reports", formats: [] }, ...over };
}

function run(inv: Inventory, cfg = config(), baseline: Baseline | null = null): ScanResult {
  return scan({
    inventory: inv,
    rules: RULESET,
    settings: defaultSettings(RULESET),
    config: cfg,
    failOn: cfg.failOn,
    baseline,
    startedAt: new Date("2026-06-01T01:02:03Z"),
    toolVersion: "0.1.0-test",
  });
}

/** A tenant whose every free-text field is an attack, scanned by the real rules. */
function hostileInventory(): Inventory {
  const names = [
    IMG,
    SCRIPT_BREAK,
    SVG,
    SEPARATORS,
    "' onmouseover='alert(1)",
    "&lt;b&gt;pre-escaped",
    "\u202Egnp.exe",
  ];
  const ends = [
    "2026-06-20T00:00:00Z",
    "2026-08-15T00:00:00Z",
    "2026-12-01T00:00:00Z",
    "2027-03-01T00:00:00Z",
    "2027-05-31T00:00:00Z",
    "2029-01-01T00:00:00Z",
    null,
  ];
  const applications = names.map((name, i) =>
    app({
      id: guid(1000 + i),
      displayName: name,
      passwordCredentials: [
        secret({
          keyId: guid(2000 + i),
          displayName: name,
          startDateTime: "2025-01-01T00:00:00Z",
          endDateTime: ends[i] ?? null,
        }),
      ],
    }),
  );
  const pid = guid(3000);
  const inv = inventory({
    tenant: [{ id: "11111111-1111-4111-8111-111111111111", displayName: IMG, defaultDomain: "evil.onmicrosoft.com" }],
    applications,
    roleDefinitions: [
      roleDefinition({
        name: ROLE.owner,
        roleName: "Owner",
        roleType: "BuiltInRole",
        permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }],
      }),
    ],
    roleAssignments: [
      roleAssignment({ scope: `/subscriptions/${SUB_ID}`, roleDefinitionName: ROLE.owner, principalId: pid }),
    ],
    principals: [principal({ id: pid, displayName: SCRIPT_BREAK })],
    workloads: [
      workload({ type: "Microsoft.Compute/virtualMachines", name: IMG }),
      workload({
        type: "Microsoft.Web/sites",
        name: SVG,
        subscriptionId: OTHER_SUB,
        id: `/subscriptions/${OTHER_SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/x`,
      }),
      workload({
        type: "Microsoft.Web/sites",
        name: "web-hostile-sub",
        subscriptionId: SCRIPT_BREAK,
        id: `/subscriptions/${OTHER_SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/y`,
      }),
    ],
  });
  const withGap: Inventory = {
    ...inv,
    roleAssignments: {
      status: "ok",
      items: inv.roleAssignments.status === "ok" ? inv.roleAssignments.items : [],
      gaps: [
        {
          scope: `/subscriptions/${OTHER_SUB}`,
          reason: SCRIPT_BREAK,
          missingPermission: "Microsoft.Authorization/roleAssignments/read",
        },
      ],
    },
  };
  return unavailable(withGap, "defender", `403 ${IMG}`);
}

/** Findings the v1 rules cannot make yet: an expired credential, and one known by days left only. */
function extraFindings(): Finding[] {
  const base = { confidence: "high" as const, compliance: ["CIS Azure 5.0.0 5.3.3", IMG], state: "open" as const };
  return [
    {
      ...base,
      ruleId: "credential-expired",
      severity: "medium",
      messageId: "expired",
      message: `Client secret on "${SCRIPT_BREAK}" expired`,
      resource: {
        id: `entra/applications/${guid(4000)}`,
        type: "Microsoft.Graph/applications",
        displayName: SCRIPT_BREAK,
        subscriptionId: null,
      },
      evidence: { keyId: guid(4001), endDateTime: "2026-02-10T00:00:00Z", daysLeft: -111, note: IMG, tags: [SVG, "x"] },
      fingerprint: "f".repeat(64),
    },
    {
      ...base,
      ruleId: "credential-expired",
      severity: "low",
      messageId: "soon",
      message: "expiring soon",
      resource: {
        id: `entra/servicePrincipals/${guid(4002)}`,
        type: "Microsoft.Graph/servicePrincipals",
        displayName: "sp",
        subscriptionId: null,
      },
      evidence: { daysLeft: 40 },
      fingerprint: "e".repeat(64),
    },
  ];
}

function hostileResult(inv = hostileInventory()): ScanResult {
  const first = run(inv);
  // One finding known from a previous run, one suppressed by config with a hostile reason.
  const known = baselineOf({
    ...first,
    findings: first.findings.filter((f) => f.ruleId === "workload-managed-identity").slice(0, 1),
  });
  const cfg = config({
    suppressions: [
      {
        rule: "app-secret-lifetime",
        resource: `entra/applications/${guid(1004)}`,
        reason: `accepted ${SCRIPT_BREAK}`,
        expires: "2026-12-31",
      },
    ],
  });
  const result = run(inv, cfg, known);
  result.findings = [...result.findings, ...extraFindings()].sort(compareFindings);
  return result;
}

/** The text of every <script> element, in order, with its opening tag. */
function scripts(html: string): { open: string; body: string }[] {
  return [...html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)].map((m) => ({ open: m[1]!, body: m[2]! }));
}

function dataBlock(html: string): string {
  return scripts(html).find((s) => s.open.includes('id="data"'))!.body;
}

/** The page without the JSON data block's content: what the HTML parser reads as markup. */
function markupOf(html: string): string {
  return html.replace(dataBlock(html), "");
}

/** Reads the compact data block back into findings, as the script sees them (html/data.ts). */
function decode(data: ClientData): Finding[] {
  const val = (v: string | number) => (typeof v === "number" ? data.vals[v]! : v);
  return data.findings.map((x) => {
    const keys = data.evk[x[11]]!;
    const f: Finding = {
      ruleId: data.facets.rule[x[1]]!,
      severity: data.facets.severity[x[0]] as Finding["severity"],
      confidence: data.conf[x[4]] as Finding["confidence"],
      messageId: "",
      message: x[8],
      resource: {
        id: val(x[7]) as string,
        type: data.types[x[5]]!,
        displayName: val(x[6]) as string | null,
        subscriptionId: data.facets.sub[x[2]] || null,
      },
      evidence: Object.fromEntries(keys.map((k, i) => [k, val(x[12][i]!)])),
      fingerprint: x[9],
      compliance: data.comp[x[10]]!,
      state: data.facets.state[x[3]] as Finding["state"],
    };
    if (x[13]) f.suppression = { reason: x[13][0], expires: x[13][1], resource: x[13][2] };
    if (x[14]) f.fix = { note: x[14][0], commands: x[14][1].map(([purpose, command]) => ({ purpose, command })) };
    return f;
  });
}

/** What the data block must carry of each finding: all of it but the messageId (not shown). */
function shown(f: Finding): Finding {
  const { suppression, fix, ...rest } = f;
  return {
    ...rest,
    messageId: "",
    resource: { ...f.resource, displayName: f.resource.displayName ?? null },
    ...(f.state === "suppressed" && suppression ? { suppression } : {}),
    ...(fix && fix.commands.length > 0 ? { fix } : {}),
  };
}

/** `count` findings cloned from `from`, each with its own fingerprint (and a numbered name). */
function cloned(from: ScanResult, count: number): ScanResult {
  const findings: Finding[] = [];
  for (let i = 0; i < count; i++) {
    const f = structuredClone(from.findings[i % from.findings.length]!);
    f.fingerprint = createHash("sha256").update(`${f.fingerprint}/${i}`).digest("hex");
    if (i >= from.findings.length) f.resource.displayName = `${f.resource.displayName ?? "x"} #${i}`;
    findings.push(f);
  }
  return { ...structuredClone(from), findings: findings.sort(compareFindings) };
}

describe("renderHtml", () => {
  const inv = hostileInventory();
  const result = hostileResult(inv);
  const html = renderHtml(result, ctx);

  it("the fixture really is hostile and really is rendered", () => {
    expect(result.findings.some((f) => f.resource.displayName === IMG)).toBe(true);
    expect(result.findings.some((f) => f.state === "suppressed")).toBe(true);
    expect(result.findings.some((f) => f.state === "baseline")).toBe(true);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect((html.match(/<tr class="f[ "]/g) ?? []).length).toBe(result.findings.length);
  });

  it.each([
    IMG,
    SCRIPT_BREAK,
    SVG,
    "<svg onload",
    "<script>alert",
    "onerror=alert(1)>",
    "&lt;b&gt;pre-escaped",
    "' onmouseover='",
  ])("never writes %j unescaped in markup", (needle) => {
    expect(markupOf(html)).not.toContain(needle);
  });

  it.each([IMG, SCRIPT_BREAK, SVG, "<svg onload", "<script>alert", "onerror=alert(1)>"])(
    "never writes %j raw anywhere, the data block included",
    (needle) => {
      expect(html).not.toContain(needle);
    },
  );

  it("holds no raw U+2028 / U+2029 anywhere", () => {
    expect(html).not.toMatch(/[\u2028\u2029]/);
    expect(html).toContain("line&#x2028;sep&#x2029;end");
  });

  it("shows bidi override characters instead of obeying them (Trojan Source spoofing)", () => {
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(html).toContain("[U+202E]gnp.exe");
  });

  it("has exactly two script elements: the JSON data block and our code", () => {
    const s = scripts(html);
    expect(s.map((x) => x.open)).toEqual(['<script type="application/json" id="data">', "<script>"]);
    expect(s[1]!.body).toBe(SCRIPT);
    expect((html.match(/<script/gi) ?? []).length).toBe(2);
    expect((html.match(/<\/script/gi) ?? []).length).toBe(2); // Tenant data reaches the page only as text: no HTML parsing, no code from strings.
    expect(SCRIPT).not.toMatch(
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\b|new Function|setTimeout\("/,
    );
    expect(SCRIPT).not.toMatch(/[\u0080-\uffff]|<\//); // ASCII only, no end tag
  });

  it("puts no event handler, javascript: URL or external resource in the markup", () => {
    const markup = html.replace(SCRIPT, "");
    expect(markup).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(markup).not.toMatch(/javascript:/i);
    expect(markup).not.toMatch(/<[a-z][^>]*\ssrc\s*=/i);
    expect(markup).not.toMatch(/@import|url\(/i);
    expect(markup).not.toMatch(/<(iframe|object|embed|img|link rel="stylesheet")/i);
    // links stay on the page (fragments, or the page itself with a finding filter) or leave for https
    for (const m of markup.matchAll(/href="([^"]*)"/g))
      expect(m[1]).toMatch(/^(#|https:\/\/|data:,$|\?q=[0-9a-f]+#findings$)/);
  });

  it("escapes the JSON data block so it cannot end the tag, and it parses back to the facets", () => {
    const body = dataBlock(html);
    expect(body).not.toMatch(/[<>&\u2028\u2029]/);
    expect(body).toContain("\\u003c/script\\u003e");
    const data = JSON.parse(body) as {
      facets: Record<string, string[]>;
      findings: number[][];
      rules: unknown[];
    };
    expect(data.facets.sub).toContain(SCRIPT_BREAK);
    expect(data.facets.severity).toEqual(["critical", "high", "medium", "low", "info"]);
    expect(data.findings).toHaveLength(result.findings.length);
    expect(data.facets.rule!.filter((_, i) => data.rules[i] !== null)).toEqual([
      "app-secret-lifetime",
      "privileged-role-broad-scope",
      "workload-managed-identity",
    ]);
    expect(JSON.parse(scriptJson({ s: "a\u2028<&>\u202E" }))).toEqual({ s: "a\u2028<&>\u202E" });
    expect(scriptJson("\u202Egnp")).toBe('"\\u202egnp"');
  });

  it("carries every finding's details in the data block, to be built when it is opened", () => {
    const data = JSON.parse(dataBlock(html)) as ClientData;
    expect(decode(data)).toEqual(result.findings.map(shown));
    // the commands that fix a finding, with its ids filled in, travel with it
    const withFix = result.findings.filter((f) => f.fix && f.fix.commands.length > 0);
    expect(withFix.length).toBeGreaterThan(0);
    expect(data.findings.filter((x) => x[14]).length).toBe(withFix.length);
    expect(data.page).toBe(PAGE_ROWS);
    // Shared strings once: each distinct compliance list, evidence key list and resource type.
    expect(new Set(data.comp.map((c) => JSON.stringify(c))).size).toBe(data.comp.length);
    expect(new Set(data.evk.map((c) => JSON.stringify(c))).size).toBe(data.evk.length);
    expect(data.types).toEqual([...new Set(result.findings.map((f) => f.resource.type))]);
    expect(data.comp.length).toBeLessThan(result.findings.length);
    // The markup holds no details: the script builds them (html/script.ts buildDetails).
    expect(html).not.toContain(`<code>${"f".repeat(64)}</code>`);
    expect((html.match(/<details><summary>[^<]*<\/summary><div class="det"><\/div><\/details>/g) ?? []).length).toBe(
      result.findings.length,
    );
  });

  it("keeps its data block intact through the redaction every report passes (rule ids are not keys)", () => {
    const f = { ...result.findings[0]!, ruleId: "service-principal-password", fingerprint: "d".repeat(64) };
    const out = renderHtml({ ...result, findings: [...result.findings, f] }, { rules: RULES });
    const redacted = createRedactor({}).redact(out);
    expect(JSON.parse(dataBlock(redacted))).toEqual(JSON.parse(dataBlock(out)));
  });

  it("copes with a finding whose rule has no meta in the context", () => {
    expect(html).toContain('<a href="#rule-credential-expired"><code>credential-expired</code></a>');
    expect(html).not.toContain('id="rule-credential-expired"');
    const data = JSON.parse(dataBlock(html)) as ClientData;
    expect(data.facets.rule).toContain("credential-expired");
    expect(data.rules[data.facets.rule.indexOf("credential-expired")]).toBeNull();
  });

  it("has a CSP that allows only our script, by a hash that matches it", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    const ours = scripts(html)[1]!.body;
    const digest = createHash("sha256").update(ours, "utf8").digest("base64");
    expect(csp).toBe(
      `default-src 'none'; script-src 'sha256-${digest}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(cspHash(SCRIPT)).toBe(`sha256-${digest}`);
    // The CSP comes before anything it governs.
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<style>"));
  });

  it("is deterministic: same result, same bytes; input is not modified", () => {
    const copy = structuredClone(result);
    expect(renderHtml(copy, ctx)).toBe(html);
    expect(copy).toEqual(result);
    expect(renderHtml(hostileResult(inv), ctx)).toBe(html);
  });

  it("shows the verdict, totals and a visible coverage warning when incomplete", () => {
    expect(result.summary.exitCode).toBe(3);
    expect(html).toContain('data-verdict="incomplete"');
    expect(html).toContain('id="coverage-warning"');
    expect(html).toContain("<b>defender</b> unavailable: 403 &lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("needs <code>Microsoft.Authorization/roleAssignments/read</code>");
    expect(html).toMatch(new RegExp(`<div class="card s-high"><div class="n">${result.summary.bySeverity.high}</div>`));
  });

  it("shows passed without a warning box for a complete, clean scan", () => {
    const clean = renderHtml(run(inventory()), ctx);
    expect(clean).toContain('data-verdict="passed"');
    expect(clean).not.toContain('id="coverage-warning"');
    expect(clean).toContain("Every section was collected in full.");
    expect(clean).toContain("No findings.");
    expect(clean).toContain("No finding concerns a credential with an end date.");
  });

  it("shows failed for open findings at fail-on", () => {
    const inv = inventory({
      applications: [
        app({
          passwordCredentials: [secret({ startDateTime: "2025-01-01T00:00:00Z", endDateTime: "2027-01-01T00:00:00Z" })],
        }),
      ],
    });
    // A two-year secret on an app holding no privilege is medium: failing at medium.
    expect(renderHtml(run(inv, config({ failOn: "medium" })), ctx)).toContain('data-verdict="failed"');
    expect(renderHtml(run(inv), ctx)).toContain('data-verdict="passed"');
  });

  it("lists rules with 'N of M subjects fail' and skipped reasons", () => {
    expect(html).toContain("7 of 7 app registrations fail");
    const skipped = renderHtml(run(unavailable(inventory(), "workloads", "403 <denied>")), ctx);
    expect(skipped).toMatch(
      /<td data-l="status" class="status-skipped">skipped<\/td><td data-l="result">[^<]*403 &lt;denied&gt;/,
    );
    expect(skipped).toContain('data-verdict="incomplete"');
  });

  it("gives every finding an expandable message, and the rule's remediation once in the rules table", () => {
    expect(html).toContain(
      `<summary>Client secret on &quot;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot; expired</summary>`,
    );
    expect(html).toContain(
      "<li>Microsoft Entra admin center &gt; Applications &gt; App registrations &gt; the app &gt; Certificates &amp; secrets.</li>",
    );
    expect(html).toContain('<noscript><p class="box" id="noscript-note">');
    expect(html).not.toContain('id="more"');
  });

  it("draws the credential-expiry timeline by month from collectedAt, expired first", () => {
    const svg = /<svg class="timeline"[\s\S]*?<\/svg>/.exec(html)![0];
    // Expired: the hand-made finding. Jun 2026: the 2026-06-20 secret (and the sp 40 days out is Jul).
    // Coloured by how soon each expires, whatever the severity of the rules that fired on it.
    expect(svg).toContain("<title>Expired: 1 credential (1 expired)</title>");
    expect(svg).toContain("<title>Jun 2026: 1 credential (1 within 30 days)</title>");
    expect(svg).toContain("<title>Jul 2026: 1 credential (1 within 90 days)</title>");
    expect(svg).toContain("<title>Aug 2026: 1 credential (1 within 90 days)</title>");
    expect(svg).toContain("<title>May 2027: 1 credential (1 later)</title>");
    expect(svg).toContain("<title>Later: 1 credential (1 later)</title>");
    expect(svg).not.toMatch(/class="s-(critical|high|medium|low|info)"/);
    expect(svg).not.toMatch(/[<]title>Jun 2027/);
    expect(html).toContain("credential</b> never expires (no end date)");
    expect(html).toContain("expired 111 days ago");
  });

  it("marks up the findings table for filtering and sorting, with the filters hidden until the script runs", () => {
    expect(html).toContain('<form class="filters" id="filters" hidden>');
    for (const id of ["f-severity", "f-rule", "f-sub", "f-state", "q"]) expect(html).toContain(`id="${id}"`);
    for (const key of ["severity", "state", "rule", "resource", "sub", "message"])
      expect(html).toContain(`data-sort="${key}"`);
    expect(html).toMatch(/@media print\{/);
  });
});

describe("renderHtml above the server-render threshold", () => {
  const small = hostileResult();
  const big = cloned(small, SERVER_ROWS + 600);
  const html = renderHtml(big, ctx);

  it("renders no finding rows, says why (and what to do without scripts), and has the show-more controls", () => {
    expect(html).not.toContain('<tr class="f');
    expect(html).toContain(`<h2>Findings <span class="muted">(${big.findings.length})</span></h2>`);
    expect(html).toContain(
      `<p class="muted" id="paged-note">${big.findings.length} findings: more than ${SERVER_ROWS}`,
    );
    expect(html).toMatch(
      /<noscript><p class="box warn" id="noscript-note"><strong>Scripts are off.<\/strong>[^<]*findings.csv/,
    );
    expect(html).toContain('<div class="more" id="more" hidden>');
  });

  it("still carries every finding in the data block", () => {
    const data = JSON.parse(dataBlock(html)) as ClientData;
    expect(decode(data)).toEqual(big.findings.map(shown));
  });

  it("is much smaller per finding than the same findings as markup, and deterministic", () => {
    const atThreshold = renderHtml(cloned(small, SERVER_ROWS), ctx);
    expect((atThreshold.match(/<tr class="f[ "]/g) ?? []).length).toBe(SERVER_ROWS);
    expect(html.length / big.findings.length).toBeLessThan((0.8 * atThreshold.length) / SERVER_ROWS);
    expect(renderHtml(structuredClone(big), ctx)).toBe(html);
  });

  it("stays safe: no hostile string in markup, none raw in the data, no bidi control, one script of ours", () => {
    for (const needle of [IMG, SCRIPT_BREAK, SVG, "' onmouseover='"]) expect(markupOf(html)).not.toContain(needle);
    for (const needle of [IMG, SCRIPT_BREAK, SVG]) expect(html).not.toContain(needle);
    expect(html).not.toMatch(/[\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
    expect(scripts(html).map((x) => x.open)).toEqual(['<script type="application/json" id="data">', "<script>"]);
    expect(scripts(html)[1]!.body).toBe(SCRIPT);
    expect(html).toContain(`script-src '${cspHash(SCRIPT)}'`.replace(/'/g, "&#39;"));
  });
});
