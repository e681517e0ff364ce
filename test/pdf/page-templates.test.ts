import { describe, expect, it } from "vitest";
import { buildPageMarginCss, formatReleaseStatus, injectHeadStyle, runningHeadStatus } from "../../src/pdf/index.js";

describe("formatReleaseStatus", () => {
  it("numbers and dates a draft", () => {
    expect(formatReleaseStatus({ final: false, draft: 3, date: "2003-10-20" })).toBe("DRAFT 3 \u2014 2003-10-20");
  });
  it("calls a final a final", () => {
    expect(formatReleaseStatus({ final: true })).toBe("FINAL");
  });
  it("puts no status word in a final's running head, as printers do", () => {
    expect(runningHeadStatus({ final: true })).toBe("");
    expect(runningHeadStatus({ final: false, draft: 3, date: "2003-10-20" })).toBe("DRAFT 3 \u2014 2003-10-20");
  });
});

describe("buildPageMarginCss", () => {
  const info = { company: "Art Technology Group, Inc.", periodLabel: "Third Quarter 2003", status: { final: true } as const };

  it("puts company, period, a draft's status and Page X of Y in the page margins", () => {
    const css = buildPageMarginCss(info);
    expect(css).toContain('@top-left { content: "Art Technology Group, Inc."');
    expect(css).toContain('@top-center { content: "Third Quarter 2003"');
    expect(css).not.toContain("@top-right");
    expect(buildPageMarginCss({ ...info, status: { final: false, draft: 3, date: "2003-10-20" } })).toContain('@top-right { content: "DRAFT 3 \u2014 2003-10-20"');
    expect(css).toContain('content: "Page " counter(page) " of " counter(pages)');
  });

  it("keeps data text: quotes, backslashes and a closing style tag cannot escape the string", () => {
    const css = buildPageMarginCss({ ...info, company: 'A "B" \\ </style><script>x</script>\nC' });
    expect(css).not.toContain("</style>");
    expect(css).not.toContain("<script>");
    expect(css).toContain('content: "A \\22 B\\22  \\5c  \\3c /style\\3e \\3c script\\3e x\\3c /script\\3e  C"');
  });
});

describe("injectHeadStyle", () => {
  it("puts the style first in the head", () => {
    expect(injectHeadStyle('<!doctype html><html><head lang="en"><title>t</title></head></html>', "x{}")).toBe(
      '<!doctype html><html><head lang="en"><style>x{}</style><title>t</title></head></html>',
    );
  });
  it("keeps a headless page's doctype first (no quirks mode)", () => {
    expect(injectHeadStyle("<!DOCTYPE html><p>x", "x{}")).toBe("<!DOCTYPE html><style>x{}</style><p>x");
  });
  it("prepends to a fragment", () => {
    expect(injectHeadStyle("<p>x", "x{}")).toBe("<style>x{}</style><p>x");
  });
});
