// report.html in a real browser: hostile tenant names must stay text, the CSP must let our one
// script run (and nothing else), and the filters must work from file://.
// Needs a Chromium binary (Debian: `apt-get install chromium`); skipped, saying so, without one.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../src/config/types.ts";
import { compareFindings, type Finding } from "../src/engine/finding.ts";
import type { ScanResult } from "../src/engine/result.ts";
import { scan } from "../src/engine/scan.ts";
import { defaultSettings } from "../src/engine/settings.ts";
import type { Inventory } from "../src/inventory/types.ts";
import { PAGE_ROWS, renderHtml, SERVER_ROWS } from "../src/reporters/html.ts";
import type { IdentityEntry } from "../src/reporters/identities.ts";
import { tenantView } from "../src/reporters/tenant-view.ts";
import { RULES } from "../src/rules/index.ts";
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
} from "./support/inventory-builder.ts";
import { baseEnv, Harness } from "./support/e2e.ts";

const CHROMIUM = process.env.AZAUDIT_CHROMIUM ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SCREENSHOT = "/tmp/azaudit-report.png";
const SCREENSHOT_LARGE = "/tmp/azaudit-report-large.png";
if (!HAVE_CHROMIUM)
  console.warn(
    `html-browser.test.ts skipped: no Chromium at ${CHROMIUM} (install it, or set AZAUDIT_CHROMIUM to its path)`,
  );

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT_BREAK = "</script><script>alert(1)</script>";
const SVG = `"><svg onload=alert(1)>`;
const SUB2 = "33333333-3333-4333-8333-333333333333";

function hostileInventory(): Inventory {
  const hostile = [IMG, SCRIPT_BREAK, SVG, "line\u2028sep\u2029end", "' onmouseover='alert(1)", "\u202Egnp.exe"];
  const plain = [
    "billing-api",
    "crm-sync",
    "data-export",
    "hr-portal",
    "inventory-svc",
    "legacy-batch",
    "mobile-backend",
    "reporting",
  ];
  const ends = [
    "2026-06-20",
    "2026-07-04",
    "2026-08-15",
    "2026-09-30",
    "2026-10-10",
    "2026-12-01",
    "2027-01-15",
    "2027-03-01",
    "2027-05-31",
    "2028-01-01",
    "2029-01-01",
    null,
  ];
  const applications = [...hostile, ...plain].map((name, i) => {
    const end = ends[i % ends.length];
    return app({
      id: guid(1000 + i),
      displayName: name,
      passwordCredentials: [
        secret({
          keyId: guid(2000 + i),
          displayName: i % 2 ? name : "ci",
          startDateTime: "2025-01-01T00:00:00Z",
          endDateTime: end ? `${end}T00:00:00Z` : null,
        }),
      ],
    });
  });
  const pid = guid(3000);
  const owner = roleDefinition({
    name: ROLE.owner,
    roleName: "Owner",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }],
  });
  const inv = inventory({
    tenant: [
      {
        id: "11111111-1111-4111-8111-111111111111",
        displayName: `Contoso ${IMG}`,
        defaultDomain: "contoso.onmicrosoft.com",
      },
    ],
    applications,
    roleDefinitions: [owner],
    roleAssignments: [
      roleAssignment({ scope: `/subscriptions/${SUB_ID}`, roleDefinitionName: ROLE.owner, principalId: pid }),
      roleAssignment({ scope: "/", roleDefinitionName: ROLE.owner, principalId: pid }),
    ],
    principals: [principal({ id: pid, displayName: SCRIPT_BREAK })],
    workloads: [
      workload({ type: "Microsoft.Compute/virtualMachines", name: IMG }),
      workload({
        type: "Microsoft.Web/sites",
        name: "web-shop",
        subscriptionId: SUB2,
        id: `/subscriptions/${SUB2}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-shop`,
      }),
      workload({
        type: "Microsoft.Web/sites",
        name: "web-admin",
        subscriptionId: SCRIPT_BREAK,
        id: `/subscriptions/${SUB2}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-admin`,
      }),
    ],
  });
  return unavailable(inv, "defender", `403 Forbidden ${SVG}`);
}

function hostileResult(): ScanResult {
  const config: Config = {
    scope: {},
    rules: {},
    suppressions: [
      {
        rule: "app-secret-lifetime",
        resource: `entra/applications/${guid(1007)}`,
        reason: `risk accepted ${IMG}`,
        expires: "2026-12-31",
      },
    ],
    failOn: "high",
    report: { dir: "reports", formats: [] },
  };
  return scan({
    inventory: hostileInventory(),
    rules: RULES,
    settings: defaultSettings(RULES),
    config,
    failOn: "high",
    baseline: null,
    startedAt: new Date("2026-06-01T01:00:00Z"),
    toolVersion: "0.1.0",
  });
}

