/** Printing HTML pages to PDF with one isolated headless Chromium per command. */
import { mkdtempSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
// Puppeteer is loaded when a browser is first launched: `check`, `--help` and a txt build never pay for it.
import type { Browser, HTTPRequest, Page } from "puppeteer";
import type { DocumentMeta } from "../model/document.js";
import { findBrowser, type BrowserLocation } from "./find-browser.js";
import { fontFaceCss, respondWithShippedFont } from "./font-face-css.js";
import { buildFooterTemplate, buildHeaderTemplate, buildPageMarginCss, firstChromiumWithMarginBoxes, pageMargins } from "./page-templates.js";
import { normalizeNodeIds } from "./normalize-node-ids.js";
import { PdfError } from "./pdf-error.js";

/** Paper sizes a release prints on. */
export type PaperSize = "letter" | "a4";

/** What the printer needs to know about a document: a subset of the model's `DocumentMeta`. */
export type PdfDocumentInfo = Pick<DocumentMeta, "title" | "company" | "periodLabel" | "releaseDate" | "status" | "subject" | "keywords">;

/** How one document is printed. */
export interface PrintOptions {
  /** Header, footer and PDF properties come from here. */
  readonly document: PdfDocumentInfo;
  /** `letter` unless told. */
  readonly paper?: PaperSize;
  /** Overrides the printer's time-out for this document. */
  readonly timeoutMs?: number;
  /** Called for each request the page tried and the printer blocked (an image, a stylesheet ...). */
  readonly onBlockedRequest?: (url: string) => void;
}

/**
 * What the pipeline needs of a printer: `PdfPrinter`, or a stand-in that hands each document to a
 * printer on another thread (the batch's worker).
 */
export interface DocumentPrinter {
  print(html: string, options: PrintOptions): Promise<Uint8Array>;
  /** Starts the browser ahead of the first `print`; a promise settles once its launch is under way. */
  warmUp(): void | Promise<void>;
  close(): Promise<void>;
  readonly restarts: number;
  readonly retriedDocuments: readonly PdfDocumentInfo[];
}

/** How the printer runs its browser. */
export interface PdfPrinterOptions {
  /** The browser to launch; found with `findBrowser()` at the first print when absent. */
  readonly browser?: BrowserLocation;
  /** Documents printed at once (pages open in the one browser); 2 unless told. */
  readonly concurrency?: number;
  /** Time-out of each document, from loading the HTML to the finished PDF; 60 s unless told. */
  readonly timeoutMs?: number;
  /** Kill the browser when the process gets SIGINT, SIGTERM or SIGHUP; true unless told. */
  readonly closeOnSignal?: boolean;
  /** Time-out of starting the browser, until it answers; 30 s unless told. */
  readonly launchTimeoutMs?: number;
}

/**
 * Flags for a browser that prints local content and talks to nobody. Besides Puppeteer's defaults:
 * no GPU, no QUIC, no background or component traffic, and every connection sent to a proxy whose
 * name cannot resolve, so a request that ever slipped past interception still reaches no host.
 * Not `--no-zygote`: without the zygote every document printed about 20% slower (24 documents on
 * two warm pages, 23 s against 18.5 s); the process group is killed on close, zygote included.
 */
const launchArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-domain-reliability",
  "--dns-prefetch-disable",
  "--proxy-server=http://blocked.invalid:9",
  "--proxy-bypass-list=<-loopback>",
  "--host-resolver-rules=MAP * ~NOTFOUND",
] as const;

const defaultTimeoutMs = 60_000;
const launchTimeoutMs = 30_000;
const closeTimeoutMs = 5_000;

/** A running browser and what is needed to clean up after it. */
interface BrowserSession {
  readonly browser: Browser;
  readonly userDataDir: string;
  readonly disconnected: Promise<void>;
  /** Whether this Chromium draws CSS page-margin boxes (else Puppeteer's header templates). */
  readonly marginBoxes: boolean;
  /** Pages set up for printing and free: a warm page prints about twice as fast as a new one. */
  readonly idlePages: Page[];
}

