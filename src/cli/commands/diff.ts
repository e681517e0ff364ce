/**
 * `earnings-release diff <old.yaml> <new.yaml>` or `diff <file.yaml> --from <rev>`: a word-level
 * redline of the rendered text and every changed figure; `--format html|pdf` writes a blackline,
 * `--format docx` the new draft as a Word document with tracked changes (`--author`, `--date`).
 * Exit 1 when the drafts differ, 0 when they do not (as `diff` and `git diff --exit-code`).
 */
import { type Command, Option } from "commander";
import type { LoadedRelease } from "../../data/load.js";
import type { BuiltRelease } from "../../pipeline/release.js";
import { exitCodes, UsageError } from "../errors.js";

/** What the command runs, loaded once the command is known (--help stays fast). */
async function loadModules() {
  const [issues, load, printer, pipeline, blackline, figures, revision, words, files] = await Promise.all([
    import("../../data/issues.js"),
    import("../../data/load.js"),
    import("../../pdf/pdf-printer.js"),
    import("../../pipeline/release.js"),
    import("../../workflow/blackline.js"),
    import("../../workflow/figure-changes.js"),
    import("../../workflow/git-revision.js"),
    import("../../workflow/word-diff.js"),
    import("../../pipeline/write-files.js"),
  ]);
  return { ...issues, ...load, ...printer, ...pipeline, ...blackline, ...figures, ...revision, ...words, ...files };
}

interface DiffOptions {
  readonly from?: string;
  readonly format?: "text" | "html" | "pdf" | "docx";
  readonly out?: string;
  readonly author?: string;
  readonly date?: string;
  readonly color?: boolean;
}

