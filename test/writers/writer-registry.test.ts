/** The writer registry (issue 12): every format is one entry; a new one is a few lines and builds. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { registerWriter, writerFor, writerNames } from "../../src/writers/index.js";
import { capturePrintedOutput } from "../helpers/cli.js";

const { stderr } = capturePrintedOutput();
const out = mkdtempSync(join(tmpdir(), "er-writer-registry-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("writer registry", () => {
  it("lists every shipped format with its file name and media type", () => {
    expect(writerNames().slice(0, 5)).toEqual(["txt", "html", "edgar", "docx", "pdf"]);
    expect(writerFor("docx")).toMatchObject({ fileName: "release.docx", mediaType: expect.stringContaining("wordprocessingml") });
  });

  it("builds with a toy writer registered in a few lines", async () => {
    // A figures-only CSV: every number cell of every table, with its exact value.
    registerWriter({
      name: "figures-csv",
      fileName: "figures.csv",
      mediaType: "text/csv",
      write: (document) =>
        new TextEncoder().encode(
          document.blocks
            .flatMap((block) =>
              block.type === "table"
                ? block.rows.flatMap((row) => row.cells.flatMap((cell) => (cell.type === "number" && cell.value !== undefined ? [`${block.id},${row.line ?? ""},${cell.value}`] : [])))
                : [],
            )
            .join("\n"),
        ),
    });
    expect(await runCli(["build", "data/atg/2003-q3.yaml", "--format", "txt,figures-csv", "--out", out])).toBe(0);
    expect(stderr.join("")).toBe("");
    const csv = readFileSync(join(out, "atg", "2003-q3", "figures.csv"), "utf8");
    expect(csv).toContain("operations,totalRevenues,16009000");
    expect(existsSync(join(out, "atg", "2003-q3", "release.txt"))).toBe(true);
  });

  it("refuses a format nobody registered, naming those it knows", async () => {
    expect(await runCli(["build", "data/atg/2003-q3.yaml", "--format", "rtf", "--out", out])).toBe(2);
    expect(stderr.join("")).toContain('unknown output format "rtf"; earnings-release writes txt, html, edgar, docx, pdf');
  });
});
