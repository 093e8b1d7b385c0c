import { EventEmitter } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InputError } from "./errors.ts";
import { LOCK_FILE, acquireReportLock } from "./report-set.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "azaudit-set-"));
  dirs.push(d);
  return d;
}

/** A stand-in for `process`: signals are emitted by the test, exit is recorded, not performed. */
function fakeProcess(pid = 4242) {
  const ee = new EventEmitter();
  const exits: number[] = [];
  return {
    pid,
    exits,
    on: (e: string, l: (...a: unknown[]) => void) => ee.on(e, l),
    off: (e: string, l: (...a: unknown[]) => void) => ee.off(e, l),
    exit: (code?: number) => {
      exits.push(code ?? 0);
    },
    emit: (e: NodeJS.Signals) => ee.emit(e, e),
    listeners: () => ee.listenerCount("SIGINT") + ee.listenerCount("SIGTERM"),
  } as unknown as NodeJS.Process & { exits: number[]; emit(e: NodeJS.Signals): void; listeners(): number };
}

describe("report sets", () => {
  it("writes the set, removes the older set's other reports, and leaves no lock or staging folder", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "report.html"), "old html of another scan");
    writeFileSync(join(dir, "notes.txt"), "the user's own file");
    const proc = fakeProcess();
    const lock = acquireReportLock(dir, { proc });
    const files = lock.commit(
      [
        { name: "findings.json", body: "{}\n" },
        { name: "azaudit.sarif", body: "{}\n" },
      ],
      ["findings.json", "azaudit.sarif", "report.html"],
    );
    lock.release();
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(["findings.json", "azaudit.sarif"]);
    expect(readdirSync(dir).sort()).toEqual(["azaudit.sarif", "findings.json", "notes.txt"]);
    expect(proc.listeners()).toBe(0);
  });

  it("writes a report given in pieces as they come, and keeps the previous set when rendering one fails midway", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "findings.json"), "the previous scan's findings");
    const proc = fakeProcess();
    const lock = acquireReportLock(dir, { proc });
    const rendered: number[] = [];
    function* failing(): Generator<string> {
      yield "[";
      throw new Error("render failed at finding 2");
    }
    expect(() => lock.commit([{ name: "findings.json", body: failing() }], ["findings.json"])).toThrow(
      "render failed at finding 2",
    );
    expect(readFileSync(join(dir, "findings.json"), "utf8")).toBe("the previous scan's findings");
    function* pieces(): Generator<string> {
      for (let i = 0; i < 3; i++) {
        rendered.push(i);
        yield `${i ? "," : "["}${i}`;
      }
      yield "]\n";
    }
    lock.commit([{ name: "findings.json", body: pieces() }], ["findings.json"]);
    lock.release();
    expect(rendered).toEqual([0, 1, 2]);
    expect(readFileSync(join(dir, "findings.json"), "utf8")).toBe("[0,1,2]\n");
    expect(readdirSync(dir)).toEqual(["findings.json"]);
  });

  it("refuses a second scan into a folder whose lock a running scan holds, naming the pid and the fix", () => {
    const dir = tempDir();
    const first = acquireReportLock(dir, { proc: fakeProcess(1111), isAlive: () => true });
    let err: unknown;
    try {
      acquireReportLock(dir, { proc: fakeProcess(2222), isAlive: () => true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).render()).toMatch(
      /another azaudit scan \(pid 1111\) is writing its reports here[\s\S]*another --out/,
    );
    first.release();
    // once released, the next scan takes it
    acquireReportLock(dir, { proc: fakeProcess(2222), isAlive: () => true }).release();
  });

  it("takes over the lock a dead scan left behind", () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), "999999\n");
    const lock = acquireReportLock(dir, { proc: fakeProcess(3333), isAlive: () => false });
    expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toBe("3333\n");
    lock.release();
  });

  it("on SIGTERM before the set is moved in: removes the lock, keeps the previous set, exits 143", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "findings.json"), "previous");
    const proc = fakeProcess();
    acquireReportLock(dir, { proc });
    proc.emit("SIGTERM");
    expect(proc.exits).toEqual([143]);
    expect(readdirSync(dir)).toEqual(["findings.json"]);
    expect(readFileSync(join(dir, "findings.json"), "utf8")).toBe("previous");
  });

  it("a folder that is a file is exit-2 input naming the path", () => {
    const dir = tempDir();
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "x");
    const rendered = (d: string) => {
      try {
        acquireReportLock(d, { proc: fakeProcess() });
      } catch (e) {
        return (e as InputError).render();
      }
      return "no error";
    };
    expect(rendered(file)).toMatch(/^error: .*not-a-folder: the report folder is a file, or lies under one/);
    expect(rendered(join(file, "below"))).toMatch(
      /not-a-folder\/below: the report folder is a file, or lies under one[\s\S]*fix: pass --out a folder/,
    );
  });
});
