import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { builtInDefaults } from "../config/defaults.ts";
import { loadConfig, resolveRuleSettings } from "../config/load.ts";
import { FAIL_ON_LEVELS, REPORT_FORMATS, type Config } from "../config/types.ts";
import { loadBaseline } from "../input/findings-file.ts";
import type { ScanResult } from "../engine/result.ts";
import type { RuleSettings } from "../engine/settings.ts";
import type { CliIO } from "../io.ts";
import { loadInventory, serializeInventoryChunks } from "../inventory/load.ts";
import type { Inventory } from "../inventory/types.ts";
import { gapLines } from "./gap-lines.ts";
import { UsageError } from "../errors.ts";
import { writeTextAtomic } from "../fs-atomic.ts";
import { redactedBatches } from "../text/json-pieces.ts";
import { checkOutputDir, checkOutputFile } from "../fs-errors.ts";
import { createLogger, createRedactor, type Logger, type Redactor } from "../log.ts";
import { acquireReportLock, type ReportSetLock } from "../report-set.ts";
import { REPORT_FILES, renderReports } from "../reporters/index.ts";
import { checkSplitTag, splitSarifReports } from "../reporters/sarif-split.ts";
import { tenantView } from "../reporters/tenant-view.ts";
import { RULES } from "../rules/index.ts";
import { loadAzExport } from "../sources/az-export/index.ts";
import { toolVersion } from "../version.ts";
import { durationSeconds, guids, listOf, oneOf, parseFlags, positiveInt } from "./args.ts";
import { HELP } from "./help.ts";
import { judge, verdictOf } from "../pipeline.ts";
import { collectLive, CLOUDS, type CloudName } from "./live.ts";
import { collectPlan, parsePart, type PartId } from "../shard/plan.ts";
import { writePart } from "../shard/write-part.ts";

/** The flags that shape the judging and the reports: `merge` takes them as `scan` does. */
export const REPORT_FLAGS = {
  config: { type: "string" },
  "save-snapshot": { type: "string" },
  out: { type: "string" },
  format: { type: "string" },
  "fail-on": { type: "string" },
  baseline: { type: "string" },
  quiet: { type: "boolean" },
  verbose: { type: "boolean" },
  "no-color": { type: "boolean" },
  "split-sarif-by-tag": { type: "string" },
} as const;

const FLAGS = {
  ...REPORT_FLAGS,
  tenant: { type: "string" },
  subscription: { type: "string", multiple: true },
  "exclude-subscription": { type: "string", multiple: true },
  "include-other-tenants": { type: "boolean" },
  snapshot: { type: "string" },
  "from-az-export": { type: "string" },
  cloud: { type: "string" },
  concurrency: { type: "string" },
  "request-timeout": { type: "string" },
  deadline: { type: "string" },
  "no-progress": { type: "boolean" },
  shard: { type: "string" },
  part: { type: "string" },
} as const;

export async function runScan(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags("scan", args, FLAGS);
  if (values.help) {
    io.stdout.write(`${HELP.scan}\n`);
    return 0;
  }
  const quiet = values.quiet ?? false;
  // one redaction for the whole run: it learns every token the scan is handed
  const redactor = createRedactor(io.env);
  const log = createLogger(io.stderr, { quiet, verbose: values.verbose ?? false, redactor });
  const cloud = oneOf("cloud", values.cloud, CLOUDS) ?? "AzureCloud";
  const subscriptions = guids("subscription", values.subscription);
  const excluded = guids("exclude-subscription", values["exclude-subscription"]);
  const concurrency = positiveInt("concurrency", values.concurrency);
  const tenant = values.tenant ? guids("tenant", [values.tenant])?.[0] : undefined;
  const requestTimeout = durationSeconds("request-timeout", values["request-timeout"], 3600);
  const deadline = durationSeconds("deadline", values.deadline);
  const part = parsePart(values.shard, values.part);
  if (part) refuseWithPart(values);
  if (values.snapshot) refuseLiveOnlyFlags("--snapshot", values);
  if (values["from-az-export"]) refuseLiveOnlyFlags("--from-az-export", values);
  const snapshotOut = values["save-snapshot"]
    ? checkOutputFile("save-snapshot", io.cwd, values["save-snapshot"])
    : undefined;
  if (values.snapshot && values["save-snapshot"]) log.warn("--save-snapshot with --snapshot only copies the snapshot");
  if (values.snapshot && values["from-az-export"])
    throw new UsageError("--snapshot and --from-az-export both name the inventory to judge", "give one of them");

  const { plan, outDir } = await readReportPlan(values, io, log, redactor);

  // Taken before collecting: a second scan into the same folder fails now, not after collection.
  const lock = acquireReportLock(outDir);
  try {
    return await scanInto(lock, {
      ...plan,
      includeOtherTenants: values["include-other-tenants"] ?? plan.config.scope.includeOtherTenants ?? false,
      values,
      cloud: cloud,
      tenant,
      subscriptions,
      excluded,
      concurrency,
      quiet,
      requestTimeout,
      deadline,
      snapshotOut,
      part,
    });
  } finally {
    lock.release();
  }
}

