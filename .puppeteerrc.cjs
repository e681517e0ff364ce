// Puppeteer's own Chrome download is skipped when a usable browser is already on the machine
// (PUPPETEER_EXECUTABLE_PATH or a system Chromium/Chrome), so `npm install` works offline;
// on a laptop without one, Puppeteer downloads its Chrome as usual.
const { existsSync } = require("node:fs");
const systemBrowsers = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];
const configured = process.env.PUPPETEER_EXECUTABLE_PATH;
module.exports = {
  skipDownload: process.env.PUPPETEER_SKIP_DOWNLOAD === "true" || Boolean(configured && existsSync(configured)) || systemBrowsers.some((path) => existsSync(path)),
};
