// report.html in a real browser: hostile tenant names must stay text, the CSP must let our one
// script run (and nothing else), and the filters must work from file://.
// Needs a Chromium binary (Debian: `apt-get install chromium`); skipped, saying so, without one.
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../src/config/types.ts";
import type { ScanResult } from "../src/engine/result.ts";
import { scan } from "../src/engine/scan.ts";
import { defaultSettings } from "../src/engine/settings.ts";
import type { Inventory } from "../src/inventory/types.ts";
import { renderHtml } from "../src/reporters/html.ts";
import { RULES } from "../src/rules/index.ts";
import { app, guid, inventory, principal, ROLE, roleAssignment, roleDefinition, secret, SUB_ID, unavailable, workload } from "./support/inventory-builder.ts";

const CHROMIUM = process.env.AZAUDIT_CHROMIUM ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SCREENSHOT = "/tmp/azaudit-report.png";
if (!HAVE_CHROMIUM) console.warn(`html-browser.test.ts skipped: no Chromium at ${CHROMIUM} (install it, or set AZAUDIT_CHROMIUM to its path)`);

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT_BREAK = "</script><script>alert(1)</script>";
const SVG = `"><svg onload=alert(1)>`;
const SUB2 = "33333333-3333-4333-8333-333333333333";

function hostileInventory(): Inventory {
  const hostile = [IMG, SCRIPT_BREAK, SVG, "line\u2028sep\u2029end", "' onmouseover='alert(1)", "\u202Egnp.exe"];
  const plain = ["billing-api", "crm-sync", "data-export", "hr-portal", "inventory-svc", "legacy-batch", "mobile-backend", "reporting"];
  const ends = ["2026-06-20", "2026-07-04", "2026-08-15", "2026-09-30", "2026-10-10", "2026-12-01", "2027-01-15", "2027-03-01", "2027-05-31", "2028-01-01", "2029-01-01", null];
  const applications = [...hostile, ...plain].map((name, i) => {
    const end = ends[i % ends.length];
    return app({ id: guid(1000 + i), displayName: name, passwordCredentials: [secret({ keyId: guid(2000 + i), displayName: i % 2 ? name : "ci", startDateTime: "2025-01-01T00:00:00Z", endDateTime: end ? `${end}T00:00:00Z` : null })] });
  });
  const pid = guid(3000);
  const owner = roleDefinition({ name: ROLE.owner, roleName: "Owner", roleType: "BuiltInRole", permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }] });
  const inv = inventory({
    tenant: [{ id: "11111111-1111-4111-8111-111111111111", displayName: `Contoso ${IMG}`, defaultDomain: "contoso.onmicrosoft.com" }],
    applications,
    roleDefinitions: [owner],
    roleAssignments: [roleAssignment({ scope: `/subscriptions/${SUB_ID}`, roleDefinitionName: ROLE.owner, principalId: pid }), roleAssignment({ scope: "/", roleDefinitionName: ROLE.owner, principalId: pid })],
    principals: [principal({ id: pid, displayName: SCRIPT_BREAK })],
    workloads: [
      workload({ type: "Microsoft.Compute/virtualMachines", name: IMG }),
      workload({ type: "Microsoft.Web/sites", name: "web-shop", subscriptionId: SUB2, id: `/subscriptions/${SUB2}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-shop` }),
      workload({ type: "Microsoft.Web/sites", name: "web-admin", subscriptionId: SCRIPT_BREAK, id: `/subscriptions/${SUB2}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-admin` }),
    ],
  });
  return unavailable(inv, "defender", `403 Forbidden ${SVG}`);
}

function hostileResult(): ScanResult {
  const config: Config = {
    scope: {},
    rules: {},
    suppressions: [{ rule: "app-secret-lifetime", resource: `entra/applications/${guid(1007)}`, reason: `risk accepted ${IMG}`, expires: "2026-12-31" }],
    failOn: "high",
    report: { dir: "reports", formats: [] },
  };
  return scan({ inventory: hostileInventory(), rules: RULES, settings: defaultSettings(RULES), config, failOn: "high", baseline: null, startedAt: new Date("2026-06-01T01:00:00Z"), toolVersion: "0.1.0" });
}

describe.skipIf(!HAVE_CHROMIUM)(`report.html in headless Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
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
    await page.waitForFunction((n) => document.getElementById("shown")!.textContent === `Showing ${n} of ${n} findings`, n);
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
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
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
    await page.waitForFunction(() => !(document.getElementById("filters") as HTMLFormElement).hidden);
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
      handlers: [...document.querySelectorAll("*")].filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
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
    await page.selectOption("#f-sub", subValue!);
    expect(await visibleRows()).toBe(count((f) => f.resource.subscriptionId === SUB2));
    await page.selectOption("#f-rule", { label: `app-secret-lifetime (${count((f) => f.ruleId === "app-secret-lifetime")})` });
    expect(await visibleRows()).toBe(0);
    expect(await page.locator("#fnone").isVisible()).toBe(true);
    await page.click("form.filters button[type=reset]");
    await page.waitForFunction((n) => document.getElementById("shown")!.textContent === `Showing ${n} of ${n} findings`, total);
    expect(await visibleRows()).toBe(total);
  });

  it("searches free text across names, ids, messages and evidence", async () => {
    await resetFilters();
    const total = result.findings.length;
    await page.fill("#q", "onerror");
    await page.waitForFunction((n) => document.getElementById("shown")!.textContent !== `Showing ${n} of ${n} findings`, total);
    const expected = result.findings.filter((f) => JSON.stringify(f).toLowerCase().includes("onerror")).length;
    expect(expected).toBeGreaterThan(0);
    expect(await visibleRows()).toBe(expected);
    await page.fill("#q", "billing-api 2027-01-15");
    await page.waitForFunction(() => /^Showing 1 of/.test(document.getElementById("shown")!.textContent!));
    expect(await visibleRows()).toBe(1);
    await page.fill("#q", "");
    await page.waitForFunction((n) => document.getElementById("shown")!.textContent === `Showing ${n} of ${n} findings`, total);
  });

  it("sorts by a column header and back", async () => {
    await resetFilters();
    const names = () => page.locator("#ftable tr.f .rn").allTextContents();
    const before = await names();
    await page.click('th[data-sort="resource"] button');
    const asc = await names();
    expect(asc).toEqual([...before].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
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
    expect(await remedy.locator("pre code").textContent()).toContain("az ad app credential reset");
    // The rule doc in the rules table, too.
    await page.locator("#rule-app-secret-lifetime summary").click();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(dialogs).toEqual([]);
  });
});
