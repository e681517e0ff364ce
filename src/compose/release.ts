/**
 * Compose: a loaded quarter and a house style -> the release document tree.
 *
 * Order of the release: exhibit label, headline, the body of the quarter file (sections and
 * tables in its order), financial presentation, about, trademark, safe harbor, the remaining
 * tables (the statements), contacts.
 */
import type { LoadedRelease } from "../data/load.js";
import { type DataIssue, type DataPath, DataError, formatDataPath } from "../data/issues.js";
import type { ParagraphData, ProseSectionData } from "../data/schema.js";
import type { Block, BulletListNode, DocumentMeta, Inline, ParagraphNode, ReleaseStatus, SectionNode, SourcePlace } from "../model/document.js";
import { createNarrativeEnvironment, figureEnd, figureSeparator, figureStart, NarrativeError, readFigureMarker, renderNarrative } from "../templates/environment.js";
import { companyStyleDirs, type HouseStyle, loadHouseStyle, resolveStyleName } from "../templates/style.js";
import { formatShortDate } from "./dates.js";
import { createFigureSource } from "./figures.js";
import { statementsSentence } from "./forward-looking.js";
import { type ComposeIssue, composeTable } from "./table.js";

/** Options of compose. */
export interface ComposeOptions {
  /** Mark the release as a draft whatever its data says (`build --draft`). */
  readonly draft?: { readonly number: number; readonly date: string };
  /** Failed checks to stamp on a draft. */
  readonly checkFailures?: readonly string[];
}

