/**
 * The fact book: every figure of a quarter keyed by line id and period id, in base units
 * (dollars, shares, ratios), with formulas evaluated exactly and their problems located.
 */
import type { DataPath } from "../data/issues.js";
import type { FigureFormatName, LineRowData, PeriodData, QuarterData } from "../data/schema.js";
import { unitScale } from "../data/schema.js";
import { Decimal, divide } from "./decimal.js";
import { type Formula, FormulaSyntaxError, formulaReferences, parseFormula } from "./formula.js";
import { type ResolvedColumn, resolveColumns, statedColumns } from "./columns.js";
import { type Display, dashMarks, halfUnit, resolveDisplay, scaleOf, toBase, writtenDecimals } from "./display.js";
import { addIntervals, around, divideIntervals, type Interval, multiplyIntervals, negateInterval, point, subtractIntervals } from "./intervals.js";
import type { CellEntry, TableData } from "../data/schema.js";

/** What a figure measures, which decides how it is scaled and printed. */
export type FactKind = FigureFormatName;

/** An exact value; `exact` is false when a division was truncated (see `roundTo`). */
export interface FactValue {
  readonly value: Decimal;
  readonly exact: boolean;
}

/** Where a line is defined, and how. */
export interface LineDefinition {
  readonly id: string;
  readonly label: string;
  readonly kind: FactKind;
  /** Typed values per period, in base units. */
  readonly stated: ReadonlyMap<string, Decimal>;
  readonly formula?: Formula;
  readonly formulaSource?: string;
  /** `total` (a footing) or `formula` (any computation). */
  readonly formulaKey?: "total" | "formula";
  readonly perShare?: { readonly income: string; readonly basicShares: string; readonly dilutedShares?: string };
  readonly nonGaap?: { readonly gaap: string };
  /** Path of the row in the quarter file. */
  readonly path: DataPath;
  /** The table it is shown in, if any. */
  readonly table?: string;
  /** Power of ten of the unit its values were written in. */
  readonly scale: number;
  /** The formula reads instants at the end, or just before the start, of each duration. */
  readonly at?: "end" | "start";
  /** How each stated value is printed (its cell's format, scale and decimals). */
  readonly displays: ReadonlyMap<string, Display>;
  /** Marks printed instead of figures, by key ("n/m", "—"; a dash mark is also a stated nil). */
  readonly marks: ReadonlyMap<string, string>;
  /** Keys whose printed mark means "less than half a unit" (a stated nil that is not zero). */
  readonly small: ReadonlySet<string>;
  /** Cells that show a formula (`{ formula: netIncome, value: 2310.4 }`), by key. */
  readonly cellFormulas: ReadonlyMap<string, { readonly formula: Formula; readonly source: string }>;
}

/** A problem in the figures of the data, located by path. */
export interface FactIssue {
  readonly code: string;
  readonly path: DataPath;
  readonly message: string;
}

/** Every figure of a quarter; see `buildFactBook`. */
export class FactBook {
  private readonly cache = new Map<string, FactValue | null>();

  constructor(
    readonly lines: ReadonlyMap<string, LineDefinition>,
    readonly periods: Readonly<Record<string, PeriodData>>,
    /** The period of each fact key (a period id is its own key). */
    readonly keyPeriods: ReadonlyMap<string, string> = new Map(Object.keys(periods).map((id) => [id, id])),
    /** Each table's columns, resolved once, by table id. */
    readonly tableColumns: ReadonlyMap<string, readonly ResolvedColumn[]> = new Map(),
  ) {}

  /** The stated value if the data has one, else the computed one; undefined when neither exists. */
  value(line: string, period: string): FactValue | undefined {
    const definition = this.lines.get(line);
    const stated = definition?.stated.get(period);
    if (stated === undefined) {
      const cell = definition?.cellFormulas.get(period);
      return cell ? this.evaluate(cell.formula, period, true) : this.computed(line, period);
    }
    if (stated.eq(0) && (definition!.displays.get(period)?.kind ?? definition!.kind) === "perShare") {
      // A per-share figure stated as 0.00 is a rounded amount, not a nil: keep the exact one.
      const computed = this.computed(line, period);
      if (computed && !computed.value.eq(0)) return computed;
    }
    return { value: stated, exact: true };
  }

