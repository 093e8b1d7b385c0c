import { PassThrough } from "node:stream";
import { main } from "../../src/cli.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams, a given cwd and a pinned clock. */
export async function runCli(
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; now?: string },
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (d) => out.push(String(d)));
  stderr.on("data", (d) => err.push(String(d)));
  const code = await main(args, {
    stdout,
    stderr,
    env: opts.env ?? {},
    cwd: opts.cwd,
    clock: () => new Date(opts.now ?? "2026-06-02T00:00:00Z"),
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}
