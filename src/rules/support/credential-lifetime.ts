import type { JSONSchemaType } from "ajv";
import type { Application } from "../../inventory/types.ts";
import type { Evidence, Violation } from "../types.ts";
import { applicationRef } from "./refs.ts";
import { daysBetween, isoDay, parseDate } from "./time.ts";

// The lifetime rules (app-secret-lifetime, app-certificate-lifetime): how long an app
// registration's credential is valid, judged against a limit in days.

export interface LifetimeOptions {
  /** Longest lifetime a credential may have, in days. */
  maxLifetimeDays: number;
  /** Skip credentials that have already expired (credential-expired reports those). */
  ignoreExpired: boolean;
}

/** The options a lifetime is judged with; `toleranceDays` is calendar slack past the limit (0 when absent). */
export type LifetimeLimits = LifetimeOptions & { toleranceDays?: number };

/** The lifetime options, with each rule's own descriptions (they are rendered into its README and the config schema). */
export function lifetimeOptionsSchema(
  descriptions: Record<keyof LifetimeOptions, string>,
): JSONSchemaType<LifetimeOptions> {
  return {
    type: "object",
    properties: {
      maxLifetimeDays: { type: "integer", minimum: 1, maximum: 36500, description: descriptions.maxLifetimeDays },
      ignoreExpired: { type: "boolean", description: descriptions.ignoreExpired },
    },
    required: ["maxLifetimeDays", "ignoreExpired"],
    additionalProperties: false,
  };
}

export type Lifetime =
  | { verdict: "neverExpires" }
  | { verdict: "tooLong"; start: Date; end: Date; lifetimeDays: number; daysUntilExpiry: number };

/**
 * How a credential of `app` fares against the limit: no end date, longer than `maxLifetimeDays`
 * (whole days from start to end, rounded down), or null when within it. Without a start date the
 * lifetime is counted from the app's creation, the earliest it could have begun; without either it
 * is not judged. Expired credentials are skipped with `ignoreExpired`.
 */
export function judgeLifetime(
  credential: { startDateTime: string | null; endDateTime: string | null },
  app: Application,
  options: LifetimeLimits,
  now: Date,
): Lifetime | null {
  const end = parseDate(credential.endDateTime);
  if (!end) return { verdict: "neverExpires" };
  if (options.ignoreExpired && end.getTime() <= now.getTime()) return null;
  const start = parseDate(credential.startDateTime) ?? parseDate(app.createdDateTime);
  if (!start) return null;
  const lifetimeDays = daysBetween(start, end);
  if (lifetimeDays <= options.maxLifetimeDays + (options.toleranceDays ?? 0)) return null;
  return { verdict: "tooLong", start, end, lifetimeDays, daysUntilExpiry: daysBetween(now, end) };
}

/** What a lifetime rule says about one credential: its discriminator, message data, and evidence facts. */
export interface LifetimeDescription {
  discriminator: string;
  data: Record<string, string>;
  /** The credential's facts; the verdict's numbers and the limit are appended. */
  evidence: (verdict: Lifetime["verdict"]) => Evidence;
}

/** The `neverExpires` / `tooLong` violation for one credential of `app`, if any. */
export function lifetimeViolations(
  credential: { startDateTime: string | null; endDateTime: string | null },
  app: Application,
  options: LifetimeLimits,
  now: Date,
  describe: LifetimeDescription,
): Violation[] {
  const lifetime = judgeLifetime(credential, app, options, now);
  if (lifetime === null) return [];
  const base = { resource: applicationRef(app), discriminator: describe.discriminator };
  const { maxLifetimeDays } = options;
  if (lifetime.verdict === "neverExpires") {
    return [
      {
        ...base,
        messageId: "neverExpires",
        data: describe.data,
        evidence: { ...describe.evidence("neverExpires"), maxLifetimeDays },
      },
    ];
  }
  const { start, end, lifetimeDays, daysUntilExpiry } = lifetime;
  return [
    {
      ...base,
      messageId: "tooLong",
      data: { ...describe.data, lifetimeDays, start: isoDay(start), end: isoDay(end), maxLifetimeDays },
      evidence: {
        ...describe.evidence("tooLong"),
        lifetimeDays,
        daysUntilExpiry,
        maxLifetimeDays,
        ...(options.toleranceDays === undefined ? {} : { toleranceDays: options.toleranceDays }),
      },
    },
  ];
}
