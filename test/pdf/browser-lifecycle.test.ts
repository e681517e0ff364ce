import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";
import { PdfError, PdfPrinter } from "../../src/pdf/index.js";
import { hasProcFs, listProcessGroup, readUserDataDir, waitUntil } from "./process-table.js";
import { describeWithBrowser, readPdfText } from "./read-pdf.js";
import { buildSamplePage, sampleInfo } from "./sample-page.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Kills a browser the way a crash would: the whole process group at once. */
function crash(pid: number): void {
  process.kill(-pid, "SIGKILL");
}

/**
 * Asserts what a closed browser leaves: nothing running, no zombie that is ours to reap, and
 * (once the system's init has reaped the orphans Chromium's shutdown makes) nothing at all.
 */
async function expectNothingLeft(pid: number): Promise<void> {
  if (!hasProcFs) return;
  expect(
    listProcessGroup(pid).filter((p) => p.ppid === process.pid),
    "zombies of this process",
  ).toEqual([]);
  // Killed children can take a moment to die; a browser left running would not, within seconds.
  expect(await waitUntil(() => listProcessGroup(pid).every((p) => p.state === "Z"), 3_000), "processes still running").toBe(true);
  expect(await waitUntil(() => listProcessGroup(pid).length === 0, 10_000), "processes left").toBe(true);
}

describeWithBrowser("PdfPrinter browser lifecycle", () => {
  it("launches one browser for many documents and closes it without leaving a process or its profile", async () => {
    const printer = new PdfPrinter();
    expect(printer.browserProcessId).toBeUndefined();
    await printer.print("<p>one</p>", { document: sampleInfo(true) });
    const pid = printer.browserProcessId;
    expect(pid).toBeTypeOf("number");
    await printer.print("<p>two</p>", { document: sampleInfo(true) });
    expect(printer.browserProcessId).toBe(pid);
    const profile = hasProcFs ? readUserDataDir(pid!) : undefined;
    if (hasProcFs) expect(profile && existsSync(profile)).toBe(true);

    await printer.close();
    expect(printer.browserProcessId).toBeUndefined();
    if (profile !== undefined) expect(existsSync(profile)).toBe(false);
    await expectNothingLeft(pid!);
    await expect(printer.print("<p>late</p>", { document: sampleInfo(true) })).rejects.toMatchObject({ code: "printerClosed" });
  });

  it("restarts a crashed browser once, then gives up with a clear error", async () => {
    const printer = new PdfPrinter();
    try {
      await printer.print("<p>before</p>", { document: sampleInfo(true) });
      const first = printer.browserProcessId!;
      crash(first);
      const { pages } = await readPdfText(await printer.print("<p>after a crash</p>", { document: sampleInfo(true) }));
      expect(pages[0]).toContain("after a crash");
      expect(printer.restarts).toBe(1);
      const second = printer.browserProcessId!;
      expect(second).not.toBe(first);
      await expectNothingLeft(first);

      crash(second);
      const again = printer.print("<p>after a second crash</p>", { document: sampleInfo(true) });
      await expect(again).rejects.toBeInstanceOf(PdfError);
      await expect(again).rejects.toMatchObject({ code: "browserCrashed" });
    } finally {
      await printer.close();
    }
  });

  it("finishes the documents in flight when the browser dies mid-build", async () => {
    const printer = new PdfPrinter();
    try {
      await printer.print("<p>warm</p>", { document: sampleInfo(true) });
      const pid = printer.browserProcessId!;
      const inFlight = [1, 2, 3].map(() => printer.print(buildSamplePage({ final: true }), { document: sampleInfo(true) }));
      setTimeout(() => crash(pid), 50);
      const pdfs = await Promise.all(inFlight);
      for (const pdf of pdfs) expect((await readPdfText(pdf)).pages).toHaveLength(5);
      expect(printer.restarts).toBeLessThanOrEqual(1);
    } finally {
      await printer.close();
    }
  });

  it.skipIf(!hasProcFs)("kills the browser when the process gets SIGTERM or SIGINT", async () => {
    const script = compileChildScript();
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const child = spawn(process.execPath, [script], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
      const pid = await new Promise<number>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /browser (\d+)/.exec(out);
          if (match) resolve(Number(match[1]));
        });
        child.once("exit", (code) => reject(new Error(`child exited early (${code}): ${out}`)));
      });
      expect(listProcessGroup(pid).length).toBeGreaterThan(0);
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, sig) => resolve(sig)));
      child.kill(signal);
      // No listener of its own: the printer kills the browser, then the signal ends the process as usual.
      expect(await exited).toBe(signal);
      // SIGKILL is delivered at once but a busy process may take a moment to die: wait for it,
      // briefly (a browser left alive would stay), rather than read the table at the very instant.
      expect(await waitUntil(() => listProcessGroup(pid).every((p) => p.state === "Z"), 3_000)).toBe(true);
      expect(await waitUntil(() => listProcessGroup(pid).length === 0, 10_000)).toBe(true);
    }
  });
});

/**
 * A child process that prints once and waits to be signalled. The PDF modules are transpiled to
 * JavaScript under node_modules/.cache, where `puppeteer` and `pdf-lib` resolve.
 */
function compileChildScript(): string {
  const out = join(root, "node_modules", ".cache", "earnings-release-pdf-test");
  mkdirSync(join(out, "pdf"), { recursive: true });
  const sourceDir = join(root, "src", "pdf");
  for (const file of readdirSync(sourceDir).filter((name) => name.endsWith(".ts"))) {
    const { outputText } = ts.transpileModule(readFileSync(join(sourceDir, file), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    writeFileSync(join(out, "pdf", file.replace(/\.ts$/, ".js")), outputText);
  }
  writeFileSync(join(out, "package.json"), '{ "type": "module" }\n');
  const script = join(out, "signal-child.js");
  writeFileSync(
    script,
    `import { PdfPrinter } from "./pdf/pdf-printer.js";
const printer = new PdfPrinter();
const document = { title: "t", company: "c", periodLabel: "p", releaseDate: "2003-10-21", status: { final: true }, subject: "s", keywords: [] };
await printer.print("<p>x</p>", { document });
process.stdout.write("browser " + printer.browserProcessId + "\\n");
setInterval(() => {}, 1000);
`,
  );
  return script;
}