/**
 * Prints HTML pages to PDF with one headless Chromium, launched at the first `print` and shared by
 * every document of a command. Each document gets its own page with JavaScript disabled and every
 * request blocked (the page is loaded with `setContent`, so its own content needs none; the
 * printer answers the shipped fonts' requests itself), at most `concurrency` at once, each under a time-out. A browser
 * that dies mid-build is restarted once. `close()` kills the browser and removes its profile.
 *
 * @example
 * const printer = new PdfPrinter();
 * try { await writeFile("release.pdf", await printer.print(html, { document: release.meta })); }
 * finally { await printer.close(); }
 */
export class PdfPrinter implements DocumentPrinter {
  readonly #options: PdfPrinterOptions;
  readonly #concurrency: number;
  #session: Promise<BrowserSession> | undefined;
  /** The session as soon as it is known, for the synchronous kill on signal or exit. */
  #current: BrowserSession | undefined;
  #restarts = 0;
  readonly #retried: PdfDocumentInfo[] = [];
  /** The browser that replaced each dead one. */
  readonly #replacements = new WeakMap<BrowserSession, Promise<BrowserSession>>();
  #closed = false;
  #closing: Promise<void> | undefined;
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  /** Browsers being started: aborting one kills its process group (a signal, a time-out). */
  readonly #launching = new Set<{ readonly controller: AbortController; readonly userDataDir: string }>();
  /** Resolves `warmUp`'s promise once Puppeteer's launch is called. */
  #launchUnderWay: (() => void) | undefined;

  constructor(options: PdfPrinterOptions = {}) {
    this.#options = options;
    this.#concurrency = Math.max(1, options.concurrency ?? 2);
  }

  /** The browser's process id while one runs (for diagnostics and tests). */
  get browserProcessId(): number | undefined {
    return this.#current?.browser.process()?.pid;
  }

  /** How many times the browser was restarted after a crash (0 or 1). */
  get restarts(): number {
    return this.#restarts;
  }

  /** Documents printed a second time because the browser died under them (`options.document`). */
  get retriedDocuments(): readonly PdfDocumentInfo[] {
    return this.#retried;
  }

  /**
   * Prints one HTML page to PDF: the print CSS of the page, the shipped fonts, a running header
   * (company, period, status) and footer (`Page X of Y`), an outline from the headings, tagging,
   * and the document properties from `options.document`.
   *
   * @throws {PdfError} `browserNotFound`, `browserLaunchFailed`, `renderTimeout`, `renderFailed`,
   *   `browserCrashed` (died again after its one restart) or `printerClosed`.
   */
  async print(html: string, options: PrintOptions): Promise<Uint8Array> {
    this.#assertOpen();
    await this.#acquireSlot();
    try {
      this.#assertOpen();
      const session = await this.#ensureBrowser();
      try {
        return await this.#render(session, html, options);
      } catch (error) {
        // A browser that does not answer after a time-out is hung: its process group is killed
        // (the next document starts another), rather than left to time out every document.
        if (error instanceof PdfError && error.code === "renderTimeout") {
          if (!this.#closed && !(await answers(session))) killSessionSync(session);
          throw error;
        }
        if (this.#closed || !(await hasDied(session))) throw error;
        const restarted = await this.#restartAfterCrash(session, error);
        this.#retried.push(options.document);
        return await this.#render(restarted, html, options);
      }
    } finally {
      this.#releaseSlot();
    }
  }

  /**
   * Starts the browser now rather than at the first `print`, so that its launch overlaps other
   * work (loading and composing releases). The promise resolves as soon as Chromium's process is
   * being started (Puppeteer loaded, its launch called), or the launch failed; it never rejects.
   * A caller awaits it before synchronous work, which would otherwise hold the launch back until
   * the work is done. A failed launch is reported by the first `print`.
   */
  warmUp(): Promise<void> {
    if (this.#closed || this.#session !== undefined) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.#launchUnderWay = resolve;
      this.#ensureBrowser().then(
        () => resolve(),
        () => resolve(),
      );
    });
  }

