// The reports of one scan are one set: a reader of --out never finds a new SARIF beside an old
// findings.json. A scan takes the folder's lock before it collects (so a second scan into the
// same folder fails at once, clearly, instead of after an hour of collection), renders every
// report into a staging folder inside it, and then moves them in with signals held back, so an
// interrupt either leaves the previous set untouched or lets the new one finish landing. SIGINT
// and SIGTERM remove the staging folder and the lock before the process ends.
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { InputError } from "./errors.ts";

export const LOCK_FILE = ".azaudit.lock";
const STAGING_PREFIX = ".azaudit-staging-";

export interface ReportFile {
  name: string;
  /** the text, or its pieces in order (written as they come, so a large report is never one string) */
  body: string | Iterable<string>;
}

/** A report's whole text (for small reports and tests: a large one is written piece by piece). */
export function reportText(file: ReportFile): string {
  return typeof file.body === "string" ? file.body : [...file.body].join("");
}

export interface ReportSetLock {
  readonly dir: string;
  /** Writes `files` as the folder's report set; `known` report names not in it are removed (they belong to an older set). */
  commit(files: readonly ReportFile[], known: readonly string[]): string[];
  release(): void;
}

export interface LockOptions {
  /** the process whose signals end the scan (injected so tests need not touch the real one) */
  proc?: Pick<NodeJS.Process, "on" | "off" | "exit" | "pid">;
  /** whether process `pid` is still running (stale locks of dead scans are taken over) */
  isAlive?: (pid: number) => boolean;
}

export function acquireReportLock(dir: string, opts: LockOptions = {}): ReportSetLock {
  const proc = opts.proc ?? process;
  const isAlive = opts.isAlive ?? processIsAlive;
  // a scan that ends before writing (bad input, no credential) leaves no folder it made behind
  const created = ensureFolder(dir);
  const lockPath = join(dir, LOCK_FILE);
  takeLock(lockPath, proc.pid, isAlive, dir);

  let staging: string | undefined;
  let committing = false;
  let pendingSignal: NodeJS.Signals | undefined;
  let released = false;
  let committed = false;

  const cleanup = () => {
    if (staging) rmSync(staging, { recursive: true, force: true });
    staging = undefined;
    rmSync(lockPath, { force: true });
    if (!committed && created) removeEmptyUpTo(dir, created);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // moving the set in takes microseconds: let it finish, then end as asked
    if (committing) {
      pendingSignal = signal;
      return;
    }
    cleanup();
    proc.exit(signal === "SIGINT" ? 130 : 143);
  };
  proc.on("SIGINT", onSignal);
  proc.on("SIGTERM", onSignal);

  const release = () => {
    if (released) return;
    released = true;
    proc.off("SIGINT", onSignal);
    proc.off("SIGTERM", onSignal);
    cleanup();
  };

  return {
    dir,
    release,
    commit(files, known) {
      if (released) throw new Error("the report lock was already released");
      staging = join(dir, `${STAGING_PREFIX}${proc.pid}-${randomBytes(4).toString("hex")}`);
      mkdirSync(staging);
      try {
        for (const f of files) writeReport(join(staging, f.name), f.body);
      } catch (err) {
        // a report rendered as it is written can fail midway: the previous set stays, whole
        rmSync(staging, { recursive: true, force: true });
        staging = undefined;
        throw err;
      }
      committing = true;
      committed = true;
      try {
        for (const f of files) renameSync(join(staging, f.name), join(dir, f.name));
        const fresh = new Set(files.map((f) => f.name));
        for (const name of known) if (!fresh.has(name)) rmSync(join(dir, name), { force: true });
      } finally {
        committing = false;
        rmSync(staging, { recursive: true, force: true });
        staging = undefined;
      }
      if (pendingSignal) onSignal(pendingSignal);
      return files.map((f) => join(dir, f.name));
    },
  };
}

function writeReport(file: string, body: ReportFile["body"]): void {
  const fd = openSync(file, "wx", 0o644);
  try {
    if (typeof body === "string") writeSync(fd, body);
    else for (const piece of body) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}

/** Makes `dir` (and its parents) if needed; returns the topmost folder it created, if any. */
function ensureFolder(dir: string): string | undefined {
  try {
    const created = mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    return created;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "EEXIST" || code === "ENOTDIR"
        ? "is a file, or lies under one, not a folder"
        : code === "EACCES" || code === "EPERM"
          ? "cannot be created or written (permission denied)"
          : `cannot be created (${code ?? String(err)})`;
    throw new InputError({
      file: dir,
      message: `the report folder ${why}`,
      hint: "pass --out a folder azaudit may create and write",
    });
  }
}

function takeLock(lockPath: string, pid: number, isAlive: (pid: number) => boolean, dir: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx", 0o644);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "EEXIST")
        throw new InputError({
          file: dir,
          message: `the report folder cannot be written (${code ?? String(err)})`,
          hint: "pass --out a folder azaudit may write",
        });
      const holder = Number.parseInt(safeRead(lockPath), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== pid && isAlive(holder)) {
        throw new InputError({
          file: dir,
          message: `another azaudit scan (pid ${holder}) is writing its reports here`,
          hint: `wait for it to finish, or give this scan another --out; if no scan is running, remove ${lockPath}`,
        });
      }
      // the scan that left it has ended: its lock is stale
      rmSync(lockPath, { force: true });
    }
  }
  throw new InputError({
    file: dir,
    message: "the report folder's lock could not be taken",
    hint: "give this scan another --out",
  });
}

/** Removes `dir` and its parents up to `top`, each only while empty. */
function removeEmptyUpTo(dir: string, top: string): void {
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === resolve(top) || dirname(d) === d) return;
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, "utf8").slice(0, 32);
  } catch {
    return "";
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
