/**
 * `earnings-release init <company>`: scaffolds `data/<company>/company.yaml` and a first quarter
 * file, each part explained by a comment, with placeholder figures that tie out, so the new
 * company builds as it is and every figure is there to be replaced.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { addMonths, instantId, parseQuarterId } from "../../workflow/fiscal-calendar.js";
import { exitCodes, UsageError } from "../errors.js";
import { writeNewFile } from "./new.js";

interface InitOptions {
  readonly dir: string;
  readonly name?: string;
  readonly ticker?: string;
  readonly period?: string;
  readonly fiscalYearEnd: string;
}

/** What the scaffold is made of: the company and its first quarter. */
export interface ScaffoldInput {
  /** Folder name under data/, e.g. `acme`. */
  readonly id: string;
  readonly name: string;
  readonly ticker: string;
  /** `MM-DD`. */
  readonly fiscalYearEnd: string;
  /** The first quarter, e.g. `2026-q3`. */
  readonly period: string;
  /** Path of the JSON Schema relative to the company folder, for the editor's schema line. */
  readonly schemaPath: string;
}

const ordinals = ["First", "Second", "Third", "Fourth"];

/** The fiscal year's end date (`YYYY-MM-DD`) of a fiscal year named by the year it ends in. */
function fiscalYearEndDate(year: number, fiscalYearEnd: string): string {
  const [month, day] = fiscalYearEnd.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(day, lastDay)).padStart(2, "0")}`;
}

/** The end of fiscal quarter `quarter` of fiscal year `year`. */
function quarterEnd(year: number, quarter: number, fiscalYearEnd: string): string {
  return addMonths(fiscalYearEndDate(year, fiscalYearEnd), -3 * (4 - quarter));
}

/** The last fiscal quarter that ended before `today`. */
export function lastEndedQuarter(today: string, fiscalYearEnd: string): string {
  const year = Number(today.slice(0, 4));
  for (let candidate = year + 1; candidate >= year - 1; candidate--) {
    for (let quarter = 4; quarter >= 1; quarter--) if (quarterEnd(candidate, quarter, fiscalYearEnd) < today) return `${candidate}-q${quarter}`;
  }
  return `${year - 1}-q4`;
}

/** Placeholder figures that foot, per column (current, then prior, ...), in thousands. */
function incomeFigures(scale: number) {
  const r = (value: number) => Math.round(value * scale);
  const productRevenue = r(30000);
  const servicesRevenue = r(12000);
  const totalRevenues = productRevenue + servicesRevenue;
  const costOfRevenues = r(16800);
  const grossProfit = totalRevenues - costOfRevenues;
  const researchDevelopment = r(7200);
  const salesMarketing = r(9100);
  const generalAdministrative = r(4300);
  const totalOperatingExpenses = researchDevelopment + salesMarketing + generalAdministrative;
  const operatingIncome = grossProfit - totalOperatingExpenses;
  const otherIncome = r(250);
  const pretaxIncome = operatingIncome + otherIncome;
  const incomeTaxes = Math.round(pretaxIncome * 0.21);
  const netIncome = pretaxIncome - incomeTaxes;
  return {
    productRevenue,
    servicesRevenue,
    totalRevenues,
    costOfRevenues,
    grossProfit,
    researchDevelopment,
    salesMarketing,
    generalAdministrative,
    totalOperatingExpenses,
    operatingIncome,
    otherIncome,
    pretaxIncome,
    incomeTaxes,
    netIncome,
  };
}

function balanceFigures(scale: number) {
  const r = (value: number) => Math.round(value * scale);
  const cash = r(85000);
  const receivables = r(21000);
  const otherCurrentAssets = r(4000);
  const totalCurrentAssets = cash + receivables + otherCurrentAssets;
  const propertyEquipment = r(15000);
  const totalAssets = totalCurrentAssets + propertyEquipment;
  const accountsPayable = r(6000);
  const accruedExpenses = r(9000);
  const deferredRevenue = r(14000);
  const totalLiabilities = accountsPayable + accruedExpenses + deferredRevenue;
  const equity = totalAssets - totalLiabilities;
  return {
    cash,
    receivables,
    otherCurrentAssets,
    totalCurrentAssets,
    propertyEquipment,
    totalAssets,
    accountsPayable,
    accruedExpenses,
    deferredRevenue,
    totalLiabilities,
    equity,
    totalLiabilitiesAndEquity: totalLiabilities + equity,
  };
}

/** The company file: facts that rarely change, each part explained. */
export function scaffoldCompany(input: ScaffoldInput): string {
  return `# yaml-language-server: $schema=${input.schemaPath}