  /** Closes the browser (killing it if it does not close in time) and removes its profile. */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#closed = true;
    // A browser still starting is stopped rather than waited for (up to the launch time-out).
    for (const launching of this.#launching) launching.controller.abort(new PdfError("printerClosed", "The PDF printer was closed while Chromium was starting."));
    const session = await this.#session?.catch(() => undefined);
    this.#session = undefined;
    if (session !== undefined) await stopSession(session);
    this.#current = undefined;
    unregisterPrinter(this);
  }

  /** Kills the browser now, synchronously: for signals and process exit. */
  killNow(): void {
    this.#closed = true;
    for (const launching of this.#launching) {
      launching.controller.abort();
      removeProfileSync(launching.userDataDir);
    }
    const session = this.#current;
    this.#current = undefined;
    if (session !== undefined) killSessionSync(session);
    unregisterPrinter(this);
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new PdfError("printerClosed", "The PDF printer was closed; create a new PdfPrinter to print again.");
    }
  }

  async #acquireSlot(): Promise<void> {
    if (this.#active >= this.#concurrency) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#active += 1;
  }

  #releaseSlot(): void {
    this.#active -= 1;
    this.#waiting.shift()?.();
  }

  async #ensureBrowser(): Promise<BrowserSession> {
    this.#session ??= this.#launch();
    let session: BrowserSession;
    try {
      session = await this.#session;
    } catch (error) {
      this.#session = undefined;
      throw error;
    }
    if (session.browser.connected && !killedSessions.has(session)) return session;
    return this.#restartAfterCrash(session, undefined);
  }

  /**
   * Replaces a dead browser, once per printer; a second death ends the build. Synchronous up to
   * the launch, so documents that saw the same death all share the one replacement.
   */
  #restartAfterCrash(dead: BrowserSession, cause: unknown): Promise<BrowserSession> {
    const replacement = this.#replacements.get(dead);
    if (replacement !== undefined) return replacement;
    if (this.#restarts >= 1) {
      return Promise.reject(
        new PdfError(
          "browserCrashed",
          "Chromium stopped unexpectedly again after one restart; the PDF build was abandoned. " + "Check free memory and /dev/shm, or print fewer documents at once.",
          { cause },
        ),
      );
    }
    this.#restarts += 1;
    killSessionSync(dead);
    const next = this.#launch();
    this.#session = next;
    this.#replacements.set(dead, next);
    return next;
  }

  async #launch(): Promise<BrowserSession> {
    this.#assertOpen();
    const location = this.#options.browser ?? findBrowser();
    // Made and registered in one synchronous step: a process that dies in between (an uncaught
    // error while the folder was being made) would leave the folder behind.
    const userDataDir = mkdtempSync(join(tmpdir(), "earnings-release-chromium-"));
    // Registered before the launch: a build stopped while Chromium starts kills it too.
    if (this.#options.closeOnSignal ?? true) registerPrinter(this);
    // Puppeteer's own launch time-out does not apply to a pipe connection: a browser that never
    // answers would hold the build for the protocol time-out. Aborting kills its process group.
    const limit = this.#options.launchTimeoutMs ?? launchTimeoutMs;
    const controller = new AbortController();
    const launching = { controller, userDataDir };
    this.#launching.add(launching);
    const timer = setTimeout(
      () =>
        controller.abort(
          new PdfError(
            "browserLaunchFailed",
            `Chromium at ${location.executablePath} did not answer within ${limit / 1000} s of starting and was stopped. Run it with --version to check it works, or set PUPPETEER_EXECUTABLE_PATH to another browser.`,
          ),
        ),
      limit,
    );
    let browser: Browser;
    let major: number;
    try {
      const { default: puppeteer } = await import("puppeteer");
      const launched = puppeteer.launch({
        executablePath: location.executablePath,
        headless: true,
        pipe: true,
        userDataDir,
        args: [...launchArgs],
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: limit,
        protocolTimeout: (this.#options.timeoutMs ?? defaultTimeoutMs) + 30_000,
        signal: controller.signal,
      });
      // Puppeteer spawns Chromium within the microtasks that follow: the warm-up's caller may go on.
      this.#launchUnderWay?.();
      this.#launchUnderWay = undefined;
      browser = await untilAborted(launched, controller.signal);
      major = Number(/\/(\d+)\./.exec(await untilAborted(browser.version(), controller.signal))?.[1] ?? 0);
    } catch (cause) {
      controller.abort(); // kills the browser's process group if it still runs
      removeProfileSync(userDataDir);
      if (cause instanceof PdfError) throw cause;
      throw new PdfError(
        "browserLaunchFailed",
        `Chromium at ${location.executablePath} did not start. Run it with --version to check it ` +
          `works; on Debian install \`chromium fonts-liberation\`, or set PUPPETEER_EXECUTABLE_PATH.`,
        { cause },
      );
    } finally {
      clearTimeout(timer);
      this.#launching.delete(launching);
    }
    const disconnected = new Promise<void>((resolve) => browser.once("disconnected", () => resolve()));
    const marginBoxes = major >= firstChromiumWithMarginBoxes;
    const session: BrowserSession = { browser, userDataDir, disconnected, marginBoxes, idlePages: [] };
    this.#current = session;
    if (this.#closed) {
      // close() ran while the browser was starting.
      await stopSession(session);
      this.#assertOpen();
    }
    return session;
  }

  async #render(session: BrowserSession, html: string, options: PrintOptions): Promise<Uint8Array> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? defaultTimeoutMs;
    let page: Page | undefined;
    let reusable = false;
    let timer: NodeJS.Timeout | undefined;
    let onDisconnected: (() => void) | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new PdfError(
            "renderTimeout",
            `Printing "${shortTitle(options.document.title)}" to PDF took longer than ${timeoutMs / 1000} s ` + `and was stopped. A very long document may need a longer time-out.`,
          ),
        );
      }, timeoutMs);
    });
    try {
      const printed = (async () => {
        page = session.idlePages.pop() ?? (await openPrintPage(session.browser));
        currentJobs.set(page, options);
        return printPage(page, html, options, timeoutMs, session.marginBoxes);
      })();
      printed.catch(() => undefined); // when the time-out wins, the late failure is expected
      // A call in flight when Chromium dies may never settle: the disconnect ends the wait.
      // A listener removed afterwards, not a .then on the session's promise: that would keep every
      // race, and so every printed PDF, reachable until the browser closes (190 KB a document).
      const died = new Promise<never>((_, reject) => {
        onDisconnected = () => reject(new PdfError("browserCrashed", `Chromium stopped while printing "${options.document.title}".`));
        if (!session.browser.connected) onDisconnected();
        else session.browser.on("disconnected", onDisconnected);
      });
      const pdf = await Promise.race([printed, timeout, died]);
      reusable = true; // printed, not timed out: the page is in a known state
      return pdf;
    } catch (error) {
      if (error instanceof PdfError) throw error;
      throw new PdfError("renderFailed", `Chromium could not print "${options.document.title}" to PDF.`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      if (onDisconnected !== undefined) session.browser.off("disconnected", onDisconnected);
      const opened = page;
      const printed = opened === undefined ? 0 : (printCounts.get(opened) ?? 0) + 1;
      if (opened !== undefined) printCounts.set(opened, printed);
      if (opened !== undefined && reusable && printed < pageReuseLimit && !opened.isClosed() && session.browser.connected) {
        currentJobs.delete(opened);
        session.idlePages.push(opened);
      } else if (opened !== undefined) {
        await Promise.race([opened.close().catch(() => undefined), delay(closeTimeoutMs)]);
      }
    }
  }
}

