// "Fix first" and the inventory's names and credentials in report.html and summary.md: built
// from hand-made identities (the findings.json identities[] contract) on a scan of a small tenant
// whose free-text fields are attacks; and without identities (older findings.json), no section.
import { describe, expect, it } from "vitest";
import type { Config } from "../config/types.ts";
import type { ScanResult } from "../engine/result.ts";
import { scan } from "../engine/scan.ts";
import { defaultSettings } from "../engine/settings.ts";
import type { Inventory } from "../inventory/types.ts";
import { RULES } from "../rules/index.ts";
import {
  app,
  guid,
  inventory,
  managementGroup,
  principal,
  ROLE,
  roleAssignment,
  roleDefinition,
  secret,
  servicePrincipal,
  SUB_ID,
  subscription,
} from "../../test/support/inventory-builder.ts";
import { renderHtml } from "./html.ts";
import type { ClientData } from "./html/layout.ts";
import type { IdentityEntry } from "./identities.ts";
import { renderMarkdown } from "./markdown.ts";
import { scopeName, tenantView } from "./tenant-view.ts";

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT_BREAK = "</script><script>alert(1)</script>";
const RULESET = RULES.filter((r) =>
  ["app-secret-lifetime", "privileged-role-broad-scope", "credential-expiring"].includes(r.meta.id),
);

function tenant(): Inventory {
  const pid = guid(3000);
  return inventory({
    subscriptions: [subscription({ displayName: `Production ${IMG}` })],
    managementGroups: [managementGroup({ name: "mg-platform", displayName: "Platform" })],
    applications: [
      app({
        id: guid(1000),
        displayName: IMG,
        passwordCredentials: [
          secret({ keyId: guid(2000), startDateTime: "2025-01-01T00:00:00Z", endDateTime: "2026-06-20T00:00:00Z" }),
        ],
      }),
      // A secret no rule fires on (90 days, far from expiry): the timeline still shows it.
      app({
        id: guid(1001),
        displayName: "quiet-app",
        passwordCredentials: [
          secret({ keyId: guid(2001), startDateTime: "2026-05-01T00:00:00Z", endDateTime: "2026-07-30T00:00:00Z" }),
        ],
      }),
    ],
    servicePrincipals: [
      servicePrincipal({
        id: guid(1100),
        displayName: "sp-with-cert-less",
        passwordCredentials: [secret({ keyId: guid(2100), endDateTime: null })],
      }),
    ],
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
  });
}

function run(inv: Inventory): ScanResult {
  const config: Config = { scope: {}, rules: {}, suppressions: [], failOn: "high", report: { dir: "r", formats: [] } };
  return scan({
    inventory: inv,
    rules: RULESET,
    settings: defaultSettings(RULESET),
    config,
    failOn: "high",
    baseline: null,
    startedAt: new Date("2026-06-01T01:02:03Z"),
    toolVersion: "0.1.0-test",
  });
}

function identity(rank: number, over: Partial<IdentityEntry> = {}): IdentityEntry {
  return {
    key: `application:${guid(5000 + rank)}`,
    kind: "application",
    objectId: guid(5000 + rank),
    appId: guid(6000 + rank),
    displayName: `identity-${rank}`,
    credentials: [],
    privileges: [],
    findings: [],
    rank,
    risk: { score: 100 - rank, level: "medium", reason: `reason ${rank}` },
    blastRadius: [],
    blastRadiusTotal: 0,
    ...over,
  };
}

/** The scan with twelve identities, given out of rank order; rank 1 is the hostile app. */
function withIdentities(result: ScanResult): ScanResult & { identities: IdentityEntry[] } {
  const first = identity(1, {
    displayName: IMG,
    objectId: guid(1000),
    risk: { score: 99, level: "critical", reason: `Owner of Production via a group; secret ${SCRIPT_BREAK}` },
    findings: result.findings.filter((f) => f.resource.id.endsWith(guid(1000))).map((f) => f.fingerprint),
    credentials: [
      {
        type: "password",
        on: "application",
        keyId: guid(2000),
        displayName: SCRIPT_BREAK,
        createdOn: "2025-01-01T00:00:00Z",
        expiresOn: "2026-06-20T00:00:00Z",
        ageDays: 516,
        lastUsedOn: "2026-05-30T10:00:00Z",
        lastUseKnown: true,
      },
      {
        type: "certificate",
        on: "servicePrincipal",
        keyId: guid(2002),
        displayName: null,
        createdOn: null,
        expiresOn: "2026-05-01T00:00:00Z",
        ageDays: null,
        lastUsedOn: null,
        lastUseKnown: false,
      },
    ],
    privileges: [
      {
        kind: "azureRole",
        name: "Owner",
        target: `/subscriptions/${SUB_ID}`,
        targetName: `Production ${IMG}`,
        via: ["sg-admins", "sg-all-staff"],
        eligible: true,
        condition: null,
        tier: "owner-equivalent",
      },
    ],
    blastRadius: [
      {
        steps: [
          { from: IMG, edge: "owns", to: "app payroll", source: "https://learn.microsoft.com/x" },
          { from: "app payroll", edge: "holds", to: "Owner", source: "https://learn.microsoft.com/y" },
        ],
        reach: "Owner of Production",
      },
    ],
    // findings.json lists the heaviest paths only; the reports say how many there are in all
    blastRadiusTotal: 57,
  });
  const rest = Array.from({ length: 11 }, (_, i) => identity(i + 2));
  return { ...result, identities: [...rest.reverse(), first] };
}

