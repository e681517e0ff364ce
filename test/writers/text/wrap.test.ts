import { describe, expect, it } from "vitest";
import { wrapText } from "../../../src/writers/text/wrap.js";

describe("greedy wire wrap", () => {
  it("fills each line up to the width and breaks only at spaces", () => {
    const lines = wrapText("Total revenues for the third quarter of 2003 were $16.0 million, compared with total revenues", 30, 4, 0);
    expect(lines).toEqual(["    Total revenues for the", "third quarter of 2003 were", "$16.0 million, compared with", "total revenues"]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
  });

  it("keeps a word longer than the line whole", () => {
    expect(wrapText("see http://www.sec.gov/cgi-bin/browse-edgar now", 12)).toEqual(["see", "http://www.sec.gov/cgi-bin/browse-edgar", "now"]);
  });

  it("keeps spaces inside a line as written", () => {
    expect(wrapText("Gross profit  %", 28, 2, 3)).toEqual(["  Gross profit  %"]);
  });

  it("indents continuation lines (a hanging label)", () => {
    expect(wrapText("Restructuring expense/(benefit)", 28, 2, 3)).toEqual(["  Restructuring", "   expense/(benefit)"]);
  });
});
