// The package as users get it: `npm pack` (which builds dist/ through `prepack`), the tarball
// installed into an empty folder with nothing of this repository around it, then the installed
// `azaudit` run through npx. Dependencies come from npm's cache (--prefer-offline) so the test
// costs one build and one install, not a download.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeInventory } from "../src/inventory/load.ts";
import { ROOT } from "./support/e2e.ts";
import { sampleInventory } from "./support/sample.ts";

const work = mkdtempSync(join(tmpdir(), "azaudit-pack-"));
const project = join(work, "user-project");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
let tarball = "";

/** Only what npm and node need: nothing points back at the repository. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? work, NO_COLOR: "1" };
  for (const k of ["npm_config_cache", "NPM_CONFIG_CACHE", "TMPDIR", "SYSTEMROOT", "APPDATA", "LOCALAPPDATA"])
    if (process.env[k]) env[k] = process.env[k];
  return env;
}

function azaudit(args: string[], timeout = 120_000) {
  return spawnSync(npx, ["--no-install", "azaudit", ...args], {
    cwd: project,
    env: userEnv(),
    encoding: "utf8",
    timeout,
  });
}

beforeAll(() => {
  const packed = execFileSync(npm, ["pack", "--json", "--pack-destination", work], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 << 20,
  });
  const info = JSON.parse(packed.slice(packed.indexOf("["))) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info[0]!.filename);
  packedFiles.push(...info[0]!.files.map((f) => f.path));
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "user-project", private: true })}\n`);
  execFileSync(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-save", tarball], {
    cwd: project,
    env: userEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 240_000,
  });
}, 400_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});
const packedFiles: string[] = [];

describe("the published package", () => {
  it("ships compiled JavaScript, its data and licence, and no sources, tests or TypeScript toolchain", () => {
    expect(packedFiles).toContain("bin/azaudit.js");
    expect(packedFiles).toContain("dist/cli.js");
    expect(packedFiles).toContain("config/azaudit.schema.json");
    expect(packedFiles).toContain("LICENSE");
    expect(packedFiles.filter((f) => f.startsWith("dist/refdata/") && f.endsWith(".json")).length).toBeGreaterThan(0);
    expect(packedFiles.filter((f) => /^src\/|^test\/|\.test\.js$|\.ts$/.test(f))).toEqual([]);
    const installed = join(project, "node_modules");
    expect(readdirSync(join(installed, "azaudit")).sort()).toEqual([
      "LICENSE",
      "README.md",
      "bin",
      "config",
      "dist",
      "package.json",
    ]);
    // tsx and typescript are development tools: an installed azaudit must run without them
    expect(existsSync(join(installed, "tsx"))).toBe(false);
    expect(existsSync(join(installed, "typescript"))).toBe(false);
    const pkg = JSON.parse(readFileSync(join(installed, "azaudit", "package.json"), "utf8")) as {
      private?: boolean;
      license?: string;
    };
    expect(pkg.private).toBeUndefined();
    expect(pkg.license).toBe("MIT");
  });

  it("npx azaudit --version prints the package version", () => {
    const r = azaudit(["--version"]);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version,
    );
    expect(r.status).toBe(0);
  });

  it("npx azaudit demo starts the emulator with its own CA, scans the demo tenant and writes the reports", () => {
    const r = azaudit(["demo", "--out", "demo-reports", "--no-progress"]);
    expect(r.stderr).not.toMatch(/internal error|\.ts:\d+/);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(project, "demo-reports")).sort()).toEqual([
      "azaudit.sarif",
      "findings.csv",
      "findings.json",
      "report.html",
      "summary.md",
    ]);
    expect(r.stderr).toContain("the demo tenant is built to fail");
  });

  it("npx azaudit scan --snapshot judges a saved inventory offline", () => {
    writeFileSync(join(project, "tenant.json"), serializeInventory(sampleInventory()));
    const r = azaudit([
      "scan",
      "--snapshot",
      "tenant.json",
      "--out",
      "snap-reports",
      "--format",
      "json,sarif",
      "--fail-on",
      "none",
    ]);
    expect(r.stderr).not.toMatch(/internal error|\.ts:\d+/);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(project, "snap-reports", "findings.json"), "utf8")) as {
      findings: unknown[];
    };
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it("config init in the user's project points $schema at the installed package's schema", () => {
    const r = azaudit(["config", "init"]);
    expect(r.status, r.stderr).toBe(0);
    const first = readFileSync(join(project, "azaudit.yaml"), "utf8").split("\n")[0];
    expect(first).toBe("# yaml-language-server: $schema=./node_modules/azaudit/config/azaudit.schema.json");
    expect(existsSync(join(project, "node_modules/azaudit/config/azaudit.schema.json"))).toBe(true);
  });
});
