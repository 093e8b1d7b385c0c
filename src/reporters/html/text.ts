import { escapeHtml } from "../escape.ts";

/**
 * Bidi embeddings, overrides, isolates and marks (the "Trojan Source" characters), zero-width
 * characters, C0/C1 controls other than tab and line feed, and the BOM.
 */
const SHOWN =
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern is for
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/**
 * Text or double-quoted attribute value for report.html: escapeHtml, plus
 * - U+2028/U+2029 as character references: harmless in HTML, but this way the file holds no raw
 *   line/paragraph separator anywhere (copy-paste into JS, log scrapers);
 * - bidi controls shown as a visible `[U+202E]`: a display name like "\u202Egnp.exe" would
 *   otherwise render reversed ("exe.png") and reverse the rest of the message around it; so are
 *   zero-width and control characters, which would hide text or carry escape sequences.
 */
export function h(text: string): string {
  return escapeHtml(text)
    .replace(/[\u2028\u2029]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
    .replace(SHOWN, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}]`);
}