/** Faces of the running header and footer: page-margin boxes do not trigger font loads. */
const marginBoxFaces = ["400 10px Arimo", "700 10px Arimo"] as const;

/** The document each page is printing, for its request handler (pages are reused). */
const currentJobs = new WeakMap<Page, PrintOptions>();

/** Documents a page has printed: a page is replaced after `pageReuseLimit`, as its renderer's memory grows. */
const printCounts = new WeakMap<Page, number>();
const pageReuseLimit = 50;

/**
 * A page isolated for printing: JavaScript disabled, every request blocked but the shipped fonts
 * (answered by the printer) and inline data,
 * laid out for print from the start (so the print fonts load before page.pdf waits for them).
 * Set up once and reused: each document replaces the whole content with `setContent`.
 */
async function openPrintPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on("request", (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    // The shipped fonts are answered from node's memory (the page keeps them for the next
    // document); the draft watermark (an SVG picture) and a style's own fonts arrive as data:
    // URLs in the page itself; nothing else may load.
    if (respondWithShippedFont(request)) return;
    const inline = request.url().startsWith("data:font/") || request.url().startsWith("data:image/svg+xml,");
    if (inline && (request.resourceType() === "font" || request.resourceType() === "image")) {
      void request.continue().catch(() => undefined);
      return;
    }
    currentJobs.get(page)?.onBlockedRequest?.(request.url());
    if (request.isNavigationRequest()) {
      // "204 No Content" keeps the frame on its document; an aborted navigation (a meta refresh,
      // an iframe) would replace it with Chromium's error page instead.
      void request.respond({ status: 204, body: "" }).catch(() => undefined);
    } else {
      void request.abort("blockedbyclient").catch(() => undefined);
    }
  });
  await page.emulateMediaType("print");
  return page;
}

