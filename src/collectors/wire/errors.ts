// An answer (or silence) from ARM or Graph that azaudit refuses to believe. It always becomes a
// named gap or an unavailable section — never an empty list — and carries no response body.

export type WireProblem =
  | "content-type"
  | "invalid-json"
  | "shape"
  | "foreign-host"
  | "paging-loop"
  | "too-many-pages"
  | "page-too-large"
  | "body-too-large"
  | "timeout"
  | "retry-after-too-long"
  | "deadline";

export class WireError extends Error {
  constructor(
    readonly api: "arm" | "graph",
    readonly problem: WireProblem,
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = "WireError";
  }

  /** Worth another attempt: the same read may well succeed (a stalled or cut-off response). */
  get retryable(): boolean {
    return this.problem === "timeout";
  }
}

/** The URL as it may appear in a message: no query (skip tokens are opaque server state), no credentials. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(an unparseable URL)";
  }
}
