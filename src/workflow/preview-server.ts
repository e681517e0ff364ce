/**
 * The preview: a loopback HTTP server showing one quarter's HTML release in a sandboxed iframe,
 * the tie-out report beside it (each result linked to its line of the data), buttons for the PDF,
 * the Word file and the redline against the last committed version, and live reload (fs.watch +
 * Server-Sent Events) when the quarter file, its company file or a template changes. The release
 * page stays script-free; only the preview's own shell page has a script.
 */
import { existsSync, watch, type FSWatcher } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, dirname, join, resolve } from "node:path";
import type { CheckResult } from "../checks/types.js";
import { DataError, type DataIssue, formatIssue } from "../data/issues.js";
import type { LoadedRelease } from "../data/load.js";
import { maxFileBytes, readTextFile } from "../data/read-text-file.js";
import type { PdfPrinter } from "../pdf/pdf-printer.js";
import { buildRelease, type BuiltRelease } from "../pipeline/release.js";
import { builtInTemplatesDir, StyleError } from "../templates/style.js";
import { writerFor } from "../writers/index.js";
import { writeHtml } from "../writers/html/index.js";
import { writeText } from "../writers/text/index.js";
import { writeBlacklineHtml } from "./blackline.js";
import { listFigureChanges } from "./figure-changes.js";
import { loadRevision } from "./git-revision.js";
import { diffReleaseText, escapeHtml } from "./word-diff.js";

/** Options of `startPreview`. */
export interface PreviewOptions {
  /** The quarter file to preview. */
  readonly file: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Loopback unless told: 127.0.0.1. */
  readonly host?: string;
  /** Makes the printer for the PDF button when first needed (it is closed with the server). */
  readonly createPrinter?: () => PdfPrinter;
  /** Milliseconds to wait for a burst of file events to settle (100). */
  readonly debounceMs?: number;
}

/** A running preview. */
export interface Preview {
  readonly url: string;
  readonly server: Server;
  /** Bumped at every change of a watched file. */
  readonly version: () => number;
  close(): Promise<void>;
}

interface State {
  readonly version: number;
  /** The pipeline's result: the release, its document and its tie-out; absent while the data does not load. */
  readonly built?: BuiltRelease;
  /** Why there is no document: data that does not load, or figures still to fill. */
  readonly issues: readonly DataIssue[];
}

/** What the routes share: the current state (rebuilt when a watched file changed) and the printer. */
interface Session {
  readonly file: string;
  current(): Promise<State>;
  printer(): PdfPrinter | undefined;
  /** Live-reload clients. */
  readonly clients: Set<ServerResponse>;
  version(): number;
}