# ${input.name}: the facts that rarely change. Every quarter file in this folder uses them.
# Replace each placeholder below; \`earnings-release schema\` prints every field this file may have.

# The company as the wire prints it: full name, short name for the text, listing.
name: ${input.name}
shortName: ${input.name.replace(/,? (Inc|Corp|Corporation|Ltd|LLC|plc)\.?$/i, "")}
exchange: NASDAQ
ticker: ${input.ticker}
location: BOSTON                    # the dateline city, as the wire prints it
wire: businesswire                  # businesswire | prnewswire: the dateline and house style
fiscalYearEnd: "${input.fiscalYearEnd}"             # MM-DD: decides how quarters roll forward (\`earnings-release new\`)
rounding: half-up                   # half-up | half-even, applied to every displayed figure

# The paragraph that ends every release.
about:
  heading: About ${input.name}
  paragraphs:
    - >-
      ${input.name} makes software for ... (describe the company in two or three sentences).

# Printed under the about paragraph; {{year}} is the release's year.
trademark: >-
  (C) {{year}} ${input.name}${input.name.endsWith(".") ? "" : "."} All rights reserved.

# The safe-harbor paragraph: the tool writes the sentence naming the forward-looking sections,
# then this introduction, the risks as one list ("These risks include ..."), and the closing.
safeHarbor:
  risksIntro: >-
    Forward-looking statements are subject to risks and uncertainties that could cause actual
    results to differ materially from those expressed or implied.
  risks:
    - demand for the company's products
    - competition
    - the company's ability to manage its expenses
  closing: >-
    These and other risks are described in the company's filings with the Securities and
    Exchange Commission. The company undertakes no obligation to update these statements.

# The contacts block at the end.
contacts:
  organization: ${input.name}
  people:
    - { name: "Investor relations: Name Surname", phone: 555-555-0100, email: investors@example.com }
`;
}

/** The first quarter file: periods, narrative, a statement of operations and a balance sheet. */
export function scaffoldQuarter(input: ScaffoldInput): string {
  const quarter = parseQuarterId(input.period);
  if (!quarter) throw new UsageError(`--period takes a fiscal quarter such as 2026-q3, got "${input.period}"`);
  const { year, quarter: q } = quarter;
  const end = quarterEnd(year, q, input.fiscalYearEnd);
  const priorEnd = addMonths(end, -12);
  const yearEnd = fiscalYearEndDate(year - 1, input.fiscalYearEnd);
  const current = `q${q}_${year}`;
  const prior = `q${q}_${year - 1}`;
  const ytd = q > 1 ? `ytd_${year}` : undefined;
  const ytdPrior = q > 1 ? `ytd_${year - 1}` : undefined;
  const atEnd = instantId(end);
  const atYearEnd = instantId(yearEnd);
  const word = ordinals[q - 1]!;
  const releaseDate = addMonths(end, 1).slice(0, 8) + "25";
  const columns = [current, prior, ...(ytd ? [ytd, ytdPrior!] : [])];
  const scales = [1, 0.9, ...(ytd ? [q * 0.97, q * 0.88] : [])];
  const income = scales.map(incomeFigures);
  const balance = [balanceFigures(1), balanceFigures(0.93)];
  const row = (key: keyof ReturnType<typeof incomeFigures>) => `[${income.map((figures) => figures[key]).join(", ")}]`;
  const sheet = (key: keyof ReturnType<typeof balanceFigures>) => `[${balance.map((figures) => figures[key]).join(", ")}]`;
  const months = q * 3;
  const basicShares = 50000;
  const dilutedShares = 51200;
  // Half-up to cents of net income over shares (both in thousands); the placeholders are profits.
  const perShare = (shares: number) => `[${income.map((figures) => (Math.round((figures.netIncome / shares) * 100) / 100).toFixed(2)).join(", ")}]`;
  return `# yaml-language-server: $schema=${input.schemaPath}
# ${input.name}, ${word.toLowerCase()} quarter of fiscal ${year}: a first quarter file made by
# \`earnings-release init\`. Its figures are placeholders that tie out, so it builds as it is:
# replace them with the company's, and the words with the release's. \`earnings-release check\`
# ties the figures out; \`earnings-release new <this file> --period ...\` starts the next quarter.

# Which quarter this is, and how the release is headed.
period: ${input.period}                     # YYYY-qN, the fiscal quarter
periodLabel: ${word} Quarter ${year}
status: { draft: 1, date: "${releaseDate}" }   # or: final (no DRAFT line)
releaseDate: "${releaseDate}"
exhibit: "99.1"                     # the Form 8-K exhibit number
headline: ${input.name} Reports ${word} Quarter ${year} Results
current: ${current}                   # the period the release reports on

