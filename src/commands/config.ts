import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../config/load.ts";
import { schemaRefFor } from "../config/schema-ref.ts";
import { renderStarterConfig } from "../config/starter.ts";
import { UsageError } from "../errors.ts";
import { writeFileAtomic } from "../fs-atomic.ts";
import { checkOutputFile } from "../fs-errors.ts";
import type { CliIO } from "../io.ts";
import { RULES } from "../rules/index.ts";
import { toolVersion } from "../version.ts";
import { parseFlags } from "./args.ts";
import { HELP } from "./help.ts";

export const SCHEMA_FILE = fileURLToPath(new URL("../../config/azaudit.schema.json", import.meta.url));

export async function runConfig(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h") {
    io.stdout.write(`${HELP.config}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (sub === "init") {
    const { values } = parseFlags("config init", rest, { out: { type: "string" }, force: { type: "boolean" } });
    if (values.help) {
      io.stdout.write(`${HELP.config}\n`);
      return 0;
    }
    const file = checkOutputFile("out", io.cwd, values.out ?? "azaudit.yaml");
    if (existsSync(file) && !values.force)
      throw new UsageError(`${file} already exists`, "pass --force to overwrite it, or --out to write elsewhere");
    await writeFileAtomic(file, renderStarterConfig(RULES, schemaRefFor(file, SCHEMA_FILE, toolVersion())));
    io.stderr.write(`wrote ${file}\n`);
    return 0;
  }
  if (sub === "validate") {
    const { values, positionals } = parseFlags("config validate", rest, {}, true);
    if (values.help) {
      io.stdout.write(`${HELP.config}\n`);
      return 0;
    }
    const given = positionals[0];
    if (positionals.length !== 1 || given === undefined) throw new UsageError("config validate takes exactly one FILE");
    const file = resolve(io.cwd, given);
    await loadConfig(file, RULES, (io.clock ?? (() => new Date()))());
    io.stdout.write(`${file}: valid\n`);
    return 0;
  }
  throw new UsageError(
    `unknown config subcommand "${sub}"`,
    "use `azaudit config init` or `azaudit config validate FILE`",
  );
}
