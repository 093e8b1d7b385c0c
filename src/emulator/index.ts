// Public API of the local Azure emulator.
import { startServer } from "./server.ts";
import type { EmulatorOptions, RunningEmulator, TenantFixture } from "./types.ts";

export { FixtureError, loadFixture, validateFixture } from "./fixture-load.ts";
export {
  generateFixture,
  parseGenerateSpec,
  GENERATE_SPEC_KEYS,
  GenerateSpecError,
  type GenerateSpec,
} from "./generator.ts";
export { runEmulatorCommand, EMULATOR_HELP, type CommandIo } from "./command.ts";
export {
  DOCUMENTED_ARM_READ_BUCKET,
  DOCUMENTED_RESOURCE_GRAPH_QUOTA,
  type ArmReadBucket,
  type ResourceGraphQuota,
} from "./arm-throttle.ts";
export type { EmulatorEnv, EmulatorOptions, EmulatorStats, RunningEmulator, TenantFixture } from "./types.ts";

/**
 * Start the emulator on 127.0.0.1. The fixture is trusted as given: pass it through
 * loadFixture/validateFixture first when it comes from outside.
 */
export function startEmulator(opts: EmulatorOptions & { fixture: TenantFixture }): Promise<RunningEmulator> {
  const { fixture, ...rest } = opts;
  return startServer(fixture, rest);
}
