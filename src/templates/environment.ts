/**
 * The Handlebars environments: one for the house templates (dateline, safe harbor), one for the
 * narrative text of the data, which may only name figures through the helpers below.
 *
 * Both are created with `Handlebars.create()`, compiled `strict` and `knownHelpersOnly`, and keep
 * Handlebars' prototype-access guards on: a template or a data field can reach nothing but the
 * values it is given.
 */
import Handlebars from "handlebars";
import type { FactRef } from "../model/document.js";

/** Marks a figure inside rendered text so that compose can turn it into a `figure` inline. */
export const figureStart = "\uE000";
export const figureSeparator = "\uE001";
export const figureEnd = "\uE002";

/** What a prose figure is: its exact value in base units and how it was printed (as a number cell's). */
export interface FigureValue {
  readonly value: string;
  readonly display: { readonly kind: string; readonly scale: number; readonly decimals: number };
}

/**
 * Wraps a printed figure with the fact it shows and its exact value (private-use characters the
 * loader rejects in data delimit it; line ids, periods and decimal strings hold no ";").
 */
export function markFigure(text: string, fact?: FactRef, value?: FigureValue): string {
  const ref = fact ? `${fact.line}@${fact.period}` : "";
  const exact = value ? `;${value.value};${value.display.kind};${value.display.scale};${value.display.decimals}` : "";
  return `${figureStart}${ref}${exact}${figureSeparator}${text}${figureEnd}`;
}

/** The fact and the value `markFigure` wrote into a figure's marker. */
export function readFigureMarker(marker: string): { fact?: FactRef; value?: FigureValue } {
  const [ref = "", value, kind, scale, decimals] = marker.split(";");
  const [line, period] = ref.split("@");
  return {
    ...(line && period ? { fact: { line, period } } : {}),
    ...(value !== undefined && kind !== undefined ? { value: { value, display: { kind, scale: Number(scale), decimals: Number(decimals) } } } : {}),
  };
}

/** What the narrative helpers need to print a figure. */
export interface FigureSource {
  /**
   * `$16.0 million`, `($3.2) million` (`abs` drops the sign; the words then say loss or income);
   * `scale` and `decimals` override the style's and the company's prose defaults ("$12.3 billion").
   */
  money(line: string, period: string, abs: boolean, format?: ProseFormat): string;
  /** `$0.00`, `($0.04)` (`decimals`, 2 unless told). */
  perShare(line: string, period: string, decimals?: number): string;
  /** `31%` (`decimals` places, 0 unless told). */
  percent(line: string, period: string, decimals: number): string;
  /** `income` or `loss` by the sign of the value. */
  incomeOrLoss(line: string, period: string): string;
  /**
   * Percentage change between two periods, one decimal unless told: `5.7%` (`abs` drops the sign);
   * `n/m` from a zero base or across a change of sign, as the table column, unless `acrossSign` is "number".
   */
  percentChange(line: string, period: string, from: string, abs: boolean, decimals?: number, acrossSign?: "nm" | "number"): string;
  /** `increased` or `decreased` (or `was unchanged`) from one period to another. */
  increaseOrDecrease(line: string, period: string, from: string): string;
  /** End date of a period written out: `September 30, 2003`. */
  date(period: string): string;
}

/** The helper names narrative text may use; anything else fails to compile. */
export const narrativeHelperNames = ["money", "perShare", "percent", "incomeOrLoss", "percentChange", "increaseOrDecrease", "date"] as const;

type HelperOptions = { hash: Record<string, unknown> };

/** A prose amount's unit and decimals, where a helper sets them (`scale=billions decimals=2`). */
export interface ProseFormat {
  readonly scale?: "thousands" | "millions" | "billions";
  readonly decimals?: number;
}

const proseScales = ["thousands", "millions", "billions"] as const;

function scaleOption(options: HelperOptions, helper: string): ProseFormat["scale"] {
  const value = options.hash.scale;
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !(proseScales as readonly string[]).includes(value)) throw new NarrativeError(`{{${helper} ... scale=...}}: expected one of ${proseScales.join(", ")}, got ${JSON.stringify(value)}`);
  return value as ProseFormat["scale"];
}

