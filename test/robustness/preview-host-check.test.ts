/**
 * The preview answers only requests addressed to its own loopback address and port, from its own
 * origin: a web page using DNS rebinding (Host: attacker.example) or a cross-site request (Origin:
 * http://attacker.example) cannot read the unreleased quarter through the user's browser.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Preview, startPreview } from "../../src/workflow/preview-server.js";
import { rawGet } from "./raw-http.js";

describe("preview host and origin check", () => {
  let folder: string;
  let preview: Preview;
  let port: number;
  const routes = ["/", "/release.html", "/report", "/source", "/source?file=company", "/release.docx", "/redline.html", "/events"];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "preview-host-"));
    copyFileSync("data/atg/company.yaml", join(folder, "company.yaml"));
    copyFileSync("data/atg/2003-q3.yaml", join(folder, "2003-q3.yaml"));
    preview = await startPreview({ file: join(folder, "2003-q3.yaml"), port: 0, debounceMs: 20 });
    port = (preview.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await preview?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it.each(routes)("%s refuses a foreign Host header (DNS rebinding)", async (path) => {
    for (const host of [`attacker.example:${port}`, "attacker.example", `127.0.0.1:${port + 1}`, `127.0.0.1`, `127.0.0.1.attacker.example:${port}`, ""]) {
      const { status, body } = await rawGet(port, path, { host });
      expect(status, `Host: ${host}`).toBe(403);
      expect(body).not.toContain("headline");
      expect(body).not.toContain("ARTG");
    }
  });

  it("refuses a request without a Host header", async () => {
    // Node's HTTP server answers 400 itself to an HTTP/1.1 request without Host.
    const { status, body } = await rawGet(port, "/source", {});
    expect([400, 403]).toContain(status);
    expect(body).not.toContain("headline");
  });

  it.each(routes)("%s refuses a foreign Origin", async (path) => {
    for (const origin of ["http://attacker.example", `http://attacker.example:${port}`, "null", `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`]) {
      const { status, body } = await rawGet(port, path, { host: `127.0.0.1:${port}`, origin });
      expect(status, `Origin: ${origin}`).toBe(403);
      expect(body).not.toContain("headline");
      expect(body).not.toContain("ARTG");
    }
  });

  it("answers its own address and port, with or without its own Origin, and localhost", async () => {
    expect((await rawGet(port, "/source", { host: `127.0.0.1:${port}` })).body).toContain("headline");
    expect((await rawGet(port, "/source?file=company", { host: `127.0.0.1:${port}` })).body).toContain("ARTG");
    expect((await rawGet(port, "/source", { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await rawGet(port, "/source", { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status).toBe(200);
    expect((await fetch(new URL("/report", preview.url))).status).toBe(200);
  });
});
