import { describe, expect, it } from "vitest";
import { findBrowser, PdfError } from "../../src/pdf/index.js";

/** A machine where exactly `present` are executables. */
function machine(present: readonly string[], env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = "linux") {
  return {
    env: { PATH: "/usr/local/bin:/opt/bin", ...env },
    platform,
    isExecutable: (path: string) => present.includes(path),
    puppeteerExecutablePath: () => "/home/u/.cache/puppeteer/chrome/linux-1/chrome-linux64/chrome",
  };
}

describe("findBrowser", () => {
  it("prefers PUPPETEER_EXECUTABLE_PATH over every system browser", () => {
    const found = findBrowser(machine(["/opt/my-chrome", "/usr/bin/chromium"], { PUPPETEER_EXECUTABLE_PATH: "/opt/my-chrome" }));
    expect(found).toEqual({ executablePath: "/opt/my-chrome", source: "environment" });
  });

  it("refuses a PUPPETEER_EXECUTABLE_PATH that is not there, naming it", () => {
    const lookup = () => findBrowser(machine(["/usr/bin/chromium"], { PUPPETEER_EXECUTABLE_PATH: "/nope/chrome" }));
    expect(lookup).toThrow(PdfError);
    expect(lookup).toThrow(/PUPPETEER_EXECUTABLE_PATH is "\/nope\/chrome"/);
  });

  it("takes the system browsers in order: chromium, chromium-browser, google-chrome, google-chrome-stable", () => {
    const all = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
    for (let i = 0; i < all.length; i += 1) {
      expect(findBrowser(machine(all.slice(i))).executablePath).toBe(all[i]);
    }
  });

  it("finds the macOS applications", () => {
    const chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(findBrowser(machine([chrome], {}, "darwin"))).toEqual({ executablePath: chrome, source: "system" });
  });

  it("looks on PATH after the well-known locations", () => {
    expect(findBrowser(machine(["/opt/bin/chromium"])).executablePath).toBe("/opt/bin/chromium");
  });

  it("falls back to Puppeteer's downloaded browser when that file exists", () => {
    const downloaded = "/home/u/.cache/puppeteer/chrome/linux-1/chrome-linux64/chrome";
    expect(findBrowser(machine([downloaded]))).toEqual({ executablePath: downloaded, source: "puppeteer" });
  });

  it("says how to get a browser when there is none", () => {
    let error: unknown;
    try {
      findBrowser(machine([]));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PdfError);
    expect((error as PdfError).code).toBe("browserNotFound");
    expect((error as PdfError).message).toContain("apt-get install chromium fonts-liberation");
    expect((error as PdfError).message).toContain("npx puppeteer browsers install chrome");
  });

  it("treats a Puppeteer without a configured browser as none found", () => {
    const options = {
      ...machine([]),
      puppeteerExecutablePath: () => {
        throw new Error("no config");
      },
    };
    expect(() => findBrowser(options)).toThrow(/apt-get install chromium/);
  });
});
