import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { REPORT_FORMATS } from "../config/types.ts";
import type { CliIO } from "../io.ts";
import { checkOutputDir } from "../fs-errors.ts";
import { listOf, parseFlags } from "./args.ts";
import { HELP } from "./help.ts";

const BIN = fileURLToPath(new URL("../../bin/azaudit.js", import.meta.url));

/**
 * Only what a process needs to run, plus the emulator's variables: the user's own AZURE_* or
 * IDENTITY_* settings must not steer DefaultAzureCredential of the demo scan to a real tenant.
 */
function childEnv(parent: NodeJS.ProcessEnv, emulatorEnv: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "TEMP", "TMP", "LANG", "LC_ALL", "SYSTEMROOT", "TERM"];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (parent[k] !== undefined) env[k] = parent[k];
  return { ...env, ...emulatorEnv };
}

export async function runDemo(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags("demo", args, {
    out: { type: "string" },
    format: { type: "string" },
    quiet: { type: "boolean" },
    "no-progress": { type: "boolean" },
    verbose: { type: "boolean" },
  });
  if (values.help) {
    io.stdout.write(`${HELP.demo}\n`);
    return 0;
  }
  const formats = listOf("format", values.format, REPORT_FORMATS) ?? [...REPORT_FORMATS];
  const out = checkOutputDir("out", io.cwd, values.out ?? "reports");
  const say = (line: string) => {
    if (!values.quiet) io.stderr.write(`${line}\n`);
  };

  // Loaded on demand so other commands never pay for the emulator's TLS set-up code.
  const { startEmulator } = await import("../emulator/index.ts");
  const { buildDemoTenant } = await import("../demo/tenant.ts");
  const clock = io.clock ?? (() => new Date());
  const emulator = await startEmulator({ fixture: buildDemoTenant(clock()) });
  say(
    `demo: emulator of ARM and Microsoft Graph listening at ${emulator.env.AZAUDIT_ARM_ENDPOINT} with the demo tenant`,
  );
  try {
    const scanArgs = ["scan", "--out", out, "--format", formats.join(",")];
    if (values.quiet) scanArgs.push("--quiet");
    if (values["no-progress"]) scanArgs.push("--no-progress");
    if (values.verbose) scanArgs.push("--verbose");
    say(`demo: azaudit ${scanArgs.join(" ")}  (a separate process, real Azure SDKs, only the emulator's environment)`);
    // On a terminal the scan writes straight to it, so its progress lines show as they would
    // for `azaudit scan`; otherwise (tests, CI logs) its output is relayed.
    const direct = io.stdout === process.stdout && io.stderr === process.stderr;
    const code = await new Promise<number>((resolveCode, reject) => {
      const child = spawn(process.execPath, [BIN, ...scanArgs], {
        cwd: io.cwd,
        env: childEnv(io.env, { ...emulator.env }),
        stdio: direct ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
      });
      child.stdout?.on("data", (d) => io.stdout.write(d));
      child.stderr?.on("data", (d) => io.stderr.write(d));
      child.on("error", reject);
      child.on("close", (c) => {
        resolveCode(c ?? 2);
      });
    });
    const stats = emulator.stats();
    say(`demo: the scan made ${stats.total} requests to the emulator`);
    if (code === 0 || code === 1) {
      // The scan's own verdict above says FAILED (exit 1): that is the point of the demo tenant.
      if (code === 1)
        say(
          "demo: that FAILED verdict is expected: the demo tenant is built to fail every rule at least once, so `azaudit demo` itself exits 0 once the reports are written",
        );
      say(`demo: reports in ${out} (open ${resolve(out, "report.html")} in a browser)`);
      return 0;
    }
    say(`demo: the scan exited ${code}`);
    return code;
  } finally {
    await emulator.close();
  }
}
