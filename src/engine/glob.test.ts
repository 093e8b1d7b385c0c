import { describe, expect, it } from "vitest";
import { compileGlob, globProblem, MAX_GLOB_LENGTH } from "./glob.ts";

const ID =
  "/subscriptions/08be8593-ffd6-58bd-9667-9a1fd9ca2141/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-prod";

describe("compileGlob", () => {
  it.each([
    [ID, ID, true],
    [ID.toUpperCase(), ID, true],
    ["/subscriptions/*/resourceGroups/rg-web/**", ID, true],
    ["/subscriptions/*/resourceGroups/rg-web/*", ID, false],
    ["/subscriptions/**/sites/web-prod", ID, true],
    ["/subscriptions/**/sites/web-pro?", ID, true],
    ["/subscriptions/**/sites/web-pro", ID, false],
    ["**", ID, true],
    ["*", ID, false],
    ["/subscriptions/*", "/subscriptions/x", true],
    ["/subscriptions/*", "/subscriptions/x/y", false],
    ["/subscriptions/x?", "/subscriptions/x/", false],
    ["a*b*c", "abc", true],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXbYY", false],
    ["", "", true],
    ["", "x", false],
  ])("%j against %j is %j", (glob, text, expected) => {
    expect(compileGlob(glob).test(text)).toBe(expected);
  });

  it("does work bounded by pattern × id length for many stars (a backtracking matcher's is exponential)", () => {
    const text = `${"a".repeat(5000)}!`;
    for (const stars of [10, 24, 100]) {
      const pattern = `${"*a".repeat(stars)}*b`;
      const glob = compileGlob(pattern);
      expect(glob.test(text)).toBe(false);
      expect(glob.steps).toBeGreaterThan(0);
      expect(glob.steps).toBeLessThanOrEqual((pattern.length + 1) * (text.length + 1));
    }
  });
});

describe("globProblem", () => {
  it("accepts ids and ordinary globs, and refuses what cannot be matched sensibly", () => {
    expect(globProblem(ID)).toBeNull();
    expect(globProblem("/subscriptions/*/resourceGroups/**")).toBeNull();
    expect(globProblem("")).toMatch(/empty/);
    expect(globProblem("a***b")).toMatch(/three or more/);
    expect(globProblem("a\u001b[2Jb")).toMatch(/control character/);
    expect(globProblem("x".repeat(MAX_GLOB_LENGTH + 1))).toMatch(/at most/);
  });
});