  /** The value computed from the line's formula or per-share rule, ignoring a stated value. */
  computed(line: string, period: string): FactValue | undefined {
    const key = `${line}@${period}`;
    if (this.cache.has(key)) return this.cache.get(key) ?? undefined;
    this.cache.set(key, null); // cycles are rejected when the book is built; this guards re-entry
    const definition = this.lines.get(line);
    let result: FactValue | undefined;
    if (definition?.formula) {
      const at = definition.at === "end" ? this.instantAtEnd(period) : definition.at === "start" ? this.instantAtStart(period) : period;
      result = at === undefined ? undefined : this.evaluate(definition.formula, at);
    } else if (definition?.perShare) result = this.perShare(definition.perShare, period);
    this.cache.set(key, result ?? null);
    return result;
  }

  /**
   * Evaluates a formula at a key; undefined when a referenced value is missing. A cell's formula
   * (`fallback`) reads a line at the column's period where the line has nothing at the key.
   */
  evaluate(formula: Formula, period: string, fallback = false): FactValue | undefined {
    switch (formula.op) {
      case "ref": {
        const key = this.refKey(formula, period);
        if (key === undefined) return undefined;
        const found = this.value(formula.id, key);
        if (found || !fallback || formula.at !== undefined) return found;
        const columnPeriod = this.keyPeriods.get(key);
        return columnPeriod !== undefined && columnPeriod !== key ? this.value(formula.id, columnPeriod) : undefined;
      }
      case "const":
        return { value: new Decimal(formula.value), exact: true };
      case "neg": {
        const arg = this.evaluate(formula.arg, period, fallback);
        return arg && { value: arg.value.neg(), exact: arg.exact };
      }
      default: {
        const left = this.evaluate(formula.left, period, fallback);
        const right = this.evaluate(formula.right, period, fallback);
        if (!left || !right) return undefined;
        const exact = left.exact && right.exact;
        if (formula.op === "+") return { value: left.value.plus(right.value), exact };
        if (formula.op === "-") return { value: left.value.minus(right.value), exact };
        if (formula.op === "*") return { value: left.value.times(right.value), exact };
        if (right.value.eq(0)) return undefined;
        const { quotient, exact: divisionExact } = divide(left.value, right.value);
        return { value: quotient, exact: exact && divisionExact };
      }
    }
  }

  /**
   * Every value a line's figure at a key may stand for: a stated figure (when `rounded`) is any
   * value that rounds to it; a computed one ranges over its inputs' intervals. Undefined when
   * there is no figure, "any" when a division by an interval holding zero leaves it unbounded.
   */
  interval(line: string, key: string, rounded: boolean, depth = 0): Interval | "any" | undefined {
    const definition = this.lines.get(line);
    if (!definition || depth > 64) return undefined;
    const stated = definition.stated.get(key);
    if (stated !== undefined) {
      const display = definition.displays.get(key);
      // A dash is an exact nil; only the small mark ("less than half a unit") stands for an interval.
      const dash = definition.marks.has(key) && !definition.small.has(key);
      if (!rounded || !display || dash) return point(stated);
      return around(stated, halfUnit(display));
    }
    const cell = definition.cellFormulas.get(key);
    if (cell) return this.formulaInterval(cell.formula, key, rounded, depth + 1, true);
    if (definition.formula) {
      const at = definition.at === "end" ? this.instantAtEnd(key) : definition.at === "start" ? this.instantAtStart(key) : key;
      return at === undefined ? undefined : this.formulaInterval(definition.formula, at, rounded, depth + 1);
    }
    if (definition.perShare) {
      const income = this.value(definition.perShare.income, key);
      if (!income) return undefined;
      const useDiluted = definition.perShare.dilutedShares !== undefined && income.value.gte(0);
      const top = this.interval(definition.perShare.income, key, rounded, depth + 1);
      const bottom = this.interval(useDiluted ? definition.perShare.dilutedShares : definition.perShare.basicShares, key, rounded, depth + 1);
      if (top === undefined || bottom === undefined) return undefined;
      if (top === "any" || bottom === "any") return "any";
      return divideIntervals(top, bottom) ?? "any";
    }
    return undefined;
  }

