/**
 * Changed figures between two drafts: every fact by line item and period or column key (statement
 * lines, guidance and adjustment columns with their own keys, measures, facts), then the printed
 * figures that changed without a change of their fact (a highlights row, a figure in the prose
 * pointed at another period, a figure printed another way).
 */
import { diffArrays } from "diff";
import type { FactBook, FactValue, LineDefinition } from "../finance/facts.js";
import { powerOfTen } from "../finance/decimal.js";
import { formulaReferences } from "../finance/formula.js";
import { type Block, cellText, type FactRef, type Inline, type ReleaseDocument } from "../model/document.js";

/** One figure that differs (or exists in one draft only). */
export interface FigureChange {
  readonly line: string;
  readonly label: string;
  /** The period id or the column key (`fy2025_low`, `q2_2025_adjustments`). */
  readonly period: string;
  /** As written in the data's unit ("16,009" thousands is "16009"; a measure in its formula's unit); absent when the draft has none. */
  readonly before?: string;
  readonly after?: string;
  /** Neither draft states it: it is computed (a total, a measure, a per-share amount). */
  readonly computed: boolean;
}

/** A figure as printed that changed though the fact it shows did not (or it shows none). */
export interface PrintedFigureChange {
  /** In a table's cell, or in the prose of a section. */
  readonly where: "table" | "prose";
  /** The table's or the section's id. */
  readonly place: string;
  /** The row's label (tables) or "paragraph n" (prose). */
  readonly subject: string;
  /** As printed: "31%", "$16.0 million"; absent when the draft has none there. */
  readonly before?: string;
  readonly after?: string;
  /** The facts shown, when the document says. */
  readonly beforeFact?: FactRef;
  readonly afterFact?: FactRef;
}

/** The unit a line's figures are read in: its table's, or for a measure the unit of the first line its formula names. */
function scaleOf(line: LineDefinition, book: FactBook, seen = new Set<string>()): number {
  if (line.table !== undefined || !line.formula || seen.has(line.id)) return line.scale;
  seen.add(line.id);
  for (const id of formulaReferences(line.formula)) {
    const referenced = book.lines.get(id);
    if (referenced && referenced.kind === line.kind) return scaleOf(referenced, book, seen);
  }
  return line.scale;
}

function written(value: FactValue, line: LineDefinition, book: FactBook): string {
  if (line.kind === "percent") return `${value.value.times(100).round(2).toString()}%`;
  if (line.kind === "perShare") return value.value.round(4).toString();
  return value.value
    .div(powerOfTen(scaleOf(line, book)))
    .round(3)
    .toString();
}

/** Every fact key of a book: its period ids and the keys of stated columns. */
function factKeys(book: FactBook): string[] {
  return [...new Set([...Object.keys(book.periods), ...book.keyPeriods.keys()])];
}

/**
 * Lists the figures of `after` that differ from `before`, line by line in the order of the new
 * draft, each at every period and column key either draft has; stated figures and computed ones.
 */
export function listFigureChanges(before: FactBook, after: FactBook): FigureChange[] {
  const changes: FigureChange[] = [];
  const ids = [...new Set([...after.lines.keys(), ...before.lines.keys()])];
  const keys = [...new Set([...factKeys(after), ...factKeys(before)])];
  const has = (book: FactBook, key: string) => key in book.periods || book.keyPeriods.has(key);
  for (const id of ids) {
    const oldLine = before.lines.get(id);
    const newLine = after.lines.get(id);
    const line = (newLine ?? oldLine)!;
    for (const key of keys) {
      const oldValue = oldLine && has(before, key) ? before.value(id, key) : undefined;
      const newValue = newLine && has(after, key) ? after.value(id, key) : undefined;
      if (!oldValue && !newValue) continue;
      if (oldValue && newValue && oldValue.value.eq(newValue.value)) continue;
      changes.push({
        line: id,
        label: line.label,
        period: key,
        ...(oldValue ? { before: written(oldValue, oldLine!, before) } : {}),
        ...(newValue ? { after: written(newValue, newLine!, after) } : {}),
        computed: !oldLine?.stated.has(key) && !newLine?.stated.has(key),
      });
    }
  }
  return changes;
}

interface PrintedFigure {
  readonly text: string;
  readonly fact?: FactRef;
  readonly subject: string;
}

