import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { PdfPrinter } from "../../src/pdf/index.js";
import { fontFaceCss, shippedFontOrigin, shippedFontResponse } from "../../src/pdf/font-face-css.js";
import { describeWithBrowser, listFonts } from "./read-pdf.js";
import { buildSamplePage, sampleInfo } from "./sample-page.js";

// Counts the font files the printer answers with, as the printer calls the module.
const served = vi.hoisted(() => ({ urls: [] as string[] }));
vi.mock("../../src/pdf/font-face-css.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/pdf/font-face-css.js")>();
  return {
    ...original,
    shippedFontResponse: (url: string) => {
      const response = original.shippedFontResponse(url);
      if (response !== undefined) served.urls.push(url);
      return response;
    },
  };
});

it("the font rules name the reserved host, not 900 KB of data: URLs; each URL answers with the package's file", () => {
  const css = fontFaceCss();
  expect(css).not.toContain("data:");
  expect(css.length).toBeLessThan(20_000);
  const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((match) => match[1]!);
  expect(urls.length).toBe(16); // Tinos and Arimo, four faces each, Latin and Latin Extended
  const require = createRequire(import.meta.url);
  for (const url of urls) {
    expect(url.startsWith(`${shippedFontOrigin}/`)).toBe(true);
    const [, pkg, version, file] = /^https:\/\/[^/]+\/(tinos|arimo)-([\d.]+)\/(.+\.woff2)$/.exec(url) ?? [];
    expect(file, url).toBeDefined();
    const installed = require.resolve(`@fontsource/${pkg}/files/${file}`);
    expect((require(`@fontsource/${pkg}/package.json`) as { version: string }).version).toBe(version);
    const response = shippedFontResponse(url)!;
    expect(response.contentType).toBe("font/woff2");
    expect(Buffer.from(response.body).equals(readFileSync(installed))).toBe(true);
  }
  expect(shippedFontResponse(`${shippedFontOrigin}/tinos-0.0.0/other.woff2`)).toBeUndefined();
  expect(shippedFontResponse("https://example.com/tinos-latin-400-normal.woff2")).toBeUndefined();
});

describeWithBrowser("the shipped fonts on a print page", () => {
  let printer: PdfPrinter;
  beforeAll(() => {
    printer = new PdfPrinter({ concurrency: 1 });
  });
  afterAll(async () => {
    await printer.close();
  });

  it("are sent once per print page: the next documents printed on it reuse them", async () => {
    const first = await printer.print(buildSamplePage({ final: true }), { document: sampleInfo(true) });
    const afterFirst = served.urls.length;
    expect(afterFirst).toBeGreaterThan(0);
    const later = [
      await printer.print(buildSamplePage({ final: false }), { document: sampleInfo(false) }),
      await printer.print(buildSamplePage({ final: true }), { document: sampleInfo(true) }),
    ];
    // The draft draws no face the final did not: nothing more crossed the pipe.
    expect(served.urls.length).toBe(afterFirst);
    for (const pdf of [first, ...later]) {
      const fonts = await listFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font.name).toMatch(/^[A-Z]{6}\+(Tinos|Arimo)-/);
    }
  });
});
