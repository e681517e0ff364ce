/**
 * Every route of the preview answers its errors instead of throwing them: a quarter file missing
 * during a request (moved, or mid-save) and a company style.json with a syntax error give a page
 * that says so, and the server keeps running.
 */
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Preview, startPreview } from "../../src/workflow/preview-server.js";
import { rawGet } from "./raw-http.js";

const routes = ["/", "/release.html", "/report", "/source", "/source?file=company", "/release.docx", "/release.pdf", "/redline.html"];

describe("preview route errors", () => {
  let folder: string;
  let quarter: string;
  let preview: Preview;
  let port: number;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    process.on("uncaughtException", onUncaught);
    folder = mkdtempSync(join(tmpdir(), "preview-errors-"));
    copyFileSync("data/atg/company.yaml", join(folder, "company.yaml"));
    quarter = join(folder, "2003-q3.yaml");
    copyFileSync("data/atg/2003-q3.yaml", quarter);
    // The company's own style folder exists from the start, so the preview watches it.
    mkdirSync(join(folder, "templates", "default"), { recursive: true });
    writeFileSync(join(folder, "templates", "default", "style.json"), "{}");
    preview = await startPreview({ file: quarter, port: 0, debounceMs: 20 });
    port = (preview.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    process.off("uncaughtException", onUncaught);
    await preview?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const get = (path: string) => rawGet(port, path, { host: `127.0.0.1:${port}` });
  const settle = () => new Promise((done) => setTimeout(done, 200));

  it("answers every route while the quarter file is missing", async () => {
    renameSync(quarter, `${quarter}.moved`);
    await settle();
    try {
      for (const path of routes) {
        const { status, body } = await get(path);
        expect(status, path).toBeLessThan(600);
        expect(body, path).not.toMatch(/\n\s+at /);
      }
      expect((await get("/release.html")).body).toContain("no such file");
      expect((await get("/source")).status).toBe(404);
      expect(uncaught).toEqual([]);
    } finally {
      renameSync(`${quarter}.moved`, quarter);
      await settle();
    }
    const after = (await get("/release.html")).body;
    expect(after, after).toContain("Art Technology Group");
  });

  it("answers every route when the company's style.json has a syntax error", async () => {
    const style = join(folder, "templates", "default", "style.json");
    writeFileSync(style, '{ "textWidth": 70,, }');
    await settle();
    try {
      for (const path of routes) {
        const { status, body } = await get(path);
        expect(status, path).toBeLessThan(600);
        expect(body, path).not.toMatch(/\n\s+at /);
      }
      const broken = (await get("/release.html")).body;
      expect(broken, broken).toContain("style.json:1:19  is not valid JSON");
      expect(uncaught).toEqual([]);
    } finally {
      writeFileSync(style, "{}");
      await settle();
    }
    const after = (await get("/release.html")).body;
    expect(after, after).toContain("Art Technology Group");
  });
});