async function diffReleases(files: readonly string[], options: DiffOptions): Promise<number> {
  if (options.from ? files.length !== 1 : files.length !== 2) {
    throw new UsageError(
      options.from
        ? "diff --from <rev> takes one quarter file: earnings-release diff data/atg/2003-q3.yaml --from HEAD~1"
        : "diff takes two quarter files (old, then new), or one with --from <git revision>",
    );
  }
  if (options.date !== undefined) {
    // The Word redline (and the docx package) loads only for diff --format docx or --date.
    const { normalizeDate } = await import("../../workflow/tracked-changes.js");
    try {
      normalizeDate(options.date);
    } catch (error) {
      throw new UsageError(`--date takes a date such as 2026-12-01 or 2026-12-01T15:30:00Z, got "${options.date}"`, { cause: error });
    }
  }
  const {
    DataError,
    formatIssue,
    loadRelease,
    PdfPrinter,
    buildRelease,
    writeBlacklineHtml,
    formatFigureChange,
    formatPrintedFigureChange,
    listFigureChanges,
    listPrintedFigureChanges,
    loadRevision,
    RevisionError,
    countChanges,
    diffReleaseText,
    formatWordDiff,
    writeFilesAtomically,
  } = await loadModules();
  /** The composed release of a draft; a draft with figures still to fill has none to compare. */
  const composedOf = (built: BuiltRelease) => {
    const toFill = built.work.filter((item) => item.code === "to_fill");
    if (built.document === undefined)
      throw new DataError([
        {
          ...toFill[0]!,
          message: `${toFill.length} figure${toFill.length === 1 ? "" : "s"} still to fill (~), the first here; a draft redlines once it renders (earnings-release check ${built.file} lists them)`,
        },
      ]);
    return built.document;
  };
  const disposers: (() => void)[] = [];
  try {
    let oldRelease: LoadedRelease;
    let oldLabel: string;
    if (options.from) {
      const revision = loadRevision(files[0]!, options.from);
      disposers.push(revision.dispose);
      oldRelease = revision.release;
      oldLabel = revision.label;
    } else {
      oldRelease = loadRelease(files[0]!);
      oldLabel = files[0]!;
    }
    const newLabel = files.at(-1)!;
    // Both drafts through the pipeline, as composed and written for the wire; the redline is of what is printed.
    const [oldBuilt, newBuilt] = await Promise.all([oldRelease, files.at(-1)!].map((input) => buildRelease(input, { formats: ["txt"], tieOut: false })));
    const newRelease = newBuilt!.release;
    const oldDocument = composedOf(oldBuilt!);
    const newDocument = composedOf(newBuilt!);
    const text = (built: BuiltRelease) => new TextDecoder().decode(built.outputs.get("txt"));
    const segments = diffReleaseText(text(oldBuilt!), text(newBuilt!));
    const figures = listFigureChanges(oldRelease.facts, newRelease.facts);
    const printed = listPrintedFigureChanges(oldDocument, newDocument, figures);
    const changes = countChanges(segments);
    const color = options.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
    const lines = [`--- ${oldLabel}`, `+++ ${newLabel}`];
    if (changes > 0) lines.push(formatWordDiff(segments, { color }));
    lines.push(`${changes} change${changes === 1 ? "" : "s"} in the text`);
    lines.push(figures.length === 0 ? "no figure changed" : `${figures.length} changed figure${figures.length === 1 ? "" : "s"}:`);
    for (const change of figures) lines.push(`  ${formatFigureChange(change)}`);
    if (printed.length > 0) lines.push(`${printed.length} printed figure${printed.length === 1 ? "" : "s"} changed without a change of the figure in the data:`);
    for (const change of printed) lines.push(`  ${formatPrintedFigureChange(change)}`);
    process.stdout.write(`${lines.join("\n")}\n`);

    if (options.format === "html" || options.format === "pdf") {
      const html = writeBlacklineHtml({ title: newDocument.meta.title, oldLabel, newLabel, segments, figureChanges: figures, printedChanges: printed });
      const out = options.out ?? `blackline.${options.format}`;
      let data: Uint8Array;
      if (options.format === "html") data = new TextEncoder().encode(html);
      else {
        const printer = new PdfPrinter();
        try {
          const meta = newDocument.meta;
          data = await printer.print(html, { document: { ...meta, title: `Blackline: ${meta.title}`, subject: `Blackline from ${oldLabel} to ${newLabel}` } });
        } finally {
          await printer.close();
        }
      }
      writeFilesAtomically(new Map([[out, data]]));
      process.stdout.write(`blackline written to ${out}\n`);
    }
    if (options.format === "docx") {
      const out = options.out ?? "blackline.docx";
      const { writeTrackedChangesDocx } = await import("../../workflow/tracked-changes.js");
      const { bytes, changes: tracked } = await writeTrackedChangesDocx(oldDocument, newDocument, {
        ...(options.author ? { author: options.author } : {}),
        ...(options.date ? { date: options.date } : {}),
      });
      writeFilesAtomically(new Map([[out, bytes]]));
      process.stdout.write(`Word redline written to ${out}: the new draft with ${tracked} tracked change${tracked === 1 ? "" : "s"}\n`);
    }
    return changes > 0 || figures.length > 0 || printed.length > 0 ? exitCodes.checkFailed : exitCodes.ok;
  } catch (error) {
    if (error instanceof DataError) {
      process.stderr.write(`${error.issues.map(formatIssue).join("\n")}\n`);
      return exitCodes.badInput;
    }
    if (error instanceof RevisionError) throw new UsageError(error.message, { cause: error });
    throw error;
  } finally {
    for (const dispose of disposers) dispose();
  }
}

/** Registers the command. */
export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("redline two drafts: a word diff of the rendered text and every changed figure; exit 1 when they differ; --format html|pdf writes a blackline")
    .argument("<files...>", "old and new quarter files, or one file with --from <git revision>")
    .option("--from <revision>", "compare the file with its version at this git revision (e.g. HEAD~1)")
    .addOption(new Option("--format <format>", "also write a blackline (html, pdf) or a Word document with tracked changes (docx)").choices(["text", "html", "pdf", "docx"]).default("text"))
    .option("-o, --out <file>", "the blackline file (default: blackline.html, blackline.pdf or blackline.docx)")
    .option("--author <name>", "author of the tracked changes in the Word redline", "earnings-release")
    .option("--date <date>", "date of the tracked changes (YYYY-MM-DD or an ISO date-time; default now)")
    .option("--color", "colour the terminal diff even when not a TTY")
    .option("--no-color", "never colour the terminal diff")
    .action(async (files: string[], options: DiffOptions) => {
      process.exitCode = await diffReleases(files, options);
    });
}
