import type { CliIO } from "../io.ts";

/** Every command: its arguments after the command name → exit code (at once when it waits on nothing). */
export type CommandRunner = (args: string[], io: CliIO) => number | Promise<number>;
