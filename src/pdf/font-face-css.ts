/** The fonts that ship with the project, as `@font-face` rules with `data:` URLs. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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

let cached: readonly FontFaceRule[] | undefined;

/**
 * Returns `@font-face` rules for Tinos and Arimo (regular, italic, bold, bold italic; Latin and
 * Latin Extended), each font inlined as a base64 `data:` URL read from node_modules, so a page
 * whose every request is blocked still gets them. Read once per process.
 *
 * @throws {PdfError} `renderFailed` when a font package is missing from node_modules.
 */
export function fontFaceCss(): string {
  // Joined once per process: about 900 KB of data: URLs, put into every page printed.
  cachedCss ??= readRules()
    .map((rule) => rule.css)
    .join("\n");
  return cachedCss;
}

let cachedCss: string | undefined;

function readRules(): readonly FontFaceRule[] {
  cached ??= buildRules();
  return cached;
}

function buildRules(): FontFaceRule[] {
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
      for (const { subset, css } of inlineRules(readFileSync(cssPath, "utf8"), dirname(cssPath))) {
        rules.push({ family: source.family, face: file, subset, css });
      }
    }
  }
  return rules;
}

/** The kept subsets' rules of one Fontsource CSS file, each `src` replaced by a woff2 data URL. */
function inlineRules(css: string, baseDir: string): { subset: string; css: string }[] {
  const rules: { subset: string; css: string }[] = [];
  for (const match of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const body = match[1] ?? "";
    const woff2 = /url\((\.\/files\/[^)]+?-([a-z-]+)-\d{3}-(?:normal|italic)\.woff2)\)/.exec(body);
    if (woff2 === null) continue;
    const [, relative = "", subset = ""] = woff2;
    if (!(keptSubsets as readonly string[]).includes(subset)) continue;
    const data = readFileSync(join(baseDir, relative)).toString("base64");
    const src = `src: url(data:font/woff2;base64,${data}) format('woff2');`;
    // block, not swap: a print must never capture a fallback face while the real one loads.
    const rule = body.replace(/src:[^;]*;/, src).replace(/font-display:[^;]*;/, "font-display: block;");
    rules.push({ subset, css: `@font-face {${rule}}` });
  }
  return rules;
}
