/**
 * `npm run bench [-- --json] [--n 50] [--memory-n 500] [--repeat 15] [--pairs 3]`: how fast the tool is, and
 * how close to the floor Chromium's own printing sets, measured in one run on the same pages.
 *
 * Figures: stage medians of the default release; cold CLI (one release, all formats, process start
 * to exit); a batch of N generated quarter files built by one `build` call; the floor (a bare
 * Puppeteer loop: one browser, two warm pages reused) and the naive way (a browser per document)
 * on the same HTML pages; LibreOffice's docx-to-PDF when `soffice` exists; memory over a long run.
 * Offline: everything it needs is in the repository and node_modules.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer";
import { parseDocument } from "yaml";
import { compileDist } from "./bundle-cli.js";
import { findQuarterFiles } from "../src/cli/inputs.js";
import { readCheckSources, runChecks } from "../src/checks/run-checks.js";
import { composeRelease } from "../src/compose/release.js";
import { loadRelease } from "../src/data/load.js";
import { buildPageMarginCss, findBrowser, fontFaceCss, injectHeadStyle, pageMargins, PdfPrinter, respondWithShippedFont, setPdfMetadata } from "../src/pdf/index.js";
import { normalizeNodeIds } from "../src/pdf/normalize-node-ids.js";
import { writeEdgarHtml } from "../src/writers/edgar/index.js";
import { writeDocx } from "../src/writers/docx/index.js";
import { writeHtml } from "../src/writers/html/index.js";
import { writeText } from "../src/writers/text/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "dist/cli/bin.js");
const defaultRelease = join(root, "data/atg/2003-q3.yaml");
/** The largest embedded example (about 2,800 table figures). */
const largeRelease = join(root, "data/johnson-johnson/2023-q2.yaml");

/**
 * The environment of every process the bench starts. The sandbox this was measured in sets
 * NODE_EXTRA_CA_CERTS, which makes every node process read and parse a certificate bundle at
 * start-up (about 80 ms here); the tool makes no network request, and a user's machine does not
 * set it, so it is left out. `node_start_s` is a bare `node -e 0` in the same environment.
 */
const childEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NODE_EXTRA_CA_CERTS"));

interface BenchOptions {
  readonly json: boolean;
  readonly n: number;
  readonly memoryN: number;
  readonly repeat: number;
  readonly naiveN: number;
  /** Batch and floor runs, interleaved (the figures are their medians). */
  readonly pairs: number;
}

