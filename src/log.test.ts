import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, createRedactor, redact } from "./log.ts";

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
    const line =
      "ARM GET https://management.azure.com/subscriptions/x/providers/Microsoft.Authorization/roleAssignments -> 200 (12 ms)";
    expect(redact(line)).toBe(line);
  });
});

describe("logger", () => {
  it("redacts every level, keeps verbose off unless asked and quiet silences info only", () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on("data", (d) => lines.push(String(d)));
    const redactor = createRedactor();
    redactor.addSecret("hunter2hunter2");
    const log = createLogger(out, { quiet: true, verbose: false, redactor });
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

describe("redactor", () => {
  it("blanks out the run's own secrets and the environment's, longest first, and ignores short values", () => {
    const r = createRedactor({
      IDENTITY_HEADER: "6f1c0c54-identity-header",
      AZURE_CLIENT_SECRET: "Qx8~clientsecretvalue",
      PATH: "/usr/bin:/bin",
    });
    r.addSecret("tok-0123456789abcdef");
    r.addSecret("tok-0123456789abcdef-longer");
    r.addSecret("short");
    const text = r.redact(
      "h=6f1c0c54-identity-header s=Qx8~clientsecretvalue t=tok-0123456789abcdef-longer u=tok-0123456789abcdef p=/usr/bin:/bin short",
    );
    expect(text).toBe("h=[REDACTED] s=[REDACTED] t=[REDACTED] u=[REDACTED] p=/usr/bin:/bin short");
  });

  it("covers client_assertion and password fields as well as the earlier forms", () => {
    const r = createRedactor();
    expect(r.redact("client_assertion=abcdefghij&x=1")).not.toContain("abcdefghij");
    expect(r.redact('{"password":"Sup3rS3cret!"}')).not.toContain("Sup3rS3cret");
  });
});

describe("logger output is inert", () => {
  it("shows escape sequences, bidi controls and carriage returns instead of writing them", () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on("data", (d) => chunks.push(String(d)));
    const log = createLogger(out, { quiet: false, verbose: false });
    log.warn("name \u001b[2J\u001b]8;;https://evil\u0007x\u001b]8;;\u0007 \u202egnp.exe\rforged: line");
    log.info("verdict", { color: 31 });
    const text = chunks.join("");
    expect(text).toContain("\\x1b[2J");
    expect(text).toContain("\\u202e");
    expect(text).toContain("\\x0d");
    // the only escape sequence on the stream is the logger's own colour
    expect(text.replace("\u001b[31mverdict\u001b[0m", "")).not.toMatch(
      // eslint-disable-next-line no-control-regex -- asserting no control character reached the stream
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/,
    );
  });
});