/** Loads the HTML into an isolated page (see `openPrintPage`) and prints it. */
async function printPage(page: Page, html: string, options: PrintOptions, timeoutMs: number, marginBoxes: boolean): Promise<Uint8Array> {
  page.setDefaultTimeout(timeoutMs);
  const info = options.document;
  // The paper is set in CSS so that a page of the print stylesheet's named page `wide` (a table
  // too wide for portrait) can turn to landscape on the same paper.
  // Puppeteer's sizes of its formats (its A4 is 8.27 by 11.7 inches).
  const paper = `@page { size: ${options.paper === "a4" ? "8.27in 11.7in" : "8.5in 11in"}; }`;
  const headCss = [fontFaceCss(), paper, ...(marginBoxes ? [buildPageMarginCss(info)] : [])].join("\n");
  await page.setContent(injectHeadStyle(html, headCss), { waitUntil: "load", timeout: timeoutMs });
  if (page.url() !== "about:blank") {
    throw new PdfError(
      "renderFailed",
      `The page of "${info.title}" navigated away to ${page.url()} while loading; a page to print ` + `must be self-contained (no meta refresh, no links followed).`,
    );
  }
  if (marginBoxes) {
    // Puppeteer's evaluate works with the page's JavaScript disabled; the page's scripts do not.
    await page.evaluate((faces: readonly string[]) => Promise.all(faces.map((face) => document.fonts.load(face))), marginBoxFaces);
  }
  const pdf = await page.pdf({
    format: options.paper === "a4" ? "A4" : "Letter",
    margin: pageMargins,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: !marginBoxes,
    ...(marginBoxes ? {} : { headerTemplate: buildHeaderTemplate(info), footerTemplate: buildFooterTemplate() }),
    outline: true,
    tagged: true,
    waitForFonts: true,
    timeout: timeoutMs,
  });
  // Loaded with the first PDF printed, not with the command (pdf-lib only for a PDF it cannot update in place).
  const { setPdfMetadata } = await import("./set-pdf-metadata.js");
  return setPdfMetadata(normalizeNodeIds(pdf), {
    title: info.title,
    author: info.company,
    subject: info.subject,
    keywords: info.keywords,
    date: info.releaseDate,
  });
}

/**
 * The HTML with a `<style>` element (the shipped fonts' `@font-face` rules, the running header
 * and footer) at the start of its head, before the page's own styles.
 */
export function injectHeadStyle(html: string, css: string): string {
  const style = `<style>${css}</style>`;
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head !== null) {
    const end = head.index + head[0].length;
    return html.slice(0, end) + style + html.slice(end);
  }
  // After a doctype, never before it: a page that does not start with its doctype is in quirks mode.
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype !== null) return doctype[0] + style + html.slice(doctype[0].length);
  return style + html;
}

