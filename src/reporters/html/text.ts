import { escapeHtml } from "../escape.ts";

/** Bidi embedding, override and isolate controls: the "Trojan Source" characters. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text or double-quoted attribute value for report.html: escapeHtml, plus
 * - U+2028/U+2029 as character references: harmless in HTML, but this way the file holds no raw
 *   line/paragraph separator anywhere (copy-paste into JS, log scrapers);
 * - bidi controls shown as a visible `[U+202E]`: a display name like "\u202Egnp.exe" would
 *   otherwise render reversed ("exe.png") and reverse the rest of the message around it.
 */
export function h(text: string): string {
  return escapeHtml(text)
    .replace(/[\u2028\u2029]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
    .replace(BIDI, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}