const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Bidi controls as the report shows them (html/text.ts, and vis() in the script). */
function vis(text: string): string {
  return text.replace(/[\u202A-\u202E\u2066-\u2069]/g, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}

/**
 * Above the server-render threshold: the hostile findings cloned, each with its own fingerprint,
 * a numbered name and hostile evidence values (a string and a list), in report order.
 */
function largeResult(from: ScanResult, count: number): ScanResult {
  const findings: Finding[] = [];
  for (let i = 0; i < count; i++) {
    const f = structuredClone(from.findings[i % from.findings.length]!);
    f.fingerprint = createHash("sha256").update(`${f.fingerprint}/${i}`).digest("hex");
    f.resource.displayName = `${f.resource.displayName ?? "sp"} #${i}`;
    f.evidence = { ...f.evidence, note: IMG, tags: [SVG, SCRIPT_BREAK] };
    findings.push(f);
  }
  return { ...structuredClone(from), findings: findings.sort(compareFindings) };
}

/** A page on the report that records dialogs, console lines, page errors and any request. */
async function openReport(
  owner: Browser | BrowserContext,
  file: string,
  log: { dialogs: string[]; console: string[]; errors: string[] },
): Promise<Page> {
  const page = await owner.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("dialog", (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on("console", (m) => log.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => log.errors.push(String(e)));
  // Any network request at all would be a leak: the report is self-contained.
  await page.route(/^(?!file:|data:)/, (route) => {
    log.console.push(`request: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return page;
}

/** What must hold after any interaction: no dialog, no element from data, our two scripts only. */
async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  await page.waitForTimeout(100);
  expect(dialogs).toEqual([]);
  const dom = await page.evaluate(() => ({
    scripts: document.scripts.length,
    imgs: document.images.length,
    svgs: document.querySelectorAll("svg").length,
    handlers: [...document.querySelectorAll("*")].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith("on")),
    ).length,
  }));
  expect(dom).toEqual({ scripts: 2, imgs: 0, svgs: 1, handlers: 0 });
}

describe.skipIf(!HAVE_CHROMIUM)(`report.html in headless Chromium (${CHROMIUM})`, () => {
  let browser: Browser | undefined;
  let page: Page;
  let dir: string;
  let result: ScanResult;
  const dialogs: string[] = [];
  const consoleMessages: string[] = [];
  const pageErrors: string[] = [];

  const visibleRows = () => page.locator("#ftable tr.f:visible").count();
  const shownText = () => page.locator("#shown").textContent();
  /** Each test starts from the unfiltered table, whatever the one before left behind. */
  async function resetFilters(): Promise<void> {
    await page.click("form.filters button[type=reset]");
    const n = result.findings.length;
    await page.waitForFunction(
      (n) => (document.getElementById("shown")?.textContent ?? "") === `Showing ${n} of ${n} findings`,
      n,
    );
  }

  beforeAll(async () => {
    result = hostileResult();
    dir = await mkdtemp(join(tmpdir(), "azaudit-html-"));
    const file = join(dir, "report.html");
    const html = renderHtml(result, { rules: RULES });
    await writeFile(file, html, "utf8");
    // To look at the fixture report yourself: AZAUDIT_KEEP_REPORT=/tmp/report.html npx vitest run test/html-browser.test.ts
    if (process.env.AZAUDIT_KEEP_REPORT) await writeFile(process.env.AZAUDIT_KEEP_REPORT, html, "utf8");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("dialog", (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on("console", (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    // Any network request at all would be a leak: the report is self-contained.
    await page.route(/^(?!file:|data:)/, (route) => {
      consoleMessages.push(`request: ${route.request().url()}`);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.waitForFunction(() => document.getElementById("filters")?.hidden === false);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("runs our script under the CSP: no violation, no error, no request", async () => {
    expect(pageErrors).toEqual([]);
    expect(consoleMessages.filter((m) => /Content Security Policy|Refused|request:|error/i.test(m))).toEqual([]);
    expect(await shownText()).toBe(`Showing ${result.findings.length} of ${result.findings.length} findings`);
  });

  it("fires no dialog and injects no element: hostile names stay text", async () => {
    // Give any onerror/onload a chance to fire.
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    const dom = await page.evaluate(() => ({
      scripts: document.scripts.length,
      imgs: document.images.length,
      svgs: document.querySelectorAll("svg").length,
      handlers: [...document.querySelectorAll("*")].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith("on")),
      ).length,
    }));
    expect(dom).toEqual({ scripts: 2, imgs: 0, svgs: 1, handlers: 0 });
    expect(await page.getByText(IMG, { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText(SCRIPT_BREAK, { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.locator("h1").textContent()).toContain(`Contoso ${IMG}`);
    // The hostile subscription id reached the filter through JSON.parse + textContent, as text.
    const subs = await page.locator("#f-sub option").allTextContents();
    expect(subs).toContain(`${SCRIPT_BREAK} (1)`);
  });

  it("filters by severity, rule, subscription and state", async () => {
    const total = result.findings.length;
    const count = (pred: (f: ScanResult["findings"][number]) => boolean) => result.findings.filter(pred).length;
    await page.selectOption("#f-severity", "2"); // medium
    expect(await visibleRows()).toBe(count((f) => f.severity === "medium"));
    expect(await visibleRows()).toBeLessThan(total);
    expect(await shownText()).toBe(`Showing ${count((f) => f.severity === "medium")} of ${total} findings`);
    await page.selectOption("#f-severity", "");
    await page.selectOption("#f-state", { label: "suppressed (1)" });
    expect(await visibleRows()).toBe(1);
    await page.selectOption("#f-state", "");
    const subValue = await page.locator("#f-sub option", { hasText: SUB2 }).getAttribute("value");
    await page.selectOption("#f-sub", subValue);
    expect(await visibleRows()).toBe(count((f) => f.resource.subscriptionId === SUB2));
    await page.selectOption("#f-rule", {
      label: `app-secret-lifetime (${count((f) => f.ruleId === "app-secret-lifetime")})`,
    });
    expect(await visibleRows()).toBe(0);
    expect(await page.locator("#fnone").isVisible()).toBe(true);
    await page.click("form.filters button[type=reset]");
    await page.waitForFunction(
      (n) => (document.getElementById("shown")?.textContent ?? "") === `Showing ${n} of ${n} findings`,
      total,
    );
    expect(await visibleRows()).toBe(total);
  });

  it("searches free text across names, ids, messages and evidence", async () => {
    await resetFilters();
    const total = result.findings.length;
    await page.fill("#q", "onerror");
    await page.waitForFunction(
      (n) => (document.getElementById("shown")?.textContent ?? "") !== `Showing ${n} of ${n} findings`,
      total,
    );
    const expected = result.findings.filter((f) => JSON.stringify(f).toLowerCase().includes("onerror")).length;
    expect(expected).toBeGreaterThan(0);
    expect(await visibleRows()).toBe(expected);
    await page.fill("#q", "billing-api 2027-01-15");
    await page.waitForFunction(() => /^Showing 1 of/.test(document.getElementById("shown")?.textContent ?? ""));
    expect(await visibleRows()).toBe(1);
    await page.fill("#q", "");
    await page.waitForFunction(
      (n) => (document.getElementById("shown")?.textContent ?? "") === `Showing ${n} of ${n} findings`,
      total,
    );
  });

  it("sorts by a column header and back", async () => {
    await resetFilters();
    const names = () => page.locator("#ftable tr.f .rn").allTextContents();
    const before = await names();
    await page.click('th[data-sort="resource"] button');
    const asc = await names();
    expect(asc).toEqual(
      [...before].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)),
    );
    expect(await page.getAttribute('th[data-sort="resource"]', "aria-sort")).toBe("ascending");
    await page.click('th[data-sort="resource"] button');
    expect(await page.getAttribute('th[data-sort="resource"]', "aria-sort")).toBe("descending");
    // A new column sorts ascending, except severity: most severe first.
    await page.click('th[data-sort="severity"] button');
    expect(await page.getAttribute('th[data-sort="severity"]', "aria-sort")).toBe("descending");
    expect(await page.getAttribute('th[data-sort="resource"]', "aria-sort")).toBe("none");
    const sev = await page.locator("#ftable tr.f .badge").allTextContents();
    const rank = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as Record<string, number>;
    expect(sev.map((s) => rank[s]!)).toEqual([...sev.map((s) => rank[s]!)].sort((a, b) => b - a));
  });

  it("expands a finding with remediation steps built from the rule meta, then screenshots", async () => {
    await resetFilters();
    const row = page.locator("#ftable tr.f", { hasText: "billing-api" }).first();
    await row.locator("summary").click();
    const remedy = row.locator(".remedy");
    await expect.poll(() => remedy.locator("ol li").count()).toBe(3);
    expect(await remedy.locator("pre:not(.fix) code").textContent()).toContain("az ad app credential reset");
    // and the finding's own commands, its ids filled in
    expect(await remedy.locator("h5").textContent()).toBe("Commands for this finding");
    const own = await remedy.locator("pre.fix code").allTextContents();
    expect(own.length).toBeGreaterThan(0);
    expect(own.join("\n")).toContain("az ad app credential");
    // The rule doc in the rules table, too.
    await page.locator("#rule-app-secret-lifetime summary").click();
    // Only finding rows get details built from the data; the rule doc is left as written.
    await page.waitForTimeout(100);
    expect(await page.locator("#rule-app-secret-lifetime .det h4").allTextContents()).toEqual([
      "Why it matters",
      "Remediation",
      "Compliance",
      "References",
    ]);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(dialogs).toEqual([]);
  });

  it("builds a finding's details on click from the data: hostile evidence and suppression stay text", async () => {
    await resetFilters();
    // Built only when opened: no details content in the page before.
    expect(await page.locator("#ftable tr.f .det[data-built]").count()).toBeLessThanOrEqual(1);
    const owner = result.findings.find(
      (f) => f.ruleId === "privileged-role-broad-scope" && f.evidence.principalName === SCRIPT_BREAK,
    )!;
    const row = page.locator("#ftable tr.f", { hasText: owner.resource.id }).first();
    await row.locator("summary").click();
    const det = row.locator(".det");
    await expect.poll(() => det.locator("table.kv tr").count()).toBe(Object.keys(owner.evidence).length);
    expect(await det.locator("table.kv tr", { hasText: "principalName" }).locator("td").textContent()).toBe(
      SCRIPT_BREAK,
    );
    expect(await det.locator("code").first().textContent()).toBe(owner.fingerprint);
    expect(await det.locator("ul.tags li").allTextContents()).toEqual(owner.compliance);
    expect(await det.locator(".remedy ol li").count()).toBeGreaterThan(0);
    expect(await det.locator(".remedy a").getAttribute("href")).toBe("#rule-privileged-role-broad-scope");

    await page.selectOption("#f-state", { label: "suppressed (1)" });
    const sup = page.locator("#ftable tr.f:visible").first();
    await sup.locator("summary").click();
    await expect
      .poll(() => sup.locator(".det p").first().textContent())
      .toBe(`risk accepted ${IMG} (until 2026-12-31; matches entra/applications/${guid(1007)})`);
    await expectInert(page, dialogs);
  });

  it("shows bidi controls in built details instead of obeying them", async () => {
    await resetFilters();
    await page.fill("#q", "gnp.exe");
    await page.waitForFunction(
      (n) => (document.getElementById("shown")?.textContent ?? "") !== `Showing ${n} of ${n} findings`,
      result.findings.length,
    );
    const row = page.locator("#ftable tr.f:visible").first();
    expect(await row.locator(".rn").textContent()).toBe("[U+202E]gnp.exe");
    await row.locator("summary").click();
    await expect.poll(() => row.locator(".det").textContent()).toContain("Fingerprint");
    const text = await page.evaluate(() => document.body.textContent);
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it("reads without scripts: every row is there, and a note says what needs scripts", async () => {
    const ctx = await browser!.newContext({ javaScriptEnabled: false });
    try {
      const p = await ctx.newPage();
      await p.goto(page.url(), { waitUntil: "load" });
      expect(await p.locator("#ftable tr.f:visible").count()).toBe(result.findings.length);
      expect(await p.locator("#noscript-note").isVisible()).toBe(true);
      expect(await p.locator("#filters").isVisible()).toBe(false);
      await p.locator("#ftable tr.f summary").first().click();
      expect(
        await p.evaluate(() => getComputedStyle(document.querySelector("#ftable tr.f .det")!, "::before").content),
      ).toContain("need scripts");
    } finally {
      await ctx.close();
    }
  });
});

describe.skipIf(!HAVE_CHROMIUM)(
  `report.html above the server-render threshold, in headless Chromium (${CHROMIUM})`,
  () => {
    let browser: Browser | undefined;
    let page: Page;
    let dir: string;
    let file: string;
    let big: ScanResult;
    const log = { dialogs: [] as string[], console: [] as string[], errors: [] as string[] };
    const listedRows = () => page.locator("#ftable tr.f").count();
    const shownText = () => page.locator("#shown").textContent();

    async function resetFilters(): Promise<void> {
      await page.click("form.filters button[type=reset]");
      const n = big.findings.length;
      await page.waitForFunction(
        (n) => (document.getElementById("shown")?.textContent ?? "") === `Showing ${n} of ${n} findings`,
        n,
      );
    }

    beforeAll(async () => {
      big = largeResult(hostileResult(), SERVER_ROWS + 700);
      const fixed = big.findings[3]!;
      fixed.fix = {
        note: "Review before running: azaudit never runs these commands.",
        commands: [{ purpose: `Remove the secret of ${IMG}`, command: `az ad app credential delete --id '${SVG}'` }],
      };
      dir = await mkdtemp(join(tmpdir(), "azaudit-html-large-"));
      file = join(dir, "report.html");
      await writeFile(file, renderHtml(big, { rules: RULES }), "utf8");
      browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
      page = await openReport(browser, file, log);
      await page.waitForFunction(() => document.getElementById("filters")?.hidden === false);
    });

    afterAll(async () => {
      await browser?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("lists the first page of rows from the data, under the CSP, with no error or request", async () => {
      expect(log.errors).toEqual([]);
      expect(log.console.filter((m) => /Content Security Policy|Refused|request:|error/i.test(m))).toEqual([]);
      const n = big.findings.length;
      expect(await shownText()).toBe(`Showing ${n} of ${n} findings`);
      expect(await listedRows()).toBe(PAGE_ROWS);
      expect(await page.locator("#listed").textContent()).toBe(`Listed ${PAGE_ROWS} of ${n} matching findings.`);
      expect(await page.locator("#paged-note").isVisible()).toBe(true);
      // Rows as the server would write them: the first finding in report order first.
      const first = page.locator("#ftable tr.f").first();
      const f0 = big.findings[0]!;
      expect(await first.locator(".rn").textContent()).toBe(vis(f0.resource.displayName!));
      expect(await first.locator(".rid").textContent()).toBe(f0.resource.id);
      expect(await first.locator("summary").textContent()).toBe(vis(f0.message));
      expect(await first.locator(".badge").textContent()).toBe(f0.severity);
      await expectInert(page, log.dialogs);
      const hostileNames = big.findings
        .slice(0, PAGE_ROWS)
        .filter((f) => f.resource.displayName!.startsWith(SCRIPT_BREAK)).length;
      expect(hostileNames).toBeGreaterThan(0);
      expect(await page.locator("#ftable .rn", { hasText: SCRIPT_BREAK }).count()).toBe(hostileNames);
    });

    it("shows more rows, then all, and a filter change goes back to one page", async () => {
      await resetFilters();
      await page.click("#more-rows");
      expect(await listedRows()).toBe(2 * PAGE_ROWS);
      expect(await page.locator("#all-rows").textContent()).toBe(`Show all ${big.findings.length}`);
      await page.click("#all-rows");
      expect(await listedRows()).toBe(big.findings.length);
      expect(await page.locator("#more-rows").isVisible()).toBe(false);
      expect(await page.locator("#listed").textContent()).toBe(
        `Listed ${big.findings.length} of ${big.findings.length} matching findings.`,
      );
      await page.selectOption("#f-severity", "");
      await resetFilters();
      expect(await listedRows()).toBe(PAGE_ROWS);
    });

    it("filters over all findings, not only the listed ones", async () => {
      await resetFilters();
      const count = (pred: (f: Finding) => boolean) => big.findings.filter(pred).length;
      // The last findings in report order (least severe) are not among the rows listed at first.
      const last = big.findings[big.findings.length - 1]!;
      const sevIndex = ["critical", "high", "medium", "low", "info"].indexOf(last.severity);
      await page.selectOption("#f-severity", String(sevIndex));
      const want = count((f) => f.severity === last.severity);
      expect(await shownText()).toBe(`Showing ${want} of ${big.findings.length} findings`);
      expect(await listedRows()).toBe(Math.min(PAGE_ROWS, want));
      expect(await page.locator("#ftable tr.f .badge").allTextContents()).toEqual(
        Array(Math.min(PAGE_ROWS, want)).fill(last.severity),
      );
      await page.selectOption("#f-severity", "");
      const subs = await page.locator("#f-sub option").allTextContents();
      expect(subs).toContain(`${SCRIPT_BREAK} (${count((f) => f.resource.subscriptionId === SCRIPT_BREAK)})`);
      await page.selectOption("#f-state", { label: `suppressed (${count((f) => f.state === "suppressed")})` });
      expect(await listedRows()).toBe(count((f) => f.state === "suppressed"));
    });

    it("searches all findings, the unlisted ones included", async () => {
      await resetFilters();
      const last = big.findings[big.findings.length - 1]!;
      await page.fill("#q", last.fingerprint);
      await page.waitForFunction(() => /^Showing 1 of/.test(document.getElementById("shown")?.textContent ?? ""));
      expect(await listedRows()).toBe(1);
      expect(await page.locator("#ftable tr.f .rn").textContent()).toBe(vis(last.resource.displayName!));
      // Evidence values are searched too (every clone has the hostile note).
      await page.fill("#q", "onerror=alert(1)>");
      await page.waitForFunction(
        (n) => (document.getElementById("shown")?.textContent ?? "") === `Showing ${n} of ${n} findings`,
        big.findings.length,
      );
      await page.fill("#q", "");
    });

    it("sorts all findings, not only the listed ones", async () => {
      await resetFilters();
      await page.click('th[data-sort="resource"] button');
      expect(await page.getAttribute('th[data-sort="resource"]', "aria-sort")).toBe("ascending");
      const key = (f: Finding) => vis(f.resource.displayName ?? "(no name)").toLowerCase();
      const all = big.findings.map((f, i) => ({ k: key(f), i, name: vis(f.resource.displayName ?? "(no name)") }));
      all.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
      expect(await page.locator("#ftable tr.f .rn").allTextContents()).toEqual(
        all.slice(0, PAGE_ROWS).map((x) => x.name),
      );
      expect(all.slice(0, PAGE_ROWS).some((x) => x.i >= PAGE_ROWS)).toBe(true);
      await page.click('th[data-sort="severity"] button');
      expect(await page.getAttribute('th[data-sort="severity"]', "aria-sort")).toBe("descending");
      expect(await page.locator("#ftable tr.f .rn").first().textContent()).toBe(
        vis(big.findings[0]!.resource.displayName!),
      );
    });

    it("builds a finding's details when it is opened: evidence (hostile values as text) and remediation", async () => {
      await resetFilters();
      const f = big.findings[3]!;
      const row = page.locator("#ftable tr.f").nth(3);
      expect(await row.locator(".det").evaluate((d) => d.childNodes.length)).toBe(0);
      await row.locator("summary").click();
      const det = row.locator(".det");
      await expect.poll(() => det.locator("table.kv tr").count()).toBe(Object.keys(f.evidence).length);
      expect(await det.locator("table.kv tr", { hasText: "note" }).locator("td").textContent()).toBe(IMG);
      expect(await det.locator("table.kv tr", { hasText: "tags" }).locator("td").innerText()).toBe(
        `${SVG}\n${SCRIPT_BREAK}`,
      );
      expect(await det.locator("code").first().textContent()).toBe(f.fingerprint);
      expect(await det.locator(".remedy ol li").count()).toBeGreaterThan(0);
      expect(await det.locator(".remedy a").getAttribute("href")).toBe(`#rule-${f.ruleId}`);
      // this finding's own commands, hostile names as text
      expect(await det.locator(".remedy h5").textContent()).toBe("Commands for this finding");
      expect(await det.locator(".remedy pre.fix code").textContent()).toBe(`az ad app credential delete --id '${SVG}'`);
      expect(await det.locator(".remedy p", { hasText: "Remove the secret" }).textContent()).toBe(
        `Remove the secret of ${IMG}`,
      );
      await expectInert(page, log.dialogs);
    });

    it("prints the listed rows collapsed: one line each, no details opened, no controls", async () => {
      await resetFilters();
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      // At most the one a test before opened by hand.
      expect(await page.locator("#ftable tr.f details[open]").count()).toBeLessThanOrEqual(1);
      await page.emulateMedia({ media: "print" });
      try {
        expect(await page.locator("#ftable tr.f .rn").first().isVisible()).toBe(true);
        expect(await page.locator("#ftable tr.f .rid").first().isVisible()).toBe(false);
        expect(await page.locator("#filters").isVisible()).toBe(false);
        expect(await page.locator("#more-rows").isVisible()).toBe(false);
      } finally {
        await page.emulateMedia({ media: "screen" });
      }
    });

    it("says, without scripts, that the list needs them or findings.csv", async () => {
      const ctx = await browser!.newContext({ javaScriptEnabled: false });
      try {
        const p = await ctx.newPage();
        await p.goto(pathToFileURL(file).href, { waitUntil: "load" });
        expect(await p.locator("#noscript-note").textContent()).toContain("findings.csv");
        expect(await p.locator("#noscript-note").isVisible()).toBe(true);
        expect(await p.locator("#ftable tr.f").count()).toBe(0);
      } finally {
        await ctx.close();
      }
    });

    it("looks right: screenshot of the findings with a finding open and the show-more bar", async () => {
      await resetFilters();
      await page.locator("#ftable tr.f summary").first().click();
      await page.locator("#findings").scrollIntoViewIfNeeded();
      await page.evaluate(() => {
        document.getElementById("findings")!.scrollIntoView();
      });
      await page.screenshot({ path: SCREENSHOT_LARGE });
      await page.locator("#more").scrollIntoViewIfNeeded();
      await page.screenshot({ path: SCREENSHOT_LARGE.replace(".png", "-more.png") });
      expect(existsSync(SCREENSHOT_LARGE)).toBe(true);
    });
  },
);

/** Hand-made identities (the findings.json identities[] contract) over the hostile result's findings. */
function withIdentities(result: ScanResult): ScanResult {
  const byResource = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (!f.resource.id.startsWith("entra/applications/")) continue;
    byResource.set(f.resource.id, [...(byResource.get(f.resource.id) ?? []), f]);
  }
  const identities: IdentityEntry[] = [...byResource.entries()].map(([id, findings], i) => ({
    key: `application:${id.split("/").pop()!}`,
    kind: "application",
    objectId: id.split("/").pop()!,
    appId: null,
    displayName: findings[0]!.resource.displayName ?? null,
    credentials: [
      {
        type: "password",
        on: "application",
        keyId: guid(7000 + i),
        displayName: SCRIPT_BREAK,
        createdOn: "2025-01-01T00:00:00Z",
        expiresOn: "2026-06-20T00:00:00Z",
        ageDays: 516,
        lastUsedOn: null,
        lastUseKnown: false,
      },
    ],
    privileges: [
      {
        kind: "azureRole",
        name: "Owner",
        target: `/subscriptions/${SUB_ID}`,
        targetName: IMG,
        via: [SVG],
        eligible: false,
        condition: null,
        tier: null,
      },
    ],
    findings: findings.map((f) => f.fingerprint).sort(),
    rank: i + 1,
    risk: { score: 100 - i, level: i < 2 ? "critical" : "high", reason: `reason ${IMG}` },
    blastRadius: [
      {
        steps: [{ from: IMG, edge: "owns", to: "payroll", source: "https://learn.microsoft.com/x" }],
        reach: SCRIPT_BREAK,
      },
    ],
    blastRadiusTotal: 1,
  }));
  return { ...result, identities };
}

describe.skipIf(!HAVE_CHROMIUM)(
  `report.html as people read it: fix first, 420 px, print, shared filters (${CHROMIUM})`,
  () => {
    let browser: Browser | undefined;
    let page: Page;
    let dir: string;
    let file: string;
    let result: ScanResult;
    const log = { dialogs: [] as string[], console: [] as string[], errors: [] as string[] };
    const h = new Harness();
    let demoHtml = "";

    beforeAll(async () => {
      result = withIdentities(hostileResult());
      const inv = hostileInventory();
      dir = await mkdtemp(join(tmpdir(), "azaudit-html-read-"));
      file = join(dir, "report.html");
      await writeFile(file, renderHtml(result, { rules: RULES, tenant: tenantView(inv) }), "utf8");
      // The demo tenant's report, as `azaudit demo` writes it (emulator, real SDKs, a separate process).
      const out = h.tempDir("azaudit-html-demo-");
      const proc = await h.run(["demo", "--out", out, "--no-progress", "--format", "html"], {
        env: baseEnv(),
        cwd: out,
        timeoutMs: 90_000,
      });
      if (proc.code !== 0) throw new Error(`azaudit demo failed: ${proc.stderr}`);
      demoHtml = join(out, "report.html");
      browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
      page = await openReport(browser, file, log);
      await page.waitForFunction(() => document.getElementById("filters")?.hidden === false);
    }, 120_000);

    afterAll(async () => {
      if (browser) await browser.close();
      if (dir) await rm(dir, { recursive: true, force: true });
      await h.cleanup();
    }, 30_000);

    const shownText = () => page.locator("#shown").textContent();

    it("opens with fix first: ranked entries, the first three open, hostile names as text", async () => {
      expect(log.errors).toEqual([]);
      const entries = page.locator("#fix-first li.ident");
      const n = (result as ScanResult & { identities: unknown[] }).identities.length;
      expect(n).toBeGreaterThan(3);
      expect(await entries.count()).toBe(Math.min(10, n));
      const box = await page.locator("#fix-first").boundingBox();
      const findings = await page.locator("#findings").boundingBox();
      expect(box!.y).toBeLessThan(findings!.y);
      expect(await entries.nth(0).locator(".ibody").isVisible()).toBe(true);
      expect(await entries.nth(3).locator(".ibody").isVisible()).toBe(false);
      await entries.nth(3).locator("summary").click();
      expect(await entries.nth(3).locator(".ibody").isVisible()).toBe(true);
      expect(await entries.nth(0).locator("ul.ipriv li").first().textContent()).toBe(
        `Owner on ${IMG} (/subscriptions/${SUB_ID}) (via group ${SVG}; standing)`,
      );
      expect(await entries.nth(0).locator("ul.iblast li").first().textContent()).toBe(
        `${IMG} → owns → payroll: ${SCRIPT_BREAK}`,
      );
      await expectInert(page, log.dialogs);
    });

    it("a finding's link in fix first opens the table filtered to it, and the filter survives a reload", async () => {
      const first = page.locator("#fix-first li.ident").first().locator("ul.ifind a.rule").first();
      const href = (await first.getAttribute("href"))!;
      expect(href).toMatch(/^\?q=[0-9a-f]{64}#findings$/);
      await first.click();
      await page.waitForFunction(() => /^Showing 1 of/.test(document.getElementById("shown")?.textContent ?? ""));
      expect(await page.locator("#q").inputValue()).toBe(href.slice(3, -"#findings".length));
      expect(await page.locator("#ftable tr.f:visible").count()).toBe(1);
      await page.reload({ waitUntil: "load" });
      await page.waitForFunction(() => /^Showing 1 of/.test(document.getElementById("shown")?.textContent ?? ""));
      expect(await page.locator("#ftable tr.f:visible").count()).toBe(1);
    });

    it("keeps filters and sort in the address, so a reload or a shared link shows the same view", async () => {
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      const total = result.findings.length;
      await page.waitForFunction(
        (n) => (document.getElementById("shown")?.textContent ?? "") === `Showing ${n} of ${n} findings`,
        total,
      );
      await page.selectOption("#f-severity", {
        label: `high (${result.findings.filter((f) => f.severity === "high").length})`,
      });
      await page.click('th[data-sort="resource"] button');
      const want = result.findings.filter((f) => f.severity === "high").length;
      expect(await shownText()).toBe(`Showing ${want} of ${total} findings`);
      const url = new URL(page.url());
      expect(url.searchParams.get("severity")).toBe("high");
      expect(url.searchParams.get("sort")).toBe("resource");
      const names = await page.locator("#ftable tr.f:visible .rn").allTextContents();
      await page.reload({ waitUntil: "load" });
      await page.waitForFunction(() => document.getElementById("filters")?.hidden === false);
      expect(await shownText()).toBe(`Showing ${want} of ${total} findings`);
      expect(await page.locator("#f-severity option:checked").textContent()).toBe(`high (${want})`);
      expect(await page.getAttribute('th[data-sort="resource"]', "aria-sort")).toBe("ascending");
      expect(await page.locator("#ftable tr.f:visible .rn").allTextContents()).toEqual(names);
      // Reset clears the address too.
      await page.click("form.filters button[type=reset]");
      await page.waitForFunction(
        (n) => (document.getElementById("shown")?.textContent ?? "") === `Showing ${n} of ${n} findings`,
        total,
      );
      expect(new URL(page.url()).searchParams.get("severity")).toBeNull();
      expect(log.errors).toEqual([]);
    });

    it("reads at 420 px: no sideways scroll, the key parts visible, rows as cards", async () => {
      const narrow = await browser!.newPage({ viewport: { width: 420, height: 900 } });
      try {
        await narrow.goto(pathToFileURL(file).href, { waitUntil: "load" });
        await narrow.waitForFunction(() => document.getElementById("filters")?.hidden === false);
        const size = await narrow.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
          overflowing: [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map((e) => `${e.tagName}.${e.className}`),
        }));
        expect(size.overflowing).toEqual([]);
        expect(size.scroll).toBeLessThanOrEqual(size.client);
        for (const sel of [
          "#verdict",
          "#fix-first h2",
          "#fix-first li.ident",
          "svg.timeline",
          "#filters",
          "#ftable tr.f .rn",
        ])
          expect(await narrow.locator(sel).first().isVisible(), sel).toBe(true);
        // A finding row is a card: its message spans the full width under the badge.
        const row = narrow.locator("#ftable tr.f").first();
        const msg = (await row.locator("td.msg").boundingBox())!;
        const badge = (await row.locator("td.sev").boundingBox())!;
        expect(msg.y).toBeGreaterThan(badge.y);
        expect(msg.width).toBeGreaterThan(300);
        await narrow.screenshot({ path: "/tmp/azaudit-report-420.png" });
      } finally {
        await narrow.close();
      }
    });

    it("prints the hostile report without controls, details closed, one short block per finding", async () => {
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      await page.emulateMedia({ media: "print" });
      try {
        expect(await page.locator("#filters").isVisible()).toBe(false);
        expect(await page.locator("nav.toc").isVisible()).toBe(false);
        expect(await page.locator("#fix-first li.ident").first().isVisible()).toBe(true);
        expect(await page.locator("#ftable tr.f .rn").first().isVisible()).toBe(true);
        expect(await page.locator("#ftable tr.f .rid").first().isVisible()).toBe(false);
        expect(await page.locator("#rules details").first().isVisible()).toBe(false);
        expect(await page.locator("#ftable tr.f details[open]").count()).toBe(0);
      } finally {
        await page.emulateMedia({ media: "screen" });
      }
    });

    it("prints the demo tenant's report on a few A4 pages", async () => {
      const p = await browser!.newPage();
      const errors: string[] = [];
      p.on("pageerror", (e) => errors.push(String(e)));
      try {
        await p.goto(pathToFileURL(demoHtml).href, { waitUntil: "load" });
        // The script ran on the report as written (through the run's redaction).
        await p.waitForFunction(() => document.getElementById("filters")?.hidden === false);
        expect(errors).toEqual([]);
        const findings = await p.locator("#ftable tr.f").count();
        expect(findings).toBeGreaterThan(80);
        const pdf = await p.pdf({ format: "A4" });
        const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
        // 93 findings as one short block each, with the summary, coverage and expiry chart.
        expect(pages).toBeGreaterThan(1);
        expect(pages).toBeLessThanOrEqual(12);
      } finally {
        await p.close();
      }
    });
  },
);