/** A headline as named in a message: its first words, not the whole of a long one. */
function shortTitle(title: string): string {
  return title.length <= 60 ? title : `${title.slice(0, 57).replace(/\s+\S*$/, "")}...`;
}

/** `promise`, or the signal's reason as soon as it is aborted. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined); // when the abort wins, the late failure is expected
  return new Promise<T>((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the abort's own reason, as signal.throwIfAborted() throws it
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Whether the browser answers a trivial request within a few seconds. */
async function answers(session: BrowserSession): Promise<boolean> {
  if (!session.browser.connected) return false;
  return Promise.race([
    session.browser.version().then(
      () => true,
      () => false,
    ),
    delay(closeTimeoutMs).then(() => false),
  ]);
}

/** Whether the session's browser is gone (waiting briefly: the pipe closes before the event). */
async function hasDied(session: BrowserSession): Promise<boolean> {
  if (!session.browser.connected || killedSessions.has(session)) return true;
  const process = session.browser.process();
  if (process !== null && (process.exitCode !== null || process.signalCode !== null)) return true;
  await Promise.race([session.disconnected, delay(250)]);
  return !session.browser.connected;
}

/** Closes the browser gracefully, kills it if that takes too long, and removes its profile. */
async function stopSession(session: BrowserSession): Promise<void> {
  if (session.browser.connected) {
    await Promise.race([session.browser.close().catch(() => undefined), delay(closeTimeoutMs)]);
  }
  killSessionSync(session);
  const process = session.browser.process();
  if (process !== null && process.exitCode === null && process.signalCode === null) {
    // Wait for Node to reap the killed process, so no zombie outlives close().
    await Promise.race([new Promise((resolve) => process.once("exit", resolve)), delay(closeTimeoutMs)]);
  }
  removeProfileSync(session.userDataDir);
}

/** Sessions whose browser was killed: dead even while the pipe has not reported it yet. */
const killedSessions = new WeakSet<BrowserSession>();

/** Kills the browser's whole process group (renderers, zygotes) and removes its profile. */
function killSessionSync(session: BrowserSession): void {
  killedSessions.add(session);
  const child = session.browser.process();
  const pid = child?.pid;
  if (child !== null && pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      // Puppeteer starts Chromium detached, as the leader of its own process group.
      process.kill(process.platform === "win32" ? pid : -pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  }
  removeProfileSync(session.userDataDir);
}

/**
 * Removes a profile and the folder of Chromium's singleton socket, which Chromium makes in the
 * temporary folder (not the profile) and removes only when it exits by itself: a killed browser
 * left one `org.chromium.Chromium.*` folder behind each time.
 */
function removeProfileSync(userDataDir: string): void {
  let socketFolder: string | undefined;
  try {
    socketFolder = dirname(readlinkSync(join(userDataDir, "SingletonSocket")));
  } catch {
    // No link: the browser never got that far, or removed it on its way out.
  }
  try {
    rmSync(userDataDir, { recursive: true, force: true });
    // Only a folder directly in the temporary folder, as Chromium makes it: never follow a link elsewhere.
    if (socketFolder !== undefined && dirname(resolve(socketFolder)) === resolve(tmpdir())) rmSync(socketFolder, { recursive: true, force: true });
  } catch {
    // Best effort, as before: a profile that cannot be removed does not fail a build.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

// Signal handling: one set of process listeners for every open printer.

const openPrinters = new Set<PdfPrinter>();
const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const printer of [...openPrinters]) printer.killNow();
  removeProcessListeners();
  // Without other listeners, restore the default: the process ends as the signal meant.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function onExit(): void {
  for (const printer of [...openPrinters]) printer.killNow();
}

function registerPrinter(printer: PdfPrinter): void {
  if (openPrinters.size === 0) {
    for (const signal of signals) process.on(signal, onSignal);
    process.on("exit", onExit);
  }
  openPrinters.add(printer);
}

function unregisterPrinter(printer: PdfPrinter): void {
  if (!openPrinters.delete(printer) || openPrinters.size > 0) return;
  removeProcessListeners();
}

function removeProcessListeners(): void {
  for (const signal of signals) process.off(signal, onSignal);
  process.off("exit", onExit);
}
