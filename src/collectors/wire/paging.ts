// Next links are the server's to choose, so they are checked before they are followed: a link
// must stay on the scheme, host and port the scan was configured with (the bearer token goes
// wherever the link points), must not lead back to a page already read, and a walk ends after
// a bounded number of pages. Each violation ends the walk with a named gap.
import { WireError, describeUrl } from "./errors.ts";
import type { WireLimits } from "./limits.ts";
import { label } from "./response.ts";

/** Throws unless `url` is on `origin` (scheme, host and port). Checked before a request is sent. */
export function assertSameOrigin(api: "arm" | "graph", origin: string, url: string, what = "request"): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new WireError(api, "foreign-host", `${label(api)} ${what} URL is not a valid URL; not followed`, "");
  }
  if (u.origin !== origin || u.username || u.password) {
    throw new WireError(
      api,
      "foreign-host",
      `${label(api)} ${what} points to ${u.protocol}//${u.host}, not ${origin}; not followed (no request was sent there)`,
      url,
    );
  }
}

/** The walk of one list: first URL, then each next link, with its guards. */
export class PageWalk {
  private readonly seen = new Set<string>();
  private pages = 0;
  private emptyInARow = 0;

  constructor(
    private readonly api: "arm" | "graph",
    private readonly origin: string,
    private readonly limits: Pick<WireLimits, "maxPages" | "maxEmptyPages">,
    first: string,
    /** the page size the first request asked for ($top), if any: a bigger page is refused */
    private readonly asked?: number,
  ) {
    this.seen.add(pageKey(first));
  }

  /** After a page arrived: checks its size, then returns the next URL to read, or undefined at the end. */
  next(url: string, itemCount: number, nextLink: unknown): string | undefined {
    this.pages++;
    if (this.asked !== undefined && itemCount > this.asked) {
      throw new WireError(
        this.api,
        "page-too-large",
        `${label(this.api)} answered ${describeUrl(url)} with ${itemCount} items where at most ${this.asked} were asked; refused`,
        url,
      );
    }
    if (nextLink === undefined || nextLink === null || nextLink === "") return undefined;
    if (typeof nextLink !== "string")
      throw new WireError(
        this.api,
        "shape",
        `${label(this.api)} answered ${describeUrl(url)} with a next link that is not a string`,
        url,
      );
    assertSameOrigin(this.api, this.origin, nextLink, "next link");
    this.emptyInARow = itemCount === 0 ? this.emptyInARow + 1 : 0;
    if (this.emptyInARow > this.limits.maxEmptyPages) {
      throw new WireError(
        this.api,
        "too-many-pages",
        `${label(this.api)} answered ${this.emptyInARow} empty pages in a row for ${describeUrl(url)}, each with a next link; the walk was ended`,
        url,
      );
    }
    const key = pageKey(nextLink);
    if (this.seen.has(key)) {
      throw new WireError(
        this.api,
        "paging-loop",
        `${label(this.api)} next link for ${describeUrl(url)} leads back to a page already read; the walk was ended`,
        url,
      );
    }
    if (this.pages >= this.limits.maxPages) {
      throw new WireError(
        this.api,
        "too-many-pages",
        `${label(this.api)} list ${describeUrl(url)} went on past ${this.limits.maxPages} pages; the walk was ended`,
        url,
      );
    }
    this.seen.add(key);
    return nextLink;
  }
}

/** The `$top` a Graph or ARM list URL asks for, if it names one. */
export function askedPageSize(url: string): number | undefined {
  try {
    const top = new URL(url, "https://placeholder.invalid").searchParams.get("$top");
    const n = top === null ? NaN : Number(top);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One spelling per page: query order and case do not matter, and api-version is left out because
 * the SDKs add it to next links that lack it.
 */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    for (const k of [...u.searchParams.keys()]) if (k.toLowerCase() === "api-version") u.searchParams.delete(k);
    u.searchParams.sort();
    return u.toString().toLowerCase();
  } catch {
    return url;
  }
}
