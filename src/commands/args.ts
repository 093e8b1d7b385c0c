import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.ts";
import { isGuid } from "../inventory/guid.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs in strict mode, with its errors turned into exit-2 usage errors. */
export function parseFlags<T extends Options>(command: string, args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals,
    });
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/, "");
    throw new UsageError(`${command}: ${message}`, `run \`azaudit ${command} --help\` to see the accepted flags`);
  }
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${flag} ${JSON.stringify(value)} is not valid`, `use one of: ${allowed.join(", ")}`);
  return value as T;
}

export function listOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T[] | undefined {
  if (value === undefined) return undefined;
  const parts = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0)
    throw new UsageError(`--${flag} needs at least one value`, `use a comma-separated list of: ${allowed.join(", ")}`);
  for (const p of parts)
    if (!(allowed as readonly string[]).includes(p))
      throw new UsageError(
        `--${flag}: unknown value ${JSON.stringify(p)}`,
        `use a comma-separated list of: ${allowed.join(", ")}`,
      );
  return [...new Set(parts)] as T[];
}

export function guids(flag: string, values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  for (const v of values)
    if (!isGuid(v))
      throw new UsageError(
        `--${flag} ${JSON.stringify(v)} is not a GUID`,
        "give the subscription or tenant id, e.g. 00000000-0000-0000-0000-000000000000",
      );
  return values.map((v) => v.toLowerCase());
}

export function positiveInt(flag: string, value: string | undefined, max = 256): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${flag} ${JSON.stringify(value)} is not a whole number from 1 to ${max}`);
  return n;
}

/** A duration: seconds, or a number with s, m or h ("90", "90s", "45m", "2h"), up to `maxSeconds`. */
export function durationSeconds(
  flag: string,
  value: string | undefined,
  maxSeconds = 7 * 24 * 3600,
): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/i.exec(value.trim());
  const seconds = m ? Number(m[1]) * unitSeconds(m[2]?.toLowerCase()) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > maxSeconds) {
    throw new UsageError(
      `--${flag} must be a duration such as 90s, 45m or 2h (at most ${maxSeconds / 3600} h), got ${JSON.stringify(value)}`,
    );
  }
  return seconds;
}

function unitSeconds(unit: string | undefined): number {
  return unit === "h" ? 3600 : unit === "m" ? 60 : 1;
}
