// `azaudit merge DIR…`: the parts of a split scan (src/shard) joined into one inventory, then
// judged and reported exactly as `azaudit scan` judges and reports one it collected.
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "../errors.ts";
import { checkOutputFile } from "../fs-errors.ts";
import type { CliIO } from "../io.ts";
import { createLogger, createRedactor } from "../log.ts";
import { acquireReportLock } from "../report-set.ts";
import { mergeParts } from "../shard/merge.ts";
import { createPartReader, PART_FILE, readPartFile } from "../shard/part-file.ts";
import { parseFlags } from "./args.ts";
import { HELP } from "./help.ts";
import { readReportPlan, REPORT_FLAGS, reportOn, saveSnapshot } from "./scan.ts";

export async function runMerge(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags("merge", args, REPORT_FLAGS, true);
  if (values.help) {
    io.stdout.write(`${HELP.merge}\n`);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError(
      "merge needs the parts to join",
      "give each part's --out folder (or its azaudit.part.json): azaudit merge parts/shard-1 parts/shard-2 …",
    );
  const redactor = createRedactor(io.env);
  const log = createLogger(io.stderr, { quiet: values.quiet ?? false, verbose: values.verbose ?? false, redactor });
  const snapshotOut = values["save-snapshot"]
    ? checkOutputFile("save-snapshot", io.cwd, values["save-snapshot"])
    : undefined;
  const { plan, outDir } = await readReportPlan(values, io, log, redactor);

  const read = createPartReader();
  const parts = [];
  for (const arg of positionals) parts.push(await readPartFile(partPath(resolve(io.cwd, arg)), read));
  const { inventory, warnings } = mergeParts(parts);
  for (const w of warnings) log.warn(w);
  log.verbose(`merged ${parts.length} part${parts.length === 1 ? "" : "s"} (collected from ${inventory.collectedAt})`);
  if (snapshotOut) await saveSnapshot(snapshotOut, inventory, redactor, log);

  const lock = acquireReportLock(outDir);
  try {
    return reportOn(lock, inventory, plan);
  } finally {
    lock.release();
  }
}

/** A part's --out folder holds its part file; anything else is taken as the part file itself. */
function partPath(arg: string): string {
  try {
    if (statSync(arg).isDirectory()) return join(arg, PART_FILE);
  } catch {
    // not there: reading it reports the missing file with the usual error
  }
  return arg;
}
