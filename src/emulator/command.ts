// `azaudit emulator …`: start the emulator, print ONE line of JSON `{"env": {...}}` on stdout,
// serve until SIGINT/SIGTERM (or the caller's AbortSignal), then close cleanly.
import { isAbsolute, resolve } from "node:path";
import type { Writable } from "node:stream";
import { parseFlags } from "../commands/args.ts";
import { InputError, UsageError } from "../errors.ts";
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
${Object.entries(GENERATE_SPEC_KEYS)
  .map(([k, v]) => `  ${k.padEnd(30)}${v}`)
  .join("\n")}
`;

interface Parsed {
  tenant?: string;
  generate?: string;
  opts: EmulatorOptions;
  verbose: boolean;
  help: boolean;
}

const FLAGS = {
  tenant: { type: "string" },
  generate: { type: "string" },
  port: { type: "string" },
  "page-size": { type: "string" },
  "latency-ms": { type: "string" },
  "rate-limit": { type: "string" },
  "retry-after": { type: "string" },
  "fault-rate": { type: "string" },
  "deny-scope": { type: "string", multiple: true },
  seed: { type: "string" },
  verbose: { type: "boolean" },
} as const;

const HINT = "run `azaudit emulator --help` to see the accepted flags";

/** The same parser and error style as every other command (node:util parseArgs, exit-2 UsageError). */
function parseArgs(args: string[]): Parsed {
  const { values } = parseFlags("emulator", args, FLAGS);
  const num = (flag: string, v: string | undefined, kind: "int" | "prob"): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || (kind === "int" ? !Number.isInteger(n) || n < 0 : !(n >= 0 && n <= 1))) {
      throw new UsageError(
        `emulator: --${flag} must be ${kind === "int" ? "a non-negative integer" : "a probability between 0 and 1"}, got "${v}"`,
        HINT,
      );
    }
    return n;
  };
  const opts: EmulatorOptions = {};
  const set = <K extends keyof EmulatorOptions>(key: K, value: EmulatorOptions[K] | undefined) => {
    if (value !== undefined) opts[key] = value;
  };
  set("port", num("port", values.port, "int"));
  set("pageSize", num("page-size", values["page-size"], "int"));
  set("latencyMs", num("latency-ms", values["latency-ms"], "int"));
  set("rateLimit", num("rate-limit", values["rate-limit"], "int"));
  set("retryAfterSeconds", num("retry-after", values["retry-after"], "int"));
  set("faultRate", num("fault-rate", values["fault-rate"], "prob"));
  set("seed", num("seed", values.seed, "int"));
  if (values["deny-scope"]?.length) opts.denyScopes = values["deny-scope"];
  const p: Parsed = {
    tenant: values.tenant,
    generate: values.generate,
    opts,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
  if (!p.help) {
    if (p.tenant && p.generate)
      throw new UsageError("emulator: give either --tenant FILE or --generate SPEC, not both", HINT);
    if (!p.tenant && !p.generate)
      throw new UsageError(
        "emulator: give --tenant FILE (a tenant fixture) or --generate SPEC (a synthetic tenant)",
        HINT,
      );
    if (p.opts.pageSize === 0) throw new UsageError("emulator: --page-size must be at least 1", HINT);
    if (p.opts.rateLimit === 0) throw new UsageError("emulator: --rate-limit must be at least 1", HINT);
  }
  return p;
}

export async function runEmulatorCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(args);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`${e.render()}\n`);
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
    } else if (parsed.generate !== undefined) {
      const spec = parsed.generate;
      // --seed seeds the generator too unless the spec names its own
      const withSeed =
        parsed.opts.seed !== undefined && !/(^|,)\s*seed\s*=/.test(spec) ? `${spec},seed=${parsed.opts.seed}` : spec;
      fixture = validateFixture(generateFixture(withSeed), `--generate ${spec}`);
    } else {
      // parseArgs already refused a command line with neither
      throw new Error("emulator: neither --tenant nor --generate given");
    }
  } catch (e) {
    if (e instanceof FixtureError) {
      const fix = "fix the value at that path (format azaudit-tenant-fixture/v1, described in src/emulator/README.md)";
      io.stderr.write(`${new InputError({ message: `invalid tenant fixture: ${e.message}`, hint: fix }).render()}\n`);
      return 2;
    }
    if (e instanceof GenerateSpecError) {
      io.stderr.write(
        `${new UsageError(`emulator: --generate: ${e.message}`, `known keys: ${Object.keys(GENERATE_SPEC_KEYS).join(", ")}`).render()}\n`,
      );
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
      io.stderr.write(`${new UsageError(`emulator: ${e.message}`, HINT).render()}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE" || err.code === "EACCES") {
      io.stderr.write(
        `${new UsageError(`emulator: cannot listen on 127.0.0.1:${parsed.opts.port ?? 0} (${err.code})`, "pick another --port, or --port 0 for a free one").render()}\n`,
      );
      return 2;
    }
    throw e;
  }

  io.stdout.write(JSON.stringify({ env: emu.env }) + "\n");
  io.stderr.write(
    `azaudit emulator: serving ${fixture.tenant.displayName} (${fixture.subscriptions.length} subscriptions, ${fixture.graph.applications.length} apps) at ${emu.url}; Ctrl-C to stop\n`,
  );

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