/** Starts the preview server; resolves once it listens. */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  let version = 1;
  let printer: PdfPrinter | undefined;
  const clients = new Set<ServerResponse>();
  const session: Session = {
    file: options.file,
    current: cachedState(options.file, () => version),
    printer: () => {
      if (options.createPrinter) printer ??= options.createPrinter();
      return printer;
    },
    clients,
    version: () => version,
  };
  const server = createPreviewServer(createRoutes(session));
  const initial = await session.current();
  const watchers = watchInputs(options.file, initial.built?.release.companyFile, options.debounceMs ?? 100, () => {
    version++;
    for (const client of clients) client.write(`event: version\ndata: ${version}\n\n`);
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => done());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}/`,
    server,
    version: () => version,
    async close() {
      watchers.close();
      for (const client of clients) client.end();
      await new Promise<void>((done) => server.close(() => done()));
      await printer?.close();
    },
  };
}

/** The release through the pipeline, built again only when the version moved on. */
function cachedState(file: string, version: () => number): () => Promise<State> {
  let state: Promise<State> | undefined;
  let builtAt = 0;
  return () => {
    if (state !== undefined && builtAt === version()) return state;
    builtAt = version();
    const at = builtAt;
    state = buildRelease(file).then(
      (built): State => ({ version: at, built, issues: built.document ? [] : built.work.filter((item) => item.code === "to_fill") }),
      // Whatever fails (a file mid-save, a broken style.json) is shown in the page, never thrown.
      (error: unknown): State => {
        if (error instanceof DataError) return { version: at, issues: error.issues };
        return {
          version: at,
          issues: [{ code: error instanceof StyleError ? "style" : "unexpected", file, line: 0, column: 0, path: "", message: error instanceof Error ? error.message : String(error) }],
        };
      },
    );
    return state;
  };
}

type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void> | void;

/** The preview's pages: the shell, live-reload events, the release, the report, the sources and the downloads. */
function createRoutes(session: Session): Record<string, Route> {
  const { file } = session;
  const notRendered = (response: ServerResponse) => send(response, 409, "text/plain", "the release does not render yet: see the report");
  return {
    "/": (_request, response) => send(response, 200, "text/html", shellPage(basename(file))),
    "/events": (request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      response.write(`retry: 500\nevent: version\ndata: ${session.version()}\n\n`);
      session.clients.add(response);
      request.on("close", () => session.clients.delete(response));
    },
    "/release.html": async (_request, response) => {
      const { built, issues } = await session.current();
      const page = built?.document ? writeHtml(built.document) : issuesPage(issues);
      send(response, 200, "text/html", page, { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:" });
    },
    "/report": async (_request, response) => send(response, 200, "text/html", reportFragment(await session.current())),
    "/source": async (_request, response, url) => {
      const { built } = await session.current();
      const which = url.searchParams.get("file") === "company" && built ? built.release.companyFile : file;
      let text: string;
      try {
        text = readTextFile(which, maxFileBytes);
      } catch (error) {
        return send(response, 404, "text/html", messagePage("No source", `${which} cannot be read: ${error instanceof Error ? error.message : String(error)}`));
      }
      send(response, 200, "text/html", sourcePage(which, text));
    },
    "/release.docx": async (_request, response) => {
      const { built } = await session.current();
      if (!built?.document) return notRendered(response);
      const writer = writerFor("docx")!;
      send(response, 200, writer.mediaType, await writer.write(built.document, {}), download(writer.fileName));
    },
    "/release.pdf": async (_request, response) => {
      const { built } = await session.current();
      if (!built?.document) return notRendered(response);
      const printer = session.printer();
      if (!printer) return send(response, 501, "text/plain", "no PDF printer in this preview");
      const writer = writerFor("pdf")!;
      send(response, 200, writer.mediaType, await writer.write(built.document, { printer }), download(writer.fileName));
    },
    "/redline.html": async (_request, response) => {
      const { built } = await session.current();
      if (!built?.document) return notRendered(response);
      send(response, 200, "text/html", await redlinePage(file, built));
    },
  };
}

/** The working copy's wire text against the last committed version's, as a blackline page. */
async function redlinePage(file: string, built: BuiltRelease): Promise<string> {
  let revision;
  try {
    revision = loadRevision(file, "HEAD");
  } catch (error) {
    return messagePage("No redline", `There is no committed version of ${file} to compare with: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const committed = await buildRelease(revision.release, { tieOut: false });
    if (!committed.document) return messagePage("No redline", "The committed version has figures still to fill; it does not render");
    const segments = diffReleaseText(writeText(committed.document), writeText(built.document!));
    return writeBlacklineHtml({
      title: built.document!.meta.title,
      oldLabel: revision.label,
      newLabel: `${file} (working copy)`,
      segments,
      figureChanges: listFigureChanges(revision.release.facts, built.release.facts),
    });
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return messagePage("No redline", `The committed version does not render: ${error.issues.map(formatIssue).join("; ")}`);
  } finally {
    revision.dispose();
  }
}

/** The HTTP server: refuses requests not from its own pages, answers 500 (and stays up) when a route throws. */
function createPreviewServer(routes: Record<string, Route>): Server {
  const server = createServer((request, response) => {
    Promise.resolve()
      .then(() => {
        if (!isOwnRequest(request, server)) return send(response, 403, "text/plain", "forbidden: the preview answers only requests to its own address (Host) from its own pages (Origin)");
        const url = new URL(request.url ?? "/", "http://preview.invalid");
        const route = request.method === "GET" ? routes[url.pathname] : undefined;
        if (!route) return send(response, request.method === "GET" ? 404 : 405, "text/plain", "not found");
        return route(request, response, url);
      })
      .catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, "text/plain", error instanceof Error ? error.message : String(error));
        else response.end();
      });
  });
  return server;
}

