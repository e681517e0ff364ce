/**
 * Hostile content: markup and template syntax in the data's text fields renders as literal text
 * in every format, data is never evaluated as a template outside the narrative helpers, and the
 * browser printing the PDF requests nothing.
 */
import { createServer, type Server } from "node:http";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import mammoth from "mammoth";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeRelease } from "../../src/compose/release.js";
import { DataError } from "../../src/data/issues.js";
import { loadRelease } from "../../src/data/load.js";
import { PdfPrinter } from "../../src/pdf/index.js";
import { renderRelease } from "../../src/render.js";
import { hasTestBrowser, readPdfText } from "../pdf/read-pdf.js";
import { makeTempDir, root } from "./run-cli.js";

let hits = 0;
let server: Server;
let port = 0;

/** Markup of HTML and Word XML, a request to a local server, template syntax. */
const hostile = () => `<script>alert(1)</script> <img src=http://127.0.0.1:${port}/pixel.png> </w:t></w:r><w:r><w:t>INJECTED {{constructor.constructor}} &amp; ]]> "quoted"`;
/** For narrative fields, where {{...}} is the documented reference syntax: the rest of it. */
const hostileNarrative = () => hostile().replace(" {{constructor.constructor}}", "");

function collapse(text: string): string {
  return text.replace(/\s+/g, " ");
}

/** The fields of the ATG files that the hostile release overwrites. */
interface HostileQuarter {
  headline: string;
  periodLabel: string;
  body: object[];
  tables: { id: string; title: string[]; notes?: string[]; rows: { id?: string; label?: string }[] }[];
}
interface HostileCompany {
  about: { paragraphs: string[] };
  safeHarbor: { risks: string[] };
  contacts: { people: { name: string }[] };
}

/** The ATG quarter with hostile text in its text fields. */
function writeHostileRelease(dir: string): string {
  const folder = join(dir, "atg");
  mkdirSync(folder, { recursive: true });
  const quarter = parse(readFileSync(join(root, "data/atg/2003-q3.yaml"), "utf8")) as HostileQuarter;
  const company = parse(readFileSync(join(root, "data/atg/company.yaml"), "utf8")) as HostileCompany;
  quarter.headline = hostile();
  quarter.periodLabel = hostile();
  quarter.body.push({ id: "hostile", heading: hostile(), paragraphs: [hostileNarrative()], bullets: [hostileNarrative()] });
  const table = quarter.tables.find((t) => t.id === "operations")!;
  table.title.push(hostile());
  table.notes = [hostile()];
  table.rows.find((row) => row.id === "servicesRevenue")!.label = "</w:t><b>&x{{y}}";
  company.about.paragraphs.push(hostileNarrative());
  company.safeHarbor.risks.push(hostile());
  company.contacts.people[0]!.name = hostile();
  writeFileSync(join(folder, "company.yaml"), stringify(company));
  writeFileSync(join(folder, "2003-q3.yaml"), stringify(quarter, { lineWidth: 0 }));
  return join(folder, "2003-q3.yaml");
}

describe("hostile content", () => {
  let rendered: Map<string, Uint8Array>;
  let printer: PdfPrinter | undefined;
  const hasBrowser = hasTestBrowser;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      hits++;
      response.end("x");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
    const release = loadRelease(writeHostileRelease(makeTempDir("hostile")));
    printer = hasBrowser ? new PdfPrinter() : undefined;
    rendered = await renderRelease(composeRelease(release), hasBrowser ? ["txt", "html", "docx", "pdf"] : ["txt", "html", "docx"], { printer });
  }, 60_000);

  afterAll(async () => {
    await printer?.close();
    server?.close();
  });

  it("wire text: every hostile string literally", () => {
    const text = collapse(new TextDecoder().decode(rendered.get("txt")));
    expect(text).toContain(collapse(hostile()));
    expect(text).toContain(collapse(hostileNarrative()));
    expect(text).toContain("</w:t><b>&x{{y}}");
  });

  it("HTML: markup escaped (no element from data), the text literal once tags are read", () => {
    const html = new TextDecoder().decode(rendered.get("html"));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<w:t>/);
    const named: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&", nbsp: "\u00A0" };
    const text = collapse(
      html
        .replace(/<(style|head)[^>]*>[\s\S]*?<\/\1>/gi, " ")
        .replace(/<[^>]*>/g, " ")
        .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (_: string, dec?: string, hex?: string, name?: string) =>
          dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (named[name ?? ""] ?? _),
        ),
    );
    expect(text).toContain(collapse(hostile()).replace(/\s+/g, " "));
  });

  it("Word: the XML is well formed and the text literal", async () => {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(rendered.get("docx")!) });
    const text = collapse(value);
    expect(text).toContain(collapse(hostile()));
    expect(text).toContain("</w:t><b>&x{{y}}");
    expect(text).not.toMatch(/^INJECTED/m);
  });

  it.runIf(hasBrowser)("PDF: the text literal and no request reached the local server", async () => {
    const { pages } = await readPdfText(rendered.get("pdf")!);
    const text = collapse(pages.join(" "));
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain(`<img src=http://127.0.0.1:${port}/pixel.png>`);
    expect(text).toContain("{{constructor.constructor}}");
    expect(hits).toBe(0);
  });

  it("the server is reachable, so zero hits means the browser made no request", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/probe`);
    await response.text();
    expect(hits).toBe(1);
    hits = 0;
  });
});

describe("templates cannot reach prototypes", () => {
  const cases = [
    "{{constructor.constructor}}",
    "{{company.constructor}}",
    "{{company.__proto__}}",
    '{{lookup company "constructor"}}',
    "{{this.constructor.name}}",
    "{{company.name.constructor}}",
  ];
  it.each(cases)("%s in a narrative: a located error or nothing, never a function", (reference) => {
    const dir = makeTempDir("proto");
    const quarter = readFileSync(join(root, "test/fixtures/good/minimal/2003-q3.yaml"), "utf8").replace("{{date q3_2003}}", `{{date q3_2003}} [${reference}]`);
    writeFileSync(join(dir, "company.yaml"), readFileSync(join(root, "test/fixtures/good/minimal/company.yaml")));
    writeFileSync(join(dir, "2003-q3.yaml"), quarter);
    try {
      const document = composeRelease(loadRelease(join(dir, "2003-q3.yaml")));
      const text = JSON.stringify(document);
      expect(text).not.toMatch(/function|native code|\[object/);
      expect(text).toContain("[]"); // rendered as nothing
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).issues[0]).toMatchObject({ line: 14, path: "body[0].paragraphs[0]" });
    }
  });
});
