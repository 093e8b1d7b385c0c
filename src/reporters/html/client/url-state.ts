// Filters, search and sort kept in the page's query string (report.html?severity=high&q=owner),
// so a filtered view can be shared as a link and survives a reload. Values are the facet values
// themselves (not indices), so a link still means the same in a report of a later scan.
import { FACETS, NO_SUB, URL_PARAMS, type Facet } from "../layout.ts";

export interface ViewState {
  facets: Partial<Record<Facet, string>>;
  q: string;
  /** Sort key, "-" first when descending; "" for the default order. */
  sort: string;
}

export function readState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const facets: Partial<Record<Facet, string>> = {};
  for (const name of FACETS) {
    const v = p.get(name);
    if (v !== null) facets[name] = name === "sub" && v === NO_SUB ? "" : v;
  }
  return { facets, q: p.get(URL_PARAMS.q) ?? "", sort: p.get(URL_PARAMS.sort) ?? "" };
}

export function writeState(state: ViewState): string {
  const p = new URLSearchParams();
  for (const name of FACETS) {
    const v = state.facets[name];
    if (v !== undefined) p.set(name, name === "sub" && v === "" ? NO_SUB : v);
  }
  if (state.q) p.set(URL_PARAMS.q, state.q);
  if (state.sort) p.set(URL_PARAMS.sort, state.sort);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Puts the state in the address bar without a reload or a history entry; a browser that refuses (some file:// setups) keeps the old address. */
export function saveState(state: ViewState): void {
  const url = writeState(state) + location.hash;
  if (url === location.search + location.hash) return;
  try {
    history.replaceState(history.state, "", url || location.pathname + location.hash);
  } catch {
    // The filters still work; only the address does not follow.
  }
}