/** A narrative environment bound to the figures of one quarter. */
export function createNarrativeEnvironment(figures: FigureSource): typeof Handlebars {
  const environment = Handlebars.create();
  // Narratives name figures; they do not loop, branch or look things up.
  for (const builtIn of ["each", "with", "if", "unless", "lookup", "log", "blockHelperMissing", "helperMissing"]) environment.unregisterHelper(builtIn);
  const text = (value: unknown, helper: string, position: string): string => {
    if (typeof value !== "string") {
      throw new NarrativeError(value === undefined ? `{{${helper} ...}}: its ${position} is not a known id (check the spelling of the ids in this {{...}})` : `{{${helper} ...}} needs a ${position} id, got ${typeof value}`);
    }
    // A figure printed by a helper inside another, (money ...): named by its text, never its markers.
    if (value.includes(figureStart)) throw new NarrativeError(`{{${helper} ...}}: its ${position} is a figure printed by another helper ("${value.replace(/\uE000[^\uE001]*\uE001|\uE002/g, "")}"), not an id; write the id itself`);
    return value;
  };
  environment.registerHelper("money", (line: unknown, period: unknown, options: HelperOptions) =>
    figures.money(text(line, "money", "line"), text(period, "money", "period"), options.hash.abs === true, { scale: scaleOption(options, "money"), decimals: decimalsOption(options, "money") }),
  );
  environment.registerHelper("perShare", (line: unknown, period: unknown, options: HelperOptions) =>
    figures.perShare(text(line, "perShare", "line"), text(period, "perShare", "period"), decimalsOption(options, "perShare")),
  );
  environment.registerHelper("percent", (line: unknown, period: unknown, options: HelperOptions) =>
    figures.percent(text(line, "percent", "line"), text(period, "percent", "period"), decimalsOption(options, "percent") ?? 0),
  );
  environment.registerHelper("incomeOrLoss", (line: unknown, period: unknown) => figures.incomeOrLoss(text(line, "incomeOrLoss", "line"), text(period, "incomeOrLoss", "period")));
  environment.registerHelper("percentChange", (line: unknown, period: unknown, from: unknown, options: HelperOptions) =>
    figures.percentChange(
      text(line, "percentChange", "line"),
      text(period, "percentChange", "period"),
      text(from, "percentChange", "period to compare with"),
      options.hash.abs === true,
      decimalsOption(options, "percentChange"),
      options.hash.acrossSign === "number" ? "number" : "nm",
    ),
  );
  environment.registerHelper("increaseOrDecrease", (line: unknown, period: unknown, from: unknown) =>
    figures.increaseOrDecrease(text(line, "increaseOrDecrease", "line"), text(period, "increaseOrDecrease", "period"), text(from, "increaseOrDecrease", "period to compare with")),
  );
  environment.registerHelper("date", (period: unknown) => figures.date(text(period, "date", "period")));
  return environment;
}

/** Largest `decimals=` a helper takes (as a table row's `decimals`); a million digits is not a figure. */
export const maxHelperDecimals = 6;

/** A helper's `decimals=` option, checked: a whole number from 0 to maxHelperDecimals, or absent. */
export function decimalsOption(options: HelperOptions, helper: string): number | undefined {
  const value = options.hash.decimals;
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > maxHelperDecimals) {
    throw new NarrativeError(`{{${helper} ... decimals=...}} takes a whole number from 0 to ${maxHelperDecimals}, got ${typeof value === "object" && value !== null ? (Array.isArray(value) ? "a list" : "a map") : JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Refuses partials and decorators (`{{> name}}`, `{{#*inline}}`) in a narrative's syntax tree:
 * nested inline partials expand exponentially (565 bytes gave gigabytes and a stack overflow).
 */
function refuseExpansions(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(refuseExpansions);
  if (node === null || typeof node !== "object") return;
  const type = (node as { type?: unknown }).type;
  if (type === "PartialStatement" || type === "PartialBlockStatement" || type === "DecoratorBlock" || type === "Decorator") {
    throw new NarrativeError(`{{${type.startsWith("Partial") ? ">" : "#*"} ...}} (a partial or an inline template) is not used in narrative text: write the words, and name figures with ${narrativeHelperNames.join(", ")}`);
  }
  for (const [key, value] of Object.entries(node)) if (key !== "loc") refuseExpansions(value);
}

/** A narrative that cannot be rendered: unknown reference, wrong helper use. */
export class NarrativeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NarrativeError";
  }
}

const knownHelpers = {
  ...Object.fromEntries(narrativeHelperNames.map((name) => [name, true])),
  ...Object.fromEntries(["each", "with", "if", "unless", "lookup", "log", "blockHelperMissing", "helperMissing"].map((name) => [name, false])),
};

/**
 * Renders one narrative text. Ids of lines and periods, and `company`, `year`, are the only
 * names in scope; a misspelt id fails with the name it could not find.
 */
export function renderNarrative(environment: typeof Handlebars, source: string, scope: Record<string, unknown>): string {
  if (!source.includes("{{")) return source;
  let template: Handlebars.TemplateDelegate;
  try {
    refuseExpansions(environment.parse(source));
    template = environment.compile(source, { strict: true, knownHelpers, knownHelpersOnly: true, noEscape: true, preventIndent: true });
    return template(scope, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (error) {
    if (error instanceof NarrativeError) throw error;
    const lines = (error as Error).message.split("\n");
    const message = lines[0]!;
    const missing = /"([^"]+)" not defined/.exec(message);
    if (missing) throw new NarrativeError(`unknown name "${missing[1]}" in {{...}}: use a line id, a period id, company.<field> or year`, { cause: error });
    const helper = /(?:Missing helper|You specified knownHelpersOnly, but used the unknown helper) "?([^"\s:]+)"?/.exec((error as Error).message);
    if (helper) throw new NarrativeError(`{{${helper[1]} ...}} is not a narrative helper; use ${narrativeHelperNames.join(", ")}`, { cause: error });
    // Handlebars' parse errors say what was expected on their last line.
    if (message.startsWith("Parse error")) {
      const near = lines[1]?.trim() ?? "";
      throw new NarrativeError(`cannot read the {{...}} near "${near}": each {{ needs a closing }} around a helper and its ids, e.g. {{money totalRevenues q3_2003}}`, { cause: error });
    }
    throw new NarrativeError(`cannot read the {{...}} references: ${message}`, { cause: error });
  }
}

/** The house-template environment (trusted templates from templates/<style>/). */
export function createHouseEnvironment(): typeof Handlebars {
  return Handlebars.create();
}
