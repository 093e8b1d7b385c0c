// How long azaudit takes before it does anything: `azaudit --version` and `azaudit --help`
// against a bare `node -e 0` on the same machine, as a ratio (a measurement, never a test: the
// absolute times depend on the machine and its load). The compiled dist/ is timed when it exists,
// as the npm package and the Action run it; otherwise the TypeScript sources through tsx.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median } from "./median.ts";

const BIN = fileURLToPath(new URL("../../bin/azaudit.js", import.meta.url));
const DIST = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface StartupTimes {
  runtime: "dist" | "sources";
  runs: number;
  /** medians, seconds */
  nodeSeconds: number;
  versionSeconds: number;
  helpSeconds: number;
  /** versionSeconds ÷ nodeSeconds */
  versionRatio: number;
  helpRatio: number;
}

function timeOnce(args: string[], env: NodeJS.ProcessEnv): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: "ignore" });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}`);
  return (performance.now() - t) / 1000;
}

export function measureStartup(parentEnv: NodeJS.ProcessEnv, runs = 3): StartupTimes {
  const runtime = existsSync(DIST) ? "dist" : "sources";
  const env: NodeJS.ProcessEnv = {
    PATH: parentEnv.PATH ?? "",
    HOME: parentEnv.HOME ?? "",
    ...(runtime === "dist" ? { AZAUDIT_RUN_FROM: "dist" } : {}),
  };
  const node: number[] = [];
  const version: number[] = [];
  const help: number[] = [];
  // interleaved, so a burst of load on the machine hits all three alike
  for (let i = 0; i < runs; i++) {
    node.push(timeOnce(["-e", "0"], env));
    version.push(timeOnce([BIN, "--version"], env));
    help.push(timeOnce([BIN, "--help"], env));
  }
  const nodeSeconds = median(node);
  return {
    runtime,
    runs,
    nodeSeconds,
    versionSeconds: median(version),
    helpSeconds: median(help),
    versionRatio: median(version) / nodeSeconds,
    helpRatio: median(help) / nodeSeconds,
  };
}