/**
 * Watches the quarter file, its company file and the templates (the company's and the shipped
 * ones); a burst of events settles for `debounceMs` before `changed` is called. Folders are
 * watched, not files: editors save by renaming a new file over the old one.
 */
function watchInputs(file: string, knownCompanyFile: string | undefined, debounceMs: number, changed: () => void): { close(): void } {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(changed, debounceMs);
  };
  const watchFolder = (folder: string, recursive: boolean, relevant: (name: string) => boolean) => {
    if (!existsSync(folder)) return;
    const watcher = watch(folder, { recursive, persistent: false }, (_event, name) => {
      if (name === null || relevant(String(name))) settle();
    });
    watcher.on("error", () => undefined);
    watchers.push(watcher);
  };
  const companyFile = knownCompanyFile ?? join(dirname(file), "company.yaml");
  const names = new Set([basename(file), basename(companyFile)]);
  watchFolder(dirname(resolve(file)), false, (name) => names.has(name));
  if (resolve(dirname(companyFile)) !== resolve(dirname(file))) watchFolder(dirname(resolve(companyFile)), false, (name) => names.has(name));
  const templateFile = (name: string) => /\.(hbs|css|json)$/.test(name);
  watchFolder(join(dirname(resolve(companyFile)), "templates"), true, templateFile);
  watchFolder(builtInTemplatesDir, true, templateFile);
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

/**
 * True when the request names the server's own loopback address and port in Host (or localhost
 * with that port) and, if it has an Origin, comes from that same origin. A page of another site
 * that rebinds its DNS name to 127.0.0.1 sends its own name as Host, and is refused.
 */
function isOwnRequest(request: IncomingMessage, server: Server): boolean {
  const address = server.address();
  if (address === null || typeof address === "string") return false;
  const literal = address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;
  const loopback = /^127\./.test(address.address) || address.address === "::1";
  const hosts = new Set([`${literal}:${address.port}`.toLowerCase(), ...(loopback ? [`localhost:${address.port}`] : [])]);
  const host = request.headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host)) return false;
  const origin = request.headers.origin;
  return origin === undefined || [...hosts].some((own) => origin.toLowerCase() === `http://${own}`);
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": type.startsWith("text/") ? `${type}; charset=utf-8` : type, "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers });
  response.end(body);
}

function download(name: string): Record<string, string> {
  return { "content-disposition": `attachment; filename="${name}"` };
}

function messagePage(title: string, message: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}

/** Shown in the release frame while the data does not load or render. */
function issuesPage(issues: readonly DataIssue[]): string {
  const items = issues.map((issue) => `<li><code>${escapeHtml(formatIssue(issue))}</code></li>`).join("");
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not rendered</title></head><body style="font-family: sans-serif"><h1>The release does not render yet</h1><p>${issues.length} problem${issues.length === 1 ? "" : "s"}:</p><ul>${items}</ul></body></html>`;
}

function lineLink(file: string, line: number, release: LoadedRelease | undefined): string {
  const company = release !== undefined && resolve(file) === resolve(release.companyFile);
  return `/source${company ? "?file=company" : ""}#L${line}`;
}

