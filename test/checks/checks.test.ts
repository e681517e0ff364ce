import { describe, expect, it } from "vitest";
import { formatCheckReport } from "../../src/checks/format-report.js";
import { readCheckSources, runChecks } from "../../src/checks/run-checks.js";
import { composeRelease } from "../../src/compose/release.js";
import type { ReleaseDocument } from "../../src/model/document.js";
import { loadRelease } from "../../src/data/load.js";
import { at, changed, checkWithDocument, defaultRelease, failuresOf, resultsOf, rowOf, valueAt } from "./tie-out.js";

const loadFourthQuarter = () => loadRelease("data/atg/2002-q4.yaml");

const q = defaultRelease.quarter;

describe("the embedded default ties out", () => {
  it("passes every check, with and without its document", () => {
    const report = checkWithDocument(defaultRelease);
    expect(failuresOf(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(runChecks(defaultRelease).passed).toBe(true);
    // The checks DOMAIN.md lists all ran on it.
    for (const check of ["footing", "cross-footing", "balance", "per-share", "percentages", "cross-statement", "non-gaap", "forward-looking"] as const) {
      expect(resultsOf(report, check, "pass").length, check).toBeGreaterThan(0);
    }
  });
});

describe("footing", () => {
  it("names the total, period, sum, difference, tolerance and line", () => {
    const report = runChecks(changed(defaultRelease, (quarter) => void (rowOf(quarter, "licenseRevenue").values![0] = 5002)));
    expect(failuresOf(report)).toEqual([
      `Total Revenues, three months ended Sept. 30, 2003: the components sum to 16,010 but the total is 16,009: differs by 1; the table's figures are force-footed (figures: footed), so they must add exactly: an error at ${at(valueAt(q, "totalRevenues", 0))}`,
    ]);
  });

  it("reports a difference within the declared tolerance as a rounding note, and a real error first", () => {
    const release = changed(defaultRelease, (quarter) => {
      quarter.tables.find((table) => table.id === "balanceSheet")!.tolerance = 1;
      rowOf(quarter, "accountsReceivable").values![0] = 12380; // rounding: 1 unit
      rowOf(quarter, "accountsPayable").values![1] = 2564; // rounding: 1 unit
      rowOf(quarter, "prepaidExpenses").values![1] = 2499; // a real error: 10 units
    });
    const report = runChecks(release);
    const notes = resultsOf(report, "footing", "note");
    expect(notes.map((note) => note.message)).toEqual([
      `Total current assets, Sept. 30, 2003: the components sum to 60,567 but the total is 60,566: differs by 1; the declared tolerance is 1: rounding at ${at(valueAt(q, "totalCurrentAssets", 0))}`,
      `Total current liabilities, Dec. 31, 2002: the components sum to 56,276 but the total is 56,275: differs by 1; the declared tolerance is 1: rounding at ${at(valueAt(q, "totalCurrentLiabilities", 1))}`,
    ]);
    expect(report.results[0]!.status).toBe("fail");
    expect(failuresOf(report)).toEqual([
      `Total current assets, Dec. 31, 2002: the components sum to 96,278 but the total is 96,268: differs by 10; the declared tolerance is 1: an error at ${at(valueAt(q, "totalCurrentAssets", 1))}`,
    ]);
    const text = formatCheckReport(report);
    expect(text.indexOf(">> FAIL")).toBeLessThan(text.indexOf(": rounding at"));
  });
});

describe("cross-footing", () => {
  it("spells out the subtraction that does not hold", () => {
    const release = changed(defaultRelease, (quarter) => {
      rowOf(quarter, "costOfServices").values![0] = 4599;
      rowOf(quarter, "totalCostOfRevenues").values![0] = 5129; // the column still foots
    });
    expect(failuresOf(runChecks(release))).toEqual([
      `Gross Profit, three months ended Sept. 30, 2003: Total Revenues 16,009 - Total Cost of Revenues 5,129 = 10,880 but the line is 10,881: differs by 1; the table's figures are force-footed (figures: footed), so they must add exactly: an error at ${at(valueAt(q, "grossProfit", 0))}`,
    ]);
  });

  it("follows the statement down to net income", () => {
    const release = changed(defaultRelease, (quarter) => void (rowOf(quarter, "incomeTaxes").values![3] = 10));
    expect(failuresOf(runChecks(release))).toEqual([
      `Net income/(loss), nine months ended Sept. 30, 2002: Income/(loss) before provision for income taxes (8,657) - Provision for income taxes 10 = (8,667) but the line is (8,657): differs by 10; the table's figures are force-footed (figures: footed), so they must add exactly: an error at ${at(valueAt(q, "netIncomeLoss", 3))}`,
    ]);
  });
});

describe("balance", () => {
  it("fails when total assets and total liabilities and equity differ at a date", () => {
    const release = changed(defaultRelease, (quarter) => {
      rowOf(quarter, "stockholdersEquity").values![0] = 16915;
      rowOf(quarter, "totalLiabilitiesAndEquity").values![0] = 67120;
    });
    expect(failuresOf(runChecks(release))).toEqual([
      `Balance, Sept. 30, 2003: Total assets is 67,119 but Total liabilities and stockholders' equity is 67,120 (difference 1, tolerance 0) at ${at(valueAt(q, "totalAssets", 0))}`,
    ]);
  });

  it("is exact even when the company declares a footing tolerance", () => {
    const release = changed(defaultRelease, (quarter) => {
      rowOf(quarter, "stockholdersEquity").values![0] = 16915;
      rowOf(quarter, "totalLiabilitiesAndEquity").values![0] = 67120;
    });
    const tolerant = { ...release, company: { ...release.company, tolerance: 2 } };
    expect(failuresOf(runChecks(tolerant), "balance")).toHaveLength(1);
  });

  it("warns when a balance sheet has no declared identity", () => {
    const release = changed(defaultRelease, (quarter) => void delete quarter.tieOut);
    const warnings = resultsOf(runChecks(release), "balance", "warning");
    expect(warnings.map((warning) => warning.message)).toEqual([
      `Condensed Consolidated Balance Sheets: a table of balances at dates but no declared identity, so nothing proves it balances; add tieOut: { balances: ["totalAssets = totalLiabilitiesAndEquity"] } at ${at(["tables", q.tables.findIndex((table) => table.id === "balanceSheet")])}`,
    ]);
  });
});

describe("per-share", () => {
  it("recomputes the stated figure from income and weighted shares", () => {
    const release = changed(defaultRelease, (quarter) => void (rowOf(quarter, "epsBasic").values![0] = -0.05));
    expect(failuresOf(runChecks(release))).toEqual([
      `Basic net income/(loss) per share, three months ended Sept. 30, 2003: Net income/(loss) (3,195) / Basic weighted average common shares outstanding 72,052 = (0.0443), which rounds to (0.04), but the line is (0.05): differs by 0.01; the income and share figures, each rounded, allow less than 0.005: an error at ${at(valueAt(q, "epsBasic", 0))}`,
    ]);
  });

  it("applies the anti-dilution rule in a loss period: diluted shares equal basic", () => {
    const release = changed(defaultRelease, (quarter) => void (rowOf(quarter, "weightedSharesDiluted").values![0] = 80000));
    expect(failuresOf(runChecks(release))).toEqual([
      `Diluted net income/(loss) per share, three months ended Sept. 30, 2003: in a loss period potential shares are anti-dilutive, so Diluted weighted average common shares outstanding (80,000) must equal Basic weighted average common shares outstanding (72,052) at ${at(valueAt(q, "weightedSharesDiluted", 0))}`,
    ]);
  });

  it("uses diluted shares in an income period, which may not be fewer than basic", () => {
    const release = changed(defaultRelease, (quarter) => void (rowOf(quarter, "weightedSharesDiluted").values![2] = 70000));
    expect(failuresOf(runChecks(release))).toEqual([
      `Diluted net income/(loss) per share, nine months ended Sept. 30, 2003: Diluted weighted average common shares outstanding (70,000) is below Basic weighted average common shares outstanding (71,503); diluted shares add potential shares to the basic ones at ${at(valueAt(q, "weightedSharesDiluted", 2))}`,
    ]);
  });
});

describe("percentages", () => {
  it("recomputes a stated margin", () => {
    const release = changed(defaultRelease, (quarter) => void (rowOf(quarter, "grossMargin").values![1] = 61));
    expect(failuresOf(runChecks(release))).toEqual([
      `Gross profit  %, three months ended Sept. 30, 2002: grossProfit / totalRevenues = 62.3010%, which rounds to 62%, but the line is 61%: differs by 1; the figures of grossProfit / totalRevenues, each rounded, allow less than 0.5: an error at ${at(valueAt(q, "grossMargin", 1))}`,
    ]);
  });
});

/** A copy of the document with the text of every inline or cell that `change` maps. */
function editDocument(document: ReleaseDocument, change: (text: string) => string): ReleaseDocument {
  return JSON.parse(JSON.stringify(document), (key, value: unknown) => ((key === "text" || key === "digits") && typeof value === "string" ? change(value) : value)) as ReleaseDocument;
}

describe("cross-statement", () => {
  it("ties a row that repeats a statement line in millions to the statement", () => {
    const release = changed(defaultRelease, (quarter) => {
      const row = quarter.tables.find((table) => table.id === "highlights")!.rows[0]!;
      if (typeof row !== "string" && !("heading" in row)) Object.assign(row, { id: "totalRevenuesInMillions", values: [16.0, 24.5, 56.7, 77.1] });
    });
    const highlights = q.tables.findIndex((table) => table.id === "highlights");
    expect(failuresOf(runChecks(release))).toEqual([
      `Total revenues, nine months ended Sept. 30, 2002: Total Revenues rounds to 77.0 but the line is 77.1: differs by 0.1; the two figures, each rounded, allow less than 0.05: an error at ${at(["tables", highlights, "rows", 0, "values", 3])}`,
    ]);
    expect(resultsOf(runChecks(release), "cross-statement", "pass").filter((item) => item.subject.startsWith("Total revenues,"))).toHaveLength(3);
  });

  it("holds declared equal figures (tieOut.equal)", () => {
    const release = changed(defaultRelease, (quarter) => void (quarter.tieOut = { ...quarter.tieOut, equal: ["pretaxIncomeLoss = netIncomeLoss", "licenseRevenue = servicesRevenue"] }));
    const failures = failuresOf(runChecks(release));
    expect(failures).toHaveLength(4);
    expect(failures[0]).toBe(
      `Product license, three months ended Sept. 30, 2003: Product license is 5,001 but Services is 11,008: differs by 6,007; the two sides, each rounded, allow less than 1: an error at ${at(valueAt(q, "licenseRevenue", 0))}`,
    );
  });

  it("reads every figure of the composed document back against the data", () => {
    const document = editDocument(composeRelease(defaultRelease), (text) => (text === "$16.0 million" ? "$16.1 million" : text === "10,881" ? "10,891" : text));
    const lead = q.body.findIndex((item) => "id" in item && item.id === "lead");
    expect(failuresOf(runChecks(defaultRelease, document))).toEqual([
      `Total Revenues, three months ended Sept. 30, 2003, in the section "lead": the document shows $16.1 million but the data gives 16.0 (difference 0.1, tolerance 0) at ${at(["body", lead, "paragraphs", 0])}`,
      `Gross Profit, three months ended Sept. 30, 2003, in the table "operations": the document shows 10,891 but the data gives 10,881 (difference 10, tolerance 0) at ${at(valueAt(q, "grossProfit", 0))}`,
    ]);
  });
});

describe("year-to-date", () => {
  const withEarlierQuarters = (second: number) =>
    changed(defaultRelease, (quarter) => {
      quarter.periods.q1_2003 = { months: 3, end: "2003-03-31" };
      quarter.periods.q2_2003 = { months: 3, end: "2003-06-30" };
      quarter.facts = [...(quarter.facts ?? []), { id: "licenseRevenue", unit: "thousands", values: { q1_2003: 8000, q2_2003: second } }];
    });

  it("adds the quarters of the year to the year-to-date figure", () => {
    expect(failuresOf(runChecks(withEarlierQuarters(8970)))).toEqual([]);
    expect(resultsOf(runChecks(withEarlierQuarters(8970)), "year-to-date", "pass")).toHaveLength(1);
    expect(failuresOf(runChecks(withEarlierQuarters(8971)))).toEqual([
      `Product license, nine months ended Sept. 30, 2003: the periods add up to 21,972 but the line is 21,971: differs by 1; the table's figures are force-footed (figures: footed), so they must add exactly: an error; 8,000 (three months ended March 31, 2003) + 8,971 (three months ended June 30, 2003) + 5,001 (three months ended Sept. 30, 2003) at ${at(valueAt(q, "licenseRevenue", 2))}`,
    ]);
  });

  it("takes the earlier periods from the other quarter files given", () => {
    const fourth = (changedNine: boolean) => {
      const third = changedNine ? changed(defaultRelease, (quarter) => void (rowOf(quarter, "servicesRevenue").values![3] = 40405)) : defaultRelease;
      return runChecks(loadFourthQuarter(), undefined, { siblings: [third] });
    };
    expect(resultsOf(fourth(false), "year-to-date", "pass").length).toBeGreaterThan(0);
    expect(failuresOf(fourth(false))).toEqual([]);
    const failures = failuresOf(fourth(true), "year-to-date");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /^Services, twelve months ended Dec\. 31, 2002: the periods add up to 52,655 but the line is 52,654: differs by 1; the table's figures are force-footed \(figures: footed\), so they must add exactly: an error; 40,405 \(nine months ended Sept\. 30, 2002, data\/atg\/2003-q3\.yaml\) \+ 12,250 \(three months ended Dec\. 31, 2002\) at data\/atg\/2002-q4\.yaml:\d+$/,
    );
  });

  it("notes when the data has no earlier quarters", () => {
    expect(resultsOf(runChecks(defaultRelease), "year-to-date", "note")).toHaveLength(1);
  });
});

describe("non-gaap", () => {
  const lead = q.body.findIndex((item) => "id" in item && item.id === "lead");
  const measure = (id: string) => ["measures", q.measures!.findIndex((entry) => entry.id === id)];

  it("fails a non-GAAP measure that does not start from its GAAP measure", () => {
    const release = changed(defaultRelease, (quarter) => void (quarter.measures![0]!.formula = "totalRevenues - totalCostOfRevenues"));
    expect(failuresOf(runChecks(release), "non-gaap")).toEqual([
      `Net income/(loss) (non-GAAP): does not reconcile to Net income/(loss): its formula totalRevenues - totalCostOfRevenues does not start from netIncomeLoss; write it as netIncomeLoss plus or minus the adjustments at ${at(measure("netIncomeLossNonGaap"))}`,
      `Net income/(loss) per share (non-GAAP): does not reconcile to Diluted net income/(loss) per share: its income netIncomeLossNonGaap is neither netIncomeLoss nor a non-GAAP measure reconciled to it at ${at(measure("epsNonGaap"))}`,
    ]);
  });

  it("fails a non-GAAP figure that comes before its GAAP figure", () => {
    const release = changed(defaultRelease, (quarter) => {
      const section = quarter.body[lead]!;
      if (!("table" in section)) section.paragraphs![0] = `Net loss (non-GAAP) was {{money netIncomeLossNonGaap ytd_2003 abs=true}}. ${section.paragraphs![0] as string}`;
    });
    expect(failuresOf(checkWithDocument(release))).toEqual([
      `Net income/(loss) (non-GAAP), nine months ended Sept. 30, 2003: the non-GAAP figure $5.2 million in the section "lead" comes before Net income/(loss) for the same period; present the GAAP figure first at ${at(["body", lead, "paragraphs", 0])}`,
    ]);
  });

  it("fails a headline that uses a non-GAAP figure or says so", () => {
    const typed = changed(defaultRelease, (quarter) => void (quarter.headline = "ATG Net Loss Narrows to $5.2 Million"));
    expect(failuresOf(checkWithDocument(typed))).toEqual([
      `Headline: "ATG Net Loss Narrows to $5.2 Million" uses the non-GAAP figure $5.2 million; a headline may not lead with a non-GAAP measure at ${at(["headline"])}`,
    ]);
    const worded = changed(defaultRelease, (quarter) => void (quarter.headline = "ATG Reports Adjusted Results"));
    expect(failuresOf(checkWithDocument(worded))).toEqual([
      `Headline: "ATG Reports Adjusted Results" says "Adjusted"; a headline may not lead with a non-GAAP measure at ${at(["headline"])}`,
    ]);
  });
});

describe("unlinked-numbers", () => {
  const sources = readCheckSources(defaultRelease);
  const warnings = resultsOf(runChecks(defaultRelease, undefined, { sources }), "unlinked-numbers", "warning");

  it("lists a typed figure with its own line in the file", () => {
    const line = sources.quarter!.split("\n").findIndex((text) => text.includes("Settled an $11.8 million")) + 1;
    const highlights = q.body.findIndex((item) => "id" in item && item.id === "highlights");
    const warning = warnings.find((item) => item.figures[0]?.value === "$11.8 million")!;
    expect(warning.message).toBe(
      `Section "Third-Quarter Highlights", bullet point 4: "$11.8 million" is typed, not taken from the data ("Settled an $11.8 million excess lease obligation for a facility..."); link it with {{money line period}} or have a reviewer confirm it at data/atg/2003-q3.yaml:${line}`,
    );
    expect(warning.path).toBe(`body[highlights].bullets[3]`);
    expect(highlights).toBeGreaterThan(0);
  });

  it("does not list figures referenced with {{...}}, years, days of dates, times or web addresses", () => {
    const typed = warnings.map((item) => item.figures[0]!.value);
    expect(warnings.every((item) => item.status === "warning")).toBe(true);
    expect(warnings.filter((item) => item.subject.startsWith('Section "lead"'))).toEqual([]);
    for (const value of ["2003", "2002", "31", "30", "21", "5:30", "5"]) expect(typed, value).not.toContain(value);
    expect(typed).toContain("$40 million");
  });

  it("lists a number typed into a paragraph that otherwise links its figures", () => {
    const release = changed(defaultRelease, (quarter) => {
      const section = quarter.body[0]!;
      if (!("table" in section)) section.paragraphs![0] = `${section.paragraphs![0] as string} Bookings were $12.5 million.`;
    });
    const found = resultsOf(runChecks(release), "unlinked-numbers", "warning").filter((item) => item.subject === 'Section "lead", paragraph 1');
    expect(found.map((item) => item.figures[0]!.value)).toEqual(["$12.5 million"]);
  });
});

describe("forward-looking", () => {
  const document = composeRelease(defaultRelease);
  const quotes = q.body.findIndex((item) => "id" in item && item.id === "quotes");

  it("fails when forward-looking paragraphs have no cautionary statement", () => {
    const withoutSafeHarbor: ReleaseDocument = { ...document, blocks: document.blocks.filter((block) => !(block.type === "section" && block.id === "safeHarbor")) };
    expect(failuresOf(runChecks(defaultRelease, withoutSafeHarbor))).toEqual([
      `Forward-looking statements: 5 paragraphs are marked forward-looking but the release has no cautionary statement naming the important risk factors at ${at(["body", quotes, "paragraphs", 0])}`,
    ]);
  });

  it("fails when the safe-harbor sentence does not name a marked section", () => {
    const renamed = editDocument(document, (text) => text.replace('of the section labeled "Outlook"', 'of the section labeled "Forecast"'));
    const failures = failuresOf(runChecks(defaultRelease, renamed));
    expect(failures[1]).toMatch(
      /^Safe-harbor statement: does not contain the sentence naming the marked paragraphs: "The statements in paragraphs 3 and 4, bullet point 4 of the section labeled "Third-Quarter Highlights" and the statements in paragraphs 1 and 2 of the section labeled "Outlook" include forward-looking statements\." at data\/atg\/company\.yaml:\d+$/,
    );
    expect(failures[0]).toMatch(/^Section "Outlook": has 2 forward-looking paragraphs but the safe-harbor sentence does not name the section at data\/atg\/2003-q3\.yaml:\d+$/);
    expect(failures).toHaveLength(2);
  });

  it("warns about an unmarked paragraph that speaks of the future", () => {
    const release = changed(defaultRelease, (quarter) => {
      const outlook = quarter.body.find((item) => "id" in item && item.id === "outlook");
      if (outlook && !("table" in outlook)) outlook.paragraphs![1] = (outlook.paragraphs![1] as { text: string }).text;
    });
    const outlookIndex = q.body.findIndex((item) => "id" in item && item.id === "outlook");
    expect(resultsOf(runChecks(release), "forward-looking", "warning").map((item) => item.message)).toEqual([
      `Section "Outlook", paragraph 2: says "anticipates" but is not marked forwardLooking: true; mark it if it speaks of the future, so the safe harbor names it at ${at(["body", outlookIndex, "paragraphs", 1])}`,
    ]);
  });

  it("passes a release without forward-looking paragraphs", () => {
    const release = changed(defaultRelease, (quarter) => {
      for (const item of quarter.body) {
        if ("table" in item) continue;
        for (const list of [item.paragraphs, item.bullets]) list?.forEach((entry, index) => typeof entry !== "string" && (list[index] = "A plain sentence."));
      }
    });
    const results = runChecks(release, composeRelease(release)).results.filter((item) => item.check === "forward-looking");
    expect(results.map((item) => `${item.status}: ${item.subject}`)).toEqual(["pass: Forward-looking statements"]);
  });
});

describe("the report", () => {
  it("sorts failures first, then warnings, notes and passes", () => {
    const report = runChecks(changed(defaultRelease, (quarter) => void Object.assign(rowOf(quarter, "otherIncome").values!, { 0: 18, 1: 78 })));
    const order = { fail: 0, warning: 1, note: 2, pass: 3 };
    const statuses = report.results.map((item) => order[item.status]);
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
    expect(report.counts.fail).toBe(2);
    expect(formatCheckReport(report)).toMatch(
      /^data\/atg\/2003-q3\.yaml: FAILED {2}2 failed, 1 note, \d+ warnings, \d+ passed\n\nFAILED\n {2}cross-footing \(2\)\n {4}>> FAIL {2}Income\/\(loss\) before provision/,
    );
  });
});
