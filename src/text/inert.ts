// Tenant strings and server messages are hostile input: a display name can carry terminal escape
// sequences, bidi overrides that reorder what a reader sees, zero-width characters that hide
// text, or line breaks that forge a line of output. These helpers make such characters visible
// (or escape them) in every output, without changing what the data says.

/**
 * C0 controls (tab and line breaks included), DEL, C1 controls, the Unicode line and paragraph
 * separators, bidi embeddings/overrides/isolates and marks, zero-width characters and the BOM.
 */
export const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is what this is for
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** What JSON.stringify leaves raw inside strings (it escapes C0 itself; indentation is structure). */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** The same set without tab and line feed, for text whose own line structure is legitimate. */
const INVISIBLE_BUT_LAYOUT =
  // eslint-disable-next-line no-control-regex -- matching control characters is what this is for
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** One line of text with every invisible or control character written as `\xNN` / `\uNNNN`. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, escapeChar);
}

/** As `visible`, but tab and line feed stay: for multi-line text the program wrote itself. */
export function visibleKeepingLayout(text: string): string {
  return text.replace(INVISIBLE_BUT_LAYOUT, escapeChar);
}

/**
 * JSON with every invisible character inside strings written as a `\uNNNN` escape: the file holds
 * no control, bidi or zero-width character, and JSON.parse gives back exactly the same data.
 * (JSON.stringify already escapes C0; C1, bidi, zero-width and U+2028/2029 it leaves raw.)
 */
export function inertJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    RAW_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
