// Offline judging of a saved snapshot, `azaudit scan --snapshot FILE` with every default report,
// timed against the floor any reader of that file pays: Node's own JSON.parse of its text. Both
// run in fresh child processes, so neither shares a heap with the emulator.
import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { join } from "node:path";

export interface OfflineTimes {
  snapshotMiB: number;
  /** JSON.parse of the snapshot's text (reading the file not included) */
  jsonParseSeconds: number;
  /** wall time of `azaudit scan --snapshot FILE` writing every default report, process start to exit */
  judgeSeconds: number;
  /** judgeSeconds ÷ jsonParseSeconds */
  judgeRatio: number | null;
  /** the judging process's exit code (0 or 1: reports written) */
  exitCode: number;
}

const PARSE_TIMER = `const fs=require("node:fs");const t=fs.readFileSync(process.argv[1],"utf8");const s=performance.now();JSON.parse(t);process.stdout.write(String(performance.now()-s));`;

export async function measureOfflineJudging(
  bin: string,
  snapshot: string,
  work: string,
  env: NodeJS.ProcessEnv,
): Promise<OfflineTimes> {
  const bytes = (await stat(snapshot)).size;
  const parse = await run(["-e", PARSE_TIMER, snapshot], env, work);
  const parseMs = Number(parse.stdout);
  const judge = await run([bin, "scan", "--snapshot", snapshot, "--out", join(work, "offline"), "--quiet"], env, work);
  return {
    snapshotMiB: Math.round((bytes / 2 ** 20) * 10) / 10,
    jsonParseSeconds: Math.round(parseMs) / 1000,
    judgeSeconds: Math.round(judge.wallMs) / 1000,
    judgeRatio: parseMs > 0 ? Math.round((judge.wallMs / parseMs) * 100) / 100 : null,
    exitCode: judge.exitCode,
  };
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ exitCode: number; wallMs: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => (stdout += d));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ exitCode: code ?? 2, wallMs: performance.now() - start, stdout });
    });
  });
}
