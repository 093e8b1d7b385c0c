import { describe, expect, it } from "vitest";
import { codeSpan, escapeMarkdown } from "./escape.ts";

describe("escapeMarkdown", () => {
  it.each([
    ["@admin please look", "`@admin please look`"],
    ["mail alice@contoso.example", "`mail alice@contoso.example`"],
    ["see https://attacker.example/x", "`see https://attacker.example/x`"],
    ["www.attacker.example", "`www.attacker.example`"],
  ])("puts %j, which GitHub would link or mention, in a code span", (text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });

  it("leaves an @ that mentions no one as escaped text", () => {
    expect(escapeMarkdown("Owner @ /subscriptions/x (prod)")).toBe("Owner @ /subscriptions/x \\(prod\\)");
  });

  it("shows control characters and never lets a line break end the cell", () => {
    expect(escapeMarkdown("a\u001b[2J\r\nb\u202e")).toBe("a\\\\x1b\\[2J\\\\x0d\\\\x0ab\\\\u202e");
  });
});

describe("codeSpan", () => {
  it("fences around backticks and escapes the cell separator", () => {
    expect(codeSpan("a`b``c|d")).toBe("```a`b``c\\|d```");
    expect(codeSpan("`edge`")).toBe("`` `edge` ``");
  });
});
