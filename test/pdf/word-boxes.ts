/** Test helpers that read a PDF's words with their boxes, as `pdftotext -bbox` (poppler) gives them. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A word on a page, in points from the page's top left corner. */
export interface WordBox {
  readonly text: string;
  readonly page: number;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** A page's size in points and its words in content order. */
export interface PageWords {
  readonly width: number;
  readonly height: number;
  readonly words: readonly WordBox[];
}

/** Whether poppler's pdftotext is installed (scripts/setup.sh installs poppler-utils). */
export const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** The words of each page of a PDF with their boxes. */
export function readWordBoxes(pdf: Uint8Array): PageWords[] {
  const folder = mkdtempSync(join(tmpdir(), "er-bbox-"));
  try {
    const file = join(folder, "release.pdf");
    writeFileSync(file, pdf);
    const xhtml = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return xhtml
      .split("<page ")
      .slice(1)
      .map((page, index) => {
        const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
        const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
          text: unescapeXml(match[5]!),
          page: index + 1,
          xMin: Number(match[1]),
          yMin: Number(match[2]),
          xMax: Number(match[3]),
          yMax: Number(match[4]),
        }));
        return { width: Number(width), height: Number(height), words };
      });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Words of a page standing on one baseline: same bottom within a quarter point (same size type). */
export function lineOf(page: PageWords, word: WordBox): WordBox[] {
  return page.words.filter((other) => Math.abs(other.yMax - word.yMax) <= 0.25);
}

/**
 * Pixels of each page, rendered at 20 dpi by poppler's pdftoppm, in the watermark's red (red
 * well above green and blue): the DRAFT mark is a picture, so this is how a test sees it.
 */
export function redPixelsPerPage(pdf: Uint8Array): number[] {
  const folder = mkdtempSync(join(tmpdir(), "er-ppm-"));
  try {
    const file = join(folder, "release.pdf");
    writeFileSync(file, pdf);
    execFileSync("pdftoppm", ["-r", "20", file, join(folder, "page")]);
    return readdirSync(folder)
      .filter((name) => name.endsWith(".ppm"))
      .sort((a, b) => Number(/(\d+)\.ppm$/.exec(a)![1]) - Number(/(\d+)\.ppm$/.exec(b)![1]))
      .map((name) => countRed(readFileSync(join(folder, name))));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Red pixels of a binary PPM (P6, 8 bits a channel). */
function countRed(ppm: Buffer): number {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString("latin1"))!;
  const pixels = ppm.subarray(header[0].length);
  let red = 0;
  for (let i = 0; i + 2 < pixels.length; i += 3) if (pixels[i]! - pixels[i + 1]! > 12 && pixels[i]! - pixels[i + 2]! > 12) red += 1;
  return red;
}
