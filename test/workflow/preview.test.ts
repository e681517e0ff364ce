/** The preview in real headless Chromium: load, edit the YAML, see the page change. */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type Frame, type Page } from "puppeteer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PdfPrinter } from "../../src/pdf/index.js";
import { type Preview, startPreview } from "../../src/workflow/preview-server.js";
import { describeWithBrowser, locateTestBrowser } from "../pdf/read-pdf.js";

const headline = "ATG Announces Third-Quarter 2003 Results";
const editedHeadline = "ATG Announces Record Third-Quarter 2003 Results";

describeWithBrowser("earnings-release preview", () => {
  let folder: string;
  let quarter: string;
  let preview: Preview;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "preview-"));
    copyFileSync("data/atg/company.yaml", join(folder, "company.yaml"));
    copyFileSync("data/atg/2003-q3.yaml", join(folder, "2003-q3.yaml"));
    quarter = join(folder, "2003-q3.yaml");
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], { cwd: folder, stdio: "pipe" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "approved draft");
    preview = await startPreview({ file: quarter, port: 0, debounceMs: 50, createPrinter: () => new PdfPrinter() });
    browser = await puppeteer.launch({ executablePath: locateTestBrowser().browser!.executablePath, headless: true, pipe: true, args: ["--no-sandbox", "--disable-gpu", "--no-zygote"] });
    page = await browser.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const releaseFrame = (): Frame | undefined => page.frames().find((frame) => frame.url().includes("/release.html"));

  /** Polls the sandboxed release frame (its contents are not reachable from the shell's script). */
  async function waitForHeadline(expected: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    let seen: string | undefined;
    while (Date.now() < deadline) {
      seen = await releaseFrame()
        ?.evaluate(() => document.querySelector("h1")?.textContent ?? undefined)
        .catch(() => undefined);
      if (seen === expected) return;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`the release frame shows "${seen}", not "${expected}"`);
  }

  it("listens on the loopback address only", () => {
    expect((preview.server.address() as AddressInfo).address).toBe("127.0.0.1");
  });

  it("shows the release in a sandboxed, script-free frame beside the tie-out report", async () => {
    await page.goto(preview.url);
    await waitForHeadline(headline);
    expect(await page.$eval("iframe#release", (frame) => frame.getAttribute("sandbox"))).toBe("");
    expect(await releaseFrame()!.evaluate(() => document.scripts.length)).toBe(0);
    await page.waitForFunction(() => document.getElementById("report")?.textContent?.includes("Tie-out: passed"), { timeout: 15_000 });
    expect(await page.$$eval("header a", (links) => links.map((link) => link.textContent))).toEqual(["PDF", "Word", "Redline against last commit"]);
  }, 30_000);

  it("reloads when the YAML changes, and the redline shows the edit against the last commit", async () => {
    await page.goto(preview.url);
    await waitForHeadline(headline);
    const before = preview.version();
    writeFileSync(quarter, readFileSync(quarter, "utf8").replace(`headline: ${headline}`, `headline: ${editedHeadline}`));
    await waitForHeadline(editedHeadline);
    expect(preview.version()).toBeGreaterThan(before);

    const redline = await (await fetch(new URL("/redline.html", preview.url))).text();
    expect(redline).toContain("<ins>Record");
    expect(redline).toContain("1 change in the text");
  }, 30_000);

  it("shows a broken edit as located problems, then recovers", async () => {
    await page.goto(preview.url);
    const text = readFileSync(quarter, "utf8");
    writeFileSync(quarter, text.replace("values: [5001, 11825, 21971, 36573]", 'values: ["5,001", 11825, 21971, 36573]'));
    const deadline = Date.now() + 15_000;
    let body = "";
    while (Date.now() < deadline && !body.includes("does not render")) {
      body =
        (await releaseFrame()
          ?.evaluate(() => document.body.textContent ?? "")
          .catch(() => "")) ?? "";
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(body).toContain("does not render");
    expect(body).toMatch(/2003-q3\.yaml:\d+:\d+/);
    writeFileSync(quarter, text);
    await waitForHeadline(text.includes(editedHeadline) ? editedHeadline : headline);
  }, 30_000);

  it("serves the Word file and the PDF for download", async () => {
    const docx = await fetch(new URL("/release.docx", preview.url));
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-disposition")).toContain("release.docx");
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    const pdf = await fetch(new URL("/release.pdf", preview.url));
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  }, 60_000);
});
