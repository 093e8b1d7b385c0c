import type { Writable } from "node:stream";

/** Everything a command touches of its process, injected so tests run commands in-process. */
export interface CliIO {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The wall clock, for the run timestamp only (rules use the inventory's collectedAt). */
  clock?: () => Date;
}