  /** The interval of a formula at a key (interval arithmetic over its references' intervals). */
  formulaInterval(formula: Formula, key: string, rounded: boolean, depth = 0, fallback = false): Interval | "any" | undefined {
    switch (formula.op) {
      case "ref": {
        const at = this.refKey(formula, key);
        if (at === undefined) return undefined;
        const found = this.interval(formula.id, at, rounded, depth);
        if (found !== undefined || !fallback || formula.at !== undefined) return found;
        const columnPeriod = this.keyPeriods.get(at);
        return columnPeriod !== undefined && columnPeriod !== at ? this.interval(formula.id, columnPeriod, rounded, depth) : undefined;
      }
      case "const":
        return point(new Decimal(formula.value));
      case "neg": {
        const arg = this.formulaInterval(formula.arg, key, rounded, depth, fallback);
        return arg === "any" || arg === undefined ? arg : negateInterval(arg);
      }
      default: {
        const left = this.formulaInterval(formula.left, key, rounded, depth, fallback);
        const right = this.formulaInterval(formula.right, key, rounded, depth, fallback);
        if (left === undefined || right === undefined) return undefined;
        if (left === "any" || right === "any") return "any";
        if (formula.op === "+") return addIntervals(left, right);
        if (formula.op === "-") return subtractIntervals(left, right);
        if (formula.op === "*") return multiplyIntervals(left, right);
        return divideIntervals(left, right) ?? "any";
      }
    }
  }

  /** The key a reference reads: its own `@key`, the instant at the end or start of the period, or the period itself. */
  refKey(formula: Extract<Formula, { op: "ref" }>, period: string): string | undefined {
    if (formula.at === undefined) return period;
    if (formula.at === "end") return this.instantAtEnd(period);
    if (formula.at === "start") return this.instantAtStart(period);
    return formula.at;
  }

  /** How a line's figure at a key is printed where it is stated; undefined for a computed figure. */
  display(line: string, key: string): Display | undefined {
    return this.lines.get(line)?.displays.get(key);
  }

  /** Earnings per share; diluted shares are not used in a loss period (anti-dilution). */
  private perShare(rule: NonNullable<LineDefinition["perShare"]>, period: string): FactValue | undefined {
    const income = this.value(rule.income, period);
    if (!income) return undefined;
    const useDiluted = rule.dilutedShares !== undefined && income.value.gte(0);
    const shares = this.value(useDiluted ? rule.dilutedShares : rule.basicShares, period);
    if (!shares || shares.value.eq(0)) return undefined;
    const { quotient, exact } = divide(income.value, shares.value);
    return { value: quotient, exact: exact && income.exact && shares.exact };
  }

  /** The instant just before a duration starts (balance at the beginning of a period). */
  instantAtStart(key: string): string | undefined {
    const definition = this.periods[this.keyPeriods.get(key) ?? key];
    if (!definition || "instant" in definition) return undefined;
    const before = dayBeforeStart(definition);
    return Object.entries(this.periods).find(([, other]) => "instant" in other && other.instant === before)?.[0];
  }

  /** The instant period that ends when `period` ends (balance at the end of a quarter). */
  instantAtEnd(key: string): string | undefined {
    const definition = this.periods[this.keyPeriods.get(key) ?? key];
    if (!definition) return undefined;
    const end = "instant" in definition ? definition.instant : definition.end;
    return Object.entries(this.periods).find(([, other]) => "instant" in other && other.instant === end)?.[0];
  }
}

/** The fact book being built: its lines and fact keys so far, and the problems found. */
interface FactBookDraft {
  readonly quarter: QuarterData;
  readonly issues: FactIssue[];
  readonly lines: Map<string, LineDefinition>;
  /** Fact keys: every period id, and the keys of stated columns (reconciliation, guidance) -> their period. */
  readonly keyPeriods: Map<string, string>;
  /** Each table's columns, resolved once (their issues reported once), and its stated columns. */
  readonly columnsByTable: readonly (readonly ResolvedColumn[])[];
  readonly statedByTable: readonly (readonly ResolvedColumn[])[];
}

/**
 * Builds the fact book of a quarter: every line of every table, every fact and measure, with
 * formulas parsed and checked (unknown ids, cycles, values that do not match the columns).
 */
