import type { Writable } from "node:stream";

// Tokens must never reach a log, even with --verbose: everything written goes through redact().
const PATTERNS: [RegExp, string][] = [
  [/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;}]+/gi, "$1$2[REDACTED]"],
  [/\bbearer\s+[A-Za-z0-9\-._~+/]+=*/gi, "Bearer [REDACTED]"],
  [/("?(?:access_token|refresh_token|id_token|client_secret|secretText|x-identity-header)"?\s*[:=]\s*"?)[^"\s,&}]+/gi, "$1[REDACTED]"],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, "[REDACTED-JWT]"],
];

export function redact(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

export interface Logger {
  info(message: string): void;
  verbose(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  readonly isVerbose: boolean;
}

export function createLogger(stream: Writable, opts: { quiet: boolean; verbose: boolean; extraSecrets?: () => string[] }): Logger {
  const write = (line: string) => {
    let text = redact(line);
    for (const secret of opts.extraSecrets?.() ?? []) if (secret) text = text.split(secret).join("[REDACTED]");
    stream.write(`${text}\n`);
  };
  return {
    isVerbose: opts.verbose,
    info: (m) => {
      if (!opts.quiet) write(m);
    },
    verbose: (m) => {
      if (opts.verbose) write(m);
    },
    warn: (m) => write(`warning: ${m}`),
    error: (m) => write(m),
  };
}
