/**
 * Non-GAAP guard (Regulation G; Item 10(e) of Regulation S-K; C&DI 102.10): every non-GAAP
 * measure reconciles to a named GAAP measure that computes; in the composed release the GAAP
 * figure comes before the non-GAAP one, and the headline does not use a non-GAAP figure.
 */
import { formulaReferences } from "../finance/formula.js";
import type { LineDefinition } from "../finance/facts.js";
import { type CheckContext, describePeriod, result } from "./context.js";
import { listDocumentFigures } from "./document-figures.js";
import type { CheckResult } from "./types.js";

/** Words that mark a non-GAAP figure in a headline. */
const nonGaapWords = /\b(non-GAAP|adjusted|pro forma|excluding)\b/i;

/** Runs the non-GAAP guard. */
export function checkNonGaap(context: CheckContext): CheckResult[] {
  const { facts, quarter } = context.release;
  const results: CheckResult[] = [];
  const measures = [...facts.lines.values()].filter((line) => line.nonGaap);
  for (const measure of measures) {
    const gaapId = measure.nonGaap!.gaap;
    const gaap = facts.lines.get(gaapId);
    const subject = measure.label;
    if (!gaap) {
      results.push(result(context, "non-gaap", { status: "fail", subject, text: `its GAAP measure "${gaapId}" is not a line`, path: [...measure.path, "nonGaap", "gaap"] }));
      continue;
    }
    if (gaap.nonGaap) {
      results.push(
        result(context, "non-gaap", {
          status: "fail",
          subject,
          text: `its "GAAP" measure ${gaap.label} is itself non-GAAP; name the GAAP measure it reconciles to`,
          path: [...measure.path, "nonGaap", "gaap"],
        }),
      );
      continue;
    }
    if (!reconciles(context, measure, gaap)) {
      const why = measure.perShare
        ? `its income ${measure.perShare.income} is neither ${gaap.perShare?.income ?? "the GAAP income"} nor a non-GAAP measure reconciled to it`
        : `its formula ${measure.formulaSource ?? ""} does not start from ${gaapId}; write it as ${gaapId} plus or minus the adjustments`;
      results.push(result(context, "non-gaap", { status: "fail", subject, text: `does not reconcile to ${gaap.label}: ${why}`, path: measure.path }));
      continue;
    }
    const periods = Object.keys(quarter.periods).filter((period) => facts.value(measure.id, period));
    const missing = periods.filter((period) => !facts.value(gaapId, period));
    if (periods.length === 0) {
      results.push(result(context, "non-gaap", { status: "warning", subject, text: "computes at no period; check its formula's lines have values", path: measure.path }));
    } else if (missing.length > 0) {
      results.push(
        result(context, "non-gaap", {
          status: "fail",
          subject,
          text: `${gaap.label} has no value for ${missing.map((period) => describePeriod(context, period)).join(", ")}, where the non-GAAP measure is shown`,
          path: [...measure.path, "nonGaap", "gaap"],
        }),
      );
    } else {
      results.push(
        result(context, "non-gaap", {
          status: "pass",
          subject,
          text: `reconciles to ${gaap.label} (${measure.formulaSource ?? `per share of ${measure.perShare?.income}`}), which computes at ${periods.length} period${periods.length === 1 ? "" : "s"}`,
          path: measure.path,
        }),
      );
    }
  }
  if (context.document) results.push(...checkPresentation(context, measures));
  return results;
}

/** A formula that refers to the GAAP measure; a per-share measure whose income reconciles to the GAAP per-share income. */
function reconciles(context: CheckContext, measure: LineDefinition, gaap: LineDefinition): boolean {
  if (measure.formula) return formulaReferences(measure.formula).includes(gaap.id);
  const income = measure.perShare && context.release.facts.lines.get(measure.perShare.income);
  if (!income || !gaap.perShare) return false;
  return income.id === gaap.perShare.income || (income.nonGaap?.gaap === gaap.perShare.income && reconciles(context, income, context.release.facts.lines.get(gaap.perShare.income)!));
}

function checkPresentation(context: CheckContext, measures: readonly LineDefinition[]): CheckResult[] {
  const { facts, quarter } = context.release;
  const document = context.document!;
  const results: CheckResult[] = [];
  const figures = listDocumentFigures(document);
  const seen = new Set<string>();
  const nonGaapTexts: string[] = [];
  figures.forEach((figure) => {
    if (!figure.fact) return;
    const key = `${figure.fact.line}@${figure.fact.period}`;
    const line = facts.lines.get(figure.fact.line);
    if (line?.nonGaap) {
      nonGaapTexts.push(figure.text);
      const gaapKey = `${line.nonGaap.gaap}@${figure.fact.period}`;
      const gaap = facts.lines.get(line.nonGaap.gaap);
      const subject = `${line.label}, ${describePeriod(context, figure.fact.period)}`;
      if (!seen.has(gaapKey)) {
        results.push(
          result(context, "non-gaap", {
            status: "fail",
            subject,
            text: `the non-GAAP figure ${figure.text} in the ${figure.source === "table" ? "table" : "section"} "${figure.container}" comes before ${gaap?.label ?? line.nonGaap.gaap} for the same period; present the GAAP figure first`,
            path: figure.place,
          }),
        );
      } else {
        results.push(result(context, "non-gaap", { status: "pass", subject, text: `the non-GAAP figure ${figure.text} follows ${gaap?.label ?? line.nonGaap.gaap}`, path: figure.place }));
      }
    }
    seen.add(key);
  });
  const headline = quarter.headline;
  const typed = nonGaapTexts.find((text) => headline.toLowerCase().includes(text.toLowerCase()));
  const word = nonGaapWords.exec(headline)?.[0];
  if (typed || word) {
    results.push(
      result(context, "non-gaap", {
        status: "fail",
        subject: "Headline",
        text: `"${headline}" ${typed ? `uses the non-GAAP figure ${typed}` : `says "${word}"`}; a headline may not lead with a non-GAAP measure`,
        path: ["headline"],
      }),
    );
  } else if (measures.length > 0) {
    results.push(result(context, "non-gaap", { status: "pass", subject: "Headline", text: "uses no non-GAAP figure", path: ["headline"] }));
  }
  return results;
}
