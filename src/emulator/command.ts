// `azaudit emulator …`: start the emulator, print ONE line of JSON `{"env": {...}}` on stdout,
// serve until SIGINT/SIGTERM (or the caller's AbortSignal), then close cleanly.
import { isAbsolute, resolve } from "node:path";
import type { Writable } from "node:stream";
import { FixtureError, loadFixture, validateFixture } from "./fixture-load.ts";
import { GENERATE_SPEC_KEYS, GenerateSpecError, generateFixture } from "./generator.ts";
import { KnobError } from "./knobs.ts";
import { startServer } from "./server.ts";
import type { EmulatorOptions, TenantFixture } from "./types.ts";

export interface CommandIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** base for a relative --tenant path (default process.cwd()) */
  cwd?: string;
  /** stops the emulator like SIGINT does; for in-process callers and tests */
  signal?: AbortSignal;
}

export const EMULATOR_HELP = `Usage: azaudit emulator (--tenant FILE | --generate SPEC) [options]

Serves Azure Resource Manager, Microsoft Graph and an App Service managed identity endpoint
on 127.0.0.1 from a tenant fixture (azaudit-tenant-fixture/v1). Prints one line of JSON,
{"env": {...}}, with every variable a client process needs, then serves until SIGINT/SIGTERM.

  --tenant FILE        serve this fixture
  --generate SPEC      serve a synthetic tenant, SPEC = key=value,... e.g.
                       apps=2000,subscriptions=20,assignmentsPerSubscription=200,seed=7
  --port N             listen port (default 0: a free port)
  --page-size N        items per page for ARM and Graph lists (default 100; Graph $top below it wins)
  --latency-ms N       delay added to every API request (default 0)
  --rate-limit N       max concurrent API requests; beyond that answer 429 with Retry-After
  --retry-after N      seconds in Retry-After on 429 (default 1)
  --fault-rate P       probability 0..1 of a 500/503, reset connection or truncated body
  --deny-scope SCOPE   answer 403 at and under this path (repeatable, by path prefix): an ARM scope,
                       e.g. /subscriptions/<id> or /providers/Microsoft.Management/managementGroups/<name>
                       (AuthorizationFailed; a management group does not cover its subscriptions), or
                       a Graph path, e.g. /v1.0/applications or /v1.0/roleManagement/directory
                       (Authorization_RequestDenied, in $batch sub-requests too)
  --seed N             seed for the fault sequence (and the generator unless SPEC has seed=)
  --verbose            log each request (method, route, status; never tokens) to stderr
  --help               this text

Generator keys:
${Object.entries(GENERATE_SPEC_KEYS).map(([k, v]) => `  ${k.padEnd(30)}${v}`).join("\n")}
`;

class UsageError extends Error {}

interface Parsed {
  tenant?: string;
  generate?: string;
  opts: EmulatorOptions;
  verbose: boolean;
  help: boolean;
}

function parseArgs(args: string[]): Parsed {
  const p: Parsed = { opts: {}, verbose: false, help: false };
  const deny: string[] = [];
  const num = (flag: string, v: string | undefined, kind: "int" | "prob"): number => {
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    const n = Number(v);
    if (kind === "int" ? !Number.isInteger(n) || n < 0 : !(n >= 0 && n <= 1)) {
      throw new UsageError(`${flag} must be ${kind === "int" ? "a non-negative integer" : "a probability between 0 and 1"}, got "${v}"`);
    }
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const raw = args[i]!;
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--help": case "-h": p.help = true; break;
      case "--verbose": p.verbose = true; break;
      case "--tenant": p.tenant = value(); break;
      case "--generate": p.generate = value(); break;
      case "--port": p.opts.port = num(flag, value(), "int"); break;
      case "--page-size": p.opts.pageSize = num(flag, value(), "int"); break;
      case "--latency-ms": p.opts.latencyMs = num(flag, value(), "int"); break;
      case "--rate-limit": p.opts.rateLimit = num(flag, value(), "int"); break;
      case "--retry-after": p.opts.retryAfterSeconds = num(flag, value(), "int"); break;
      case "--fault-rate": p.opts.faultRate = num(flag, value(), "prob"); break;
      case "--seed": p.opts.seed = num(flag, value(), "int"); break;
      case "--deny-scope": deny.push(value()); break;
      default: throw new UsageError(`unknown option "${raw}"`);
    }
  }
  if (deny.length) p.opts.denyScopes = deny;
  if (!p.help) {
    if (p.tenant && p.generate) throw new UsageError("give either --tenant FILE or --generate SPEC, not both");
    if (!p.tenant && !p.generate) throw new UsageError("give --tenant FILE (a tenant fixture) or --generate SPEC (a synthetic tenant)");
    if (p.opts.pageSize === 0) throw new UsageError("--page-size must be at least 1");
    if (p.opts.rateLimit === 0) throw new UsageError("--rate-limit must be at least 1");
  }
  return p;
}

export async function runEmulatorCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(args);
  } catch (e) {
    io.stderr.write(`azaudit emulator: ${(e as Error).message}\nRun "azaudit emulator --help" for usage.\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(EMULATOR_HELP);
    return 0;
  }

  let fixture: TenantFixture;
  try {
    if (parsed.tenant) {
      const file = isAbsolute(parsed.tenant) ? parsed.tenant : resolve(io.cwd ?? process.cwd(), parsed.tenant);
      fixture = await loadFixture(file);
    } else {
      const spec = parsed.generate!;
      // --seed seeds the generator too unless the spec names its own
      const withSeed = parsed.opts.seed !== undefined && !/(^|,)\s*seed\s*=/.test(spec) ? `${spec},seed=${parsed.opts.seed}` : spec;
      fixture = validateFixture(generateFixture(withSeed), `--generate ${spec}`);
    }
  } catch (e) {
    if (e instanceof FixtureError) {
      io.stderr.write(`azaudit emulator: invalid tenant fixture: ${e.message}\nFix the value at that path (format: azaudit-tenant-fixture/v1, see DESIGN.md §7).\n`);
      return 2;
    }
    if (e instanceof GenerateSpecError) {
      io.stderr.write(`azaudit emulator: --generate: ${e.message}\nKnown keys: ${Object.keys(GENERATE_SPEC_KEYS).join(", ")}.\n`);
      return 2;
    }
    throw e;
  }

  const log = parsed.verbose ? (line: string) => void io.stderr.write(`[emulator] ${line}\n`) : undefined;
  let emu;
  try {
    emu = await startServer(fixture, { ...parsed.opts, log });
  } catch (e) {
    if (e instanceof KnobError) {
      io.stderr.write(`azaudit emulator: ${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE" || err.code === "EACCES") {
      io.stderr.write(`azaudit emulator: cannot listen on 127.0.0.1:${parsed.opts.port ?? 0} (${err.code}); pick another --port or use --port 0\n`);
      return 2;
    }
    throw e;
  }

  io.stdout.write(JSON.stringify({ env: emu.env }) + "\n");
  io.stderr.write(`azaudit emulator: serving ${fixture.tenant.displayName} (${fixture.subscriptions.length} subscriptions, ${fixture.graph.applications.length} apps) at ${emu.url}; Ctrl-C to stop\n`);

  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      io.signal?.removeEventListener("abort", stop);
      done();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener("abort", stop);
  });
  await emu.close();
  io.stderr.write("azaudit emulator: stopped\n");
  return 0;
}
