import type { CliIO } from "../io.ts";

/** Every command: its arguments after the command name → exit code. */
export type CommandRunner = (args: string[], io: CliIO) => Promise<number>;