interface ScanPlan extends ReportPlan {
  values: ReportPlan["values"] & {
    snapshot?: string;
    "from-az-export"?: string;
    "save-snapshot"?: string;
    "no-progress"?: boolean;
  };
  cloud: CloudName;
  tenant: string | undefined;
  subscriptions: string[] | undefined;
  excluded: string[] | undefined;
  includeOtherTenants: boolean;
  concurrency: number | undefined;
  quiet: boolean;
  requestTimeout: number | undefined;
  deadline: number | undefined;
  /** where --save-snapshot writes, checked before collecting */
  snapshotOut: string | undefined;
  /** one part of a split scan: its part file is written instead of reports */
  part: PartId | undefined;
}

async function scanInto(lock: ReportSetLock, p: ScanPlan): Promise<number> {
  const { values, io, log, redactor, config, quiet } = p;
  let inventory: Inventory;
  if (values.snapshot) {
    inventory = await loadInventory(resolve(io.cwd, values.snapshot));
    log.verbose(`loaded snapshot ${values.snapshot} (collected ${inventory.collectedAt})`);
  } else if (values["from-az-export"]) {
    const exported = loadAzExport(resolve(io.cwd, values["from-az-export"]));
    inventory = exported;
    const e = exported.source.export;
    log.info(
      `read the az export in ${values["from-az-export"]}: made ${e.madeAt}${e.madeBy ? ` by ${e.madeBy}` : ""} (${e.madeAtFrom === "stamp" ? "from its stamp" : "no stamp: newest file time"})`,
    );
  } else {
    inventory = await collectLive({
      io,
      log,
      cloud: p.cloud,
      tenant: p.tenant ?? config.scope.tenant,
      subscriptions: p.subscriptions ?? config.scope.subscriptions,
      excludeSubscriptions: p.excluded ?? config.scope.excludeSubscriptions,
      includeOtherTenants: p.includeOtherTenants,
      progress: !quiet && !values["no-progress"],
      concurrency: p.concurrency,
      redactor,
      part: p.part ? collectPlan(p.part) : undefined,
      limits: {
        ...(p.requestTimeout ? { requestTimeoutMs: p.requestTimeout * 1000 } : {}),
        ...(p.deadline ? { deadline: AbortSignal.timeout(p.deadline * 1000) } : {}),
      },
    });
  }
  if (p.snapshotOut) await saveSnapshot(p.snapshotOut, inventory, redactor, log);
  if (p.part)
    return writePart({
      part: p.part,
      inventory,
      requestedTenant: p.tenant ?? config.scope.tenant ?? io.env.AZURE_TENANT_ID ?? null,
      outDir: lock.dir,
      log,
      redactor,
    });
  return reportOn(lock, inventory, p);
}

/** What judging an inventory and writing its reports needs: `scan` and `merge` alike. */
export interface ReportPlan {
  values: { "no-color"?: boolean; "split-sarif-by-tag"?: string };
  io: CliIO;
  log: Logger;
  redactor: Redactor;
  config: Config;
  settings: RuleSettings;
  failOn: Config["failOn"];
  baseline: Awaited<ReturnType<typeof loadBaseline>> | null;
  formats: ReturnType<typeof listOf<(typeof REPORT_FORMATS)[number]>>;
  reportDir: string;
}

/**
 * The report flags and the config, read and checked before anything is collected or merged: a bad
 * rule option is a usage error now, not an hour later.
 */
export async function readReportPlan(
  values: ReportPlan["values"] & {
    config?: string;
    out?: string;
    format?: string;
    "fail-on"?: string;
    baseline?: string;
  },
  io: CliIO,
  log: Logger,
  redactor: Redactor,
): Promise<{ plan: ReportPlan; outDir: string }> {
  const formats = listOf("format", values.format, REPORT_FORMATS);
  const failOnFlag = oneOf("fail-on", values["fail-on"], FAIL_ON_LEVELS);
  const config = await readConfig(values.config, io);
  const settings = resolveRuleSettings(config, RULES);
  const outDir = values.out ? checkOutputDir("out", io.cwd, values.out) : resolve(io.cwd, config.report.dir);
  const baseline = values.baseline ? await loadBaseline(resolve(io.cwd, values.baseline)) : null;
  checkSplitTag(values["split-sarif-by-tag"], formats ?? config.report.formats);
  const plan: ReportPlan = {
    values,
    io,
    log,
    redactor,
    config,
    settings,
    failOn: failOnFlag ?? config.failOn,
    baseline,
    formats,
    // As the user would type it (absolute when outside the working folder): summary.md says where the full report is.
    reportDir: reportDirShown(io.cwd, outDir),
  };
  return { plan, outDir };
}

export async function saveSnapshot(file: string, inventory: Inventory, redactor: Redactor, log: Logger): Promise<void> {
  // streamed: a large tenant's snapshot is never one string in memory
  const pieces = serializeInventoryChunks(inventory);
  await writeTextAtomic(
    file,
    redactedBatches(pieces, (t) => redactor.redact(t)),
  );
  log.info(`snapshot written to ${file}`);
}