/** Composes the release document of a loaded quarter; throws DataError for unrenderable data. */
export function composeRelease(release: LoadedRelease, options: ComposeOptions = {}): ReleaseDocument {
  const { quarter, company } = release;
  // The style sets the dateline, widths and layout; a PR Newswire company gets its style by default.
  const styleName = resolveStyleName(quarter, company);
  const styleDirs = companyStyleDirs(release.companyFile);
  const style = loadHouseStyle(styleName, styleDirs);
  const issues: ComposeIssue[] = [];
  const environment = createNarrativeEnvironment(createFigureSource(release, style.settings));
  const scope = narrativeScope(release);
  const narrative = (source: string, place: SourcePlace): Inline[] => {
    try {
      return toInlines(renderNarrative(environment, source, scope));
    } catch (error) {
      if (!(error instanceof NarrativeError)) throw error;
      issues.push({ code: "narrative", place, message: error.message });
      return [{ type: "text", text: source }];
    }
  };
  const heading = (text: string) => (style.settings.headingCase === "upper" ? text.toUpperCase() : text);

  const blocks: Block[] = [];
  if (quarter.exhibit) blocks.push({ type: "exhibitLabel", text: style.render("exhibit", { exhibit: quarter.exhibit }), place: inQuarter("exhibit") });
  const subheadlines = quarter.subheadline === undefined ? [] : typeof quarter.subheadline === "string" ? [quarter.subheadline] : quarter.subheadline;
  blocks.push({ type: "title", text: quarter.headline, ...(subheadlines.length ? { subheadlines } : {}), place: inQuarter("headline") });

  const placedTables = new Set<string>();
  let datelinePending = true;
  const dateline = style.render("dateline", { location: company.location, date: formatShortDate(quarter.releaseDate) });
  quarter.body.forEach((item, index) => {
    if ("table" in item) {
      const tableIndex = quarter.tables.findIndex((table) => table.id === item.table);
      placedTables.add(item.table);
      blocks.push(composeTable(release, tableIndex, issues, true, style.settings.textWidth));
      return;
    }
    const section = composeSection(item, ["body", index], narrative, heading);
    if (datelinePending && section.blocks[0]?.type === "paragraph") {
      const [first, ...rest] = section.blocks;
      blocks.push({ ...section, blocks: [{ ...first, dateline }, ...rest] });
      datelinePending = false;
    } else blocks.push(section);
  });

  // The quarter's own financial presentation replaces the company's paragraphs (the heading stays the company's).
  const presentation = quarter.financialPresentation
    ? { paragraphs: quarter.financialPresentation, place: inQuarter("financialPresentation"), paragraphAt: (i: number) => inQuarter("financialPresentation", i) }
    : company.financialPresentation && {
        paragraphs: company.financialPresentation.paragraphs,
        place: inCompany("financialPresentation"),
        paragraphAt: (i: number) => inCompany("financialPresentation", "paragraphs", i),
      };
  if (presentation && company.financialPresentation) {
    const { heading: label } = company.financialPresentation;
    blocks.push(
      prose(
        "financialPresentation",
        heading(label),
        label,
        presentation.place,
        presentation.paragraphs.map((text, i) => paragraph(narrative(text, presentation.paragraphAt(i)), presentation.paragraphAt(i))),
      ),
    );
  }
  blocks.push(
    prose(
      "about",
      heading(company.about.heading),
      company.about.heading,
      inCompany("about"),
      company.about.paragraphs.map((text, i) => paragraph(narrative(text, inCompany("about", "paragraphs", i)), inCompany("about", "paragraphs", i))),
    ),
  );
  if (company.trademark)
    blocks.push(prose("trademark", undefined, undefined, inCompany("trademark"), [paragraph(narrative(company.trademark, inCompany("trademark")), inCompany("trademark"))]));

  const sections = blocks.filter((block): block is SectionNode => block.type === "section");
  const safeHarbor = style.render("safe-harbor", {
    statementsSentence: statementsSentence(sections),
    additional: quarter.forwardLooking?.additional ? plain(narrative(quarter.forwardLooking.additional, inQuarter("forwardLooking", "additional"))) : "",
    risksIntro: plain(narrative(company.safeHarbor.risksIntro, inCompany("safeHarbor", "risksIntro"))),
    risks: company.safeHarbor.risks.join("; "),
    closing: company.safeHarbor.closing ? plain(narrative(company.safeHarbor.closing, inCompany("safeHarbor", "closing"))) : "",
  });
  // One paragraph from the template and several company fields: it points at the company's safeHarbor.
  blocks.push(prose("safeHarbor", undefined, undefined, inCompany("safeHarbor"), [paragraph([{ type: "text", text: safeHarbor }], inCompany("safeHarbor"))]));

  quarter.tables.forEach((table, index) => {
    if (!placedTables.has(table.id)) blocks.push(composeTable(release, index, issues, false, style.settings.textWidth));
  });

  const people = company.contacts.people.flatMap((person, index) => [
    ...(index > 0 ? ["or"] : []),
    person.phone ? `${person.name}, ${person.phone}` : person.name,
    ...(person.email ? [person.email] : []),
  ]);
  blocks.push({ type: "contacts", label: style.settings.contactsLabel, lines: [company.contacts.organization, ...people], place: inCompany("contacts") });

  if (issues.length > 0) throw new DataError(issues.map((issue) => locateIssue(release, issue)));
  return { meta: { ...composeMeta(release, style, options), style: { name: styleName, dirs: styleDirs } }, blocks };
}

type ReleaseDocument = import("../model/document.js").ReleaseDocument;

function composeMeta(release: LoadedRelease, style: HouseStyle, options: ComposeOptions): DocumentMeta {
  const { quarter, company } = release;
  const status: ReleaseStatus = options.draft
    ? { final: false, draft: options.draft.number, date: options.draft.date }
    : quarter.status === "final"
      ? { final: true }
      : { final: false, draft: quarter.status.draft, date: quarter.status.date };
  return {
    title: quarter.headline,
    company: company.name,
    companyId: release.companyId,
    periodId: quarter.period,
    periodLabel: quarter.periodLabel,
    releaseDate: quarter.releaseDate,
    status,
    subject: `Earnings release, ${quarter.periodLabel.toLowerCase()}`,
    keywords: [company.shortName, `${company.exchange}: ${company.ticker}`, quarter.periodLabel, "earnings release", ...(quarter.exhibit ? [`Exhibit ${quarter.exhibit}`] : [])],
    textWidth: style.settings.textWidth,
    textStyle: {
      paragraphIndent: style.settings.paragraphIndent,
      paragraphGap: style.settings.paragraphGap,
      headingIndent: style.settings.headingIndent,
      bullet: style.settings.bullet,
    },
    checkFailures: status.final ? [] : (options.checkFailures ?? []),
  };
}

