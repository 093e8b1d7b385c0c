import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redact } from "./log.ts";

describe("redact", () => {
  it.each([
    ["Authorization: Bearer abc.def.ghi123", "abc.def"],
    ['{"authorization":"Bearer eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2ln"}', "eyJ0eXAi"],
    ['{"access_token":"xyz123456789","expires_on":"1"}', "xyz123456789"],
    ["x-identity-header=deadbeefcafe", "deadbeefcafe"],
    ["GET https://x/?client_secret=s3cr3tvalue&y=1", "s3cr3tvalue"],
    ["token eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGkifQ.sig-part_1 in a message", "eyJhbGciOiJSUzI1NiJ9"],
    ['"secretText": "Qx8~abcdefghijkl"', "Qx8~abcdefghijkl"],
  ])("removes the secret from %j", (line, secret) => {
    expect(redact(line)).not.toContain(secret);
  });

  it("leaves ordinary lines alone", () => {
    const line = "ARM GET https://management.azure.com/subscriptions/x/providers/Microsoft.Authorization/roleAssignments -> 200 (12 ms)";
    expect(redact(line)).toBe(line);
  });
});

describe("logger", () => {
  it("redacts every level, keeps verbose off unless asked and quiet silences info only", () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on("data", (d) => lines.push(String(d)));
    const log = createLogger(out, { quiet: true, verbose: false, extraSecrets: () => ["hunter2hunter2"] });
    log.info("info Bearer abcdefghijkl");
    log.verbose("verbose");
    log.warn("warn hunter2hunter2");
    log.error("error Authorization: Bearer zzzzzzzzzzzz");
    const text = lines.join("");
    expect(text).not.toContain("info");
    expect(text).not.toContain("verbose");
    expect(text).toContain("warning: warn [REDACTED]");
    expect(text).not.toContain("zzzzzzzzzzzz");
  });
});