/** Inventory → judged result → the report set in the locked folder, summarised on stderr; returns the exit code. */
export function reportOn(lock: ReportSetLock, inventory: Inventory, p: ReportPlan): number {
  const { values, io, log, redactor, config, settings, failOn, baseline, formats } = p;
  const clock = io.clock ?? (() => new Date());
  const result = judge({
    inventory,
    config,
    settings,
    failOn,
    baseline,
    startedAt: clock(),
    toolVersion: toolVersion(),
  });
  const written = formats ?? config.report.formats;
  const ctx = {
    rules: RULES,
    tenant: tenantView(inventory),
    output: {
      dir: p.reportDir,
      files: written.map((f) => REPORT_FILES[f]),
      githubActions: io.env.GITHUB_ACTIONS === "true",
    },
  };
  const redact = (t: string) => redactor.redact(t);
  const reports = splitSarifReports(renderReports(result, ctx, written, redact), {
    result,
    inventory,
    tag: values["split-sarif-by-tag"],
    ctx,
    redact,
    dir: lock.dir,
  });
  const files = lock.commit(reports.files, [...Object.values(REPORT_FILES), ...reports.known]);
  const color = !values["no-color"] && io.stderr.isTTY === true && !io.env.NO_COLOR;
  summarise(result, files, log, color);
  return result.summary.exitCode;
}

/** A snapshot is judged as it was collected: flags that steer collection would be silently ignored. */
function refuseLiveOnlyFlags(
  source: "--snapshot" | "--from-az-export",
  values: {
    tenant?: string;
    subscription?: string[];
    "exclude-subscription"?: string[];
    cloud?: string;
    concurrency?: string;
    "request-timeout"?: string;
    deadline?: string;
  },
): void {
  const given = (
    ["tenant", "subscription", "exclude-subscription", "cloud", "concurrency", "request-timeout", "deadline"] as const
  ).filter((f) => values[f] !== undefined);
  if (given.length === 0) return;
  throw new UsageError(
    `${given.map((f) => `--${f}`).join(", ")} cannot be combined with ${source}: ${source === "--snapshot" ? "a snapshot" : "an export"} is judged as it was collected, those flags only steer a live collection`,
    "drop them, or collect again with them (and --save-snapshot FILE) to keep a narrower inventory",
  );
}

/** A part writes its part file only: what shapes reports belongs to `azaudit merge`. */
function refuseWithPart(values: {
  snapshot?: string;
  "from-az-export"?: string;
  format?: string;
  baseline?: string;
  "fail-on"?: string;
  "split-sarif-by-tag"?: string;
  "save-snapshot"?: string;
}): void {
  if (values.snapshot || values["from-az-export"])
    throw new UsageError(
      "--shard and --part split a live collection; a snapshot or export is judged whole",
      "drop --shard/--part, or collect live",
    );
  const given = (["format", "baseline", "fail-on", "split-sarif-by-tag"] as const).filter(
    (f) => values[f] !== undefined,
  );
  if (given.length)
    throw new UsageError(
      `${given.map((f) => `--${f}`).join(", ")} shape reports, and a part writes none`,
      "give them to `azaudit merge`, which judges the joined parts",
    );
  // a snapshot of one part would judge as a tenant with the other parts' sections missing
  if (values["save-snapshot"] !== undefined)
    throw new UsageError(
      "--save-snapshot with --shard/--part would save a share of the tenant; the part file is that share",
      "give --save-snapshot to `azaudit merge`, which saves the joined inventory",
    );
}

export async function readConfig(flag: string | undefined, io: CliIO): Promise<Config> {
  if (flag) return loadConfig(resolve(io.cwd, flag), RULES);
  const implicit = resolve(io.cwd, "azaudit.yaml");
  return existsSync(implicit) ? loadConfig(implicit, RULES) : builtInDefaults();
}

function summarise(result: ScanResult, files: string[], log: Logger, color: boolean): void {
  const s = result.summary;
  const sev = (["critical", "high", "medium", "low", "info"] as const)
    .filter((k) => s.bySeverity[k] > 0)
    .map((k) => `${s.bySeverity[k]} ${k}`);
  log.info(
    `azaudit: ${s.open} open finding${s.open === 1 ? "" : "s"}${sev.length ? ` (${sev.join(", ")})` : ""}, ${s.suppressed} suppressed, ${s.baseline} in baseline`,
  );
  for (const c of result.coverage) {
    if (c.status === "unavailable")
      log.warn(
        `could not collect ${c.name}: ${c.reason}${c.missingPermission ? ` (needs ${c.missingPermission})` : ""}`,
      );
    for (const line of gapLines(c.name, c.gaps)) log.warn(line);
  }
  for (const w of result.warnings) log.warn(w.message);
  for (const f of files) log.info(`wrote ${f}`);
  const verdict = verdictOf(result).text;
  log.info(verdict, color ? { color: s.exitCode === 3 ? 33 : s.exitCode === 1 ? 31 : 32 } : undefined);
}

export function reportDirShown(cwd: string, outDir: string): string {
  const rel = relative(cwd, outDir);
  if (rel === "") return ".";
  return rel.startsWith("..") || isAbsolute(rel) ? outDir : rel;
}
