// Small DOM helpers of the page's script. Tenant data is only ever written as text.

const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/** Bidi controls shown, not obeyed (as the markup does, html/text.ts): "\u202Egnp.exe" must not read "exe.png". */
export function vis(s: unknown): string {
  return String(s).replace(BIDI, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function add<T extends Node>(parent: Node, child: T): T {
  parent.appendChild(child);
  return child;
}

export function byId<T extends HTMLElement>(id: string, type: new () => T): T | null {
  const e = document.getElementById(id);
  return e instanceof type ? e : null;
}

export function own(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}
