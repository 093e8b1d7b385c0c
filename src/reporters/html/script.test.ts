import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REPORT_SCRIPT_PATH, reportScriptModule } from "../../../scripts/report-script.ts";
import { readState, writeState } from "./client/url-state.ts";
import { NO_SUB } from "./layout.ts";
import { SCRIPT } from "./script.generated.ts";

describe("the page script of report.html", () => {
  it("is the bundle of html/client/ as the sources are now (run `npm run gen` after changing them)", () => {
    expect(readFileSync(REPORT_SCRIPT_PATH, "utf8")).toBe(reportScriptModule());
  });

  it("is one classic script: ASCII, no module syntax, nothing that could end its element", () => {
    const codes = Array.from({ length: SCRIPT.length }, (_, i) => SCRIPT.charCodeAt(i));
    expect(codes.filter((c) => c !== 9 && c !== 10 && (c < 32 || c > 126))).toEqual([]);
    expect(SCRIPT).not.toMatch(/<\/|<!--/);
    expect(SCRIPT).not.toMatch(/^\s*(import|export)\s/m);
    expect(SCRIPT.trimStart().startsWith('"use strict";\n(() => {')).toBe(true);
  });
});

describe("filters in the address", () => {
  it("round-trips facet values, search and sort; the no-subscription facet has a marker", () => {
    const state = { facets: { severity: "high", sub: "", rule: "a&b=c" }, q: "owner sp", sort: "-resource" };
    const search = writeState(state);
    expect(search).toBe(`?severity=high&rule=a%26b%3Dc&sub=${NO_SUB}&q=owner+sp&sort=-resource`);
    expect(readState(search)).toEqual({
      facets: { severity: "high", rule: "a&b=c", sub: "" },
      q: "owner sp",
      sort: "-resource",
    });
  });

  it("is empty for the default view, and reads an address without filters as none", () => {
    expect(writeState({ facets: {}, q: "", sort: "" })).toBe("");
    expect(readState("")).toEqual({ facets: {}, q: "", sort: "" });
    expect(readState("?unrelated=1")).toEqual({ facets: {}, q: "", sort: "" });
  });
});