const inv = tenant();
// The engine ranks identities itself; these tests give the reports their own (or none).
const { identities: _ranked, ...unranked } = run(inv);
const plain = unranked as ScanResult;
const ranked = withIdentities(plain);
const ctx = { rules: RULESET, tenant: tenantView(inv) };

describe("fix first in report.html", () => {
  const html = renderHtml(ranked, ctx);
  const section = /<section id="fix-first">[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";

  it("opens the report, before coverage, with the top ten by rank and a link in the contents", () => {
    expect(section).not.toBe("");
    expect(html.indexOf('id="fix-first"')).toBeLessThan(html.indexOf('id="coverage"'));
    expect(html).toContain('<a href="#fix-first">Fix first</a>');
    const ranks = [...section.matchAll(/<span class="rank">(\d+)<\/span>/g)].map((m) => Number(m[1]));
    expect(ranks).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(section).toContain("(10 of 12 identities with a credential or privilege, by risk)");
    expect(section).toContain("2 more in findings.json");
    // The first three open, the rest one line until opened.
    expect((section.match(/<details open>/g) ?? []).length).toBe(3);
  });

  it("folds the identity's findings, credentials, privileges and blast radius into its entry, as text", () => {
    const first = /<li class="ident" id="ident-application:[^"]+"><details open>[\s\S]*?<\/details><\/li>/.exec(
      section,
    )![0];
    expect(first).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(first).not.toContain(IMG);
    expect(first).not.toContain(SCRIPT_BREAK);
    const own = plain.findings.filter((f) => f.resource.id.endsWith(guid(1000)));
    expect(own.length).toBeGreaterThan(0);
    expect(first).toContain(`<h4>Findings (${own.length})</h4>`);
    for (const f of own) expect(first).toContain(`href="?q=${f.fingerprint}#findings"`);
    // Coloured by urgency: 19 days left is "within 30 days"; the certificate already expired.
    expect(first).toContain('<span class="u u-d30">expires in 19 days (2026-06-20)</span>');
    expect(first).toContain('<span class="u u-expired">expired 31 days ago (2026-05-01)</span>');
    expect(first).toContain("last used 2026-05-30");
    expect(first).toContain("last use not collected");
    expect(first).toContain(
      "<b>Owner</b> on Production &lt;img src=x onerror=alert(1)&gt; (/subscriptions/22222222-2222-4222-8222-222222222222)",
    );
    expect(first).toContain("via group sg-admins → sg-all-staff; eligible (PIM); owner-equivalent");
    expect(first).toContain(
      "<li>&lt;img src=x onerror=alert(1)&gt; → owns → app payroll → holds → Owner: Owner of Production</li>",
    );
    expect(first).toContain("<h4>Blast radius: what a leaked credential reaches (1 of 57)</h4>");
    expect(first).toContain("1 of 57 paths");
  });

  it("is deterministic and does not depend on the order identities arrive in", () => {
    const shuffled = { ...ranked, identities: [...ranked.identities].reverse() };
    expect(renderHtml(shuffled, ctx)).toBe(html);
    expect(renderHtml(structuredClone(ranked), ctx)).toBe(html);
  });

  it("is left out, with its contents link, when the result has no identities or an empty list", () => {
    for (const r of [plain, { ...plain, identities: [] }]) {
      const out = renderHtml(r, ctx);
      expect(out).not.toContain('id="fix-first"');
      expect(out).not.toContain('href="#fix-first"');
      expect(out).toContain('id="findings"');
    }
  });
});

