import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { visible } from "../text/inert.ts";
import { sh, shJson } from "./shell.ts";

// What the shell does with the word is the test: sh prints it back, runs nothing.
function echoed(word: string): string {
  return execFileSync("sh", ["-c", `printf '%s' ${word}`], { encoding: "utf8" });
}

const HOSTILE = [
  "$(touch /tmp/azaudit-pwned)",
  "`id`",
  "'; rm -rf ~; echo '",
  'a"b\\c$HOME',
  "name with spaces & | ; > <",
  "line\nbreak",
  "bidi\u202eevil",
  "-rf",
  "",
  "*",
];

describe("sh", () => {
  it("leaves plain ids and GUIDs as they are", () => {
    expect(sh("6ff4b92e-0146-4ca4-babe-8b321a3417ac")).toBe("6ff4b92e-0146-4ca4-babe-8b321a3417ac");
    expect(sh("/subscriptions/x/resourceGroups/rg-a")).toBe("/subscriptions/x/resourceGroups/rg-a");
  });

  it.each(HOSTILE)("makes %j one literal word", (value) => {
    const word = sh(value);
    expect(echoed(word)).toBe(visible(value));
    expect(word).not.toMatch(/[\n\u202e]/);
  });

  it("quotes JSON bodies whole", () => {
    const body = { name: "x'y", subject: "repo:o/r:ref:refs/heads/main" };
    expect(JSON.parse(echoed(shJson(body)))).toEqual(body);
  });
});
