import { describe, expect, it } from "vitest";
import { type EdgarIssue, validateEdgarFileName, validateEdgarHtml } from "../../../src/writers/edgar/index.js";

/** A small page EDGAR accepts, with `body` spliced in. */
function page(body: string): string {
  return `<html>\n<head><title>Exhibit</title></head>\n<body style="font-family:Times">\n<p align="center">Results</p>\n${body}\n</body>\n</html>\n`;
}

function codes(issues: readonly EdgarIssue[]): string[] {
  return issues.map((issue) => issue.code);
}

describe("validateEdgarHtml", () => {
  it("passes a page of HTML 3.2 elements with inline styles, a table and a link to sec.gov", () => {
    const html = page(
      `<table width="100%" cellpadding="0" style="border-collapse:collapse"><tr><th colspan="2">Q3</th></tr><tr><td>Revenue</td><td align="right" style="border-top:1px solid #000">16,009</td></tr></table>` +
        `<p>See <a href="https://www.sec.gov/edgar">EDGAR</a> or <a href="#top">top</a>; &lt;script&gt; in text is only text. <img src="logo.gif" alt="logo"></p>`,
    );
    expect(validateEdgarHtml(html)).toEqual([]);
  });

  it.each([
    ["a style element", "<style>p { color: red }</style>", "disallowed-element", "style"],
    ["a script element", "<script>alert(1)</script>", "disallowed-element", "script"],
    ["an iframe", `<iframe src="page.htm"></iframe>`, "disallowed-element", "iframe"],
    ["an applet", `<applet code="A.class"></applet>`, "disallowed-element", "applet"],
    ["an object", `<object></object>`, "disallowed-element", "object"],
    ["a form", `<form><p>x</p></form>`, "disallowed-element", "form"],
    ["a tbody", "<table><tbody><tr><td>1</td></tr></tbody></table>", "disallowed-element", "tbody"],
    ["a thead", "<table><thead><tr><th>1</th></tr></thead></table>", "disallowed-element", "thead"],
    ["a col", `<table><col width="10"><tr><td>1</td></tr></table>`, "disallowed-element", "col"],
    ["an HTML5 element", "<section><p>x</p></section>", "disallowed-element", "section"],
  ])("fails %s with the element named", (_, body, code, element) => {
    const issues = validateEdgarHtml(page(body));
    expect(issues).toContainEqual(expect.objectContaining({ code, element }));
  });

  it("fails an event attribute as an event handler, in any case", () => {
    const issues = validateEdgarHtml(page(`<p onclick="steal()">x</p><p ONMOUSEOVER="x()">y</p>`));
    expect(issues.filter((issue) => issue.code === "event-handler").map((issue) => issue.attribute)).toEqual(["onclick", "onmouseover"]);
  });

  it("fails a data: image, a script URL, an external link and an external style url()", () => {
    const issues = validateEdgarHtml(
      page(
        `<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">` +
          `<a href="java\tscript:alert(1)">x</a>` +
          `<a href="https://example.com/ir">investors</a>` +
          `<a href="//evil.example/x">y</a>` +
          `<a href="https://sec.gov.evil.example/">z</a>` +
          `<p style="background:url(http://example.com/bg.gif)">z</p>`,
      ),
    );
    expect(codes(issues)).toEqual(["data-url", "script-url", "external-reference", "external-reference", "external-reference", "external-reference"]);
  });

  it("fails an image that is not JPEG or GIF", () => {
    expect(codes(validateEdgarHtml(page(`<img src="chart.png" alt="chart">`)))).toEqual(["image-format"]);
  });

  it("fails a nested table once, at the inner table", () => {
    const issues = validateEdgarHtml(page("<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table><table><tr><td>2</td></tr></table>"));
    expect(codes(issues)).toEqual(["nested-table"]);
    expect(issues[0]).toMatchObject({ line: 5, column: 16 });
  });

  it("fails an attribute EDGAR does not know, on an allowed element", () => {
    expect(validateEdgarHtml(page(`<p data-fact="x" class="a">x</p>`))).toEqual([expect.objectContaining({ code: "disallowed-attribute", element: "p", attribute: "data-fact" })]);
  });

  it("fails each non-ASCII character with its line, column and the entity to use", () => {
    const issues = validateEdgarHtml(page("<p>caf\u00e9 \u2014 \u{1F600}</p>"));
    expect(issues.map(({ code, line, column }) => ({ code, line, column }))).toEqual([
      { code: "non-ascii", line: 5, column: 7 },
      { code: "non-ascii", line: 5, column: 9 },
      { code: "non-ascii", line: 5, column: 11 },
    ]);
    expect(issues[1]!.message).toContain("&#8212;");
    expect(issues[2]!.message).toContain("&#128512;");
  });

  it("does not take markup inside a comment or escaped text for a tag", () => {
    expect(validateEdgarHtml(page("<!-- <script>x</script> --><p>&lt;style&gt; onclick=&quot;x&quot;</p>"))).toEqual([]);
  });
});

describe("validateEdgarFileName", () => {
  it("passes the build's name and fails long, spaced, badly started or non-.htm names", () => {
    expect(validateEdgarFileName("release.edgar.htm")).toEqual([]);
    expect(validateEdgarFileName("a".repeat(29) + ".htm")).toHaveLength(1);
    expect(validateEdgarFileName("a".repeat(28) + ".htm")).toEqual([]);
    expect(validateEdgarFileName("my release.htm")[0]!.message).toContain("space");
    expect(validateEdgarFileName("-release.htm")).toHaveLength(1);
    expect(validateEdgarFileName("release.html")[0]!.message).toContain(".htm");
  });
});
