import type { CliIO } from "../io.ts";

export async function runEmulator(args: string[], io: CliIO): Promise<number> {
  const { runEmulatorCommand } = await import("../emulator/command.ts");
  return runEmulatorCommand(args, { stdout: io.stdout, stderr: io.stderr, env: io.env, cwd: io.cwd });
}
