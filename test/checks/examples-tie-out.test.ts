/**
 * The tie-out on every embedded example (the training releases included): it passes with no
 * declared tolerance; a slipped digit (x10) of any figure a relation holds is caught; a +1 in the
 * last printed digit is caught unless the rounding intervals allow it (the share is printed, the
 * allowed ones listed); and a component of a stated total off by 500 fails exactly the checks
 * that involve that figure.
 */
import { describe, expect, it } from "vitest";
import { findQuarterFiles } from "../../src/cli/inputs.js";
import { runChecks } from "../../src/checks/run-checks.js";
import { formatDataPath } from "../../src/data/issues.js";
import { type LoadedRelease, loadRelease } from "../../src/data/load.js";
import type { LineRowData, QuarterData } from "../../src/data/schema.js";
import { resolveColumns, statedColumns } from "../../src/finance/columns.js";
import { ruleOperands } from "../../src/finance/column-rules.js";
import { writtenDecimals } from "../../src/finance/display.js";
import { formulaReferences, parseFormula, sumTerms } from "../../src/finance/formula.js";
import { changed } from "./tie-out.js";

/** Figures tried per example (evenly spread); the largest release has about 2,800. */
const sampleSize = Number(process.env.MUTATION_SAMPLE ?? 24);

interface Figure {
  readonly table: number;
  readonly row: number;
  readonly index: number;
  readonly value: number;
  readonly where: string;
  /** A relation holds it: its row computes or is computed, or a computed column reads it. */
  readonly held: boolean;
}

function lineRows(quarter: QuarterData): { table: number; row: number; data: LineRowData }[] {
  return quarter.tables.flatMap((table, t) => table.rows.flatMap((row, r) => (typeof row === "string" || "heading" in row ? [] : [{ table: t, row: r, data: row }])));
}

function referencedIds(quarter: QuarterData): Set<string> {
  const ids = new Set<string>();
  const add = (source: string | undefined) => {
    if (!source) return;
    try {
      for (const id of formulaReferences(parseFormula(source))) ids.add(id);
    } catch {
      /* reported by the loader */
    }
  };
  for (const { data } of lineRows(quarter)) {
    add(data.total ?? data.formula);
    if (data.perShare) [data.perShare.income, data.perShare.basicShares, data.perShare.dilutedShares].forEach(add);
    data.values?.forEach((entry) => add(entry !== null && typeof entry === "object" ? entry.formula : undefined));
  }
  // (A measure's formula is computed, not checked: a figure only it reads is held by nothing.)
  [...(quarter.tieOut?.equal ?? []), ...(quarter.tieOut?.balances ?? [])].forEach((relation) => relation.split("=").forEach(add));
  for (const table of quarter.tables) for (const column of table.columns) if (typeof column !== "string" && column.percentOf) ids.add(column.percentOf.line);
  return ids;
}

function listFigures(quarter: QuarterData): Figure[] {
  const referenced = referencedIds(quarter);
  const figures: Figure[] = [];
  for (const { table, row, data } of lineRows(quarter)) {
    const columns = resolveColumns(quarter.tables[table]!, quarter.periods, ["tables", table]);
    const stated = statedColumns(columns);
    data.values?.forEach((entry, index) => {
      const value = typeof entry === "number" ? entry : entry !== null && typeof entry === "object" && entry.value !== undefined ? entry.value : undefined;
      if (value === undefined || value === 0) return;
      const column = stated[index]!;
      const readByRule = columns.some((other) => other.printed && other.rule && ruleOperands(other.rule).includes(column.key));
      // A row that shows another line holds its figure only where that line has a figure of its own
      // (a period column); in a column with its own key (adjustments) the figure is the line's.
      const repeats = !data.id && data.formula !== undefined && column.key === column.period;
      // A total or per-share rule holds the row's own kind of figure, not a stated % column beside amounts.
      const ownKind =
        (column.format ?? (typeof entry === "object" && entry !== null ? entry.format : undefined) ?? data.format ?? "amount") === (data.format ?? "amount") || column.format === "perShare";
      const held =
        (Boolean(data.total ?? data.perShare) && ownKind) ||
        (data.id !== undefined && data.formula !== undefined) ||
        repeats ||
        (data.id !== undefined && referenced.has(data.id) && ownKind) ||
        column.printed ||
        readByRule ||
        (entry !== null && typeof entry === "object" && entry.formula !== undefined);
      figures.push({ table, row, index, value, held, where: `${quarter.tables[table]!.id}.${data.id ?? data.label}[${column.key}]` });
    });
  }
  return figures;
}

function setFigure(quarter: QuarterData, figure: Figure, next: number): void {
  const row = quarter.tables[figure.table]!.rows[figure.row] as LineRowData;
  const entry = row.values![figure.index];
  row.values![figure.index] = entry !== null && typeof entry === "object" ? { ...entry, value: next } : next;
}

/** The outcome of a changed release: caught (fails or does not load), a rounding note on the figure, or silent. */
function outcome(release: LoadedRelease, figure: Figure, next: number): "caught" | "rounding" | "silent" {
  let report;
  try {
    report = runChecks(changed(release, (quarter) => setFigure(quarter, figure, next)));
  } catch {
    return "caught";
  }
  if (!report.passed) return "caught";
  const path = formatDataPath(["tables", figure.table, "rows", figure.row], release.quarter);
  return report.results.some((item) => item.status === "note" && item.path?.startsWith(path)) ? "rounding" : "silent";
}