export function buildFactBook(quarter: QuarterData): { book: FactBook; issues: FactIssue[] } {
  const draft = startFactBook(quarter);
  quarter.tables.forEach((table, tableIndex) => defineTableLines(draft, table, tableIndex));
  defineFacts(draft);
  defineMeasures(draft);
  addRepeatedFigures(draft);
  checkLineReferences(draft);
  checkCircularFormulas(draft);
  const tableColumns = new Map(quarter.tables.map((table, index) => [table.id, draft.columnsByTable[index]!] as const));
  return { book: new FactBook(draft.lines, quarter.periods, draft.keyPeriods, tableColumns), issues: draft.issues };
}

function startFactBook(quarter: QuarterData): FactBookDraft {
  const issues: FactIssue[] = [];
  const columnsByTable = quarter.tables.map((table, tableIndex) => resolveColumns(table, quarter.periods, ["tables", tableIndex], issues));
  return {
    quarter,
    issues,
    lines: new Map(),
    keyPeriods: new Map(Object.keys(quarter.periods).map((id) => [id, id])),
    columnsByTable,
    statedByTable: columnsByTable.map((columns) => statedColumns(columns)),
  };
}

/** Adds a line; a second line with the same id is a located issue. */
function defineLine(draft: FactBookDraft, definition: LineDefinition): void {
  const existing = draft.lines.get(definition.id);
  if (existing) {
    draft.issues.push({
      code: "duplicate_id",
      path: [...definition.path, "id"],
      message: `the line id "${definition.id}" is already used at ${describePath(existing.path)}; give each line its own id`,
    });
    return;
  }
  draft.lines.set(definition.id, definition);
}

/** Parses a formula; a syntax error is a located issue (and undefined). */
function parseFormulaAt(draft: FactBookDraft, source: string, path: DataPath): Formula | undefined {
  try {
    return parseFormula(source);
  } catch (error) {
    if (!(error instanceof FormulaSyntaxError)) throw error;
    draft.issues.push({ code: "formula_syntax", path, message: `cannot read the formula "${source}": ${error.message} (character ${error.offset + 1})` });
    return undefined;
  }
}

/** A table's header rows and column keys checked, and a line defined for each of its rows with an id. */
function defineTableLines(draft: FactBookDraft, table: TableData, tableIndex: number): void {
  const { issues, keyPeriods } = draft;
  const tablePath: DataPath = ["tables", tableIndex];
  const stated = draft.statedByTable[tableIndex]!;
  const parse = (source: string, path: DataPath) => parseFormulaAt(draft, source, path);
  checkHeaderSpans(table, draft.columnsByTable[tableIndex]!, tablePath, issues);
  for (const column of stated) {
    const known = keyPeriods.get(column.key);
    if (known !== undefined && known !== column.period)
      issues.push({ code: "column_key", path: [...tablePath, "columns"], message: `the column key "${column.key}" means period ${known} in another table; give this column its own key` });
    keyPeriods.set(column.key, column.period);
  }
  table.rows.forEach((row, rowIndex) => {
    if (typeof row === "string" || "heading" in row) return;
    const rowPath: DataPath = [...tablePath, "rows", rowIndex];
    checkRowShape(
      stated.map((column) => column.key),
      row,
      rowPath,
      issues,
    );
    const cells = readRowCells(table, stated, row, rowPath, issues, parse);
    if (!row.id) return;
    const kind = row.format ?? "amount";
    const scale = unitScale[row.unit ?? table.unit];
    const formulaKey = row.total !== undefined ? "total" : row.formula !== undefined ? "formula" : undefined;
    const formulaSource = row.total ?? row.formula;
    const formula = formulaSource === undefined ? undefined : parse(formulaSource, [...rowPath, formulaKey!]);
    defineLine(draft, {
      id: row.id,
      label: row.label,
      kind,
      ...cells,
      formula,
      formulaSource,
      formulaKey,
      perShare: perShareRule(row.perShare),
      path: rowPath,
      table: table.id,
      scale,
      ...(row.at ? { at: row.at } : {}),
    });
  });
}

