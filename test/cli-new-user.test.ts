// The command line as a new user meets it: every mistake below once printed a stack trace or was
// silently ignored. Each now gives one line naming what is wrong (and a fix line), exit 2.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/load.ts";
import { schemaRefFor } from "../src/config/schema-ref.ts";
import { fileSystemInputError } from "../src/fs-errors.ts";
import { serializeInventory } from "../src/inventory/load.ts";
import { RULES } from "../src/rules/index.ts";
import { BIN, baseEnv } from "./support/e2e.ts";
import { runCli } from "./support/cli-runner.ts";
import { sampleInventory } from "./support/sample.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "azaudit-newuser-"));
  writeFileSync(join(dir, "snap.json"), serializeInventory(sampleInventory()));
  writeFileSync(join(dir, "a-file"), "not a folder\n");
  mkdirSync(join(dir, "a-dir"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** exit 2, an `error:` first line matching `first`, at most a fix line after it, no stack trace */
function expectOneClearError(r: { code: number; stderr: string; stdout: string }, first: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(first);
  expect(
    lines.slice(1).every((l) => /^ {2}(fix|expected): /.test(l)),
    r.stderr,
  ).toBe(true);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe("output paths that cannot be written", () => {
  it("scan --out <a file>", async () => {
    const r = await runCli(["scan", "--snapshot", "snap.json", "--out", "a-file"], { cwd: dir });
    expectOneClearError(r, /--out a-file: is a file, a folder is needed/);
  });

  it("scan --out /dev/null/x", async () => {
    const r = await runCli(["scan", "--snapshot", "snap.json", "--out", "/dev/null/x"], { cwd: dir });
    expectOneClearError(r, /--out \/dev\/null\/x: \/dev\/null is not a folder/);
  });

  it("scan --save-snapshot <file>/x.json", async () => {
    const r = await runCli(["scan", "--snapshot", "snap.json", "--out", "o", "--save-snapshot", "a-file/x.json"], {
      cwd: dir,
    });
    expectOneClearError(r, new RegExp(`--save-snapshot a-file/x.json: ${join(dir, "a-file")} is a file, not a folder`));
  });

  it("scan --save-snapshot <a folder>", async () => {
    const r = await runCli(["scan", "--snapshot", "snap.json", "--out", "o", "--save-snapshot", "a-dir"], { cwd: dir });
    expectOneClearError(r, /--save-snapshot a-dir: is a folder, a file name is needed/);
  });

  it("demo --out <a file> (refused before the emulator starts)", async () => {
    const r = await runCli(["demo", "--out", "a-file"], { cwd: dir });
    expectOneClearError(r, /--out a-file: is a file, a folder is needed/);
  });

  it("config init --out <a folder> --force", async () => {
    const r = await runCli(["config", "init", "--out", "a-dir", "--force"], { cwd: dir });
    expectOneClearError(r, /--out a-dir: is a folder, a file name is needed/);
  });

  it.skipIf(process.platform === "win32" || userInfo().uid === 0)(
    "scan --out <a folder without write permission>: the file system's own error, mapped",
    async () => {
      mkdirSync(join(dir, "locked"));
      chmodSync(join(dir, "locked"), 0o500);
      const r = await runCli(["scan", "--snapshot", "snap.json", "--out", "locked/reports"], { cwd: dir });
      expectOneClearError(
        r,
        new RegExp(`cannot create the folder ${join(dir, "locked", "reports")}: permission denied \\(EACCES\\)`),
      );
    },
  );
});

describe("file-system errors at the top level", () => {
  const errno = (code: string, syscall: string, path: string, dest?: string) =>
    Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path, dest });

  it("name the path the user gave (a rename's destination, not azaudit's temp file) and what is wrong", () => {
    expect(fileSystemInputError(errno("EISDIR", "rename", "/r/.x.tmp", "/r/findings.json"))?.render()).toBe(
      "error: cannot write /r/findings.json: it is a folder, where a file is needed (EISDIR)\n  fix: give a file path, not a folder",
    );
    expect(fileSystemInputError(errno("EEXIST", "mkdir", "/r/out"))?.message).toBe(
      "cannot create the folder /r/out: a file is in the way where a folder is needed (EEXIST)",
    );
    expect(fileSystemInputError(errno("ENOSPC", "write", "/r/report.html"))?.message).toContain("no space left");
  });

  it("leave every other error an internal one", () => {
    expect(fileSystemInputError(new Error("boom"))).toBeNull();
    expect(fileSystemInputError(errno("ECONNRESET", "read", "x"))).toBeNull();
    expect(fileSystemInputError(Object.assign(new Error("x"), { code: "EACCES" }))).toBeNull();
  });
});

describe("flags --snapshot cannot honour", () => {
  for (const flags of [
    ["--subscription", "11111111-1111-1111-1111-111111111111"],
    ["--tenant", "22222222-2222-2222-2222-222222222222"],
    ["--exclude-subscription", "11111111-1111-1111-1111-111111111111"],
    ["--cloud", "AzureUSGovernment"],
  ]) {
    it(`scan --snapshot with ${flags[0]} is refused, not silently ignored`, async () => {
      const r = await runCli(["scan", "--snapshot", "snap.json", "--out", "o", ...flags], { cwd: dir });
      expectOneClearError(r, new RegExp(`${flags[0]} cannot be combined with --snapshot`));
    });
  }
});

describe("suppressions", () => {
  const suppress = (rule: string) =>
    `suppressions:\n  - rule: ${rule}\n    resource: "/subscriptions/*"\n    reason: accepted for the test\n    expires: 2099-01-01\n`;

  it("naming an unknown rule: 'unknown rule', where, and 'did you mean'", async () => {
    writeFileSync(join(dir, "azaudit.yaml"), suppress("app-secret-lifetim"));
    const r = await runCli(["config", "validate", "azaudit.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/suppressions/0/rule (line 2): unknown rule "app-secret-lifetim"');
    expect(r.stderr).toContain('fix: did you mean "app-secret-lifetime"?');
    expect(r.stderr).not.toContain("must be equal to constant");
  });

  it("naming a rule by a former id: accepted and stored under the current id, so it matches findings", () => {
    const renamed = RULES.map((r) =>
      r.meta.id === "app-secret-lifetime" ? { ...r, meta: { ...r.meta, aliases: ["app-secret-age"] } } : r,
    );
    const config = parseConfig(suppress("app-secret-age"), "azaudit.yaml", renamed);
    expect(config.suppressions[0]!.rule).toBe("app-secret-lifetime");
    expect(parseConfig(suppress('"*"'), "azaudit.yaml", renamed).suppressions[0]!.rule).toBe("*");
  });
});

describe("config init's $schema line", () => {
  const schema = (root: string) => join(root, "config", "azaudit.schema.json");
  it("is relative when azaudit is installed in the project the config belongs to", () => {
    expect(schemaRefFor("/home/u/proj/azaudit.yaml", schema("/home/u/proj/node_modules/azaudit"), "1.2.3")).toBe(
      "./node_modules/azaudit/config/azaudit.schema.json",
    );
    expect(schemaRefFor("/home/u/proj/ci/azaudit.yaml", schema("/home/u/proj/node_modules/azaudit"), "1.2.3")).toBe(
      "../node_modules/azaudit/config/azaudit.schema.json",
    );
  });
  it("is relative inside a clone of azaudit", () => {
    expect(schemaRefFor("/src/azaudit/azaudit.yaml", schema("/src/azaudit"), "1.2.3")).toBe(
      "./config/azaudit.schema.json",
    );
  });
  it("is the published schema of this version from npx's cache, a global install or elsewhere", () => {
    const url = "https://unpkg.com/azaudit@1.2.3/config/azaudit.schema.json";
    expect(
      schemaRefFor("/home/u/proj/azaudit.yaml", schema("/home/u/.npm/_npx/0a1b/node_modules/azaudit"), "1.2.3"),
    ).toBe(url);
    expect(schemaRefFor("/home/u/proj/azaudit.yaml", schema("/usr/lib/node_modules/azaudit"), "1.2.3")).toBe(url);
    expect(schemaRefFor("/tmp/x/azaudit.yaml", schema("/src/azaudit"), "1.2.3")).toBe(url);
  });
});

describe("a closed pipe", () => {
  it("rules --format json | head -1 ends quietly: no EPIPE stack trace, exit 0", async () => {
    const child = spawn(process.execPath, [BIN, "rules", "--format", "json"], {
      cwd: dir,
      env: baseEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    // like `head -1`: read the first chunk, then close the pipe's reading end
    await new Promise<void>((resolve) =>
      child.stdout.once("data", () => {
        resolve();
      }),
    );
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) =>
      child.on("close", (c) => {
        resolve(c);
      }),
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

describe("help and errors of the emulator, like every other command", () => {
  it("azaudit help COMMAND is COMMAND --help, for the emulator too", async () => {
    for (const command of ["scan", "emulator", "bench", "config"]) {
      const viaHelp = await runCli(["help", command], { cwd: dir });
      const viaFlag = await runCli([command, "--help"], { cwd: dir });
      expect(viaHelp.code, command).toBe(0);
      expect(viaHelp.stdout, command).toBe(viaFlag.stdout);
      expect(viaHelp.stdout, command).toMatch(new RegExp(`^Usage:\\s+azaudit ${command}`));
    }
  });

  it("azaudit emulator with a bad flag: the same error line and fix line as scan", async () => {
    const emulator = await runCli(["emulator", "--tenant"], { cwd: dir });
    const scan = await runCli(["scan", "--config"], { cwd: dir });
    expectOneClearError(emulator, /^error: emulator: Option '--tenant <value>' argument missing$/);
    expectOneClearError(scan, /^error: scan: Option '--config <value>' argument missing$/);
  });
});
