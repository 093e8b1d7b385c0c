// Inline stylesheet of report.html. Allowed by the CSP through style-src 'unsafe-inline' (styles
// cannot run code; no tenant string is ever placed inside this text).
export const STYLE = `
:root{--u-expired:#b91c1c;--u-d30:#ea580c;--u-d90:#ca8a04;--u-later:#15803d;--u-never:#57606a;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--critical:#9f1239;--high:#c2410c;--medium:#a16207;--low:#1d4ed8;--info:#57606a;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1400px;margin:0 auto;padding:0 24px 48px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:14px;margin:14px 0 6px}
h4{font-size:12px;margin:10px 0 4px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
a{color:#0969da}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px;white-space:pre-wrap;overflow-wrap:anywhere}
.muted{color:var(--muted)}
td,th,dd,summary,li,p{overflow-wrap:anywhere}
header.top{background:var(--soft);border-bottom:1px solid var(--line);padding:18px 0 14px;margin-bottom:8px}
header.top .inner{max-width:1400px;margin:0 auto;padding:0 24px}
.runmeta{display:flex;flex-wrap:wrap;gap:4px 22px;margin:6px 0 12px;color:var(--muted)}
.runmeta b{color:var(--fg);font-weight:600}
.verdict{display:inline-block;font-weight:600;font-size:15px;padding:6px 12px;border-radius:6px;border:1px solid}
.verdict.passed{color:var(--ok);border-color:var(--ok);background:#dafbe1}
.verdict.failed{color:var(--bad);border-color:var(--bad);background:#ffebe9}
.verdict.incomplete{color:var(--warn);border-color:#d4a72c;background:#fff8c5}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:12px}
.card{min-width:118px;padding:8px 12px;border-radius:6px;background:var(--bg);border:1px solid var(--line);border-left:6px solid var(--info)}
.card .n{font-size:24px;font-weight:700;line-height:1.1}
.card .l{text-transform:capitalize;font-weight:600}
.card .x{font-size:12px;color:var(--muted)}
.card.s-critical{border-left-color:var(--critical)}.card.s-high{border-left-color:var(--high)}.card.s-medium{border-left-color:var(--medium)}.card.s-low{border-left-color:var(--low)}.card.total{border-left-color:var(--fg)}
nav.toc{display:flex;gap:16px;margin-top:12px;font-size:13px}
.box{border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:10px 0;background:var(--soft)}
.box.warn{border-color:#d4a72c;background:#fff8c5}
.box.warn strong:first-child{color:var(--warn)}
.box ul{margin:6px 0 0;padding-left:20px}
table.grid{border-collapse:collapse;width:100%;margin:6px 0}
table.grid>*>tr>th,table.grid>*>tr>td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
table.grid>thead>tr>th{background:var(--soft);font-size:12px;white-space:nowrap;position:sticky;top:0;z-index:1}
table.grid.compact>*>tr>td,table.grid.compact>*>tr>th{padding:3px 8px}
table.grid.auto{width:auto;min-width:50%}
table.grid tr.f:hover{background:#f6f8fa}
tr.st-suppressed>td,tr.st-baseline>td{background:#fafbfc}
tr.st-suppressed .rn,tr.st-suppressed summary{color:var(--muted)}
table.fixed{table-layout:fixed}
col.c-sev{width:88px}col.c-state{width:86px}col.c-rule{width:13rem}col.c-res{width:24%}col.c-sub{width:140px}
td.rule{overflow-wrap:normal}td.rule code{overflow-wrap:anywhere}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th button::after{content:" \\2195";color:var(--muted);font-weight:400}
th[aria-sort=ascending] button::after{content:" \\2191";color:var(--fg)}
th[aria-sort=descending] button::after{content:" \\2193";color:var(--fg)}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11px;font-weight:700;color:#fff;background:var(--info);text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}
.badge.s-critical{background:var(--critical)}.badge.s-high{background:var(--high)}.badge.s-medium{background:var(--medium)}.badge.s-low{background:var(--low)}
.state{font-size:12px;white-space:nowrap}
.state.suppressed,.state.baseline{color:var(--muted)}
.status-ran{color:var(--fg)}.status-skipped{color:var(--warn);font-weight:600}.status-disabled{color:var(--muted)}.status-error{color:var(--bad);font-weight:600}
.fail{color:var(--bad);font-weight:600}
.rn{font-weight:600}
.rt,.rid{font-size:12px;color:var(--muted)}
.rid{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:11px}
td.sub{font-size:11px;white-space:normal;max-width:150px}
details>summary{cursor:pointer}
details[open]>summary{margin-bottom:4px}
.det{border-left:3px solid var(--line);padding:2px 0 4px 10px}
html:not(.js) .det:empty::before{content:"Evidence, compliance, fingerprint and remediation steps need scripts; they are also in findings.json and findings.csv.";color:var(--muted);font-style:italic}
div.more{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;margin:8px 0;font-weight:600}
div.more button{font:inherit;font-size:13px;padding:3px 10px;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}
table.kv{border-collapse:collapse;font-size:12px}
table.kv th{font-weight:600;text-align:left;padding:1px 10px 1px 0;vertical-align:top;white-space:nowrap;color:var(--muted)}
table.kv td{padding:1px 0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
ul.tags{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:4px}
ul.tags li{background:#ddf4ff;border-radius:10px;padding:0 8px;font-size:12px}
.null{color:var(--muted);font-style:italic}
form.filters{display:flex;flex-wrap:wrap;align-items:end;gap:8px 14px;padding:10px 12px;background:var(--soft);border:1px solid var(--line);border-radius:6px;margin:8px 0}
form.filters label{display:flex;flex-direction:column;font-size:12px;font-weight:600;color:var(--muted);gap:2px}
form.filters select,form.filters input{font:inherit;font-size:13px;padding:3px 6px;border:1px solid var(--line);border-radius:4px;background:#fff;color:var(--fg);max-width:260px}
form.filters input[type=search]{width:260px}
form.filters button{font:inherit;font-size:13px;padding:3px 10px;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}
#shown{margin-left:auto;font-weight:600}
svg.timeline{max-width:100%;height:auto;display:block;margin:6px 0}
svg.timeline text{font:11px system-ui,sans-serif;fill:var(--fg);text-anchor:middle}
svg.timeline .tl-year{fill:var(--muted);font-size:10px}
svg.timeline .tl-count{font-weight:700}
.tl-expired-bg{fill:#ffebe9}
.tl-axis{stroke:var(--fg);stroke-width:1}
.tl-now{stroke:var(--bad);stroke-width:1.5;stroke-dasharray:4 3}
rect.u-expired{fill:var(--u-expired)}rect.u-d30{fill:var(--u-d30)}rect.u-d90{fill:var(--u-d90)}rect.u-later{fill:var(--u-later)}
.legend{display:flex;gap:14px;font-size:12px;color:var(--muted);flex-wrap:wrap}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:-1px}
.legend i.u-expired{background:var(--u-expired)}.legend i.u-d30{background:var(--u-d30)}.legend i.u-d90{background:var(--u-d90)}.legend i.u-later{background:var(--u-later)}
.u{font-weight:600;white-space:nowrap}
.u-expired{color:var(--u-expired)}.u-d30{color:var(--u-d30)}.u-d90{color:#8a6100}.u-later{color:var(--u-later)}.u-never{color:var(--u-never)}
ol.idents{list-style:none;padding:0;margin:0;display:grid;gap:10px}
li.ident{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:var(--bg)}
.ihead{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 8px}
.ihead .rank{font-weight:700;font-size:16px;min-width:1.6em}
.ihead .iname{font-size:15px;overflow-wrap:anywhere}
.ihead .rid{flex-basis:100%}
li.ident>details>summary{list-style:none;cursor:pointer}
li.ident>details>summary::-webkit-details-marker{display:none}
li.ident>details>summary .ihead::before{content:"\\25B8";color:var(--muted);margin-right:2px}
li.ident>details[open]>summary .ihead::before{content:"\\25BE"}
li.ident .why{display:inline;margin-right:6px}
li.ident .counts{font-size:12px;white-space:nowrap}
li.ident .ibody{margin-top:4px}
li.ident h4{margin:8px 0 2px}
li.ident ul{margin:0;padding-left:18px}
li.ident li{margin:1px 0}
ul.ifind .badge{margin-right:4px}
td.sub .sn{font-weight:600}
td.sub .mono{font-size:11px}
.overdue{color:var(--bad);font-weight:600}
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media (max-width:1100px){
  table.fixed{table-layout:auto}
  table.fixed col{width:auto}
}
/* Phones and narrow windows: no sideways scrolling; each table row becomes a small card. */
@media (max-width:700px){
  main,header.top .inner{padding:0 10px}
  main{padding-bottom:32px}
  h1{font-size:18px;overflow-wrap:anywhere}
  .card{min-width:0;flex:1 1 calc(33% - 10px)}
  nav.toc{flex-wrap:wrap;gap:6px 14px}
  form.filters label,form.filters select,form.filters input,form.filters input[type=search]{width:100%;max-width:none}
  #shown{margin-left:0}
  table.grid.auto{min-width:0;width:100%}
  table.grid.stack,table.grid.stack>tbody,table.grid.stack>tbody>tr,table.grid.stack>tbody>tr>td{display:block;width:auto}
  table.grid.stack>thead{display:none}
  table.grid.stack>tbody>tr{border-bottom:1px solid var(--line);padding:6px 0}
  table.grid.stack>tbody>tr>td{border:0;padding:1px 4px}
  table.grid.stack>tbody>tr>td[data-l]::before{content:attr(data-l) ": ";color:var(--muted);font-size:12px}
  #ftable,#ftable>tbody,#ftable>thead{display:block}
  #ftable colgroup{display:none}
  #ftable>thead>tr{display:flex;flex-wrap:wrap;gap:4px 12px}
  #ftable>thead>tr>th{border:0;background:none;padding:2px 0}
  #ftable tr.f{display:grid;grid-template-columns:auto auto minmax(0,1fr);gap:2px 8px;padding:8px 2px;border-bottom:1px solid var(--line)}
  #ftable tr.f>td{display:block;border:0;padding:0;min-width:0}
  #ftable tr.f>td.res,#ftable tr.f>td.sub,#ftable tr.f>td.msg{grid-column:1/-1}
  #ftable tr.f>td.sub{max-width:none}
  #ftable tr#fnone{display:block}
  table.kv th{white-space:normal}
  ol.idents li.ident{padding:6px 8px}
}
/* Printing: a few pages. Summary, fix first and the expiry chart; the findings as one line each. */
@media print{
  #ftable,#ftable>tbody,#ftable>thead{display:block}
  #ftable tr.f{display:grid;grid-template-columns:66px 170px minmax(0,1fr);gap:0 8px;padding:3px 0;border-bottom:1px solid var(--line);break-inside:avoid}
  #ftable tr.f>td{display:block;border:0;padding:0;min-width:0}
  #ftable colgroup,#ftable>thead,#ftable tr.f>td.sub,#ftable .rt,#ftable .rid,#ftable tr.f:not(.st-suppressed):not(.st-baseline)>td.st{display:none}
  #ftable tr.f>td.msg{grid-column:2/-1}
  #ftable td.rule code{overflow-wrap:break-word;font-size:9px}
  @page{margin:12mm}
  body{font-size:10px}
  header.top{background:none;border:0;padding:0}
  header.top .inner,main{max-width:none;padding:0}
  nav.toc,form.filters,div.more button,th button::after,#paged-note{display:none}
  th button{pointer-events:none}
  table.grid>thead>tr>th{position:static}
  table.grid thead{display:table-header-group}
  table.grid>*>tr>th,table.grid>*>tr>td{padding:2px 6px}
  tr,li.ident{break-inside:avoid}
  h2{break-after:avoid;margin-top:18px}
  a{color:inherit;text-decoration:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  details>summary{list-style:none}
  details>summary::-webkit-details-marker{display:none}
  details:not([open])>.det{display:none}
  #rules details,#rules tr.r-quiet,#rules.quiet,#coverage.complete table,#expiry table,#expiry h3{display:none}
  .card{padding:4px 8px}.card .n{font-size:18px}
  svg.timeline{max-height:150px;width:auto}
}
`;