function composeSection(section: ProseSectionData, path: DataPath, narrative: (source: string, place: SourcePlace) => Inline[], heading: (text: string) => string): SectionNode {
  const toParagraph = (item: ParagraphData, ...keys: (string | number)[]): ParagraphNode => {
    const place = inQuarter(...path, ...keys);
    const text = typeof item === "string" ? item : item.text;
    const forwardLooking = typeof item === "string" ? false : (item.forwardLooking ?? false);
    return { type: "paragraph", content: narrative(text, place), ...(forwardLooking ? { forwardLooking } : {}), place };
  };
  const blocks: (ParagraphNode | BulletListNode)[] = [];
  section.paragraphs?.forEach((item, i) => blocks.push(toParagraph(item, "paragraphs", i)));
  if (section.intro) blocks.push(toParagraph(section.intro, "intro"));
  if (section.bullets) blocks.push({ type: "bulletList", items: section.bullets.map((item, i) => toParagraph(item, "bullets", i)), place: inQuarter(...path, "bullets") });
  section.closing?.forEach((item, i) => blocks.push(toParagraph(item, "closing", i)));
  return prose(section.id, section.heading ? heading(section.heading) : undefined, section.heading, inQuarter(...path), blocks);
}

function prose(id: string, heading: string | undefined, label: string | undefined, place: SourcePlace, blocks: (ParagraphNode | BulletListNode)[]): SectionNode {
  return { type: "section", id, ...(heading ? { heading } : {}), ...(label ? { label } : {}), blocks, place };
}

function paragraph(content: Inline[], place: SourcePlace): ParagraphNode {
  return { type: "paragraph", content, place };
}

/** A place in the quarter file. */
function inQuarter(...path: (string | number)[]): SourcePlace {
  return { file: "quarter", path };
}

/** A place in the company file. */
function inCompany(...path: (string | number)[]): SourcePlace {
  return { file: "company", path };
}

function plain(content: readonly Inline[]): string {
  return content.map((inline) => inline.text).join("");
}

/** Splits rendered narrative into text and figure inlines (see `markFigure`); folds whitespace. */
export function toInlines(rendered: string): Inline[] {
  const inlines: Inline[] = [];
  const folded = rendered.replace(/\s+/g, " ").trim();
  let rest = folded;
  while (rest.length > 0) {
    const start = rest.indexOf(figureStart);
    if (start < 0) {
      inlines.push({ type: "text", text: rest });
      break;
    }
    if (start > 0) inlines.push({ type: "text", text: rest.slice(0, start) });
    const separator = rest.indexOf(figureSeparator, start);
    const end = rest.indexOf(figureEnd, separator);
    const { fact, value } = readFigureMarker(rest.slice(start + 1, separator));
    const text = rest.slice(separator + 1, end);
    inlines.push({ type: "figure", text, ...(fact ? { fact } : {}), ...(value ? { value: value.value, display: value.display } : {}) });
    rest = rest.slice(end + 1);
  }
  return inlines;
}

function narrativeScope(release: LoadedRelease): Record<string, unknown> {
  // No prototype (so {{constructor}} is unknown, not inherited), but printable in Handlebars' messages.
  const scope: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  Object.defineProperty(scope, Symbol.toPrimitive, { value: () => "the narrative's names" });
  for (const id of release.facts.lines.keys()) scope[id] = id;
  for (const id of release.facts.keyPeriods.keys()) scope[id] = id;
  // Option words a helper takes unquoted (`scale=billions`, `acrossSign=number`), unless a line or key has the name.
  for (const word of ["thousands", "millions", "billions", "number", "nm"]) if (!(word in scope)) scope[word] = word;
  const { company } = release;
  scope.company = Object.assign(Object.create(null) as Record<string, unknown>, {
    name: company.name,
    shortName: company.shortName,
    exchange: company.exchange,
    ticker: company.ticker,
    location: company.location,
  });
  Object.defineProperty(scope.company, Symbol.toPrimitive, { value: () => "company" });
  scope.year = release.quarter.releaseDate.slice(0, 4);
  return scope;
}

function locateIssue(release: LoadedRelease, issue: ComposeIssue): DataIssue {
  const { file, path } = issue.place;
  return {
    code: issue.code,
    file: file === "company" ? release.companyFile : release.file,
    ...(file === "company" ? release.locateCompany(path) : release.locate(path)),
    path: formatDataPath(path),
    message: issue.message,
  };
}