describe("names and every credential from the inventory", () => {
  const html = renderHtml(plain, ctx);

  it("puts subscription names beside their ids, in the rows and in the filter's data", () => {
    expect(html).toContain(
      `<td class="sub"><div class="sn">Production &lt;img src=x onerror=alert(1)&gt;</div><div class="mono">${SUB_ID}</div></td>`,
    );
    const data = JSON.parse(
      /<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html)![1]!,
    ) as ClientData;
    expect(data.subNames[data.facets.sub.indexOf(SUB_ID)]).toBe(`Production ${IMG}`);
    // Without the view: ids only, as before.
    const bare = renderHtml(plain, { rules: RULESET });
    expect(bare).toContain(`<td class="sub"><div class="mono">${SUB_ID}</div></td>`);
  });

  it("names subscription and management group scopes", () => {
    const view = tenantView(inv);
    expect(scopeName(view, `/subscriptions/${SUB_ID.toUpperCase()}/`)).toBe(`Production ${IMG}`);
    expect(scopeName(view, "/providers/Microsoft.Management/managementGroups/MG-Platform")).toBe("Platform");
    expect(scopeName(view, `/subscriptions/${SUB_ID}/resourceGroups/rg`)).toBeNull();
    expect(scopeName(undefined, `/subscriptions/${SUB_ID}`)).toBeNull();
  });

  it("draws every credential on the timeline, coloured by urgency, not only those with findings", () => {
    const svg = /<svg class="timeline"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(svg).toContain('<title id="tl-title">Credentials by expiry month: 2 with a date</title>');
    expect(svg).toContain("<title>Jun 2026: 1 credential (1 within 30 days)</title>");
    // quiet-app's secret: no finding, 59 days left.
    expect(svg).toContain("<title>Jul 2026: 1 credential (1 within 90 days)</title>");
    expect(html).toContain("<b>1 credential</b> never expires (no end date).");
    expect(html).toMatch(
      /quiet-app <span class="muted">app registration<\/span>[\s\S]*?<span class="muted">none<\/span>/,
    );
    expect(html).toContain("Every password and certificate credential of the tenant");
    // From findings only, without the view.
    const bare = renderHtml(plain, { rules: RULESET });
    expect(bare).toContain("Credentials named by findings");
    expect(bare).not.toContain("quiet-app");
  });
});

describe("fix first and the report's place in summary.md", () => {
  const output = {
    dir: "azaudit-reports",
    files: ["report.html", "findings.json", "summary.md"],
    githubActions: false,
  };

  it("lists the top identities with their findings, credentials, privileges and paths, escaped", () => {
    const md = renderMarkdown(ranked, { ...ctx, output });
    const section = md.slice(md.indexOf("## Fix first"), md.indexOf("## Top findings"));
    expect(section).toContain("10 identities to fix first, of 12 holding a credential or privilege");
    expect(section).toMatch(/^1\. 🟥 \*\*&lt;img src=x onerror=alert\\\(1\\\)&gt;\*\* \(app registration `/m);
    expect(section).toContain("last used 2026-05-30");
    expect(section).toContain("**Owner** on Production &lt;img src=x onerror=alert\\(1\\)&gt;");
    expect(section).toContain("   - Blast radius (1 of 57):");
    expect(section).not.toContain("<img");
    expect(section).not.toContain("</script");
    expect(section.match(/^\d+\. /gm)).toHaveLength(10);
    expect(md).toContain("2 more identities are ranked in findings.json");
  });

  it("has no fix-first section without identities", () => {
    expect(renderMarkdown(plain, { ...ctx, output })).not.toContain("Fix first");
    expect(renderMarkdown({ ...plain, identities: [] })).not.toContain("Fix first");
  });

  it("says where the full report is, and in GitHub Actions how to keep it", () => {
    const local = renderMarkdown(plain, { ...ctx, output });
    expect(local).toContain(
      "📄 Full report: `azaudit-reports/report.html`, `azaudit-reports/findings.json` (open report.html in a browser",
    );
    expect(local).not.toContain("upload-artifact");
    const ci = renderMarkdown(plain, { ...ctx, output: { ...output, githubActions: true } });
    expect(ci).toContain("`actions/upload-artifact` (path `azaudit-reports`)");
    const noHtml = renderMarkdown(plain, { ...ctx, output: { ...output, files: ["summary.md", "findings.csv"] } });
    expect(noHtml).toContain("📄 Full report: `azaudit-reports/findings.csv`.");
    expect(renderMarkdown(plain)).not.toContain("Full report");
  });
});
