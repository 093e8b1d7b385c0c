import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError, UsageError } from "./errors.ts";

// What a user can do about each error the file system raises while azaudit reads or writes
// their paths. Anything else is a real internal error and keeps its stack trace.
const REASONS: Record<string, { what: string; fix: string }> = {
  EEXIST: { what: "a file is in the way where a folder is needed", fix: "give a folder path (or remove that file)" },
  ENOTDIR: { what: "a part of the path is a file, not a folder", fix: "give a path whose parents are folders" },
  EISDIR: { what: "it is a folder, where a file is needed", fix: "give a file path, not a folder" },
  EACCES: { what: "permission denied", fix: "choose a path you can write to, or change its permissions" },
  EPERM: { what: "operation not permitted", fix: "choose a path you can write to, or change its permissions" },
  ENOENT: { what: "no such file or folder", fix: "check the path" },
  EROFS: { what: "the file system is read-only", fix: "choose a writable location" },
  ENOSPC: { what: "no space left on the device", fix: "free some space or choose another location" },
  EDQUOT: { what: "disk quota exceeded", fix: "free some space or choose another location" },
  ENAMETOOLONG: { what: "the path is too long", fix: "choose a shorter path" },
  ELOOP: { what: "too many symbolic links in the path", fix: "check the symbolic links in the path" },
};

/** A file-system error on a user's path → one-line exit-2 error; null for anything else. */
export function fileSystemInputError(err: unknown): InputError | null {
  const e = err as NodeJS.ErrnoException & { dest?: string };
  if (!(err instanceof Error) || typeof e.code !== "string" || typeof e.syscall !== "string") return null;
  const reason = REASONS[e.code];
  if (!reason) return null;
  // A rename's source is our own temp file; the user knows the destination.
  const path = e.dest ?? e.path;
  const verb =
    e.syscall === "mkdir"
      ? "create the folder"
      : e.syscall === "open" || e.syscall === "read" || e.syscall === "stat" || e.syscall === "scandir"
        ? "open"
        : "write";
  return new InputError({
    message: `cannot ${verb} ${path ?? "(unknown path)"}: ${reason.what} (${e.code})`,
    hint: reason.fix,
  });
}

function kindOf(path: string): "file" | "dir" | "missing" | "other" {
  try {
    const s = statSync(path);
    return s.isDirectory() ? "dir" : s.isFile() ? "file" : "other";
  } catch {
    // ENOENT, or ENOTDIR when a parent is a file: the walk up to the nearest existing parent says which
    return "missing";
  }
}

/** The nearest ancestor of `path` that exists, and whether it is a folder. */
function nearestExisting(path: string): { path: string; isDir: boolean } {
  let p = dirname(path);
  for (;;) {
    const k = kindOf(p);
    if (k !== "missing") return { path: p, isDir: k === "dir" };
    const up = dirname(p);
    if (up === p) return { path: p, isDir: true };
    p = up;
  }
}

/**
 * Checked while parsing flags, so a scan that takes an hour does not fail at its very end on
 * `--out some-file`. The write itself still maps whatever the file system says (fileSystemInputError).
 */
export function checkOutputDir(flag: string, cwd: string, value: string): string {
  const dir = resolve(cwd, value);
  const k = kindOf(dir);
  if (k === "file" || k === "other")
    throw new UsageError(
      `--${flag} ${value}: ${k === "file" ? "is a file" : "is not a folder"}, a folder is needed`,
      `give a folder (it is created if missing), e.g. --${flag} reports`,
    );
  if (k === "missing") {
    const parent = nearestExisting(dir);
    if (!parent.isDir)
      throw new UsageError(
        `--${flag} ${value}: ${parent.path} is not a folder, so no folder can be created under it`,
        "give a path whose parents are folders",
      );
  }
  return dir;
}

export function checkOutputFile(flag: string, cwd: string, value: string): string {
  const file = resolve(cwd, value);
  const k = kindOf(file);
  if (k === "dir")
    throw new UsageError(
      `--${flag} ${value}: is a folder, a file name is needed`,
      `give a file path, e.g. --${flag} ${value.replace(/\/+$/, "")}/tenant.json`,
    );
  if (k === "other")
    throw new UsageError(`--${flag} ${value}: is not a regular file`, "give the path of a regular file");
  if (k === "missing") {
    const parent = nearestExisting(file);
    if (!parent.isDir)
      throw new UsageError(
        `--${flag} ${value}: ${parent.path} is a file, not a folder`,
        "give a path whose parents are folders",
      );
  }
  return file;
}
