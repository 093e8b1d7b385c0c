// Progress on stderr for long scans. Collectors report section state changes through this
// interface; the CLI decides where it goes (a TTY, forced, or nowhere with --quiet/--no-progress).
import { visible } from "../text/inert.ts";

export type SectionState = "started" | "ok" | "partial" | "unavailable";

export interface Progress {
  section(name: string, state: SectionState, detail?: string): void;
}

export const silentProgress: Progress = { section: () => {} };

export interface StreamProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** write even when the stream is not a TTY (e.g. CI logs) */
  force?: boolean;
  /** --quiet / --no-progress */
  disabled?: boolean;
  /** injected clock for elapsed times */
  now?: () => number;
  /** the run's redaction, for reasons that quote a server's message */
  redact?: (text: string) => string;
}

/** Concise lines, one per state change: `azaudit: roleAssignments ok (17 items, 1.2s)`. */
export function createStreamProgress(opts: StreamProgressOptions): Progress {
  if (opts.disabled || (!opts.stream.isTTY && !opts.force)) return silentProgress;
  const now = opts.now ?? Date.now;
  const started = new Map<string, number>();
  return {
    section(name, state, detail) {
      let elapsed = "";
      const since = started.get(name);
      if (state === "started") started.set(name, now());
      else if (since !== undefined) elapsed = `${((now() - since) / 1000).toFixed(1)}s`;
      const extra = [detail, elapsed].filter(Boolean).join(", ");
      const label = state === "started" ? "…" : state;
      // a reason may quote a server: redacted, and its control characters shown, not obeyed
      const line = `azaudit: ${name} ${label}${extra ? ` (${extra})` : ""}`;
      opts.stream.write(`${visible(opts.redact ? opts.redact(line) : line)}\n`);
    },
  };
}
