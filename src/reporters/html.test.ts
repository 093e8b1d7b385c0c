import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Config } from "../config/types.ts";
import { compareFindings, type Finding } from "../engine/finding.ts";
import type { ScanResult } from "../engine/result.ts";
import { scan } from "../engine/scan.ts";
import { defaultSettings } from "../engine/settings.ts";
import type { Inventory } from "../inventory/types.ts";
import { RULES } from "../rules/index.ts";
import { app, guid, inventory, principal, ROLE, roleAssignment, roleDefinition, secret, SUB_ID, unavailable, workload } from "../../test/support/inventory-builder.ts";
import { cspHash, renderHtml, scriptJson } from "./html.ts";
import { SCRIPT } from "./html/script.ts";

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT_BREAK = "</script><script>alert(1)</script>";
const SVG = `"><svg onload=alert(1)>`;
const SEPARATORS = "line\u2028sep\u2029end";
const OTHER_SUB = "33333333-3333-4333-8333-333333333333";
// A fixed subset, so these tests do not move as the catalogue grows; "credential-expired" below
// is then a rule without a meta in the context (the report must cope).
const RULESET = RULES.filter((r) => ["app-secret-lifetime", "privileged-role-broad-scope", "workload-managed-identity"].includes(r.meta.id));
const ctx = { rules: RULESET };

function config(over: Partial<Config> = {}): Config {
  return { scope: {}, rules: {}, suppressions: [], failOn: "high", report: { dir: "reports", formats: [] }, ...over };
}

function run(inv: Inventory, cfg = config(), baseline: Set<string> | null = null): ScanResult {
  return scan({ inventory: inv, rules: RULESET, settings: defaultSettings(RULESET), config: cfg, failOn: cfg.failOn, baseline, startedAt: new Date("2026-06-01T01:02:03Z"), toolVersion: "0.1.0-test" });
}

/** A tenant whose every free-text field is an attack, scanned by the real rules. */
function hostileInventory(): Inventory {
  const names = [IMG, SCRIPT_BREAK, SVG, SEPARATORS, "' onmouseover='alert(1)", "&lt;b&gt;pre-escaped", "\u202Egnp.exe"];
  const ends = ["2026-06-20T00:00:00Z", "2026-08-15T00:00:00Z", "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z", "2027-05-31T00:00:00Z", "2029-01-01T00:00:00Z", null];
  const applications = names.map((name, i) =>
    app({ id: guid(1000 + i), displayName: name, passwordCredentials: [secret({ keyId: guid(2000 + i), displayName: name, startDateTime: "2025-01-01T00:00:00Z", endDateTime: ends[i] ?? null })] }),
  );
  const pid = guid(3000);
  const inv = inventory({
    tenant: [{ id: "11111111-1111-4111-8111-111111111111", displayName: IMG, defaultDomain: "evil.onmicrosoft.com" }],
    applications,
    roleDefinitions: [roleDefinition({ name: ROLE.owner, roleName: "Owner", roleType: "BuiltInRole", permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }] })],
    roleAssignments: [roleAssignment({ scope: `/subscriptions/${SUB_ID}`, roleDefinitionName: ROLE.owner, principalId: pid })],
    principals: [principal({ id: pid, displayName: SCRIPT_BREAK })],
    workloads: [
      workload({ type: "Microsoft.Compute/virtualMachines", name: IMG }),
      workload({ type: "Microsoft.Web/sites", name: SVG, subscriptionId: OTHER_SUB, id: `/subscriptions/${OTHER_SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/x` }),
      workload({ type: "Microsoft.Web/sites", name: "web-hostile-sub", subscriptionId: SCRIPT_BREAK, id: `/subscriptions/${OTHER_SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/y` }),
    ],
  });
  const withGap: Inventory = { ...inv, roleAssignments: { status: "ok", items: inv.roleAssignments.status === "ok" ? inv.roleAssignments.items : [], gaps: [{ scope: `/subscriptions/${OTHER_SUB}`, reason: SCRIPT_BREAK, missingPermission: "Microsoft.Authorization/roleAssignments/read" }] } };
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
      resource: { id: `entra/applications/${guid(4000)}`, type: "Microsoft.Graph/applications", displayName: SCRIPT_BREAK, subscriptionId: null },
      evidence: { keyId: guid(4001), endDateTime: "2026-02-10T00:00:00Z", daysLeft: -111, note: IMG, tags: [SVG, "x"] },
      fingerprint: "f".repeat(64),
    },
    {
      ...base,
      ruleId: "credential-expired",
      severity: "low",
      messageId: "soon",
      message: "expiring soon",
      resource: { id: `entra/servicePrincipals/${guid(4002)}`, type: "Microsoft.Graph/servicePrincipals", displayName: "sp", subscriptionId: null },
      evidence: { daysLeft: 40 },
      fingerprint: "e".repeat(64),
    },
  ];
}