/** `facts:` values a statement does not show; one with a line's id extends that line to other dates. */
function defineFacts(draft: FactBookDraft): void {
  const { issues, lines, keyPeriods } = draft;
  draft.quarter.facts?.forEach((fact, index) => {
    const path: DataPath = ["facts", index];
    const existing = lines.get(fact.id);
    const kind = fact.format ?? existing?.kind ?? "amount";
    const scale = unitScale[fact.unit];
    const stated = new Map<string, Decimal>();
    for (const [period, written] of Object.entries(fact.values)) {
      if (!keyPeriods.has(period)) issues.push({ code: "unknown_period", path: [...path, "values", period], message: `no period or column key "${period}"` });
      if (existing?.stated.has(period))
        issues.push({ code: "duplicate_value", path: [...path, "values", period], message: `"${fact.id}" already has a value for ${period} in its table; state each figure once` });
      stated.set(period, toBase(written, { kind, scale: scaleOf(kind, fact.unit), decimals: 0 }));
    }
    if (existing) {
      // A fact with a line's id adds that line's value at dates its table does not show.
      for (const [period, value] of stated) (existing.stated as Map<string, Decimal>).set(period, value);
      return;
    }
    if (fact.label === undefined) issues.push({ code: "missing_label", path: [...path, "label"], message: `"${fact.id}" is not a line of any table, so it needs a label` });
    defineLine(draft, { id: fact.id, label: fact.label ?? fact.id, kind, ...noCells(), stated, path, scale });
  });
}

/** `measures:` figures computed for the narrative (a formula or a per-share rule each). */
function defineMeasures(draft: FactBookDraft): void {
  draft.quarter.measures?.forEach((measure, index) => {
    const path: DataPath = ["measures", index];
    if ((measure.formula === undefined) === (measure.perShare === undefined)) {
      draft.issues.push({ code: "measure_rule", path, message: "a measure needs exactly one of formula or perShare" });
      return;
    }
    const formula = measure.formula === undefined ? undefined : parseFormulaAt(draft, measure.formula, [...path, "formula"]);
    const kind = measure.format ?? (measure.perShare ? "perShare" : "amount");
    defineLine(draft, {
      id: measure.id,
      label: measure.label,
      kind,
      ...noCells(),
      formula,
      formulaSource: measure.formula,
      formulaKey: "formula",
      perShare: perShareRule(measure.perShare),
      nonGaap: measure.nonGaap,
      path,
      scale: 0,
    });
  });
}

/**
 * A row that shows one line (formula: operatingIncome) and states figures adds them to that
 * line at its columns' keys: a reconciliation's "Adjustments" are operating income's too.
 */
function addRepeatedFigures(draft: FactBookDraft): void {
  draft.quarter.tables.forEach((table, tableIndex) => {
    const stated = draft.statedByTable[tableIndex]!;
    table.rows.forEach((row) => {
      if (typeof row === "string" || "heading" in row || row.id || !row.formula || !row.values) return;
      const shown = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*$/.exec(row.formula)?.[1];
      const line = shown === undefined ? undefined : draft.lines.get(shown);
      if (!line) return;
      row.values.forEach((written, index) => {
        const column = stated[index];
        // A dash mark repeats a nil ("—" where the line is zero).
        const figure =
          typeof written === "number"
            ? written
            : typeof written === "string"
              ? dashMarks.has(written)
                ? 0
                : undefined
              : written !== null && typeof written === "object" && written.formula === undefined
                ? written.value
                : undefined;
        if (figure === undefined || column === undefined) return;
        const display = resolveDisplay(table, column, row, written, line.kind);
        // Where the line has its own figure, this is a repetition (in millions, say) that the
        // cross-statement check ties out; only figures the line lacks are added.
        // A computed line (a measure, a total) shown again in a period column is a copy to check, not a figure to add.
        const copyOfComputed = (line.formula !== undefined || line.perShare !== undefined) && column.key === column.period;
        if (!line.stated.has(column.key) && !copyOfComputed) {
          (line.stated as Map<string, Decimal>).set(column.key, toBase(figure, display));
          (line.displays as Map<string, Display>).set(column.key, display);
        }
      });
    });
  });
}

