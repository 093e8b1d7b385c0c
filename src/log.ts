import type { Writable } from "node:stream";
import { visible } from "./text/inert.ts";

// Every credential form a scan can hold or be shown: bearer values, JWTs, form and JSON fields
// that carry a token or a secret, and the managed identity endpoint's header.
const PATTERNS: [RegExp, string][] = [
  [/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;}]+/gi, "$1$2[REDACTED]"],
  [/\bbearer\s+[A-Za-z0-9\-._~+/]+=*/gi, "Bearer [REDACTED]"],
  [
    /("?(?:access_token|refresh_token|id_token|client_secret|client_assertion|secretText|x-identity-header|identity_header|password)"?\s*[:=]\s*"?)[^"\s,&}]+/gi,
    "$1[REDACTED]",
  ],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, "[REDACTED-JWT]"],
];

/** Environment variables whose values are credentials that a server could echo back. */
export const SECRET_ENV_VARS = [
  "IDENTITY_HEADER",
  "MSI_SECRET",
  "AZURE_CLIENT_SECRET",
  "AZURE_CLIENT_CERTIFICATE_PASSWORD",
  "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
  "ACTIONS_RUNTIME_TOKEN",
  "GITHUB_TOKEN",
  "SYSTEM_ACCESSTOKEN",
] as const;

/** A literal shorter than this is too likely to be an ordinary word or number to blank out. */
const MIN_SECRET_LENGTH = 8;

/** The patterns alone: for text produced where no scan's secrets are known. */
export function redact(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/**
 * The one redaction of a run: the patterns, plus every secret value the run learnt (the tokens it
 * was handed, the identity header, secrets in its environment). Applied to every sink: stderr,
 * each report, the snapshot.
 */
export interface Redactor {
  redact(text: string): string;
  /** remember a value that must never be written anywhere */
  addSecret(value: string | null | undefined): void;
}

export function createRedactor(env: Record<string, string | undefined> = {}): Redactor {
  // longest first, so a secret that contains another is blanked out whole; kept in that order as
  // they arrive, since every log line and report goes through redact()
  const secrets: string[] = [];
  const addSecret = (value: string | null | undefined) => {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || secrets.includes(value)) return;
    secrets.push(value);
    secrets.sort((a, b) => b.length - a.length);
  };
  for (const name of SECRET_ENV_VARS) addSecret(env[name]);
  return {
    addSecret,
    redact(text: string): string {
      let out = text;
      for (const s of secrets) if (out.includes(s)) out = out.split(s).join("[REDACTED]");
      return redact(out);
    },
  };
}

export interface LogOptions {
  /** ANSI SGR colour for the whole line (the verdict), applied after the text was made inert */
  color?: number;
}

export interface Logger {
  info(message: string, opts?: LogOptions): void;
  verbose(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  readonly isVerbose: boolean;
}

export function createLogger(
  stream: Writable,
  opts: { quiet: boolean; verbose: boolean; redactor?: Redactor },
): Logger {
  const redactor = opts.redactor ?? createRedactor();
  // Tenant strings and server messages reach these lines: each line is redacted, then every
  // control character in it is shown as an escape, so nothing can move the cursor, clear the
  // screen, hyperlink, or start a forged line of its own.
  const write = (line: string, color?: number) => {
    const text = redactor
      .redact(line)
      .split("\n")
      .map((l) => visible(l))
      .join("\n");
    stream.write(`${color === undefined ? text : `\u001b[${color}m${text}\u001b[0m`}\n`);
  };
  return {
    isVerbose: opts.verbose,
    info: (m, o) => {
      if (!opts.quiet) write(m, o?.color);
    },
    verbose: (m) => {
      if (opts.verbose) write(m);
    },
    warn: (m) => {
      write(`warning: ${m}`);
    },
    error: (m) => {
      write(m);
    },
  };
}
