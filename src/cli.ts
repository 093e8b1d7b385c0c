// argv -> command. No logic of its own: each command lives in src/commands/, and is imported only
// when it runs, so `--version` and `--help` load nothing but this file and the help texts.
import type { CommandRunner } from "./commands/runner.ts";
import { HELP } from "./commands/help.ts";
import { InputError, UsageError } from "./errors.ts";
import { fileSystemInputError } from "./fs-errors.ts";
import type { CliIO } from "./io.ts";
import { redact } from "./log.ts";
import { visibleKeepingLayout } from "./text/inert.ts";
import { toolVersion } from "./version.ts";

const COMMANDS: Record<string, () => Promise<CommandRunner>> = {
  scan: async () => (await import("./commands/scan.ts")).runScan,
  demo: async () => (await import("./commands/demo.ts")).runDemo,
  rules: async () => (await import("./commands/rules.ts")).runRules,
  explain: async () => (await import("./commands/explain.ts")).runExplain,
  config: async () => (await import("./commands/config.ts")).runConfig,
  diff: async () => (await import("./commands/diff.ts")).runDiff,
  merge: async () => (await import("./commands/merge.ts")).runMerge,
  emulator: async () => (await import("./commands/emulator.ts")).runEmulator,
  bench: async () => (await import("./commands/bench.ts")).runBenchCommand,
};

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // `azaudit help scan` is `azaudit scan --help`: each command owns its help text
    const topic = command === "help" ? rest[0] : undefined;
    if (topic !== undefined && COMMANDS[topic]) return await (await COMMANDS[topic]())(["--help"], io);
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      io.stdout.write(`${HELP.main}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-V") {
      io.stdout.write(`${toolVersion()}\n`);
      return 0;
    }
    const load = COMMANDS[command];
    if (!load)
      throw new UsageError(
        `unknown command "${command}"`,
        `commands: ${Object.keys(COMMANDS).join(", ")}; see \`azaudit --help\``,
      );
    return await (
      await load()
    )(rest, io);
  } catch (err) {
    const input = err instanceof InputError ? err : fileSystemInputError(err);
    if (input) {
      io.stderr.write(`${visibleKeepingLayout(redact(input.render()))}\n`);
      return 2;
    }
    io.stderr.write(
      `${visibleKeepingLayout(redact(`azaudit: internal error: ${(err as Error).stack ?? String(err)}`))}\n`,
    );
    return 2;
  }
}

/**
 * `azaudit rules --format json | head -1`: the reader went away, which is the user's choice, not
 * a failure. The process ends quietly instead of dying on an unhandled EPIPE with a stack trace.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.EventEmitter, exit: () => void): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") exit();
    else throw err;
  });
}