/** References: every id a formula, per-share rule or row names must exist. */
function checkLineReferences(draft: FactBookDraft): void {
  const { lines, issues } = draft;
  const checkReference = (id: string, path: DataPath, what: string) => {
    if (!lines.has(id)) issues.push({ code: "unknown_line", path, message: `${what} "${id}" which is not a line id; ${suggest(id, [...lines.keys()])}` });
  };
  for (const definition of lines.values()) {
    if (definition.formula) for (const id of formulaReferences(definition.formula)) checkReference(id, [...definition.path, definition.formulaKey!], "the formula refers to");
    if (definition.perShare) {
      const base = [...definition.path, "perShare"];
      checkReference(definition.perShare.income, [...base, "income"], "income");
      checkReference(definition.perShare.basicShares, [...base, "basicShares"], "basicShares");
      if (definition.perShare.dilutedShares) checkReference(definition.perShare.dilutedShares, [...base, "dilutedShares"], "dilutedShares");
    }
    if (definition.nonGaap) checkReference(definition.nonGaap.gaap, [...definition.path, "nonGaap", "gaap"], "the GAAP measure");
  }
  draft.quarter.tables.forEach((table, tableIndex) => {
    table.rows.forEach((row, rowIndex) => {
      if (typeof row === "string" || "heading" in row || row.id || !row.formula) return;
      const path: DataPath = ["tables", tableIndex, "rows", rowIndex, "formula"];
      const formula = parseFormulaAt(draft, row.formula, path);
      if (formula) for (const id of formulaReferences(formula)) checkReference(id, path, "the formula refers to");
    });
  });
}

/** A total that depends on itself, through any chain of formulas and per-share rules. */
function checkCircularFormulas(draft: FactBookDraft): void {
  for (const cycle of findCycles(draft.lines)) {
    const first = draft.lines.get(cycle[0]!)!;
    draft.issues.push({
      code: "circular",
      path: [...first.path, first.formulaKey ?? "perShare"],
      message: `circular formulas: ${[...cycle, cycle[0]].join(" -> ")}; a total cannot depend on itself`,
    });
  }
}

/** The figures, marks and cell formulas of one row, by column key. */
interface RowCells {
  readonly stated: Map<string, Decimal>;
  readonly displays: Map<string, Display>;
  readonly marks: Map<string, string>;
  readonly small: Set<string>;
  readonly cellFormulas: Map<string, { readonly formula: Formula; readonly source: string }>;
}

function noCells(): RowCells {
  return { stated: new Map(), displays: new Map(), marks: new Map(), small: new Set(), cellFormulas: new Map() };
}

/**
 * Reads a row's `values`: each figure in base units with the display of its cell, marks (a dash
 * is a stated nil; the table's small mark a nil that is not zero), and cell formulas.
 */
export function readRowCells(
  table: TableData,
  stated: readonly ResolvedColumn[],
  row: LineRowData,
  rowPath: DataPath,
  issues: FactIssue[],
  parse: (source: string, path: DataPath) => Formula | undefined,
): RowCells {
  const cells = noCells();
  row.values?.forEach((entry: CellEntry, index) => {
    const column = stated[index];
    if (column === undefined || entry === null) return;
    const display = resolveDisplay(table, column, row, entry);
    const path: DataPath = [...rowPath, "values", index];
    if (typeof entry === "string") {
      cells.marks.set(column.key, entry);
      if (dashMarks.has(entry) || (table.smallMark !== undefined && entry === table.smallMark)) {
        cells.stated.set(column.key, new Decimal(0));
        cells.displays.set(column.key, display);
        if (!dashMarks.has(entry)) cells.small.add(column.key);
      }
      return;
    }
    const figure = typeof entry === "number" ? entry : entry.value;
    if (typeof entry === "object" && entry.formula !== undefined) {
      const formula = parse(entry.formula, [...path, "formula"]);
      if (formula) cells.cellFormulas.set(column.key, { formula, source: entry.formula });
    }
    if (typeof entry === "object" && entry.value === undefined && entry.formula === undefined) {
      issues.push({ code: "empty_cell", path, message: "a cell object needs a value (the printed figure) or a formula (the fact it shows)" });
    }
    if (figure === undefined) return;
    if (writtenDecimals(figure) > display.decimals) {
      issues.push({
        code: "decimals",
        path: typeof entry === "number" ? path : [...path, "value"],
        message: `${figure} has ${writtenDecimals(figure)} decimals but the cell prints ${display.decimals}; a figure is never re-rounded: write it as printed, or set decimals: ${writtenDecimals(figure)} on the row, column or cell`,
      });
    }
    cells.stated.set(column.key, toBase(figure, display));
    cells.displays.set(column.key, display);
  });
  return cells;
}

