// Reading an export folder: each file parsed once, checked against the shape its command prints,
// and its time noted (the export's time when there is no stamp). A file of the wrong shape is
// an InputError (exit 2) naming the file, the JSON path and what was expected; a missing file is
// `undefined`, which the caller turns into an unavailable section or a gap.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { InputError } from "../../errors.ts";
import { createAjv, firstAjvProblem } from "../../inventory/validate.ts";
import { pageFile } from "./layout.ts";

type Schema = Record<string, unknown>;

/** How a command prints a list: a bare array, or an object holding it under one of these keys. */
export interface ListShape {
  /** the command, for the error message: `az role assignment list --all --include-inherited` */
  command: string;
  /** the schema of one item */
  item: Schema;
  /** `value` (Graph pages, `az security pricing list` on newer api-versions), `data` (`az graph query`) */
  wrappers?: string[];
  /** the property of a wrapped page naming the next page (`@odata.nextLink`, `skip_token`) */
  next?: string;
}

export interface ListRead<T> {
  items: T[];
  /** set when the last page read still names a next page that was not exported */
  truncatedAfter?: string;
}

/** `{ type: "object", required, properties }` for the fields a mapping relies on. */
export function objectWith(properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema {
  return { type: "object", required, properties };
}

export const S = {
  str: { type: "string" } as Schema,
  nstr: { type: ["string", "null"] } as Schema,
  arr: { type: "array" } as Schema,
  narr: { type: ["array", "null"] } as Schema,
  obj: { type: "object" } as Schema,
  nobj: { type: ["object", "null"] } as Schema,
};

export class ExportDir {
  /** newest modification time (ms) of the files read, for an export without a stamp */
  newestMtime = 0;
  private readonly validators = new Map<Schema, ValidateFunction>();
  private readonly ajv = createAjv();

  constructor(readonly dir: string) {}

  path(rel: string): string {
    return join(this.dir, rel);
  }

  /** Parsed JSON of the file, or undefined when it is not in the export. */
  json(rel: string, command: string): unknown {
    const file = this.path(rel);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
      const mtime = statSync(file).mtimeMs;
      if (mtime > this.newestMtime) this.newestMtime = mtime;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return undefined;
      throw new InputError({
        file,
        message: `cannot read the file (${code ?? (err as Error).message})`,
        hint: "check the folder given to --from-az-export and its permissions",
      });
    }
    // PowerShell's Out-File and some editors write a byte order mark; JSON.parse does not skip it.
    const body = text.replace(/^\uFEFF/, "");
    if (body.trim() === "")
      throw new InputError({
        file,
        message: "the file is empty",
        expected: `the JSON output of \`${command}\``,
        hint: "the command probably failed while exporting: run it again and look at its error",
      });
    try {
      return JSON.parse(body);
    } catch (err) {
      throw new InputError({
        file,
        message: `not valid JSON (${(err as Error).message})`,
        expected: `the JSON output of \`${command}\` (run it with --output json)`,
        hint: "re-run the export script, or the command above, for this file",
      });
    }
  }

  /** Checks `data` against `schema`; the error names the file and the JSON path inside it. */
  check(rel: string, data: unknown, schema: Schema, command: string, prefix = ""): void {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(schema, validate);
    }
    if (validate(data)) return;
    const first = firstAjvProblem(validate.errors);
    throw new InputError({
      file: this.path(rel),
      path: `${prefix}${first.path === "/" && prefix ? "" : first.path}`,
      message: first.message,
      expected: `${first.expected}, as \`${command}\` prints it`,
      hint: "this file is not that command's output: re-run the export script (or the command, with --output json) for it",
    });
  }

  /** One object (`az … show`), or undefined when the file is missing. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- `check` against the schema is what makes T true
  object<T>(rel: string, command: string, schema: Schema): T | undefined {
    const data = this.json(rel, command);
    if (data === undefined) return undefined;
    this.check(rel, data, schema, command);
    return data as T;
  }

  /** A list in one file, or in NAME.json, NAME.2.json… when paged; undefined when NAME.json is missing. */
  list<T>(rel: string, shape: ListShape): ListRead<T> | undefined {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const file = pageFile(rel, page);
      const data = this.json(file, shape.command);
      if (data === undefined) {
        if (page === 1) return undefined;
        return { items, truncatedAfter: pageFile(rel, page - 1) };
      }
      const { list, prefix, next } = this.unwrap(file, data, shape);
      this.check(file, list, { type: "array", items: shape.item }, shape.command, prefix);
      items.push(...(list as T[]));
      if (!next) return { items };
    }
  }

  private unwrap(
    file: string,
    data: unknown,
    shape: ListShape,
  ): { list: unknown; prefix: string; next: string | null } {
    if (Array.isArray(data)) return { list: data, prefix: "", next: null };
    if (data && typeof data === "object") {
      const o = data as Record<string, unknown>;
      for (const key of shape.wrappers ?? []) {
        if (Array.isArray(o[key])) {
          const next =
            shape.next && typeof o[shape.next] === "string" && o[shape.next] !== "" ? (o[shape.next] as string) : null;
          return { list: o[key], prefix: `/${key}`, next };
        }
      }
    }
    const wrapped = (shape.wrappers ?? []).map((k) => `an object with a "${k}" array`);
    throw new InputError({
      file: this.path(file),
      path: "/",
      message: `found ${Array.isArray(data) ? "an array" : data === null ? "null" : typeof data}`,
      expected: `${["a JSON array", ...wrapped].join(" or ")}, as \`${shape.command}\` prints it`,
      hint: "this file is not that command's output: re-run the export script (or the command, with --output json) for it",
    });
  }
}
