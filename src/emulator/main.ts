// Standalone entry: `node --import tsx src/emulator/main.ts --tenant FILE …`, for scripts and tests
// that want the emulator as its own process without going through the full CLI.
import { runEmulatorCommand } from "./command.ts";

process.exitCode = await runEmulatorCommand(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