/** Header rows set by hand must span every column: a short or long row would misalign every heading. */
function checkHeaderSpans(table: TableData, columns: readonly ResolvedColumn[], tablePath: DataPath, issues: FactIssue[]): void {
  const count = columns.length;
  table.header?.rows?.forEach((row, index) => {
    const spans = row.reduce((sum, cell) => sum + (typeof cell === "string" ? 1 : cell.span), 0);
    if (spans === count) return;
    const cells = row.map((cell) => (typeof cell === "string" ? JSON.stringify(cell) : `${JSON.stringify(cell.text)} (span ${cell.span})`)).join(", ");
    issues.push({
      code: "header_spans",
      path: [...tablePath, "header", "rows", index],
      message:
        `the header row's cells (${cells || "none"}) span ${spans} column${spans === 1 ? "" : "s"} but the table has ${count} (${columns.map((column) => column.key).join(", ")}); ` +
        `give each cell a span so that they add up to ${count}, "" for a column without a heading`,
    });
  });
}

/** Rows must have a label and either values, a formula or an id another row computes. */
function checkRowShape(statedKeys: readonly string[], row: LineRowData, path: DataPath, issues: FactIssue[]): void {
  if (row.values && row.values.length !== statedKeys.length) {
    issues.push({
      code: "values_columns",
      path: [...path, "values"],
      message: `has ${row.values.length} values but the table has ${statedKeys.length} stated columns (${statedKeys.join(", ")}); give one value per column, ~ for a blank`,
    });
  }
  if (row.total !== undefined && row.formula !== undefined)
    issues.push({ code: "total_and_formula", path: [...path, "formula"], message: "a row has either total (a sum) or formula, not both" });
  if (!row.values && row.total === undefined && row.formula === undefined)
    issues.push({ code: "no_values", path, message: `the line "${row.label}" has no values and no formula; add values: [...] with one figure per column` });
}

function findCycles(lines: ReadonlyMap<string, LineDefinition>): string[][] {
  const dependencies = (definition: LineDefinition): string[] => {
    const ids = definition.formula ? formulaReferences(definition.formula) : [];
    if (definition.perShare) ids.push(definition.perShare.income, definition.perShare.basicShares, ...(definition.perShare.dilutedShares ? [definition.perShare.dilutedShares] : []));
    return ids.filter((id) => lines.has(id));
  };
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[][] = [];
  const visit = (id: string, stack: string[]) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      cycles.push(stack.slice(stack.indexOf(id)));
      return;
    }
    state.set(id, "visiting");
    for (const next of dependencies(lines.get(id)!)) visit(next, [...stack, id]);
    state.set(id, "done");
  };
  for (const id of lines.keys()) visit(id, []);
  return cycles;
}

function describePath(path: DataPath): string {
  return path
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${part}`))
    .join("")
    .replace(/^\./, "");
}

/** "did you mean ..." for a misspelt id. */
export function suggest(id: string, known: readonly string[]): string {
  const scored = known.map((candidate) => ({ candidate, distance: editDistance(id.toLowerCase(), candidate.toLowerCase()) }));
  scored.sort((a, b) => a.distance - b.distance);
  const best = scored[0];
  return best && best.distance <= Math.max(2, Math.floor(id.length / 3)) ? `did you mean "${best.candidate}"?` : "check the spelling against the ids of the lines";
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The last day before a duration period begins: 13 weeks to Aug. 2 -> May 3; 9 months to Sept. 30 -> Dec. 31. */
export function dayBeforeStart(period: { months: number; end: string } | { weeks: number; end: string }): string {
  const [year, month, day] = period.end.split("-").map(Number) as [number, number, number];
  if ("weeks" in period) {
    const date = new Date(Date.UTC(year, month - 1, day - period.weeks * 7));
    return date.toISOString().slice(0, 10);
  }
  // Months: the same day-of-month-end, `months` months earlier (month ends stay month ends).
  const endOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate() === day;
  const target = new Date(Date.UTC(year, month - 1 - period.months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(endOfMonth ? lastDay : Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** A per-share rule with its basic shares named: a release that prints diluted shares only divides by them. */
function perShareRule(rule: { income: string; basicShares?: string; dilutedShares?: string } | undefined): LineDefinition["perShare"] {
  if (!rule) return undefined;
  const basicShares = rule.basicShares ?? rule.dilutedShares!;
  return { income: rule.income, basicShares, ...(rule.dilutedShares !== undefined && rule.dilutedShares !== basicShares ? { dilutedShares: rule.dilutedShares } : {}) };
}
