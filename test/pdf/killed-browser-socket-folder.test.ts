/**
 * A killed Chromium leaves nothing in the temporary folder: its profile and the folder of its
 * singleton socket (`org.chromium.Chromium.*`, made beside the profile, not in it) are removed.
 */
import { existsSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect, it } from "vitest";
import { PdfPrinter } from "../../src/pdf/index.js";
import { hasProcFs, readUserDataDir } from "./process-table.js";
import { describeWithBrowser } from "./read-pdf.js";
import { sampleInfo } from "./sample-page.js";

/** Prints once and returns the printer with its browser's profile and socket folder. */
async function startPrinter(): Promise<{ printer: PdfPrinter; profile: string; socketFolder: string }> {
  const printer = new PdfPrinter();
  await printer.print("<p>one</p>", { document: sampleInfo(true) });
  const profile = readUserDataDir(printer.browserProcessId!)!;
  const socketFolder = dirname(readlinkSync(join(profile, "SingletonSocket")));
  expect(dirname(socketFolder)).toBe(tmpdir());
  expect(existsSync(socketFolder)).toBe(true);
  return { printer, profile, socketFolder };
}

describeWithBrowser("a killed browser's temporary folders", () => {
  it.runIf(hasProcFs)("killNow() removes the profile and the singleton socket folder", async () => {
    const { printer, profile, socketFolder } = await startPrinter();
    try {
      printer.killNow();
      expect(existsSync(profile)).toBe(false);
      expect(existsSync(socketFolder)).toBe(false);
    } finally {
      await printer.close();
    }
  });

  it.runIf(hasProcFs)("close() after the browser crashed removes them too", async () => {
    const { printer, profile, socketFolder } = await startPrinter();
    try {
      process.kill(-printer.browserProcessId!, "SIGKILL"); // a crash: the whole process group at once
    } finally {
      await printer.close();
    }
    expect(existsSync(profile)).toBe(false);
    expect(existsSync(socketFolder)).toBe(false);
  });
});