/** The tie-out report beside the release: failures first, each linked to its line of the data. */
function reportFragment(state: State): string {
  const { built, issues } = state;
  const release = built?.release;
  const parts: string[] = [`<p class="version">version ${state.version}</p>`];
  if (issues.length > 0) {
    parts.push(`<h2>Not rendered: ${issues.length} problem${issues.length === 1 ? "" : "s"}</h2><ul>`);
    for (const issue of issues)
      parts.push(
        `<li class="fail"><a href="${lineLink(issue.file, issue.line, release)}" target="_blank">${escapeHtml(`${basename(issue.file)}:${issue.line}`)}</a> ${escapeHtml(issue.path)} ${escapeHtml(issue.message)}</li>`,
      );
    parts.push("</ul>");
  }
  if (built?.report) {
    const report = built.report;
    parts.push(
      `<h2>Tie-out: ${report.passed ? "passed" : "FAILED"}</h2><p>${report.counts.fail} failed, ${report.counts.warning} warnings, ${report.counts.note} notes, ${report.counts.pass} passed</p><ul>`,
    );
    const shown = report.results.filter((result: CheckResult) => result.status !== "pass");
    for (const result of shown) {
      parts.push(
        `<li class="${result.status}"><strong>${escapeHtml(result.status)}</strong> ${escapeHtml(result.check)}: <a href="${lineLink(result.file, result.line, release)}" target="_blank">${escapeHtml(`${basename(result.file)}:${result.line}`)}</a> ${escapeHtml(result.message)}</li>`,
      );
    }
    parts.push("</ul>");
    const rewrite = built.work.filter((item) => item.code === "to_rewrite");
    if (rewrite.length > 0)
      parts.push(
        `<h2>To rewrite</h2><ul>${rewrite.map((item) => `<li><a href="${lineLink(item.file, item.line, release)}" target="_blank">${escapeHtml(`${basename(item.file)}:${item.line}`)}</a> ${escapeHtml(item.message)}</li>`).join("")}</ul>`,
      );
  }
  return parts.join("\n");
}

/** A data file with numbered, linkable lines. */
function sourcePage(file: string, text: string): string {
  const lines = text.split("\n").map((line, index) => `<span id="L${index + 1}"><a href="#L${index + 1}">${String(index + 1).padStart(4)}</a>  ${escapeHtml(line)}</span>`);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(basename(file))}</title><style>pre { font: 12px/1.4 monospace; } span:target { background: #ffe94d; display: inline-block; width: 100%; } a { color: #888; text-decoration: none; }</style></head><body><pre>${lines.join("\n")}</pre></body></html>`;
}

/** The preview's shell: the release frame, the report, the buttons and the live-reload script. */
function shellPage(name: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Preview: ${escapeHtml(name)}</title>
<style>
  body { margin: 0; font-family: system-ui, sans-serif; display: grid; grid-template-columns: 1fr 26rem; grid-template-rows: auto 1fr; height: 100vh; }
  header { grid-column: 1 / 3; padding: 0.4rem 0.8rem; background: #1f2933; color: #fff; display: flex; gap: 0.8rem; align-items: center; }
  header a { color: #fff; background: #3e4c59; padding: 0.2rem 0.6rem; border-radius: 3px; text-decoration: none; }
  iframe { width: 100%; height: 100%; border: 0; background: #fff; }
  #report { overflow: auto; padding: 0 0.8rem; font-size: 0.85rem; border-left: 1px solid #ccc; }
  #report li { margin: 0.3rem 0; } #report .fail { color: #a00000; } #report .warning { color: #8a5a00; }
</style>
</head>
<body>
<header><strong>${escapeHtml(name)}</strong>
  <a id="pdf" href="/release.pdf" download="release.pdf">PDF</a>
  <a id="docx" href="/release.docx" download="release.docx">Word</a>
  <a id="redline" href="/redline.html" target="_blank">Redline against last commit</a>
  <span id="status"></span></header>
<iframe id="release" title="release" sandbox="" src="/release.html?v=0"></iframe>
<aside id="report"></aside>
<script>
  const frame = document.getElementById("release");
  const report = document.getElementById("report");
  async function refresh(version) {
    frame.src = "/release.html?v=" + version;
    report.innerHTML = await (await fetch("/report?v=" + version)).text();
    document.body.dataset.version = version;
  }
  const events = new EventSource("/events");
  events.addEventListener("version", (event) => refresh(event.data));
  events.onerror = () => { document.getElementById("status").textContent = "reconnecting..."; };
  events.onopen = () => { document.getElementById("status").textContent = "live"; };
</script>
</body>
</html>
`;
}