function hostileResult(inv = hostileInventory()): ScanResult {
  const first = run(inv);
  // One finding known from a previous run, one suppressed by config with a hostile reason.
  const known = new Set([first.findings.find((f) => f.ruleId === "workload-managed-identity")!.fingerprint]);
  const cfg = config({ suppressions: [{ rule: "app-secret-lifetime", resource: `entra/applications/${guid(1004)}`, reason: `accepted ${SCRIPT_BREAK}`, expires: "2026-12-31" }] });
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

  it.each([IMG, SCRIPT_BREAK, SVG, "<svg onload", "<script>alert", "onerror=alert(1)>", "&lt;b&gt;pre-escaped", "' onmouseover='"])("never writes %j unescaped", (needle) => {
    expect(html).not.toContain(needle);
  });

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
    expect((html.match(/<\/script/gi) ?? []).length).toBe(2);
  });

  it("puts no event handler, javascript: URL or external resource in the markup", () => {
    const markup = html.replace(SCRIPT, "");
    expect(markup).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(markup).not.toMatch(/javascript:/i);
    expect(markup).not.toMatch(/<[a-z][^>]*\ssrc\s*=/i);
    expect(markup).not.toMatch(/@import|url\(/i);
    expect(markup).not.toMatch(/<(iframe|object|embed|img|link rel="stylesheet")/i);
    for (const m of markup.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(#|https:\/\/|data:,$)/);
  });

  it("escapes the JSON data block so it cannot end the tag, and it parses back to the facets", () => {
    const body = dataBlock(html);
    expect(body).not.toMatch(/[<>&\u2028\u2029]/);
    expect(body).toContain("\\u003c/script\\u003e");
    const data = JSON.parse(body) as { facets: Record<string, string[]>; findings: number[][]; rules: Record<string, unknown> };
    expect(data.facets.sub).toContain(SCRIPT_BREAK);
    expect(data.facets.severity).toEqual(["critical", "high", "medium", "low", "info"]);
    expect(data.findings).toHaveLength(result.findings.length);
    expect(Object.keys(data.rules).sort()).toEqual(["app-secret-lifetime", "privileged-role-broad-scope", "workload-managed-identity"]);
    expect(JSON.parse(scriptJson({ s: "a\u2028<&>" }))).toEqual({ s: "a\u2028<&>" });
  });

  it("copes with a finding whose rule has no meta in the context", () => {
    expect(html).toContain('<div class="remedy" data-rule="credential-expired"><p><a href="#rule-credential-expired">');
    expect(html).not.toContain('id="rule-credential-expired"');
  });

  it("has a CSP that allows only our script, by a hash that matches it", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    const ours = scripts(html)[1]!.body;
    const digest = createHash("sha256").update(ours, "utf8").digest("base64");
    expect(csp).toBe(`default-src 'none'; script-src 'sha256-${digest}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`);
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
    const inv = inventory({ applications: [app({ passwordCredentials: [secret({ startDateTime: "2025-01-01T00:00:00Z", endDateTime: "2027-01-01T00:00:00Z" })] })] });
    expect(renderHtml(run(inv), ctx)).toContain('data-verdict="failed"');
  });

  it("lists rules with 'N of M subjects fail' and skipped reasons", () => {
    expect(html).toContain("7 of 7 app registrations fail");
    const skipped = renderHtml(run(unavailable(inventory(), "workloads", "403 <denied>")), ctx);
    expect(skipped).toMatch(/<td class="status-skipped">skipped<\/td><td>[^<]*403 &lt;denied&gt;/);
    expect(skipped).toContain('data-verdict="incomplete"');
  });

  it("gives every finding expandable details: message, evidence, compliance, fingerprint, remediation link", () => {
    expect(html).toContain(`<code>${"f".repeat(64)}</code>`);
    expect(html).toContain("<tr><th>note</th><td>&lt;img src=x onerror=alert(1)&gt;</td></tr>");
    expect(html).toContain("<li>CIS Azure 5.0.0 5.3.3</li>");
    expect(html).toContain('<div class="remedy" data-rule="app-secret-lifetime"><p><a href="#rule-app-secret-lifetime">');
    expect(html).toContain("accepted &lt;/script&gt;");
    // The rule's own remediation is rendered once, in the rules table.
    expect(html).toContain("<li>Microsoft Entra admin center &gt; Applications &gt; App registrations &gt; the app &gt; Certificates &amp; secrets.</li>");
  });

  it("draws the credential-expiry timeline by month from collectedAt, expired first", () => {
    const svg = /<svg class="timeline"[\s\S]*?<\/svg>/.exec(html)![0];
    // Expired: the hand-made finding. Jun 2026: the 2026-06-20 secret (and the sp 40 days out is Jul).
    expect(svg).toContain("<title>Expired: 1 credential (1 medium)</title>");
    expect(svg).toContain("<title>Jun 2026: 1 credential (1 high)</title>");
    expect(svg).toContain("<title>Jul 2026: 1 credential (1 low)</title>");
    expect(svg).toContain("<title>Aug 2026: 1 credential (1 high)</title>");
    expect(svg).toContain("<title>May 2027: 1 credential (1 high)</title>");
    expect(svg).toContain("<title>Later: 1 credential (1 high)</title>");
    expect(svg).not.toMatch(/[<]title>Jun 2027/);
    expect(html).toContain("credential</b> never expires (no end date)");
    expect(html).toContain("expired 111 days ago");
  });

  it("marks up the findings table for filtering and sorting, with the filters hidden until the script runs", () => {
    expect(html).toContain('<form class="filters" id="filters" hidden>');
    for (const id of ["f-severity", "f-rule", "f-sub", "f-state", "q"]) expect(html).toContain(`id="${id}"`);
    for (const key of ["severity", "state", "rule", "resource", "sub", "message"]) expect(html).toContain(`data-sort="${key}"`);
    expect(html).toMatch(/@media print\{/);
  });
});
