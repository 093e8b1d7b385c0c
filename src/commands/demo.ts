import type { CliIO } from "../io.ts";

export async function runDemo(args: string[], io: CliIO): Promise<number> {
  void args;
  io.stderr.write("demo: not wired yet\n");
  return 2;
}
