// The one inline script of report.html (bundled into script.generated.ts by `npm run gen`; the
// CSP allows it by its sha256, computed when the report is rendered). It is OUR code only; tenant
// data reaches it solely through JSON.parse of the <script type="application/json" id="data">
// block (html/data.ts, laid out as html/layout.ts says) and is written to the page with
// textContent / createElement, never as HTML. It runs from file:// (no fetch, no modules, no storage).
//
// It lists, filters, sorts and searches ALL findings from the data (not the rows in the page),
// builds a finding's details when it is opened, keeps the filters in the address (url-state.ts),
// and, above SERVER_ROWS findings (no rows in the markup), lists the rows itself, a page at a time.
import { F, FACETS, type ClientData, type ClientFinding, type Facet, type Pooled, type Value } from "../layout.ts";
import { add, byId, el, own, vis } from "./dom.ts";
import { readState, saveState, type ViewState } from "./url-state.ts";

main();

function main(): void {
  const dataEl = document.getElementById("data");
  const table = byId("ftable", HTMLTableElement);
  const form = byId("filters", HTMLFormElement);
  const search = byId("q", HTMLInputElement);
  const shown = document.getElementById("shown");
  const tbody = table?.tBodies[0];
  if (!dataEl || !table || !form || !search || !shown || !tbody) return;
  const data = JSON.parse(dataEl.textContent || "{}") as ClientData;
  const items = data.findings;
  const N = items.length;
  const facets = data.facets;
  const vals = data.vals;
  const rules = data.rules;
  // Server-rendered rows, in data order; none when the report is too big for them (then the
  // script lists the rows itself, a page at a time).
  const rows: HTMLTableRowElement[] = Array.from(tbody.querySelectorAll<HTMLTableRowElement>("tr.f"));
  const paged = rows.length === 0 && N > 0;
  if (!paged && rows.length !== N) return;
  rows.forEach((tr, i) => {
    tr.setAttribute("data-i", String(i));
  });
  document.documentElement.classList.add("js");
  const PAGE = data.page > 0 ? data.page : 500;
  let limit = PAGE;
  let listedCount = 0;
  const none = document.getElementById("fnone");
  const more = document.getElementById("more");
  const listed = document.getElementById("listed");
  const moreBtn = byId("more-rows", HTMLButtonElement);
  const allBtn = byId("all-rows", HTMLButtonElement);
  const selects = {} as Record<Facet, HTMLSelectElement>;
  let texts: string[] | null = null;

  const val = (v: Pooled | undefined): Value => (typeof v === "number" ? vals[v] : v) ?? null;
  const facetOf = (i: number, name: Facet): string => facets[name][at(i)[FACETS.indexOf(name)] as number] ?? "";
  function at(i: number): ClientFinding {
    const it = items[i];
    if (!it) throw new RangeError(`no finding ${i}`);
    return it;
  }
  function displayName(i: number): string {
    const n = val(at(i)[F.name]);
    return n === null ? "(no name)" : String(n);
  }
  function subLabel(k: number): string {
    const id = facets.sub[k] ?? "";
    if (id === "") return "(none: Entra ID object)";
    const name = data.subNames[k];
    return name ? `${vis(name)} (${vis(id)})` : vis(id);
  }

  for (const name of FACETS) {
    const sel = byId(`f-${name}`, HTMLSelectElement);
    if (!sel) return;
    const values = facets[name];
    const k = FACETS.indexOf(name);
    const counts = values.map(() => 0);
    for (const it of items) {
      const c = it[k] as number;
      counts[c] = (counts[c] ?? 0) + 1;
    }
    values.forEach((value, i) => {
      if (counts[i] === 0 && name !== "severity") return;
      const opt = el("option", "", `${name === "sub" ? subLabel(i) : vis(value)} (${counts[i]})`);
      opt.value = String(i);
      sel.appendChild(opt);
    });
    sel.addEventListener("change", () => {
      apply();
    });
    selects[name] = sel;
  }

  // A row like the server's (html.ts findingRow), for reports listed by the script.
  function makeRow(i: number): HTMLTableRowElement {
    const it = at(i);
    const sev = facetOf(i, "severity");
    const st = facetOf(i, "state");
    const rule = facetOf(i, "rule");
    const tr = el("tr", st === "open" ? "f" : `f st-${st}`);
    tr.setAttribute("data-i", String(i));
    add(add(tr, el("td", "sev")), el("span", `badge s-${sev}`, sev));
    add(add(tr, el("td", "st")), el("span", `state ${st}`, st));
    const a = add(add(tr, el("td", "rule")), el("a"));
    a.setAttribute("href", `#rule-${vis(rule)}`);
    add(a, el("code", "", vis(rule)));
    const res = add(tr, el("td", "res"));
    add(res, el("div", "rn", vis(displayName(i))));
    add(res, el("div", "rt", vis(data.types[it[F.type]])));
    add(res, el("div", "rid", vis(val(it[F.id]))));
    const k = it[F.sub];
    if (facets.sub[k]) {
      const td = add(tr, el("td", "sub"));
      const name = data.subNames[k];
      if (name) add(td, el("div", "sn", vis(name)));
      add(td, el("div", "mono", vis(facets.sub[k])));
    } else add(tr, el("td", "sub muted", "tenant"));
    const d = add(add(tr, el("td", "msg")), el("details"));
    add(d, el("summary", "", vis(it[F.message])));
    add(d, el("div", "det"));
    return tr;
  }
  function rowFor(i: number): HTMLTableRowElement {
    return (rows[i] ??= makeRow(i));
  }

  // A finding's details, built from the data the first time it is opened.
  function buildDetails(d: HTMLDetailsElement): void {
    const det = d.querySelector(".det");
    const tr = d.parentNode?.parentNode;
    // Finding rows only (the rules table has details too, written in full by the server).
    if (!det || !(tr instanceof HTMLTableRowElement) || tr.parentNode !== tbody) return;
    const index = tr.getAttribute("data-i");
    if (index === null || det.getAttribute("data-built")) return;
    const i = Number(index);
    const it = items[i];
    if (!it) return;
    det.setAttribute("data-built", "1");
    const rule = facetOf(i, "rule");
    const supp = it[F.suppression];
    if (facetOf(i, "state") === "suppressed" && supp) {
      add(det, el("h4", "", "Suppression"));
      const p = add(det, el("p", "", `${vis(supp[0])} (until ${vis(supp[1])}; matches `));
      add(p, el("code", "", vis(supp[2])));
      add(p, document.createTextNode(")"));
    }
    const keys = data.evk[it[F.evidenceKeys]] ?? [];
    const values = it[F.evidenceValues];
    if (keys.length > 0) {
      add(det, el("h4", "", "Evidence"));
      const body = add(add(det, el("table", "kv")), el("tbody"));
      keys.forEach((k, j) => {
        const row = add(body, el("tr"));
        add(row, el("th", "", vis(k)));
        const td = add(row, el("td"));
        const v = val(values[j]);
        if (v === null) add(td, el("span", "null", "null"));
        else if (Array.isArray(v))
          v.forEach((x, n) => {
            if (n > 0) add(td, el("br"));
            add(td, document.createTextNode(vis(x)));
          });
        else td.textContent = vis(v);
      });
    }
    const comp = data.comp[it[F.compliance]] ?? [];
    if (comp.length > 0) {
      add(det, el("h4", "", "Compliance"));
      const ul = add(det, el("ul", "tags"));
      for (const c of comp) add(ul, el("li", "", vis(c)));
    }
    add(det, el("h4", "", "Fingerprint"));
    add(det, el("code", "", vis(it[F.fingerprint])));
    add(det, document.createTextNode(" "));
    add(det, el("span", "muted", `confidence ${vis(data.conf[it[F.conf]])}`));
    add(det, el("h4", "", "Remediation"));
    const box = add(det, el("div", "remedy"));
    const r = rules[it[F.rule]];
    if (r) {
      const ol = add(box, el("ol"));
      for (const step of r.portal) add(ol, el("li", "", vis(step)));
      if (r.cli) add(add(box, el("pre")), el("code", "", vis(r.cli)));
    }
    const fix = it[F.fix];
    if (fix) {
      add(box, el("h5", "", "Commands for this finding"));
      add(box, el("p", "muted", vis(fix[0])));
      for (const [purpose, command] of fix[1]) {
        add(box, el("p", "", vis(purpose)));
        add(add(box, el("pre", "fix")), el("code", "", vis(command)));
      }
    }
    const a = add(add(box, el("p")), el("a", "", `Steps and references: rule ${vis(rule)}`));
    a.setAttribute("href", `#rule-${vis(rule)}`);
  }
  document.addEventListener(
    "toggle",
    (e) => {
      const d = e.target;
      if (d instanceof HTMLDetailsElement && d.open) buildDetails(d);
    },
    true,
  );

  // What search matches: the row's text and its details', as shown (built on first search).
  function buildTexts(): string[] {
    const out: string[] = [];
    for (let i = 0; i < N; i++) {
      const it = at(i);
      const parts: unknown[] = [
        facetOf(i, "severity"),
        facetOf(i, "state"),
        facetOf(i, "rule"),
        displayName(i),
        data.types[it[F.type]],
        val(it[F.id]),
        facetOf(i, "sub"),
        data.subNames[it[F.sub]] ?? "",
        it[F.message],
        it[F.fingerprint],
        data.conf[it[F.conf]],
      ];
      const keys = data.evk[it[F.evidenceKeys]] ?? [];
      keys.forEach((k, j) => {
        const v = val(it[F.evidenceValues][j]);
        parts.push(k, Array.isArray(v) ? v.join(" ") : String(v));
      });
      parts.push(...(data.comp[it[F.compliance]] ?? []));
      const supp = it[F.suppression];
      if (supp) parts.push(...supp);
      out.push(vis(parts.join(" ")).toLowerCase());
    }
    return out;
  }

  let order: number[] = items.map((_, i) => i);
  let view = order;

  // Puts the first "limit" findings of the view in the table (all of them for server rows);
  // from "start" on only, when rows are added under those already listed.
  function render(start: number): void {
    if (!tbody) return;
    const count = paged ? Math.min(limit, view.length) : view.length;
    const frag = document.createDocumentFragment();
    for (const i of view.slice(start, count)) frag.appendChild(rowFor(i));
    if (start === 0) tbody.textContent = "";
    tbody.appendChild(frag);
    listedCount = count;
    if (paged && more && listed && moreBtn && allBtn) {
      const rest = view.length - count;
      more.hidden = false;
      listed.textContent = `Listed ${count} of ${view.length} matching finding${view.length === 1 ? "" : "s"}.`;
      moreBtn.hidden = rest <= 0;
      allBtn.hidden = rest <= PAGE;
      moreBtn.textContent = `Show ${Math.min(PAGE, rest)} more`;
      allBtn.textContent = `Show all ${view.length}`;
    }
  }

  function state(): ViewState {
    const s: ViewState = { facets: {}, q: search?.value ?? "", sort: "" };
    for (const name of FACETS) {
      const v = selects[name].value;
      if (v !== "") s.facets[name] = facets[name][Number(v)] ?? "";
    }
    if (sortKey !== "severity" || sortDir !== -1) s.sort = (sortDir < 0 ? "-" : "") + sortKey;
    return s;
  }

  function apply(keepListed?: boolean): void {
    if (!search || !shown) return;
    const want = FACETS.map((n) => {
      const v = selects[n].value;
      return v === "" ? -1 : Number(v);
    });
    const terms = search.value
      .toLowerCase()
      .split(/\s+/)
      .filter((t) => t.length > 0);
    if (terms.length > 0 && !texts) texts = buildTexts();
    const t = texts;
    view = order.filter((i) => {
      const it = at(i);
      if (!want.every((w, m) => w < 0 || it[m] === w)) return false;
      return terms.every((term) => (t?.[i] ?? "").includes(term));
    });
    limit = keepListed === true ? Math.max(limit, PAGE) : PAGE;
    render(0);
    shown.textContent = `Showing ${view.length} of ${N} finding${N === 1 ? "" : "s"}`;
    if (none && N > 0) none.hidden = view.length !== 0;
    saveState(state());
  }

  let timer = 0;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(apply, 120);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    apply();
  });
  form.addEventListener("reset", () => {
    setTimeout(apply, 0);
  });
  if (paged && moreBtn && allBtn) {
    moreBtn.addEventListener("click", () => {
      limit = listedCount + PAGE;
      render(listedCount);
    });
    allBtn.addEventListener("click", () => {
      limit = view.length;
      render(listedCount);
    });
  }

  const sortKeys: Record<string, (i: number) => number | string> = {
    severity: (i) => facets.severity.length - 1 - at(i)[F.severity],
    state: (i) => at(i)[F.state],
    rule: (i) => at(i)[F.rule],
    sub: (i) => at(i)[F.sub],
    resource: (i) => vis(displayName(i)).toLowerCase(),
    message: (i) => vis(at(i)[F.message]).toLowerCase(),
  };
  let sortKey = "severity";
  let sortDir = -1;
  const heads = Array.from(table.querySelectorAll<HTMLTableCellElement>("th[data-sort]"));

  /** Sorts by key; dir: 1 ascending, -1 descending, 0 the other way from now (a header click). */
  function sortBy(key: string, dir: number): boolean {
    const fn = own(sortKeys, key) ? sortKeys[key] : undefined;
    if (!fn) return false;
    const d = dir !== 0 ? dir : key === sortKey ? -sortDir : key === "severity" ? -1 : 1;
    const cache = items.map((_, i) => fn(i));
    order = [...order].sort((a, b) => {
      const x = cache[a] ?? 0;
      const y = cache[b] ?? 0;
      return (x < y ? -1 : x > y ? 1 : 0) * d || a - b;
    });
    sortKey = key;
    sortDir = d;
    for (const th of heads)
      th.setAttribute(
        "aria-sort",
        th.getAttribute("data-sort") === key ? (d < 0 ? "descending" : "ascending") : "none",
      );
    return true;
  }
  for (const th of heads) {
    const b = th.querySelector("button");
    if (b)
      b.addEventListener("click", () => {
        // Re-filter in the new order, keeping as many rows listed as before.
        if (sortBy(th.getAttribute("data-sort") ?? "", 0)) apply(true);
      });
  }

  // The view the address asks for (a shared link, or this page before a reload).
  const initial = readState(location.search);
  let restored = false;
  for (const name of FACETS) {
    const want = initial.facets[name];
    if (want === undefined) continue;
    const k = facets[name].indexOf(want);
    // A value this report does not have (a link made from another scan) leaves that filter unset.
    if (k >= 0 && selects[name].querySelector(`option[value="${k}"]`)) selects[name].value = String(k);
    restored = true;
  }
  if (initial.q) {
    search.value = initial.q;
    restored = true;
  }
  if (initial.sort) {
    const desc = initial.sort.startsWith("-");
    restored = sortBy(desc ? initial.sort.slice(1) : initial.sort, desc ? -1 : 1) || restored;
  }

  form.hidden = false;
  if (restored) apply();
  else {
    if (paged) render(0);
    shown.textContent = `Showing ${N} of ${N} finding${N === 1 ? "" : "s"}`;
  }
}