/** Printed figures of each table (by row and column) and of each prose section (in order). */
function printedFigures(document: ReleaseDocument): { tables: Map<string, Map<string, PrintedFigure>>; prose: Map<string, PrintedFigure[]> } {
  const tables = new Map<string, Map<string, PrintedFigure>>();
  const prose = new Map<string, PrintedFigure[]>();
  const visit = (block: Block) => {
    if (block.type === "table") {
      const cells = new Map<string, PrintedFigure>();
      const seen = new Map<string, number>();
      for (const row of block.rows) {
        if (row.cells.length === 0) continue;
        const name = row.line ?? row.label;
        const occurrence = (seen.get(name) ?? 0) + 1;
        seen.set(name, occurrence);
        const rowKey = occurrence === 1 ? name : `${name}#${occurrence}`;
        row.cells.forEach((cell, index) => {
          const column = cell.type === "number" && cell.fact ? cell.fact.period : `column ${index + 1}`;
          const text = cellText(cell);
          if (text.trim() === "" && cell.type === "text") return;
          cells.set(`${rowKey}|${column}`, { text, ...(cell.type === "number" && cell.fact ? { fact: cell.fact } : {}), subject: `${row.label.trim() || rowKey} ${column}` });
        });
      }
      tables.set(block.id, cells);
    } else if (block.type === "section") {
      const figures: PrintedFigure[] = [];
      const add = (content: readonly Inline[], subject: string) => {
        for (const inline of content) if (inline.type === "figure") figures.push({ text: inline.text, ...(inline.fact ? { fact: inline.fact } : {}), subject });
      };
      block.blocks.forEach((child, index) => {
        if (child.type === "paragraph") add(child.content, `paragraph ${index + 1}`);
        else child.items.forEach((item, itemIndex) => add(item.content, `bullet ${itemIndex + 1}`));
      });
      prose.set(block.id, figures);
    }
  };
  for (const block of document.blocks) visit(block);
  return { tables, prose };
}

const sameFact = (a?: FactRef, b?: FactRef) => a?.line === b?.line && a?.period === b?.period;

/**
 * The printed figures of `after` that differ from `before` where the fact they show did not change
 * (`factChanges` lists the facts that did): a table cell matched by table, row and column, a figure
 * of the prose matched by section and order (figures added or removed by an edit of the words are
 * changes too).
 */
export function listPrintedFigureChanges(before: ReleaseDocument, after: ReleaseDocument, factChanges: readonly FigureChange[]): PrintedFigureChange[] {
  const changedFacts = new Set(factChanges.map((change) => `${change.line}|${change.period}`));
  const explained = (a?: PrintedFigure, b?: PrintedFigure) => a?.fact && b?.fact && sameFact(a.fact, b.fact) && changedFacts.has(`${a.fact.line}|${a.fact.period}`);
  const changes: PrintedFigureChange[] = [];
  const push = (where: PrintedFigureChange["where"], place: string, a?: PrintedFigure, b?: PrintedFigure) => {
    if (a && b && a.text === b.text && sameFact(a.fact, b.fact)) return;
    if (explained(a, b)) return;
    changes.push({
      where,
      place,
      subject: (b ?? a)!.subject,
      ...(a ? { before: a.text } : {}),
      ...(b ? { after: b.text } : {}),
      ...(a?.fact ? { beforeFact: a.fact } : {}),
      ...(b?.fact ? { afterFact: b.fact } : {}),
    });
  };
  const old = printedFigures(before);
  const next = printedFigures(after);
  for (const id of new Set([...next.tables.keys(), ...old.tables.keys()])) {
    const a = old.tables.get(id) ?? new Map<string, PrintedFigure>();
    const b = next.tables.get(id) ?? new Map<string, PrintedFigure>();
    for (const key of new Set([...b.keys(), ...a.keys()])) push("table", id, a.get(key), b.get(key));
  }
  for (const id of new Set([...next.prose.keys(), ...old.prose.keys()])) {
    const a = old.prose.get(id) ?? [];
    const b = next.prose.get(id) ?? [];
    const parts = diffArrays(a, b, { comparator: (x, y) => x.text === y.text && sameFact(x.fact, y.fact) });
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if (!part.added && !part.removed) continue;
      // A removed run followed by an added one: the figures in those places changed.
      const removed = part.removed ? part.value : [];
      const added = part.removed && parts[index + 1]?.added ? parts[++index]!.value : part.added ? part.value : [];
      for (let i = 0; i < Math.max(removed.length, added.length); i++) push("prose", id, removed[i], added[i]);
    }
  }
  return changes;
}

/** `otherIncome (Interest and Other Income, net) q3_2003: 17 -> 18`. */
export function formatFigureChange(change: FigureChange): string {
  return `${change.line} (${change.label}) ${change.period}: ${change.before ?? "none"} -> ${change.after ?? "none"}${change.computed ? " (computed)" : ""}`;
}

/** `highlights: Percent of total revenues q3_2003: 31% -> 32%`, with the facts when they differ. */
export function formatPrintedFigureChange(change: PrintedFigureChange): string {
  const fact = (ref?: FactRef) => (ref ? ` [${ref.line} ${ref.period}]` : "");
  const facts = sameFact(change.beforeFact, change.afterFact) ? fact(change.afterFact) : `${fact(change.beforeFact) || " [none]"} ->${fact(change.afterFact) || " [none]"}`;
  return `${change.where === "table" ? "table" : "prose"} ${change.place}, ${change.subject}: ${change.before ?? "none"} -> ${change.after ?? "none"}${facts}`;
}
