/**
 * What `build` shows while it works and when it is done: a progress bar on a terminal (plain
 * lines otherwise, as in CI) and a summary table: file, formats, checks, time.
 */

/** The outcome of one quarter file. */
export interface BuildEntry {
  readonly file: string;
  readonly status: "built" | "skipped" | "failed" | "not written";
  readonly formats?: readonly string[];
  /** "pass", "3 failed", "error" ... */
  readonly checks: string;
  readonly seconds?: number;
}

interface Stream {
  write(text: string): unknown;
}

/** Collects the outcome of each file of a build, prints lines and the progress bar. */
export class BuildReport {
  readonly entries: BuildEntry[] = [];
  readonly #started = new Map<string, number>();
  #barShown = false;

  constructor(
    /** Every file of the build, in the order the summary lists them. */
    readonly files: readonly string[],
    /** Draw a progress bar (stderr is a terminal). */
    readonly tty: boolean,
    readonly out: Stream = process.stdout,
    readonly err: Stream = process.stderr,
  ) {}

  /** Notes when a file's work starts, for its time. */
  start(file: string): void {
    this.#started.set(file, performance.now());
  }

  /** Seconds since `start(file)`. */
  elapsed(file: string): number | undefined {
    const started = this.#started.get(file);
    return started === undefined ? undefined : (performance.now() - started) / 1000;
  }

  /** Prints a line of progress (stdout) without breaking the bar. */
  line(text: string): void {
    this.#clearBar();
    this.out.write(`${text}\n`);
    this.#drawBar();
  }

  /** Prints problems (stderr) without breaking the bar. */
  error(text: string): void {
    this.#clearBar();
    this.err.write(text.endsWith("\n") ? text : `${text}\n`);
    this.#drawBar();
  }

  /** Records a file's outcome and advances the bar. */
  record(entry: Omit<BuildEntry, "seconds"> & { seconds?: number }): void {
    this.entries.push({ ...entry, seconds: entry.seconds ?? this.elapsed(entry.file) });
    this.#clearBar();
    this.#drawBar();
  }

  /** Whether any file failed or was not written. */
  get failed(): number {
    return this.entries.filter((entry) => entry.status === "failed" || entry.status === "not written").length;
  }

  /** The summary table, one row per file, and a count line. */
  formatSummary(): string {
    const order = (entry: BuildEntry) => this.files.indexOf(entry.file);
    const rows = [
      ["file", "formats", "checks", "time"],
      ...[...this.entries]
        .sort((a, b) => order(a) - order(b))
        .map((entry) => [
          entry.file,
          entry.formats && entry.formats.length > 0 ? entry.formats.join(",") : "-",
          entry.checks,
          entry.status === "built" ? `${(entry.seconds ?? 0).toFixed(2)} s` : entry.status === "skipped" ? "unchanged, skipped" : entry.status,
        ]),
    ];
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    const lines = rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  "));
    lines.splice(1, 0, widths.map((width) => "-".repeat(width)).join("  "));
    const count = (status: BuildEntry["status"]) => this.entries.filter((entry) => entry.status === status).length;
    const parts = [`${count("built")} built`, ...(count("skipped") ? [`${count("skipped")} unchanged`] : []), ...(this.failed ? [`${this.failed} failed`] : [])];
    lines.push(`${this.entries.length} release${this.entries.length === 1 ? "" : "s"}: ${parts.join(", ")}`);
    return lines.join("\n");
  }

  #drawBar(): void {
    const total = this.files.length;
    if (!this.tty || this.entries.length >= total) return;
    const width = 24;
    const done = Math.round((this.entries.length / Math.max(total, 1)) * width);
    this.err.write(`[${"#".repeat(done)}${"-".repeat(width - done)}] ${this.entries.length}/${total}`);
    this.#barShown = true;
  }

  #clearBar(): void {
    if (!this.#barShown) return;
    this.err.write("\r\u001b[K");
    this.#barShown = false;
  }
}
