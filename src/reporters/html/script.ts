// The one inline script of report.html, as fixed text: the CSP allows it by its sha256, computed
// when the report is rendered. It is OUR code only; tenant data reaches it solely through
// JSON.parse of the <script type="application/json" id="data"> block (html/data.ts) and is
// written to the page with textContent / createElement, never innerHTML. ES5-level syntax,
// ASCII only, no "</". It runs from file:// (no fetch, no modules, no storage).
//
// It lists, filters, sorts and searches ALL findings from the data (not the rows in the page),
// builds a finding's details when it is opened, and, above SERVER_ROWS findings (no rows in the
// markup), lists the rows itself, a page at a time.
export const SCRIPT = `(function () {
  "use strict";
  var dataEl = document.getElementById("data");
  var table = document.getElementById("ftable");
  var form = document.getElementById("filters");
  if (!dataEl || !table || !form) return;
  var data = JSON.parse(dataEl.textContent || "{}");
  var items = data.findings || [];
  var N = items.length;
  var facets = data.facets || {};
  var vals = data.vals || [];
  var rules = data.rules || {};
  var tbody = table.tBodies[0];
  // Server-rendered rows, in data order; none when the report is too big for them (then the
  // script lists the rows itself, a page at a time).
  var rows = Array.prototype.slice.call(tbody.querySelectorAll("tr.f"));
  var paged = rows.length === 0 && N > 0;
  if (!paged && rows.length !== N) return;
  rows.forEach(function (tr, i) { tr.setAttribute("data-i", String(i)); });
  document.documentElement.className += " js";
  var PAGE = data.page > 0 ? data.page : 500;
  var limit = PAGE;
  var listedCount = 0;
  // Positions in a finding's array (html/data.ts).
  var SEV = 0, RULE = 1, SUB = 2, STATE = 3, CONF = 4, TYPE = 5, NAME = 6, ID = 7, MSG = 8, FP = 9, COMP = 10, EVK = 11, EVV = 12, SUPP = 13;
  var FACETS = ["severity", "rule", "sub", "state"];
  var shown = document.getElementById("shown");
  var none = document.getElementById("fnone");
  var search = document.getElementById("q");
  var more = document.getElementById("more");
  var listed = document.getElementById("listed");
  var moreBtn = document.getElementById("more-rows");
  var allBtn = document.getElementById("all-rows");
  var selects = {};
  var texts = null;

  var BIDI = /[\\u202A-\\u202E\\u2066-\\u2069]/g;
  // Bidi controls shown, not obeyed (as the markup does): "\\u202Egnp.exe" must not read "exe.png".
  function vis(s) {
    return String(s).replace(BIDI, function (c) { return "[U+" + c.charCodeAt(0).toString(16).toUpperCase() + "]"; });
  }
  function val(v) { return typeof v === "number" ? vals[v] : v; }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function f(i, name) { return (facets[name] || [])[items[i][FACETS.indexOf(name)]]; }
  function displayName(i) { var n = val(items[i][NAME]); return n === null || n === undefined ? "(no name)" : n; }

  function label(name, value) {
    if (name === "sub" && value === "") return "(none: Entra ID object)";
    return vis(value);
  }

  FACETS.forEach(function (name, k) {
    var sel = document.getElementById("f-" + name);
    var values = facets[name] || [];
    var counts = values.map(function () { return 0; });
    items.forEach(function (it) { counts[it[k]] += 1; });
    values.forEach(function (value, i) {
      if (counts[i] === 0 && name !== "severity") return;
      var opt = document.createElement("option");
      opt.value = String(i);
      opt.textContent = label(name, value) + " (" + counts[i] + ")";
      sel.appendChild(opt);
    });
    sel.addEventListener("change", apply);
    selects[name] = sel;
  });

  // A row like the server's (html.ts findingRow), for reports listed by the script.
  function makeRow(i) {
    var it = items[i];
    var sev = f(i, "severity");
    var st = f(i, "state");
    var rule = f(i, "rule");
    var sub = f(i, "sub");
    var tr = el("tr", st === "open" ? "f" : "f st-" + st);
    tr.setAttribute("data-i", String(i));
    add(add(tr, el("td")), el("span", "badge s-" + sev, sev));
    add(add(tr, el("td")), el("span", "state " + st, st));
    var a = add(add(tr, el("td", "rule")), el("a"));
    a.setAttribute("href", "#rule-" + vis(rule));
    add(a, el("code", "", vis(rule)));
    var res = add(tr, el("td"));
    add(res, el("div", "rn", vis(displayName(i))));
    add(res, el("div", "rt", vis((data.types || [])[it[TYPE]])));
    add(res, el("div", "rid", vis(val(it[ID]))));
    add(tr, sub ? el("td", "sub mono", vis(sub)) : el("td", "sub muted", "tenant"));
    var d = add(add(tr, el("td")), el("details"));
    add(d, el("summary", "", vis(it[MSG])));
    add(d, el("div", "det"));
    return tr;
  }
  function rowFor(i) {
    if (!rows[i]) rows[i] = makeRow(i);
    return rows[i];
  }

  // A finding's details, built from the data the first time it is opened.
  function buildDetails(d) {
    var det = d.querySelector(".det");
    var tr = d.parentNode && d.parentNode.parentNode;
    // Finding rows only (the rules table has details too, written in full by the server).
    if (!det || !tr || tr.parentNode !== tbody || tr.getAttribute("data-i") === null || det.getAttribute("data-built")) return;
    var i = Number(tr.getAttribute("data-i"));
    var it = items[i];
    if (!it) return;
    det.setAttribute("data-built", "1");
    var rule = f(i, "rule");
    var p;
    if (f(i, "state") === "suppressed" && it[SUPP]) {
      add(det, el("h4", "", "Suppression"));
      p = add(det, el("p", "", vis(it[SUPP][0]) + " (until " + vis(it[SUPP][1]) + "; matches "));
      add(p, el("code", "", vis(it[SUPP][2])));
      add(p, document.createTextNode(")"));
    }
    var keys = (data.evk || [])[it[EVK]] || [];
    var values = it[EVV] || [];
    if (keys.length > 0) {
      add(det, el("h4", "", "Evidence"));
      var body = add(add(det, el("table", "kv")), el("tbody"));
      keys.forEach(function (k, j) {
        var row = add(body, el("tr"));
        add(row, el("th", "", vis(k)));
        var td = add(row, el("td"));
        var v = val(values[j]);
        if (v === null || v === undefined) add(td, el("span", "null", "null"));
        else if (Array.isArray(v)) v.forEach(function (x, n) {
          if (n > 0) add(td, el("br"));
          add(td, document.createTextNode(vis(x)));
        });
        else td.textContent = vis(v);
      });
    }
    var comp = (data.comp || [])[it[COMP]] || [];
    if (comp.length > 0) {
      add(det, el("h4", "", "Compliance"));
      var ul = add(det, el("ul", "tags"));
      comp.forEach(function (c) { add(ul, el("li", "", vis(c))); });
    }
    add(det, el("h4", "", "Fingerprint"));
    add(det, el("code", "", vis(it[FP])));
    add(det, document.createTextNode(" "));
    add(det, el("span", "muted", "confidence " + vis((data.conf || [])[it[CONF]])));
    add(det, el("h4", "", "Remediation"));
    var box = add(det, el("div", "remedy"));
    var r = own(rules, rule) ? rules[rule] : null;
    if (r) {
      var ol = add(box, el("ol"));
      (r.portal || []).forEach(function (step) { add(ol, el("li", "", vis(step))); });
      if (r.cli) add(add(box, el("pre")), el("code", "", vis(r.cli)));
    }
    var a = add(add(box, el("p")), el("a", "", "Steps and references: rule " + vis(rule)));
    a.setAttribute("href", "#rule-" + vis(rule));
  }
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (d && d.open && d.tagName === "DETAILS") buildDetails(d);
  }, true);

  // What search matches: the row's text and its details', as shown (built on first search).
  function buildTexts() {
    texts = new Array(N);
    var types = data.types || [], comps = data.comp || [], evk = data.evk || [], confs = data.conf || [];
    for (var i = 0; i < N; i++) {
      var it = items[i];
      var parts = [f(i, "severity"), f(i, "state"), f(i, "rule"), displayName(i), types[it[TYPE]], val(it[ID]), f(i, "sub"), it[MSG], it[FP], confs[it[CONF]]];
      var keys = evk[it[EVK]] || [];
      for (var j = 0; j < keys.length; j++) {
        var v = val((it[EVV] || [])[j]);
        parts.push(keys[j], Array.isArray(v) ? v.join(" ") : String(v));
      }
      parts.push.apply(parts, comps[it[COMP]] || []);
      if (it[SUPP]) parts.push.apply(parts, it[SUPP]);
      texts[i] = vis(parts.join(" ")).toLowerCase();
    }
  }

  var order = [];
  for (var i0 = 0; i0 < N; i0++) order.push(i0);
  var view = order;

  // Puts the first "limit" findings of the view in the table (all of them for server rows);
  // from "start" on only, when rows are added under those already listed.
  function render(start) {
    var count = paged ? Math.min(limit, view.length) : view.length;
    var frag = document.createDocumentFragment();
    for (var k = start; k < count; k++) frag.appendChild(rowFor(view[k]));
    if (start === 0) tbody.textContent = "";
    tbody.appendChild(frag);
    listedCount = count;
    if (paged) {
      var rest = view.length - count;
      more.hidden = false;
      listed.textContent = "Listed " + count + " of " + view.length + " matching finding" + (view.length === 1 ? "" : "s") + ".";
      moreBtn.hidden = rest <= 0;
      allBtn.hidden = rest <= PAGE;
      moreBtn.textContent = "Show " + Math.min(PAGE, rest) + " more";
      allBtn.textContent = "Show all " + view.length;
    }
  }

  function apply(keepListed) {
    var want = FACETS.map(function (n) { var v = selects[n].value; return v === "" ? -1 : Number(v); });
    var terms = search.value.toLowerCase().split(/\\s+/).filter(function (t) { return t.length > 0; });
    if (terms.length > 0 && !texts) buildTexts();
    view = [];
    for (var k = 0; k < N; k++) {
      var i = order[k];
      var it = items[i];
      var ok = true;
      for (var m = 0; m < FACETS.length && ok; m++) if (want[m] >= 0 && it[m] !== want[m]) ok = false;
      for (var j = 0; j < terms.length && ok; j++) if (texts[i].indexOf(terms[j]) < 0) ok = false;
      if (ok) view.push(i);
    }
    limit = keepListed === true ? Math.max(limit, PAGE) : PAGE;
    render(0);
    shown.textContent = "Showing " + view.length + " of " + N + " finding" + (N === 1 ? "" : "s");
    if (none && N > 0) none.hidden = view.length !== 0;
  }

  var timer = 0;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  if (paged) {
    moreBtn.addEventListener("click", function () { limit = listedCount + PAGE; render(listedCount); });
    allBtn.addEventListener("click", function () { limit = view.length; render(listedCount); });
  }

  var keys = {
    severity: function (i) { return (facets.severity.length - 1) - items[i][SEV]; },
    state: function (i) { return items[i][STATE]; },
    rule: function (i) { return items[i][RULE]; },
    sub: function (i) { return items[i][SUB]; },
    resource: function (i) { return vis(displayName(i)).toLowerCase(); },
    message: function (i) { return vis(items[i][MSG]).toLowerCase(); }
  };
  var sortKey = "severity";
  var sortDir = -1;
  var heads = Array.prototype.slice.call(table.querySelectorAll("th[data-sort]"));

  function sortBy(key) {
    var fn = own(keys, key) ? keys[key] : null;
    if (!fn) return;
    var dir = key === sortKey ? -sortDir : (key === "severity" ? -1 : 1);
    var cache = [];
    for (var i = 0; i < N; i++) cache.push(fn(i));
    order = order.slice().sort(function (a, b) {
      var x = cache[a];
      var y = cache[b];
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a - b;
    });
    sortKey = key;
    sortDir = dir;
    heads.forEach(function (th) {
      th.setAttribute("aria-sort", th.getAttribute("data-sort") === key ? (dir < 0 ? "descending" : "ascending") : "none");
    });
    // Re-filter in the new order, keeping as many rows listed as before.
    apply(true);
  }
  heads.forEach(function (th) {
    var b = th.querySelector("button");
    if (b) b.addEventListener("click", function () { sortBy(th.getAttribute("data-sort")); });
  });

  // Printing: open the rule docs and the details of the rows listed (and visible).
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var all = Array.prototype.slice.call(document.querySelectorAll("#rules details"));
    all.push.apply(all, tbody.querySelectorAll("tr.f:not([hidden]) details"));
    all.forEach(function (d) {
      if (d.open) return;
      buildDetails(d);
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  form.hidden = false;
  if (paged) render(0);
  shown.textContent = "Showing " + N + " of " + N + " finding" + (N === 1 ? "" : "s");
})();
`;
