/**
 * A browser that never answers does not hold the build: the launch has its own time-out (with a
 * pipe connection Puppeteer's never fired, and the build waited minutes), after which the
 * browser's whole process group is killed and its profile folder removed; a build stopped while
 * the browser starts leaves neither the browser nor its profile behind. The "browser" here is a
 * script that starts a child in its process group and never speaks the protocol.
 */
import { chmodSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { PdfError, PdfPrinter } from "../../src/pdf/index.js";
import { hasProcFs, listLiveGroup, listProcesses, readUserDataDir, waitUntil } from "../pdf/process-table.js";
import { binPath, ensureBuilt, makeTempDir, root } from "./run-cli.js";
import { spawn } from "node:child_process";
import { hasTestBrowser } from "../pdf/read-pdf.js";

const document = { title: "Hung Browser Release", company: "Example", periodLabel: "Q3", releaseDate: "2003-10-21", status: { kind: "final" }, subject: "s", keywords: [] } as never;

/** Profile folders of the printer in the temporary folder. */
const profiles = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith("earnings-release-chromium-")));

describe.runIf(hasProcFs)("browser time-outs", () => {
  let fake: string;

  beforeAll(() => {
    ensureBuilt(); // compiling dist/ can take a minute on a busy machine
    fake = join(makeTempDir("hung-browser"), "fake-chromium");
    // A child in the same process group, then silence: no DevTools protocol on the pipe.
    writeFileSync(fake, "#!/bin/sh\nsleep 300 &\nwait\n");
    chmodSync(fake, 0o755);
  }, 180_000);

  /** The fake browser processes started by `parent`, by their command name. */
  const fakesOf = (parent: number) =>
    listProcesses()
      .filter((info) => info.ppid === parent && info.command === "fake-chromium")
      .map((info) => info.pid);

  it("the launch times out, the browser's process group is killed and its profile removed", async () => {
    const before = profiles();
    const printer = new PdfPrinter({ browser: { executablePath: fake, source: "environment" }, launchTimeoutMs: 1500 });
    let pid: number | undefined;
    const watch = setInterval(() => (pid ??= fakesOf(process.pid)[0]), 20);
    const started = Date.now();
    try {
      const error = await printer.print("<p>x</p>", { document }).catch((caught: unknown) => caught);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(error).toBeInstanceOf(PdfError);
      expect(error).toMatchObject({ code: "browserLaunchFailed" });
      expect((error as Error).message).toMatch(/did not answer within 1\.5 s of starting and was stopped/);
    } finally {
      clearInterval(watch);
      await printer.close();
    }
    expect(pid, "the fake browser ran").toBeDefined();
    expect(await waitUntil(() => listLiveGroup(pid!).length === 0, 5_000), "a process of the browser's group outlived the time-out").toBe(true);
    expect([...profiles()].filter((name) => !before.has(name))).toEqual([]);
  }, 30_000);

  it("warmUp resolves once the browser's process is started, not when it answers, and never rejects", async () => {
    const before = profiles();
    // A launch that would time out after 20 s: a warm-up that waited for the browser to answer would take that long.
    const printer = new PdfPrinter({ browser: { executablePath: fake, source: "environment" }, launchTimeoutMs: 20_000 });
    const earlier = new Set(fakesOf(process.pid)); // an earlier test's, not yet reaped
    const started = Date.now();
    try {
      await printer.warmUp();
      expect(Date.now() - started).toBeLessThan(15_000);
      // Started by the time the promise resolves, not later: the caller's synchronous work comes next.
      expect(
        fakesOf(process.pid).filter((pid) => !earlier.has(pid)),
        "the browser's process was started",
      ).toHaveLength(1);
    } finally {
      await printer.close();
    }
    expect(Date.now() - started, "close() stopped the starting browser rather than waiting out its launch").toBeLessThan(15_000);
    expect([...profiles()].filter((name) => !before.has(name))).toEqual([]);
    // A browser that cannot start at all: the warm-up still resolves, and the first print says why.
    const missing = new PdfPrinter({ browser: { executablePath: join(tmpdir(), "no-such-chromium-here"), source: "environment" } });
    try {
      await expect(missing.warmUp()).resolves.toBeUndefined();
      await expect(missing.print("<p>x</p>", { document })).rejects.toMatchObject({ code: "browserLaunchFailed" });
    } finally {
      await missing.close();
    }
  }, 30_000);

  it.runIf(hasTestBrowser)(
    "a print time-out with a browser that no longer answers kills its process group; the next print starts another",
    async () => {
      const printer = new PdfPrinter();
      try {
        await printer.print("<p>warm</p>", { document });
        const pid = printer.browserProcessId!;
        // A hung browser: every process of its group stopped, so none answers.
        process.kill(-pid, "SIGSTOP");
        const started = Date.now();
        const error = await printer.print("<p>x</p>", { document, timeoutMs: 3_000 }).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: "renderTimeout" });
        expect(Date.now() - started).toBeLessThan(15_000);
        expect(await waitUntil(() => listLiveGroup(pid).length === 0, 5_000), "the hung browser outlived its time-out").toBe(true);
        const pdf = await printer.print("<p>again</p>", { document });
        expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe("%PDF-");
        expect(printer.browserProcessId).not.toBe(pid);
      } finally {
        await printer.close();
      }
    },
    60_000,
  );

  it("a build stopped (SIGTERM) while the browser starts leaves no browser and no profile", async () => {
    const out = makeTempDir("hung-browser-out");
    const child = spawn(process.execPath, [binPath, "build", "data/atg/2003-q3.yaml", "--out", out, "--format", "pdf"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: fake },
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    let pid: number | undefined;
    expect(await waitUntil(() => (pid = fakesOf(child.pid!)[0]) !== undefined, 20_000), "the fake browser started").toBe(true);
    const profile = readUserDataDir(pid!);
    expect(profile && existsSync(profile)).toBe(true);
    child.kill("SIGTERM");
    await exited;
    expect(await waitUntil(() => listLiveGroup(pid!).length === 0, 5_000), "the browser outlived the build").toBe(true);
    expect(existsSync(profile!), "the profile folder was left").toBe(false);
  }, 60_000);

  it("a process that dies of an uncaught error just after the warm-up leaves no profile folder", async () => {
    // The child's own temporary folder: its profile folder is made there, and nothing else is.
    const temporary = makeTempDir("warm-up-crash");
    const script = `import { PdfPrinter } from ${JSON.stringify(pathToFileURL(join(root, "dist/pdf/index.js")).href)};
void new PdfPrinter({ browser: { executablePath: ${JSON.stringify(fake)}, source: "environment" } }).warmUp();
throw new Error("boom");
`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: temporary } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
    expect(code, stderr).toBe(1);
    expect(stderr).toContain("boom");
    expect(readdirSync(temporary)).toEqual([]);
  }, 30_000);

  it("through the CLI, a browser that never answers is a PDF error and exit 2, within the launch time-out", async () => {
    const out = makeTempDir("hung-browser-cli");
    const child = spawn(process.execPath, [binPath, "build", "data/atg/2003-q3.yaml", "--out", out, "--format", "pdf"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: fake },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let pid: number | undefined;
    const watch = setInterval(() => (pid ??= fakesOf(child.pid!)[0]), 50);
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
    clearInterval(watch);
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/did not answer within 30 s of starting and was stopped/);
    expect(stderr).not.toContain("internal error");
    if (pid !== undefined) expect(await waitUntil(() => listLiveGroup(pid!).length === 0, 5_000)).toBe(true);
  }, 60_000);
});
