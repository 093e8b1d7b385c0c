import { readFile } from "node:fs/promises";
import { InputError } from "../errors.ts";

/** How a reader names its kind of input when the file is missing or unreadable. */
export interface InputFileKind {
  /** "the snapshot", "the config", … */
  noun: string;
  expected?: string;
  hint?: string;
}

/** A user's input file as text; an unreadable one is an exit-2 error that names it and its kind. */
export async function readInputText(file: string, kind: InputFileKind): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    throw new InputError({
      file,
      message: `cannot read ${kind.noun} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      expected: kind.expected ?? null,
      hint: kind.hint ?? null,
    });
  }
}

/** JSON text → data; text that is not JSON is an exit-2 error naming the file and what it should be. */
export function parseJsonInput(text: string, file: string, expected: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError({ file, message: `not valid JSON (${(err as Error).message})`, expected });
  }
}
