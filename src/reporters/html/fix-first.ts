// The "fix first" section of report.html: the top identities by risk, each with its findings,
// credentials, privileges and blast radius folded into one entry.
import type { ScanResult } from "../../engine/result.ts";
import {
  daysFrom,
  expiryText,
  fixFirst,
  KIND_LABEL,
  lastUseText,
  pathCount,
  pathText,
  privilegeParts,
  type IdentityEntry,
} from "../identities.ts";
import { h } from "./text.ts";
import { urgencyOf } from "./urgency.ts";

/** Identities shown open; the others are one line (a summary) until opened. */
const OPEN = 3;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function fixFirstSection(result: ScanResult): string {
  const ff = fixFirst(result);
  if (ff.top.length === 0) return "";
  const now = new Date(result.run.collectedAt);
  const out = [
    '<section id="fix-first">',
    `<h2>Fix first <span class="muted">(${ff.top.length} of ${ff.total} ${ff.total === 1 ? "identity" : "identities"} with a credential or privilege, by risk)</span></h2>`,
    '<ol class="idents">',
  ];
  for (const { identity: id, findings } of ff.top) {
    const counts = [
      plural(findings.length, "finding"),
      plural(id.credentials.length, "credential"),
      plural(id.privileges.length, "privilege"),
      `${pathCount(id)} path${pathCount(id) === "1" ? "" : "s"}`,
    ].join(" · ");
    // The first few open; the rest one line each until opened (printing keeps it so: a few pages).
    out.push(
      `<li class="ident" id="ident-${h(id.key)}"><details${id.rank <= OPEN ? " open" : ""}><summary>`,
      identityHead(id),
      `<span class="why">${h(id.risk.reason)}</span> <span class="muted counts">${counts}</span></summary><div class="ibody">`,
    );
    if (findings.length > 0) {
      out.push(
        `<h4>Findings (${findings.length})</h4><ul class="ifind">${findings
          .map(
            (f) =>
              `<li><span class="badge s-${h(f.severity)}">${h(f.severity)}</span>${f.state === "open" ? "" : ` <span class="state ${h(f.state)}">${h(f.state)}</span>`} ${h(f.message)} <a class="rule" href="?q=${encodeURIComponent(f.fingerprint)}#findings" title="Show this finding in the table"><code>${h(f.ruleId)}</code></a></li>`,
          )
          .join("")}</ul>`,
      );
    }
    if (id.credentials.length > 0) {
      out.push(
        `<h4>Credentials (${id.credentials.length})</h4><ul class="icred">${id.credentials
          .map((c) => {
            const u = c.type === "federated" ? "never" : urgencyOf(daysFrom(c.expiresOn, now));
            const expiry = c.type === "federated" ? "federated: no secret to expire" : expiryText(c.expiresOn, now);
            const name = c.displayName ? ` “${h(c.displayName)}”` : "";
            return `<li><span class="u u-${u}">${h(expiry)}</span> ${h(c.type)} on the ${c.on === "application" ? "app registration" : "service principal"}${name} <code>${h(c.keyId)}</code>; ${h(lastUseText(c))}${c.ageDays === null ? "" : `; ${c.ageDays} days old`}</li>`;
          })
          .join("")}</ul>`,
      );
    }
    if (id.privileges.length > 0) {
      out.push(
        `<h4>Privileges (${id.privileges.length})</h4><ul class="ipriv">${id.privileges
          .map((p) => {
            const parts = privilegeParts(p);
            return `<li><b>${h(parts.what)}</b> on ${h(parts.target)} <span class="muted">(${h(parts.notes.join("; "))})</span></li>`;
          })
          .join("")}</ul>`,
      );
    }
    if (id.blastRadius.length > 0) {
      out.push(
        `<h4>Blast radius: what a leaked credential reaches (${pathCount(id)})</h4><ul class="iblast">${id.blastRadius
          .map((p) => `<li>${h(pathText(p))}</li>`)
          .join("")}</ul>`,
      );
    }
    out.push("</div></details></li>");
  }
  out.push("</ol>");
  if (ff.total > ff.top.length)
    out.push(
      `<p class="muted">${ff.total - ff.top.length} more in findings.json (<code>identities</code>), ranked the same way.</p>`,
    );
  out.push("</section>");
  return out.join("\n");
}

function identityHead(id: IdentityEntry): string {
  const name = id.displayName ?? "(no name)";
  const ids = [`object ${id.objectId}`, ...(id.appId ? [`app ${id.appId}`] : [])].join(", ");
  return `<span class="ihead"><span class="rank">${id.rank}</span><span class="badge s-${h(id.risk.level)}">${h(id.risk.level)}</span> <b class="iname">${h(name)}</b> <span class="muted">${h(KIND_LABEL[id.kind])}</span> <span class="rid">${h(ids)}</span></span>`;
}
