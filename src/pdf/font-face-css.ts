/**
 * The fonts that ship with the project: `@font-face` rules whose URLs name a reserved host, and
 * the bytes the printer answers those requests with from node's memory.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import type { HTTPRequest } from "puppeteer";
import { PdfError } from "./pdf-error.js";

/**
 * Font packages and the CSS files (weight and style) taken from each. Tinos and Arimo are
 * metric-compatible with Times New Roman and Arial, so a page laid out with them breaks where a
 * reader's word processor would.
 */
const fontSources = [
  { family: "Tinos", pkg: "@fontsource/tinos", files: ["400", "400-italic", "700", "700-italic"] },
  { family: "Arimo", pkg: "@fontsource/arimo", files: ["400", "400-italic", "700", "700-italic"] },
] as const;

/** Unicode subsets kept: an English release needs no Cyrillic, Greek or Hebrew faces. */
const keptSubsets = ["latin", "latin-ext"] as const;

/** Family names the print CSS and the page header/footer use. */
export const fontFamilies = {
  serif: "'Tinos', 'Liberation Serif', 'Times New Roman', serif",
  sans: "'Arimo', 'Liberation Sans', Arial, sans-serif",
} as const;

/** One `@font-face` rule and what it covers. */
interface FontFaceRule {
  readonly family: string;
  /** "400", "400-italic", "700", "700-italic". */
  readonly face: string;
  readonly subset: string;
  readonly css: string;
}

/** The shipped fonts' rules and the bytes of each font file they name, read once per process. */
interface ShippedFonts {
  readonly rules: readonly FontFaceRule[];
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly css: string;
}

/**
 * The host the shipped fonts' URLs name. `.invalid` never resolves (RFC 2606), and the printer
 * answers these URLs itself, so a font request never leaves the browser.
 */
export const shippedFontOrigin = "https://fonts.earnings-release.invalid";

let shipped: ShippedFonts | undefined;

/**
 * Returns `@font-face` rules for Tinos and Arimo (regular, italic, bold, bold italic; Latin and
 * Latin Extended), each `src` a URL on `shippedFontOrigin`. The printer answers those requests
 * with the files from node_modules (`shippedFontResponse`), and Chromium keeps a font it loaded
 * for the next document printed on the same page: the fonts cross the pipe once per print page,
 * not (as 900 KB of `data:` URLs did) with every document.
 *
 * @throws {PdfError} `renderFailed` when a font package is missing from node_modules.
 */
export function fontFaceCss(): string {
  return readShippedFonts().css;
}

/**
 * The answer to a request for one of `fontFaceCss`'s URLs: the font's bytes, cacheable for good
 * (a file's name holds its package version); undefined for any other URL.
 */
export function shippedFontResponse(url: string): { status: 200; contentType: string; headers: Record<string, string>; body: Uint8Array } | undefined {
  if (!url.startsWith(`${shippedFontOrigin}/`)) return undefined;
  const body = readShippedFonts().files.get(url);
  if (body === undefined) return undefined;
  // The page's origin differs from the font's: a font is used only with CORS allowed.
  return { status: 200, contentType: "font/woff2", headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=31536000, immutable" }, body };
}

/**
 * Answers an intercepted request with a shipped font when it asks for one (true); leaves any other
 * request untouched for the caller's own handling (false).
 */
export function respondWithShippedFont(request: HTTPRequest): boolean {
  const font = request.resourceType() === "font" ? shippedFontResponse(request.url()) : undefined;
  if (font === undefined) return false;
  void request.respond(font).catch(() => undefined);
  return true;
}

function readShippedFonts(): ShippedFonts {
  if (shipped === undefined) {
    const files = new Map<string, Uint8Array>();
    const rules = buildRules(files);
    shipped = { rules, files, css: rules.map((rule) => rule.css).join("\n") };
  }
  return shipped;
}

function buildRules(files: Map<string, Uint8Array>): FontFaceRule[] {
  const require = createRequire(import.meta.url);
  const rules: FontFaceRule[] = [];
  for (const source of fontSources) {
    for (const file of source.files) {
      let cssPath: string;
      try {
        cssPath = require.resolve(`${source.pkg}/${file}.css`);
      } catch (cause) {
        throw new PdfError("renderFailed", `The font package ${source.pkg} is missing; run \`npm install\` to restore it.`, { cause });
      }
      // The package's version in the URL: a font a page has cached is never another version's file.
      const version = (JSON.parse(readFileSync(join(dirname(cssPath), "package.json"), "utf8")) as { version: string }).version;
      const folder = `${source.pkg.replace(/^@fontsource\//, "")}-${version}`;
      for (const { subset, css } of fontRules(readFileSync(cssPath, "utf8"), dirname(cssPath), folder, files)) {
        rules.push({ family: source.family, face: file, subset, css });
      }
    }
  }
  return rules;
}

/** The kept subsets' rules of one Fontsource CSS file, each `src` a woff2 URL on the reserved host (its bytes put in `files`). */
function fontRules(css: string, baseDir: string, folder: string, files: Map<string, Uint8Array>): { subset: string; css: string }[] {
  const rules: { subset: string; css: string }[] = [];
  for (const match of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const body = match[1] ?? "";
    const woff2 = /url\((\.\/files\/[^)]+?-([a-z-]+)-\d{3}-(?:normal|italic)\.woff2)\)/.exec(body);
    if (woff2 === null) continue;
    const [, relative = "", subset = ""] = woff2;
    if (!(keptSubsets as readonly string[]).includes(subset)) continue;
    const url = `${shippedFontOrigin}/${folder}/${basename(relative)}`;
    files.set(url, readFileSync(join(baseDir, relative)));
    const src = `src: url(${url}) format('woff2');`;
    // block, not swap: a print must never capture a fallback face while the real one loads.
    const rule = body.replace(/src:[^;]*;/, src).replace(/font-display:[^;]*;/, "font-display: block;");
    rules.push({ subset, css: `@font-face {${rule}}` });
  }
  return rules;
}
