// The one inline script of report.html, as fixed text: the CSP allows it by its sha256, computed
// when the report is rendered. It is OUR code only; tenant data reaches it solely through
// JSON.parse of the <script type="application/json" id="data"> block and is written to the page
// with textContent / createElement, never innerHTML. ES5-level syntax, ASCII only, no "</".
// It runs from file:// (no fetch, no modules, no storage).
export const SCRIPT = `(function () {
  "use strict";
  var dataEl = document.getElementById("data");
  var table = document.getElementById("ftable");
  var form = document.getElementById("filters");
  if (!dataEl || !table || !form) return;
  var data = JSON.parse(dataEl.textContent || "{}");
  var items = data.findings || [];
  var facets = data.facets || {};
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.querySelectorAll("tr.f"));
  if (rows.length !== items.length) return;
  var FACETS = ["severity", "rule", "sub", "state"];
  var shown = document.getElementById("shown");
  var none = document.getElementById("fnone");
  var search = document.getElementById("q");
  var selects = {};
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });

  function label(name, value) {
    if (name === "sub" && value === "") return "(none: Entra ID object)";
    return value;
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

  function apply() {
    var want = FACETS.map(function (n) { var v = selects[n].value; return v === "" ? -1 : Number(v); });
    var terms = search.value.toLowerCase().split(/\\s+/).filter(function (t) { return t.length > 0; });
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var it = items[i];
      var ok = true;
      for (var k = 0; k < FACETS.length && ok; k++) if (want[k] >= 0 && it[k] !== want[k]) ok = false;
      for (var j = 0; j < terms.length && ok; j++) if (texts[i].indexOf(terms[j]) < 0) ok = false;
      rows[i].hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = "Showing " + n + " of " + rows.length + " finding" + (rows.length === 1 ? "" : "s");
    if (none && rows.length > 0) none.hidden = n !== 0;
  }

  var timer = 0;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });

  function cellText(col) {
    return function (i) {
      var cell = rows[i].cells[col];
      var s = cell && cell.querySelector("summary, .rn");
      return ((s || cell) ? (s || cell).textContent : "").toLowerCase();
    };
  }
  var keys = {
    severity: function (i) { return (facets.severity.length - 1) - items[i][0]; },
    state: function (i) { return items[i][3]; },
    rule: function (i) { return items[i][1]; },
    sub: function (i) { return items[i][2]; },
    resource: cellText(3),
    message: cellText(5)
  };
  var sortKey = "severity";
  var sortDir = -1;
  var heads = Array.prototype.slice.call(table.querySelectorAll("th[data-sort]"));

  function sortBy(key) {
    var fn = keys[key];
    if (!fn) return;
    var dir = key === sortKey ? -sortDir : (key === "severity" ? -1 : 1);
    var cache = rows.map(function (_, i) { return fn(i); });
    var order = rows.map(function (_, i) { return i; });
    order.sort(function (a, b) {
      var x = cache[a];
      var y = cache[b];
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a - b;
    });
    var frag = document.createDocumentFragment();
    order.forEach(function (i) { frag.appendChild(rows[i]); });
    tbody.appendChild(frag);
    sortKey = key;
    sortDir = dir;
    heads.forEach(function (th) {
      th.setAttribute("aria-sort", th.getAttribute("data-sort") === key ? (dir < 0 ? "descending" : "ascending") : "none");
    });
  }
  heads.forEach(function (th) {
    var b = th.querySelector("button");
    if (b) b.addEventListener("click", function () { sortBy(th.getAttribute("data-sort")); });
  });

  function fillRemedy(box) {
    if (box.getAttribute("data-filled")) return;
    var r = (data.rules || {})[box.getAttribute("data-rule")];
    if (!r) return;
    box.setAttribute("data-filled", "1");
    var first = box.firstChild;
    var ol = document.createElement("ol");
    (r.portal || []).forEach(function (step) {
      var li = document.createElement("li");
      li.textContent = step;
      ol.appendChild(li);
    });
    box.insertBefore(ol, first);
    if (r.cli) {
      var pre = document.createElement("pre");
      var code = document.createElement("code");
      code.textContent = r.cli;
      pre.appendChild(code);
      box.insertBefore(pre, first);
    }
  }
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (!d || !d.open || !d.querySelector) return;
    var box = d.querySelector(".remedy[data-rule]");
    if (box) fillRemedy(box);
  }, true);

  var opened = [];
  window.addEventListener("beforeprint", function () {
    var all = Array.prototype.slice.call(document.querySelectorAll("#rules details"));
    rows.forEach(function (r) { if (!r.hidden) all.push.apply(all, r.querySelectorAll("details")); });
    all.forEach(function (d) {
      if (d.open) return;
      var box = d.querySelector(".remedy[data-rule]");
      if (box) fillRemedy(box);
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  form.hidden = false;
  apply();
})();
`;
