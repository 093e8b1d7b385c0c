// argv -> command. No logic of its own: each command lives in src/commands/.
import { runBenchCommand } from "./commands/bench.ts";
import { runConfig } from "./commands/config.ts";
import { runDemo } from "./commands/demo.ts";
import { runDiff } from "./commands/diff.ts";
import { runEmulator } from "./commands/emulator.ts";
import { runExplain } from "./commands/explain.ts";
import { HELP } from "./commands/help.ts";
import { runRules } from "./commands/rules.ts";
import { runScan } from "./commands/scan.ts";
import { InputError, UsageError } from "./errors.ts";
import type { CliIO } from "./io.ts";
import { redact } from "./log.ts";
import { visibleKeepingLayout } from "./text/inert.ts";
import { toolVersion } from "./version.ts";

const COMMANDS: Record<string, (args: string[], io: CliIO) => Promise<number>> = {
  scan: runScan,
  demo: runDemo,
  rules: runRules,
  explain: runExplain,
  config: runConfig,
  diff: runDiff,
  emulator: runEmulator,
  bench: runBenchCommand,
};

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      const topic = command === "help" ? rest[0] : undefined;
      io.stdout.write(`${HELP[topic ?? "main"] ?? HELP.main}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-V") {
      io.stdout.write(`${toolVersion()}\n`);
      return 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}"`, `commands: ${Object.keys(COMMANDS).join(", ")}; see \`azaudit --help\``);
    return await run(rest, io);
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr.write(`${visibleKeepingLayout(redact(err.render()))}\n`);
      return 2;
    }
    io.stderr.write(`${visibleKeepingLayout(redact(`azaudit: internal error: ${(err as Error).stack ?? String(err)}`))}\n`);
    return 2;
  }
}