function parseArguments(argv: readonly string[]): BenchOptions {
  const value = (name: string, fallback: number): number => {
    const index = argv.indexOf(name);
    if (index < 0) return fallback;
    const parsed = Number(argv[index + 1]);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} takes a whole number, got "${argv[index + 1]}"`);
    return parsed;
  };
  return {
    json: argv.includes("--json"),
    n: Math.max(1, value("--n", 50)),
    memoryN: value("--memory-n", 500),
    repeat: Math.max(1, value("--repeat", 15)),
    naiveN: Math.max(1, value("--naive-n", 6)),
    pairs: Math.max(1, value("--pairs", 3)),
  };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
const log = (options: BenchOptions, line: string): void => {
  if (!options.json) process.stderr.write(`${line}\n`);
};

/** Compiles dist/ when it is missing or older than a source file (the CLI is measured as shipped). */
function ensureCompiled(): void {
  const newest = (folder: string): number =>
    readdirSync(folder, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(folder, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  if (existsSync(bin) && statSync(bin).mtimeMs >= newest(join(root, "src"))) return;
  // tsc emits despite type errors; a tree mid-edit still gets measured, with a warning.
  const status = compileDist();
  if (!existsSync(bin)) throw new Error("npm run build failed; the bench measures the compiled CLI");
  if (status !== 0) process.stderr.write("bench: tsc reported type errors; measuring what it emitted\n");
}

/** Stage medians of the default release, in milliseconds. */
async function measureStages(options: BenchOptions): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = { load_validate: [], compute: [], compose: [], text: [], html: [], docx: [], pdf: [] };
  const printer = new PdfPrinter();
  try {
    for (let run = 0; run <= options.repeat; run++) {
      const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
        const started = performance.now();
        const result = await work();
        if (run > 0) samples[stage]!.push(performance.now() - started); // run 0 warms up
        return result;
      };
      const release = await time("load_validate", () => loadRelease(defaultRelease));
      // Compute and check: the tie-out checks evaluate every figure they tie, on a fresh fact book.
      const fresh = loadRelease(defaultRelease);
      await time("compute", () => runChecks(fresh));
      const document = await time("compose", () => composeRelease(release));
      await time("text", () => writeText(document));
      const style = release.quarter.style ?? release.company.style;
      const html = await time("html", () => writeHtml(document, { style }));
      await time("docx", () => writeDocx(document));
      await time("pdf", () => printer.print(html, { document: document.meta }));
    }
  } finally {
    await printer.close();
  }
  const stages = Object.fromEntries(Object.entries(samples).map(([stage, values]) => [stage, median(values)]));
  return Object.fromEntries(Object.entries(stages).map(([stage, value]) => [stage, round(value, 2)]));
}

/** Runs a command to its end; resolves to its wall time in seconds. */
function runTimed(
  args: readonly string[],
  cwd = root,
  onSpawn?: (pid: number) => void,
  env: NodeJS.ProcessEnv = childEnv,
): Promise<{ seconds: number; stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(args[0]!, args.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    if (child.pid !== undefined) onSpawn?.(child.pid);
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ seconds: (performance.now() - started) / 1000, stdout, stderr, code }));
  });
}

/** The CLI building `inputs` into a fresh folder; throws when the build fails. */
async function runBuild(inputs: readonly string[], out: string, onSpawn?: (pid: number) => void, nodeArgs: readonly string[] = []): Promise<number> {
  rmSync(out, { recursive: true, force: true });
  const result = await runTimed([process.execPath, ...nodeArgs, bin, "build", ...inputs, "--out", out], root, onSpawn);
  if (result.code !== 0) throw new Error(`build failed (exit ${result.code}):\n${result.stderr.slice(0, 2000)}`);
  return result.seconds;
}

/**
 * A module node loads before the CLI (`--import`) that writes, when the process exits, its own CPU
 * time (`process.cpuUsage`: every thread of node, not Chromium).
 */
function writeCpuProbe(work: string): { args: string[]; read: () => { nodeSeconds: number } } {
  const probe = join(work, "cpu-probe.mjs");
  const report = join(work, "cpu-probe.json");
  writeFileSync(
    probe,
    `import { writeFileSync } from "node:fs";
process.on("exit", () => {
  const usage = process.cpuUsage();
  writeFileSync(${JSON.stringify(report)}, JSON.stringify({ node: (usage.user + usage.system) / 1e6 }));
});
`,
  );
  return {
    args: ["--import", pathToFileURL(probe).href],
    read: () => {
      const { node } = JSON.parse(readFileSync(report, "utf8")) as { node: number };
      rmSync(report, { force: true });
      return { nodeSeconds: node };
    },
  };
}

const ticksPerSecond = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc; 0 once it is gone. */
function readCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/**
 * The CPU time of every process below `root()` (Chromium and its helpers), sampled every 50 ms:
 * each process counts with the last figure seen before it ended. (A process's reaped children's
 * time, cutime, misses the renderers: Chromium's zygote forks them and they die with it.)
 */
function trackDescendantCpu(root: () => number | undefined): () => number {
  const seen = new Map<number, number>();
  const sampleAll = () => {
    const pid = root();
    if (pid === undefined) return;
    for (const child of descendants(pid)) seen.set(child, Math.max(seen.get(child) ?? 0, readCpuSeconds(child)));
  };
  const timer = setInterval(sampleAll, 50);
  return () => {
    clearInterval(timer);
    return [...seen.values()].reduce((sum, seconds) => sum + seconds, 0);
  };
}

/**
 * The bare script a cold CLI run is compared with: node starts, loads Puppeteer, launches Chromium,
 * prints the same page (fonts and margin boxes injected, the fonts' requests answered from memory,
 * as the printer does) with the same options, writes the PDF and exits. Nothing else: no data, no
 * checks, no other format.
 */
function writeBareScript(work: string, page: string): string {
  const html = join(work, "bare-page.html");
  writeFileSync(html, page);
  const script = join(work, "bare-print.mjs");
  const puppeteerUrl = pathToFileURL(createRequire(join(root, "package.json")).resolve("puppeteer")).href;
  writeFileSync(
    script,
    `import { readFileSync, writeFileSync } from "node:fs";
import puppeteer from ${JSON.stringify(puppeteerUrl)};
import { respondWithShippedFont } from ${JSON.stringify(pathToFileURL(join(root, "dist/pdf/font-face-css.js")).href)};
const browser = await puppeteer.launch({ executablePath: ${JSON.stringify(findBrowser().executablePath)}, headless: true, pipe: true, args: ${JSON.stringify(browserArgs)} });
const page = await browser.newPage();
await page.setJavaScriptEnabled(false);
await page.emulateMediaType("print");
await page.setRequestInterception(true);
page.on("request", (request) => {
  if (!respondWithShippedFont(request)) void request.abort("blockedbyclient").catch(() => undefined);
});
await page.setContent(readFileSync(${JSON.stringify(html)}, "utf8"), { waitUntil: "load" });
writeFileSync(${JSON.stringify(join(work, "bare-print.pdf"))}, await page.pdf(${JSON.stringify(pdfOptions)}));
await browser.close();
`,
  );
  return script;
}

/**
 * Node's CPU time per stage (ms), averaged over every example under data/ (the batch's mix), in
 * one process after a warm-up round: each stage as the build runs it, and the PDF's
 * post-processing (structure ids, properties) on Chromium's own PDF of each example.
 */
async function measureStageCpu(options: BenchOptions): Promise<Record<string, number>> {
  const files = findQuarterFiles([join(root, "data")]);
  const cpu = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  // Chromium's PDFs of the examples, printed once: the post-processing is timed on them.
  const printed: Uint8Array[] = [];
  const browser = await launchBrowser();
  try {
    const page = await openFloorPage(browser);
    for (const html of preparePages(files)) printed.push(await printOn(page, html));
  } finally {
    await browser.close();
  }
  const totals: Record<string, number> = {};
  const rounds = Math.max(2, Math.min(4, options.repeat));
  for (let round = 0; round < rounds; round++) {
    for (const [index, file] of files.entries()) {
      const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
        const started = cpu();
        const result = await work();
        if (round > 0) totals[stage] = (totals[stage] ?? 0) + cpu() - started; // round 0 warms up
        return result;
      };
      const release = await time("load_validate", () => loadRelease(file));
      const document = await time("compose", () => composeRelease(release));
      await time("checks", () => runChecks(release, document, { sources: readCheckSources(release) }));
      await time("text", () => writeText(document));
      const style = release.quarter.style ?? release.company.style;
      await time("html", () => writeHtml(document, { style }));
      await time("edgar", () => writeEdgarHtml(document));
      await time("docx", () => writeDocx(document));
      const meta = document.meta;
      await time("pdf_post", () =>
        setPdfMetadata(normalizeNodeIds(printed[index]!), { title: meta.title, author: meta.company, subject: meta.subject, keywords: meta.keywords, date: meta.releaseDate }),
      );
    }
  }
  const perRelease = (rounds - 1) * files.length;
  const stages = Object.fromEntries(Object.entries(totals).map(([stage, ms]) => [stage, round(ms / perRelease, 1)]));
  return { ...stages, total: round(Object.values(totals).reduce((sum, ms) => sum + ms, 0) / perRelease, 1) };
}

/**
 * Writes `count` quarter files into `folder`, one company folder each, taking the example
 * quarters in turn: the same figures (which tie), the headline numbered so every release differs.
 * The folders are named number first: a build takes folders in name order, so it too takes the
 * examples in turn, and any 100 releases in a row hold the same mix. (Named company first, the
 * build took every ATG release, then every Costco one, and so on: the memory measure's two
 * windows held different companies, with the largest release, J&J's, built between them.)
 */
function generateVariants(folder: string, count: number): string[] {
  const examples = findQuarterFiles([join(root, "data")]);
  const files: string[] = [];
  for (let index = 0; index < count; index++) {
    const example = examples[index % examples.length]!;
    const companyFolder = dirname(example);
    const target = join(folder, `${String(index + 1).padStart(4, "0")}-${basename(companyFolder)}`);
    mkdirSync(target, { recursive: true });
    for (const entry of readdirSync(companyFolder, { withFileTypes: true })) {
      // The company file and its templates; not the other quarters.
      if (entry.isDirectory() || /^company\.ya?ml$/i.test(entry.name)) cpSync(join(companyFolder, entry.name), join(target, entry.name), { recursive: true });
    }
    const document = parseDocument(readFileSync(example, "utf8"));
    document.set("headline", `${String(document.get("headline"))} (batch release ${index + 1})`);
    const file = join(target, basename(example));
    writeFileSync(file, String(document));
    files.push(file);
  }
  return files;
}

/** The pages the PdfPrinter loads for the given quarter files: HTML with fonts and margin boxes. */
function preparePages(files: readonly string[]): string[] {
  return files.map((file) => {
    const release = loadRelease(file);
    const document = composeRelease(release);
    const html = writeHtml(document, { style: release.quarter.style ?? release.company.style });
    return injectHeadStyle(html, `${fontFaceCss()}\n${buildPageMarginCss(document.meta)}`);
  });
}

const browserArgs = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"];
const launchBrowser = (): Promise<Browser> => puppeteer.launch({ executablePath: findBrowser().executablePath, headless: true, pipe: true, args: browserArgs });
const pdfOptions = { format: "Letter", margin: pageMargins, printBackground: true, outline: true, tagged: true, waitForFonts: true } as const;

/**
 * A print page as the floor uses it: JavaScript off, print media, and the shipped fonts' requests
 * answered from memory as the printer answers them (the page keeps them for its next document);
 * every other request refused.
 */
async function openFloorPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.emulateMediaType("print");
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (!respondWithShippedFont(request)) void request.abort("blockedbyclient").catch(() => undefined);
  });
  return page;
}

async function printOn(page: Page, html: string): Promise<Uint8Array> {
  await page.setContent(html, { waitUntil: "load" });
  return page.pdf(pdfOptions);
}

/** The floor: one browser, two warm pages each printing its share of the pages in turn. */
async function measureFloor(pages: readonly string[]): Promise<{ totalSeconds: number; printSeconds: number; launchSeconds: number; browserCpuSeconds: number; nodeCpuSeconds: number }> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const stopTracking = trackDescendantCpu(() => process.pid);
  const browser = await launchBrowser();
  const launched = performance.now();
  try {
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        const page = await openFloorPage(browser);
        while (next < pages.length) await printOn(page, pages[next++]!);
      }),
    );
    const finished = performance.now();
    const browserCpuSeconds = stopTracking();
    const cpu = process.cpuUsage(cpuBefore);
    return {
      totalSeconds: (finished - started) / 1000,
      printSeconds: (finished - launched) / 1000,
      launchSeconds: (launched - started) / 1000,
      browserCpuSeconds,
      nodeCpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  } finally {
    await browser.close();
  }
}

/** The naive way: a browser launched, used for one page and closed, per document. */
async function measureNaive(pages: readonly string[]): Promise<number> {
  const started = performance.now();
  for (const html of pages) {
    const browser = await launchBrowser();
    try {
      await printOn(await openFloorPage(browser), html);
    } finally {
      await browser.close();
    }
  }
  return (performance.now() - started) / 1000 / pages.length;
}

/** Seconds per document of `soffice --convert-to pdf`, one call per document; undefined when absent. */
async function measureLibreOffice(docxFiles: readonly string[], work: string): Promise<number | undefined> {
  const soffice = ["soffice", "libreoffice"].find((name) => spawnSync(name, ["--version"], { stdio: "ignore" }).status === 0);
  if (soffice === undefined) return undefined;
  const profile = `file://${join(work, "lo-profile")}`;
  const convert = (file: string, index: number) =>
    runTimed([soffice, `-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", join(work, "lo", String(index)), file]);
  await convert(docxFiles[0]!, 0); // creates the profile
  const times: number[] = [];
  for (const [index, file] of docxFiles.entries()) {
    const result = await convert(file, index + 1);
    if (result.code !== 0) return undefined;
    times.push(result.seconds);
  }
  return median(times);
}

/** Proportional set size (kB) of a process: shared pages split between their users, so a sum over processes is a true total. */
function readPss(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident memory (kB) of a process, current and peak, from /proc. */
function readMemory(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    return { rss: field("VmRSS"), hwm: field("VmHWM") };
  } catch {
    return undefined;
  }
}

/** Every process below `pid` (the browser and its helpers, for a node process). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0)
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  return found;
}

function countBuilt(out: string): number {
  if (!existsSync(out)) return 0;
  let count = 0;
  for (const company of readdirSync(out)) {
    for (const period of readdirSync(join(out, company))) if (existsSync(join(out, company, period, "release.pdf"))) count++;
  }
  return count;
}

interface MemoryFigures {
  readonly releases: number;
  readonly seconds: number;
  readonly nodePeakMb: number;
  readonly browserPeakMb: number;
  readonly nodeAfter100Mb: number;
  readonly nodeEndMb: number;
  readonly browserAfter100Mb: number;
  readonly browserEndMb: number;
  readonly growthPct: number;
  readonly nodeGrowthPct: number;
  readonly browserGrowthPct: number;
}

/** Builds `count` releases in one call, sampling node's and the browser's memory as it goes. */
async function measureMemory(count: number, work: string): Promise<MemoryFigures> {
  const files = generateVariants(join(work, "memory-in"), count);
  const out = join(work, "memory-out");
  let pid: number | undefined;
  let nodePeak = 0;
  let browserPeak = 0;
  // Every sample with the number of releases written when it was taken.
  const series: { built: number; node: number; browser: number }[] = [];
  const checkpoint = Math.min(100, Math.max(1, Math.floor(count / 5)));
  const sample = () => {
    if (pid === undefined) return;
    const node = readMemory(pid);
    if (node === undefined) return;
    const browser = descendants(pid).reduce((sum, child) => sum + readPss(child), 0);
    nodePeak = Math.max(nodePeak, node.hwm);
    browserPeak = Math.max(browserPeak, browser);
    const built = countBuilt(out);
    if (built < count) series.push({ built, node: node.rss, browser }); // after the last, the browser closes
  };
  const timer = setInterval(sample, 100);
  let seconds: number;
  try {
    seconds = await runBuild([join(work, "memory-in")], out, (spawned) => (pid = spawned));
  } finally {
    clearInterval(timer);
  }
  // The browser's memory is a sawtooth: each of the two print pages is replaced after 50
  // documents, so it climbs for 100 releases and drops. Compare medians over whole cycles: the
  // 100 releases after the checkpoint and the last 100.
  const window = Math.max(1, Math.min(100, Math.floor(count / 5)));
  const medianOf = (from: number, to: number) => {
    const inWindow = series.filter((point) => point.built >= from && point.built < to);
    const points = inWindow.length > 0 ? inWindow : series.slice(-1);
    return { node: median(points.map((point) => point.node)), browser: median(points.map((point) => point.browser)) };
  };
  if (process.env.BENCH_MEMORY_SERIES) writeFileSync(process.env.BENCH_MEMORY_SERIES, JSON.stringify(series));
  const start = medianOf(checkpoint, checkpoint + window);
  const end = medianOf(count - window, count);
  const mb = (kb: number) => round(kb / 1024, 1);
  const total = (point: { node: number; browser: number }) => point.node + point.browser;
  const growth = (from: number, to: number) => round(from > 0 ? ((to - from) / from) * 100 : 0, 1);
  return {
    releases: files.length,
    seconds: round(seconds, 2),
    nodePeakMb: mb(nodePeak),
    browserPeakMb: mb(browserPeak),
    nodeAfter100Mb: mb(start.node),
    nodeEndMb: mb(end.node),
    browserAfter100Mb: mb(start.browser),
    browserEndMb: mb(end.browser),
    growthPct: growth(total(start), total(end)),
    nodeGrowthPct: growth(start.node, end.node),
    browserGrowthPct: growth(start.browser, end.browser),
  };
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const benchStarted = performance.now();
  ensureCompiled();
  const work = mkdtempSync(join(tmpdir(), "earnings-release-bench-"));
  try {
    log(options, "stages of the default release ...");
    const stages = await measureStages(options);

    log(options, "node's CPU by stage, over every example ...");
    const stageCpu = await measureStageCpu(options);

    log(options, "CLI start-up ...");
    const nodeStarts: number[] = [];
    const helps: number[] = [];
    for (let run = 0; run < 7; run++) {
      nodeStarts.push((await runTimed([process.execPath, "-e", "0"])).seconds);
      helps.push((await runTimed([process.execPath, bin, "--help"])).seconds);
    }
    // The same with the bench's own environment, as the sandbox sets it (see childEnv).
    const helpsInherited: number[] = [];
    for (let run = 0; run < 5; run++) helpsInherited.push((await runTimed([process.execPath, bin, "--help"], root, undefined, process.env)).seconds);
    const helpInherited = median(helpsInherited);
    const version = await runTimed([process.execPath, bin, "--version"]);

    log(options, "cold build against a bare launch-print-exit script ...");
    const bareScript = writeBareScript(work, preparePages([defaultRelease])[0]!);
    const coldRuns: number[] = [];
    const bareRuns: number[] = [];
    // Interleaved, so that both see the same load on the machine.
    for (let run = 0; run < 3; run++) {
      coldRuns.push(await runBuild([defaultRelease], join(work, `cold-${run}`)));
      const bare = await runTimed([process.execPath, bareScript]);
      if (bare.code !== 0) throw new Error(`the bare print script failed:\n${bare.stderr.slice(0, 2000)}`);
      bareRuns.push(bare.seconds);
    }
    const coldCli = median(coldRuns);
    const bareSeconds = median(bareRuns);
    const largeRuns: number[] = [];
    for (let run = 0; run < 3; run++) largeRuns.push(await runBuild([largeRelease], join(work, `large-${run}`)));

    log(options, `batch of ${options.n} releases against the floor (bare Puppeteer on the same pages), ${options.pairs} of each, interleaved ...`);
    const batchFiles = generateVariants(join(work, "batch-in"), options.n);
    const pages = preparePages(batchFiles);
    const probe = writeCpuProbe(work);
    // A batch and the floor one after the other, `pairs` times: both see the same spells of a
    // machine whose speed drifts (the same batch took 34 to 43 s in one half hour here); the
    // figures are medians. The first pair's output is the one rebuilt unchanged below.
    const batchRuns: { seconds: number; nodeSeconds: number; browserSeconds: number }[] = [];
    const floorRuns: Awaited<ReturnType<typeof measureFloor>>[] = [];
    for (let pair = 0; pair < options.pairs; pair++) {
      let batchPid: number | undefined;
      const stopTracking = trackDescendantCpu(() => batchPid);
      const seconds = await runBuild([join(work, "batch-in")], join(work, pair === 0 ? "batch-out" : `batch-out-${pair}`), (pid) => (batchPid = pid), probe.args);
      const browserSeconds = stopTracking();
      batchRuns.push({ seconds, nodeSeconds: probe.read().nodeSeconds, browserSeconds });
      if (pair > 0) rmSync(join(work, `batch-out-${pair}`), { recursive: true, force: true });
      floorRuns.push(await measureFloor(pages));
    }
    const batchSeconds = median(batchRuns.map((run) => run.seconds));
    const batchPerS = options.n / batchSeconds;
    const floor = {
      totalSeconds: median(floorRuns.map((run) => run.totalSeconds)),
      printSeconds: median(floorRuns.map((run) => run.printSeconds)),
      launchSeconds: median(floorRuns.map((run) => run.launchSeconds)),
      browserCpuSeconds: median(floorRuns.map((run) => run.browserCpuSeconds)),
      nodeCpuSeconds: median(floorRuns.map((run) => run.nodeCpuSeconds)),
    };
    const batchCpu = { nodeSeconds: median(batchRuns.map((run) => run.nodeSeconds)) };
    const batchBrowserCpu = median(batchRuns.map((run) => run.browserSeconds));

    log(options, "unchanged rebuild of the batch and of data/ ...");
    const unchangedBatch = await runTimed([process.execPath, bin, "build", join(work, "batch-in"), "--out", join(work, "batch-out")]);
    if (!/unchanged/.test(unchangedBatch.stdout + unchangedBatch.stderr)) throw new Error("the unchanged rebuild rebuilt something");
    await runBuild([join(root, "data")], join(work, "data-out"));
    const unchangedData: number[] = [];
    for (let run = 0; run < 3; run++) unchangedData.push((await runTimed([process.execPath, bin, "build", join(root, "data"), "--out", join(work, "data-out")])).seconds);

    const floorPerS = options.n / floor.totalSeconds;
    log(options, "naive: a browser per document ...");
    const naivePerDoc = await measureNaive(pages.slice(0, Math.min(options.naiveN, pages.length)));

    log(options, "LibreOffice docx -> pdf ...");
    const docxFiles = readdirSync(join(work, "batch-out"))
      .slice(0, 3)
      .map((company) => join(work, "batch-out", company, readdirSync(join(work, "batch-out", company))[0]!, "release.docx"));
    const libreOfficePerDoc = await measureLibreOffice(docxFiles, work);

    let memory: MemoryFigures | undefined;
    if (options.memoryN > 0) {
      log(options, `memory over ${options.memoryN} releases ...`);
      memory = await measureMemory(options.memoryN, work);
    }

    const batchPerDoc = batchSeconds / options.n;
    const result = {
      machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
      n: options.n,
      load_average: (await import("node:os")).loadavg().map((load) => round(load, 2)),
      stages_ms: stages,
      node_cpu_ms_by_stage: stageCpu,
      node_start_s: round(median(nodeStarts)),
      help_s: round(median(helps)),
      help_s_with_extra_ca_certs: process.env.NODE_EXTRA_CA_CERTS ? round(helpInherited) : null,
      version_s: round(version.seconds),
      cli_help_s: round(helps[0]!),
      cold_cli_s: round(coldCli),
      bare_print_s: round(bareSeconds),
      cold_cli_to_bare_ratio: round(coldCli / bareSeconds),
      large_release_s: round(median(largeRuns)),
      node_cpu_ms_per_release: round((batchCpu.nodeSeconds * 1000) / options.n, 1),
      node_cpu_s_batch: round(batchCpu.nodeSeconds, 2),
      browser_cpu_s_batch: round(batchBrowserCpu, 2),
      node_cpu_s_floor: round(floor.nodeCpuSeconds, 2),
      browser_cpu_s_floor: round(floor.browserCpuSeconds, 2),
      unchanged_rebuild_batch_s: round(unchangedBatch.seconds),
      unchanged_rebuild_data_s: round(median(unchangedData)),
      batch_s: round(batchSeconds),
      batch_releases_per_s: round(batchPerS, 2),
      floor_s: round(floor.totalSeconds),
      floor_launch_s: round(floor.launchSeconds),
      floor_releases_per_s: round(floorPerS, 2),
      floor_print_only_releases_per_s: round(options.n / floor.printSeconds, 2),
      batch_to_floor_ratio: round(batchSeconds / floor.totalSeconds),
      batch_runs_s: batchRuns.map((run) => round(run.seconds)),
      floor_runs_s: floorRuns.map((run) => round(run.totalSeconds)),
      naive_s_per_release: round(naivePerDoc),
      speedup_over_naive: round(naivePerDoc / batchPerDoc, 2),
      libreoffice_s_per_release: libreOfficePerDoc === undefined ? "not installed" : round(libreOfficePerDoc),
      speedup_over_libreoffice: libreOfficePerDoc === undefined ? null : round(libreOfficePerDoc / batchPerDoc, 2),
      memory_releases: memory?.releases ?? 0,
      memory_run_s: memory?.seconds ?? null,
      rss_node_peak_mb: memory?.nodePeakMb ?? null,
      rss_browser_peak_mb: memory?.browserPeakMb ?? null,
      rss_node_after_100_mb: memory?.nodeAfter100Mb ?? null,
      rss_node_end_mb: memory?.nodeEndMb ?? null,
      rss_browser_after_100_mb: memory?.browserAfter100Mb ?? null,
      rss_browser_end_mb: memory?.browserEndMb ?? null,
      rss_growth_pct: memory?.growthPct ?? null,
      rss_node_growth_pct: memory?.nodeGrowthPct ?? null,
      rss_browser_growth_pct: memory?.browserGrowthPct ?? null,
      bench_s: round((performance.now() - benchStarted) / 1000, 1),
    };
    if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else printTable(result);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function printTable(result: Record<string, unknown>): void {
  const stages = result.stages_ms as Record<string, number>;
  const rows: [string, string][] = [
    ...Object.entries(stages).map(([stage, ms]): [string, string] => [`stage ${stage}`, `${ms} ms`]),
    ...Object.entries(result.node_cpu_ms_by_stage as Record<string, number>).map(([stage, ms]): [string, string] => [`node CPU ${stage} (mean of the examples)`, `${ms} ms`]),
    ["node -e 0", `${String(result.node_start_s)} s`],
    [
      "CLI --help (median of 7)",
      `${String(result.help_s)} s${typeof result.help_s_with_extra_ca_certs !== "number" ? "" : ` (${String(result.help_s_with_extra_ca_certs)} s with NODE_EXTRA_CA_CERTS)`}`,
    ],
    ["cold CLI, one release, all formats", `${String(result.cold_cli_s)} s; bare launch-print-exit ${String(result.bare_print_s)} s; ratio ${String(result.cold_cli_to_bare_ratio)}`],
    ["largest example, all formats", `${String(result.large_release_s)} s`],
    ["node CPU per release in the batch", `${String(result.node_cpu_ms_per_release)} ms (browser ${String(result.browser_cpu_s_batch)} s for the batch)`],
    ["CPU of the floor", `node ${String(result.node_cpu_s_floor)} s, browser ${String(result.browser_cpu_s_floor)} s`],
    ["unchanged rebuild", `batch ${String(result.unchanged_rebuild_batch_s)} s, data/ ${String(result.unchanged_rebuild_data_s)} s`],
    [`batch of ${String(result.n)}, one build call`, `${String(result.batch_s)} s = ${String(result.batch_releases_per_s)} releases/s`],
    ["floor: bare Puppeteer, 2 warm pages", `${String(result.floor_s)} s = ${String(result.floor_releases_per_s)} releases/s (launch ${String(result.floor_launch_s)} s)`],
    ["batch / floor", `${String(result.batch_to_floor_ratio)}x`],
    ["naive: a browser per document", `${String(result.naive_s_per_release)} s each; ours ${String(result.speedup_over_naive)}x faster`],
    [
      "LibreOffice docx -> pdf",
      typeof result.libreoffice_s_per_release === "number" ? `${result.libreoffice_s_per_release} s each; ours ${String(result.speedup_over_libreoffice)}x faster` : "not installed",
    ],
    [
      `memory over ${String(result.memory_releases)} releases`,
      typeof result.rss_growth_pct !== "number"
        ? "skipped"
        : `node peak ${String(result.rss_node_peak_mb)} MB, browser peak ${String(result.rss_browser_peak_mb)} MB, growth ${String(result.rss_growth_pct)}% (after 100 -> end; node ${String(result.rss_node_growth_pct)}%, browser ${String(result.rss_browser_growth_pct)}%)`,
    ],
    ["bench wall time", `${String(result.bench_s)} s`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n") + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
