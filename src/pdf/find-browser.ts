/** Browser discovery: which Chromium or Chrome prints the PDF, and how to get one when none. */
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { createRequire } from "node:module";

/** Puppeteer, loaded only when its own Chrome is looked for (the last resort). */
const loadPuppeteer = () => createRequire(import.meta.url)("puppeteer") as { executablePath(): string };
import { PdfError } from "./pdf-error.js";

/** Where a browser was found. */
export type BrowserSource = "environment" | "system" | "puppeteer";

/** A browser to launch. */
export interface BrowserLocation {
  readonly executablePath: string;
  readonly source: BrowserSource;
}

/** Seams for tests; every field defaults to the real machine. */
export interface FindBrowserOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** Whether a file exists and may be executed. */
  readonly isExecutable?: (path: string) => boolean;
  /** The path of Puppeteer's own downloaded browser (which may not exist). */
  readonly puppeteerExecutablePath?: () => string;
}

/** Well-known install locations, in order of preference, per platform. */
const systemPaths: Readonly<Partial<Record<NodeJS.Platform, readonly string[]>>> = {
  linux: ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/snap/bin/chromium"],
  darwin: ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"],
  win32: ["C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe"],
};

/** Command names looked up on PATH after the well-known locations (Linux and BSDs). */
const commandNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/** How to get a browser, quoted in every "not found" message. */
export const browserInstallHint =
  "Install one with `apt-get install chromium fonts-liberation` (Debian, Ubuntu), " +
  "or download Puppeteer's Chrome with `npx puppeteer browsers install chrome`, " +
  "or set PUPPETEER_EXECUTABLE_PATH to a Chromium or Chrome executable.";

/**
 * Finds the browser that prints PDFs: `PUPPETEER_EXECUTABLE_PATH` when set, else a system
 * Chromium or Chrome (`/usr/bin/chromium`, `chromium-browser`, `google-chrome(-stable)`, the
 * macOS applications, then the same names on PATH), else Puppeteer's downloaded browser if that
 * file exists.
 *
 * @throws {PdfError} `browserNotFound`, saying how to install one, when there is none, or when
 *   `PUPPETEER_EXECUTABLE_PATH` names a file that is not an executable.
 */
export function findBrowser(options: FindBrowserOptions = {}): BrowserLocation {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const isExecutable = options.isExecutable ?? isExecutableFile;

  const fromEnv = env["PUPPETEER_EXECUTABLE_PATH"];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (isExecutable(fromEnv)) return { executablePath: fromEnv, source: "environment" };
    throw new PdfError(
      "browserNotFound",
      `PUPPETEER_EXECUTABLE_PATH is "${fromEnv}", but that is not an executable file. ` + `Point it at Chromium or Chrome, or unset it to use the system browser. ${browserInstallHint}`,
    );
  }

  const pathDirs = platform === "win32" ? [] : (env["PATH"] ?? "").split(delimiter).filter(Boolean);
  const candidates = [...(systemPaths[platform] ?? []), ...pathDirs.flatMap((dir) => commandNames.map((name) => join(dir, name)))];
  const system = candidates.find((path) => isExecutable(path));
  if (system !== undefined) return { executablePath: system, source: "system" };

  const downloaded = readPuppeteerPath(options.puppeteerExecutablePath);
  if (downloaded !== undefined && isExecutable(downloaded)) {
    return { executablePath: downloaded, source: "puppeteer" };
  }

  throw new PdfError(
    "browserNotFound",
    `No Chromium or Chrome found to print the PDF (looked at PUPPETEER_EXECUTABLE_PATH, ` +
      `${candidates.slice(0, 4).join(", ")}, PATH` +
      (downloaded === undefined ? "" : ` and ${downloaded}`) +
      `). ${browserInstallHint}`,
  );
}

/** Puppeteer's expected download path, or undefined when Puppeteer cannot say. */
function readPuppeteerPath(read?: () => string): string | undefined {
  try {
    return read !== undefined ? read() : loadPuppeteer().executablePath();
  } catch {
    // Puppeteer throws when its configuration names no browser; that is "not found", not a bug.
    return undefined;
  }
}

/** Whether `path` is a regular file this process may execute. */
function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
