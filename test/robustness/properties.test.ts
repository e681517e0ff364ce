/**
 * Property tests (fast-check): random valid quarters render in every format with the same
 * figures; random mutations of a valid file give located DataErrors, never a crash.
 * FC_RUNS sets the number of runs (500 unless told); PDF runs on a smaller sample.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import mammoth from "mammoth";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { composeRelease } from "../../src/compose/release.js";
import { DataError } from "../../src/data/issues.js";
import { loadRelease } from "../../src/data/load.js";
import { PdfPrinter } from "../../src/pdf/index.js";
import { renderRelease } from "../../src/render.js";
import { hasTestBrowser, readPdfText } from "../pdf/read-pdf.js";
import { makeTempDir, root } from "./run-cli.js";

const runs = Number(process.env.FC_RUNS ?? 500);
const pdfRuns = Math.max(5, Math.round(runs / 50));
const dir = makeTempDir("property");
writeFileSync(join(dir, "company.yaml"), readFileSync(join(root, "test/fixtures/good/minimal/company.yaml")));
let fileCount = 0;

const label = fc.stringMatching(/^[A-Z][a-z]{2,10}( [a-z]{2,8}){0,3}$/);
const date = fc
  .record({ year: fc.integer({ min: 1990, max: 2040 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
const period = fc.record({ months: fc.constantFrom(3, 6, 9, 12), end: date });

/**
 * A quarter whose statement has random items and a total that foots, with figures up to the
 * hundreds of billions (regression: a figure wider than its column once lost its left part).
 */
const quarter = fc
  .record({
    periods: fc.array(period, { minLength: 1, maxLength: 4 }),
    items: fc.array(
      fc.record({ label, values: fc.array(fc.oneof(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: -999_999_999, max: 999_999_999 })), { minLength: 4, maxLength: 4 }) }),
      { minLength: 1, maxLength: 8 },
    ),
    headline: label,
  })
  .map(({ periods, items, headline }) => {
    const ids = periods.map((_, i) => `p${i}`);
    const rows = items.map((item, i) => ({ id: `item${i}`, label: item.label, values: item.values.slice(0, ids.length) }));
    const total = ids.map((_, column) => rows.reduce((sum, row) => sum + row.values[column]!, 0));
    return {
      period: "2003-q3",
      periodLabel: "Third Quarter 2003",
      status: "final",
      releaseDate: "2003-10-21",
      headline,
      current: "p0",
      periods: Object.fromEntries(ids.map((id, i) => [id, periods[i]])),
      body: [{ id: "lead", paragraphs: ["Total was {{money total p0}} for the period ended {{date p0}}."] }, { table: "statement" }],
      tables: [
        {
          id: "statement",
          title: ["Statement", "(In thousands)"],
          unit: "thousands",
          columns: ids,
          rows: [...rows, { id: "total", label: "Total", total: rows.map((row) => row.id).join(" + "), values: total, style: "total" }],
        },
      ],
    };
  });

/** Figures as printed: 1,234 or (1,234), each counted (the currency sign and spacing aside). */
function countFigures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  // The writers place the currency sign and hang the closing parenthesis of a negative in their own ways.
  // The writers hang the closing parenthesis of a negative in its own run or span.
  for (const match of text
    .replace(/(\d)\s+\)/g, "$1)")
    .replace(/\(\s*\$?\s*(?=\d)/g, "(")
    .matchAll(/\(?\d{1,3}(?:,\d{3})+(?:\.\d+)?\)?|\(\d+(?:\.\d+)?\)/g))
    counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  return counts;
}