# Period ids are yours to choose; durations end on a date, balance sheets are at an instant.
periods:
  ${current}: { months: 3, end: "${end}" }
  ${prior}: { months: 3, end: "${priorEnd}" }
${ytd ? `  ${ytd}: { months: ${months}, end: "${end}" }\n  ${ytdPrior}: { months: ${months}, end: "${priorEnd}" }\n` : ""}  ${atEnd}: { instant: "${end}" }
  ${atYearEnd}: { instant: "${yearEnd}" }

# The release in order: prose sections (each with an id) and tables placed among them. Prose
# names figures with {{money line period}}, {{perShare line period}}, {{percent line period}},
# {{date period}}, so no number is typed twice.
body:
  - id: lead
    paragraphs:
      - >-
        {{company.name}} ({{company.exchange}}: {{company.ticker}}) today reported results for
        the ${word.toLowerCase()} quarter ended {{date ${current}}}. Total revenues were
        {{money totalRevenues ${current}}}, compared with {{money totalRevenues ${prior}}} a year
        earlier. Net income was {{money netIncome ${current}}}, or {{perShare epsDiluted ${current}}}
        per diluted share, compared with {{money netIncome ${prior}}}, or
        {{perShare epsDiluted ${prior}}} per diluted share.
  - id: outlook
    heading: Outlook
    paragraphs:
      - text: >-
          The company expects revenue growth to continue in the next quarter.
        forwardLooking: true        # named by the safe-harbor sentence the tool writes

# The statements: data, not layout. Each line has an id, a label and one value per column
# (~ for a blank cell); totals are formulas of other lines, checked when values are given and
# computed when not. Figures are plain numbers in the table's unit; negatives are negative.
tables:
  - id: operations
    title:
      - ${input.name}
      - Condensed Consolidated Statements of Operations
      - (In thousands, except per share data)
      - (Unaudited)
    unit: thousands
    columns: [${columns.join(", ")}]
    rows:
      - heading: "Revenues:"
      - { id: productRevenue, label: Product, level: 1, values: ${row("productRevenue")} }
      - { id: servicesRevenue, label: Services, level: 1, values: ${row("servicesRevenue")} }
      - { id: totalRevenues, label: Total revenues, total: productRevenue + servicesRevenue, values: ${row("totalRevenues")}, style: total }
      - { id: costOfRevenues, label: Cost of revenues, values: ${row("costOfRevenues")} }
      - { id: grossProfit, label: Gross profit, total: totalRevenues - costOfRevenues, values: ${row("grossProfit")}, style: total }
      - { id: grossMargin, label: Gross margin, level: 1, formula: grossProfit / totalRevenues, format: percent }   # computed
      - blank
      - heading: "Operating expenses:"
      - { id: researchDevelopment, label: Research and development, level: 1, values: ${row("researchDevelopment")} }
      - { id: salesMarketing, label: Sales and marketing, level: 1, values: ${row("salesMarketing")} }
      - { id: generalAdministrative, label: General and administrative, level: 1, values: ${row("generalAdministrative")} }
      - id: totalOperatingExpenses
        label: Total operating expenses
        level: 1
        total: researchDevelopment + salesMarketing + generalAdministrative
        values: ${row("totalOperatingExpenses")}
        style: total
      - { id: operatingIncome, label: Income from operations, total: grossProfit - totalOperatingExpenses, values: ${row("operatingIncome")}, style: total }
      - { id: otherIncome, label: "Interest and other income, net", values: ${row("otherIncome")} }
      - { id: pretaxIncome, label: Income before income taxes, total: operatingIncome + otherIncome, values: ${row("pretaxIncome")}, style: total }
      - { id: incomeTaxes, label: Provision for income taxes, values: ${row("incomeTaxes")} }
      - { id: netIncome, label: Net income, total: pretaxIncome - incomeTaxes, values: ${row("netIncome")}, style: grandTotal }
      - blank
      # Per-share figures are checked against income and weighted shares (diluted shares are not used in a loss).
      - { id: epsBasic, label: Basic net income per share, format: perShare, dollar: true, perShare: { income: netIncome, basicShares: sharesBasic }, values: ${perShare(basicShares)} }
      - { id: epsDiluted, label: Diluted net income per share, format: perShare, dollar: true, perShare: { income: netIncome, basicShares: sharesBasic, dilutedShares: sharesDiluted }, values: ${perShare(dilutedShares)} }
      - blank
      - { id: sharesBasic, label: Basic weighted average shares outstanding, format: shares, values: [${columns.map(() => basicShares).join(", ")}] }
      - { id: sharesDiluted, label: Diluted weighted average shares outstanding, format: shares, values: [${columns.map(() => dilutedShares).join(", ")}] }

  - id: balanceSheet
    title:
      - ${input.name}
      - Condensed Consolidated Balance Sheets
      - (In thousands)
      - (Unaudited)
    unit: thousands
    columns: [${atEnd}, ${atYearEnd}]      # the quarter end and the last fiscal year end
    header: { dateStyle: long }
    rows:
      - { heading: Assets, centered: true }
      - { id: cash, label: Cash and cash equivalents, values: ${sheet("cash")} }
      - { id: receivables, label: "Accounts receivable, net", values: ${sheet("receivables")} }
      - { id: otherCurrentAssets, label: Prepaid expenses and other current assets, values: ${sheet("otherCurrentAssets")} }
      - { id: totalCurrentAssets, label: Total current assets, total: cash + receivables + otherCurrentAssets, values: ${sheet("totalCurrentAssets")}, style: total }
      - { id: propertyEquipment, label: "Property and equipment, net", values: ${sheet("propertyEquipment")} }
      - { id: totalAssets, label: Total assets, total: totalCurrentAssets + propertyEquipment, values: ${sheet("totalAssets")}, style: grandTotal }
      - blank
      - { heading: "Liabilities and Stockholders' Equity", centered: true }
      - { id: accountsPayable, label: Accounts payable, values: ${sheet("accountsPayable")}, dollar: true }
      - { id: accruedExpenses, label: Accrued expenses, values: ${sheet("accruedExpenses")} }
      - { id: deferredRevenue, label: Deferred revenue, values: ${sheet("deferredRevenue")} }
      - { id: totalLiabilities, label: Total liabilities, total: accountsPayable + accruedExpenses + deferredRevenue, values: ${sheet("totalLiabilities")}, style: total }
      - { id: stockholdersEquity, label: "Stockholders' equity", values: ${sheet("equity")} }
      - { id: totalLiabilitiesAndEquity, label: "Total liabilities and stockholders' equity", total: totalLiabilities + stockholdersEquity, values: ${sheet("totalLiabilitiesAndEquity")}, style: grandTotal }