function sample<T>(items: readonly T[], size: number): T[] {
  if (items.length <= size) return [...items];
  return Array.from({ length: size }, (_, index) => items[Math.floor((index * items.length) / size)]!);
}

const files = findQuarterFiles(["data"]);

describe.each(files)("tie-out of %s", (file) => {
  const release = loadRelease(file);

  it("passes with no failure and no declared tolerance", () => {
    const report = runChecks(release);
    expect(report.results.filter((item) => item.status === "fail").map((item) => item.message)).toEqual([]);
    expect(release.company.tolerance).toBeUndefined();
    expect(release.quarter.tables.filter((table) => table.tolerance !== undefined).map((table) => table.id)).toEqual([]);
  });

  it("catches a slipped digit (x10) of every figure a relation holds, and prints the +1 share", { timeout: 300_000 }, () => {
    const figures = sample(listFigures(release.quarter), sampleSize);
    const missed: string[] = [];
    const allowed: string[] = [];
    let caughtOne = 0;
    for (const figure of figures) {
      if (figure.held && outcome(release, figure, figure.value * 10) !== "caught") missed.push(`${figure.where} x10`);
      const step = 10 ** -writtenDecimals(figure.value);
      const plusOne = Number((figure.value + step).toFixed(writtenDecimals(figure.value)));
      const result = figure.held ? outcome(release, figure, plusOne) : "silent";
      if (result === "caught") caughtOne++;
      else if (result === "rounding") allowed.push(`${figure.where} +1: within the rounding of its relation`);
      else if (figure.held) allowed.push(`${figure.where} +1: passes (no relation fails for it)`);
    }
    const held = figures.filter((figure) => figure.held).length;
    console.log(
      `${file}: x10 caught ${held - missed.length}/${held} held figures (${figures.length - held} of ${figures.length} sampled figures no relation holds); +1 caught ${caughtOne}/${held}${allowed.length ? `; allowed:\n  ${allowed.join("\n  ")}` : ""}`,
    );
    expect(missed).toEqual([]);
  });
});

/** The training releases: a component of a stated total off by 500 in its printed unit. */
const training = files.filter((file) => !/data\/(atg|northwind)\//.test(file));

describe.each(training)("a component off by 500 in %s", (file) => {
  const release = loadRelease(file);
  it("fails the checks that hold that figure and no other", () => {
    const quarter = release.quarter;
    const rows = lineRows(quarter);
    // The first stated total whose first term is a stated figure of the same table.
    let planted: { figure: Figure; term: string } | undefined;
    for (const { table, data } of rows) {
      if (!data.id || !data.total || !data.values) continue;
      const terms = sumTerms(parseFormula(data.total));
      const term = terms?.[0];
      const termRow = term && rows.find((candidate) => candidate.table === table && candidate.data.id === term.id);
      const index = termRow?.data.values?.findIndex((entry) => typeof entry === "number" && entry !== 0) ?? -1;
      if (!termRow || index < 0 || !data.values[index] || typeof data.values[index] !== "number") continue;
      const value = termRow.data.values![index] as number;
      planted = { term: term.id, figure: { table, row: termRow.row, index, value, held: true, where: "" } };
      break;
    }
    expect(planted).toBeDefined();
    const { figure, term } = planted!;
    const report = runChecks(changed(release, (copy) => setFigure(copy, figure, figure.value + 500)));
    const failures = report.results.filter((item) => item.status === "fail");
    expect(failures.length).toBeGreaterThan(0);
    // The lines that depend on the changed one, and the rows that show them.
    const dependents = new Set([term]);
    for (let grown = true; grown;) {
      grown = false;
      for (const line of release.facts.lines.values()) {
        if (dependents.has(line.id)) continue;
        const refs = [
          ...(line.formula ? formulaReferences(line.formula) : []),
          ...(line.perShare ? [line.perShare.income, line.perShare.basicShares, line.perShare.dilutedShares ?? ""] : []),
          ...[...line.cellFormulas.values()].flatMap((cell) => formulaReferences(cell.formula)),
        ];
        if (refs.some((id) => dependents.has(id))) {
          dependents.add(line.id);
          grown = true;
        }
      }
    }
    // A declared equality that names a dependent line involves both its sides.
    for (const relation of quarter.tieOut?.equal ?? []) {
      const ids = relation.split("=").flatMap((side) => formulaReferences(parseFormula(side)));
      if (ids.some((id) => dependents.has(id))) ids.forEach((id) => dependents.add(id));
    }
    const prefixes = rows
      .filter(({ data }) => {
        if (data.id) return dependents.has(data.id);
        const sources = [data.formula, ...(data.values ?? []).map((entry) => (entry !== null && typeof entry === "object" ? entry.formula : undefined))];
        return sources.some((source) => source !== undefined && formulaReferences(parseFormula(source)).some((id) => dependents.has(id)));
      })
      .map(({ table, row }) => formatDataPath(["tables", table, "rows", row], quarter));
    const unrelated = failures.filter((item) => !item.path?.startsWith("tieOut") && !prefixes.some((prefix) => item.path?.startsWith(prefix)));
    expect(unrelated.map((item) => item.message)).toEqual([]);
  });
});