function htmlText(html: string): string {
  return html
    .replace(/<head[\s\S]*?<\/head>/i, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}

function writeQuarter(data: unknown): string {
  const file = join(dir, `q${fileCount++}.yaml`);
  writeFileSync(file, stringify(data));
  return file;
}

describe("random valid quarters", () => {
  it(`render in txt, html and docx with the same figures (${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(quarter, async (data) => {
        const release = loadRelease(writeQuarter(data));
        const rendered = await renderRelease(composeRelease(release), ["txt", "html", "docx"]);
        const text = new TextDecoder().decode(rendered.get("txt"));
        const html = htmlText(new TextDecoder().decode(rendered.get("html")));
        const docx = (await mammoth.extractRawText({ buffer: Buffer.from(rendered.get("docx")!) })).value;
        const figures = countFigures(text);
        expect(countFigures(html)).toEqual(figures);
        expect(countFigures(docx)).toEqual(figures);
        // Every stated figure of four or more digits is printed in the statement.
        for (const row of data.tables[0]!.rows) {
          for (const value of row.values) {
            if (Math.abs(value) < 1000) continue;
            const printed = value < 0 ? `(${Math.abs(value).toLocaleString("en-US")})` : value.toLocaleString("en-US");
            expect(figures.has(printed), `${printed} in the wire text`).toBe(true);
          }
        }
      }),
      { numRuns: runs },
    );
  }, 600_000);

  const hasBrowser = hasTestBrowser;
  let printer: PdfPrinter | undefined;
  afterAll(() => printer?.close());

  it.runIf(hasBrowser)(
    `print to PDF with the wire text's figures (${pdfRuns} runs, one browser)`,
    async () => {
      printer = new PdfPrinter();
      await fc.assert(
        fc.asyncProperty(quarter, async (data) => {
          const rendered = await renderRelease(composeRelease(loadRelease(writeQuarter(data))), ["txt", "pdf"], { printer });
          const { pages } = await readPdfText(rendered.get("pdf")!);
          const pdfFigures = countFigures(pages.join(" "));
          for (const [figure] of countFigures(new TextDecoder().decode(rendered.get("txt")))) expect(pdfFigures.has(figure), figure).toBe(true);
        }),
        { numRuns: pdfRuns },
      );
    },
    300_000,
  );
});

describe("random mutations of a valid file", () => {
  const base = readFileSync(join(root, "test/fixtures/good/minimal/2003-q3.yaml"), "utf8");
  const pieces = [
    ":",
    " ",
    "-",
    "[",
    "]",
    "{",
    "}",
    "\t",
    "\n",
    "#",
    "&a",
    "*a",
    "'",
    '"',
    "~",
    "0",
    "1e3",
    ".5",
    "no",
    "__proto__",
    "{{",
    "}}",
    "\u200B",
    "\u00A0",
    "\u0000",
    "!!binary ",
    "? ",
    "---\n",
    "|",
    ">",
  ];
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })) }),
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant("swapLines" as const), at: fc.nat(), other: fc.nat() }),
    fc.record({ kind: fc.constant("duplicateLine" as const), at: fc.nat() }),
  );
  function mutate(text: string, change: fc.Arbitrary<unknown> extends never ? never : { kind: string; at: number; text?: string; length?: number; other?: number }): string {
    const at = change.at % (text.length + 1);
    const lines = text.split("\n");
    const line = change.at % lines.length;
    switch (change.kind) {
      case "insert":
        return text.slice(0, at) + change.text + text.slice(at);
      case "delete":
        return text.slice(0, at) + text.slice(at + change.length!);
      case "swapLines": {
        const other = change.other! % lines.length;
        [lines[line], lines[other]] = [lines[other]!, lines[line]!];
        return lines.join("\n");
      }
      default:
        lines.splice(line, 0, lines[line]!);
        return lines.join("\n");
    }
  }

  it(`give a located DataError or a release, never a crash (${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (changes) => {
        const text = changes.reduce((current, change) => mutate(current, change), base);
        const file = join(dir, `m${fileCount++}.yaml`);
        writeFileSync(file, text);
        try {
          const rendered = await renderRelease(composeRelease(loadRelease(file)), ["txt", "html"]);
          expect(rendered.get("txt")!.length).toBeGreaterThan(0);
        } catch (error) {
          if (!(error instanceof DataError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
          for (const issue of error.issues) {
            expect(issue.line, issue.message).toBeGreaterThan(0);
            expect(issue.column).toBeGreaterThan(0);
            expect(issue.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: runs },
    );
  }, 600_000);
});
