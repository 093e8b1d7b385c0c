import { visible } from "../text/inert.ts";

/**
 * Tenant strings are hostile input (an app's display name is chosen by whoever registered it).
 * These keep them inert in each output language.
 */

/**
 * What GitHub turns into a link or a notification in Markdown text: URLs, www. hosts, e-mail
 * addresses and @mentions (an @ followed by a letter or digit; "Owner @ /subscriptions/…" is neither).
 */
const LINKISH = /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|@[a-z0-9]/i;

/**
 * Markdown text (a table cell or list item of summary.md). Control characters are shown as
 * escapes; anything GitHub would auto-link or turn into a mention is put in a code span, where
 * neither happens (GitHub's own advice for showing an @name without notifying anyone); the rest
 * is backslash-escaped so no Markdown or HTML in a name takes effect.
 */
export function escapeMarkdown(text: string): string {
  const shown = visible(text);
  if (LINKISH.test(shown)) return codeSpan(shown);
  return shown
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
}

/**
 * An inline code span that holds `text` verbatim whatever backticks it contains (the fence is
 * one backtick longer than its longest run), with `|` escaped so it cannot end a table cell.
 */
export function codeSpan(text: string): string {
  const shown = visible(text).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = shown.startsWith("`") || shown.endsWith("`") || shown.startsWith(" ") ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * CSV cell: always quoted; control characters shown as escapes (a line break inside a cell
 * is a line break in many viewers); formula triggers neutralised — a cell whose first visible
 * character is = + - @ (after any leading whitespace), or that begins with a tab or CR, gets a
 * leading apostrophe, as OWASP's CSV injection guidance recommends.
 */
export function csvCell(value: string): string {
  const shown = visible(value);
  const safe =
    /^[\s]*[=+\-@]/.test(value) || /^[=+\-@\t\r\n]/.test(shown) || /^\\x0[9ad]/.test(shown) ? `'${shown}` : shown;
  return `"${safe.replace(/"/g, '""')}"`;
}
