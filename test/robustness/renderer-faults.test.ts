/**
 * Faults in the renderer: Chromium killed mid-build is restarted and the build finishes, saying
 * which documents were printed again; a render time-out is a clear error; no browser outlives
 * the command.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PdfError, PdfPrinter } from "../../src/pdf/index.js";
import { findBrowser } from "../../src/pdf/index.js";
import { findBrowsersOf, listLiveGroup, waitUntil } from "../pdf/process-table.js";
import { ensureBuilt, listFiles, makeTempDir, root, spawnCli } from "./run-cli.js";

const hasBrowser = (() => {
  try {
    findBrowser();
    return process.platform === "linux";
  } catch {
    return false;
  }
})();
const periods = ["2002", "2003", "2004"].flatMap((year) => ["q1", "q2", "q3", "q4"].map((quarter) => `${year}-${quarter}`));

describe.runIf(hasBrowser)("renderer faults", () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it("Chromium killed mid-build: restarted, every PDF written, the retried documents named, nothing left running", async () => {
    const dir = makeTempDir("crash");
    const data = join(dir, "atg");
    const out = join(dir, "out");
    mkdirSync(data);
    copyFileSync(join(root, "data/atg/company.yaml"), join(data, "company.yaml"));
    const quarter = readFileSync(join(root, "data/atg/2003-q3.yaml"), "utf8");
    for (const period of periods) writeFileSync(join(data, `${period}.yaml`), quarter.replace("period: 2003-q3", `period: ${period}`));

    const child = spawnCli(["build", data, "--out", out, "--format", "pdf"]);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const browsers = new Set<number>();
    const watch = setInterval(() => findBrowsersOf(child.pid!).forEach((pid) => browsers.add(pid)), 20);
    try {
      expect(await waitUntil(() => browsers.size > 0, 30_000), "a browser started").toBe(true);
      const [first] = [...browsers];
      // Once the first release is written the others are printing or waiting: kill then.
      expect(await waitUntil(() => listFiles(out).some((file) => file.endsWith("release.pdf")), 60_000)).toBe(true);
      process.kill(-first!, "SIGKILL"); // the whole browser, as a crash would take it
      const code = await exited;
      expect(code, stderr).toBe(0);
    } finally {
      clearInterval(watch);
    }
    expect(stderr).toMatch(/PDF: Chromium stopped unexpectedly and was restarted; (printed again: .*2\d\d\d-q\d\.yaml|no document was being printed)/);
    expect(browsers.size, "a second browser was launched").toBeGreaterThanOrEqual(2);
    for (const period of periods) {
      const pdf = readFileSync(join(out, "atg", period, "release.pdf"));
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(pdf.subarray(-8).toString()).toMatch(/%%EOF/);
    }
    expect(listFiles(out).filter((file) => file.endsWith(".tmp"))).toEqual([]);
    for (const pid of browsers) expect(await waitUntil(() => listLiveGroup(pid).length === 0, 10_000), `browser ${pid} outlived the command`).toBe(true);
  }, 120_000);

  it("a render time-out is a PdfError naming the document and the limit, and the browser is gone after close", async () => {
    const printer = new PdfPrinter({ timeoutMs: 1 });
    let pid: number | undefined;
    try {
      const printing = printer.print(`<p>${"figure ".repeat(50_000)}</p>`, {
        document: { title: "Slow Release", company: "Example", periodLabel: "Q3", releaseDate: "2003-10-21", status: { kind: "final" }, subject: "s", keywords: [] } as never,
      });
      const error = await printing.catch((caught: unknown) => caught);
      pid = printer.browserProcessId;
      expect(error).toBeInstanceOf(PdfError);
      expect(error).toMatchObject({ code: "renderTimeout" });
      expect((error as Error).message).toMatch(/"Slow Release" to PDF took longer than 0.001 s/);
    } finally {
      await printer.close();
    }
    if (pid !== undefined) expect(await waitUntil(() => listLiveGroup(pid).length === 0, 10_000)).toBe(true);
  }, 60_000);
});