# Relations the tie-out checks hold beyond the totals above.
tieOut:
  balances:
    - totalAssets = totalLiabilitiesAndEquity
`;
}

function createCompany(id: string, options: InitOptions): number {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new UsageError(`a company id is a folder name of lowercase letters, digits and dashes, such as acme; got "${id}"`);
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(options.fiscalYearEnd)) throw new UsageError(`--fiscal-year-end takes MM-DD, e.g. 12-31; got "${options.fiscalYearEnd}"`);
  const folder = join(options.dir, id);
  const companyFile = join(folder, "company.yaml");
  if (existsSync(companyFile)) throw new UsageError(`${companyFile} already exists; earnings-release init never overwrites a file`);
  const period = options.period ?? lastEndedQuarter(new Date().toISOString().slice(0, 10), options.fiscalYearEnd);
  const schemaFile = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "schema", "earnings-release.schema.json");
  const input: ScaffoldInput = {
    id,
    name: options.name ?? `${id[0]!.toUpperCase()}${id.slice(1)}, Inc.`,
    ticker: options.ticker ?? id.replace(/-/g, "").slice(0, 4).toUpperCase(),
    fiscalYearEnd: options.fiscalYearEnd,
    period,
    schemaPath: relative(resolve(folder), schemaFile).split("\\").join("/"),
  };
  const quarterText = scaffoldQuarter(input);
  const quarterFile = join(folder, `${period}.yaml`);
  mkdirSync(folder, { recursive: true });
  writeNewFile(companyFile, scaffoldCompany(input));
  writeNewFile(quarterFile, quarterText);
  process.stdout.write(
    `wrote ${companyFile} and ${quarterFile} (placeholder figures that tie out)\n  next: edit them, then \`earnings-release check ${quarterFile}\` and \`earnings-release build ${quarterFile}\`\n`,
  );
  return exitCodes.ok;
}

/** Registers the command. */
export function registerInit(program: Command): void {
  program
    .command("init")
    .description("start a company: data/<company>/company.yaml and a first quarter file, each part explained, that build as they are")
    .argument("<company>", "the company's folder name, e.g. acme")
    .option("--dir <folder>", "the data folder", "data")
    .option("--name <name>", "the company's legal name (default: from the id)")
    .option("--ticker <ticker>", "the ticker symbol (default: from the id)")
    .option("-p, --period <quarter>", "the first quarter, e.g. 2026-q3 (default: the last quarter that ended)")
    .option("--fiscal-year-end <MM-DD>", "the fiscal year end", "12-31")
    .action((id: string, options: InitOptions) => {
      process.exitCode = createCompany(id, options);
    });
}
