import { visible } from "../text/inert.ts";

// Commands are POSIX shell text built from tenant strings (names, tag values, ids a hostile
// directory could shape): every value is one word that the shell takes literally.

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One shell word: plain values as they are, anything else in single quotes (where nothing but
 * the closing quote is special). Invisible and control characters are written out as `\xNN`
 * first, so a command never hides, reorders or breaks a line.
 */
export function sh(value: string): string {
  const text = visible(value);
  if (PLAIN.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A JSON document as one shell word. */
export function shJson(value: unknown): string {
  return sh(JSON.stringify(value));
}
