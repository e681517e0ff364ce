import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PdfPrinter } from "../../src/pdf/index.js";
import { describeWithBrowser, readPdfText } from "./read-pdf.js";
import { sampleInfo } from "./sample-page.js";

/** A loopback server that counts every connection and every request made to it. */
async function startCountingServer(): Promise<{ server: Server; port: number; hits: string[]; connections: () => number }> {
  const hits: string[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    hits.push(request.url ?? "");
    response.writeHead(200, { "content-type": "text/css" });
    response.end("body { background: red }");
  });
  server.on("connection", (socket: Socket) => {
    connections += 1;
    socket.unref();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port, hits, connections: () => connections };
}

/** Every way a page can ask for a resource that we could think of. */
function pageReachingOut(origin: string): string {
  return `<!doctype html><html><head><title>isolation</title>
<link rel="stylesheet" href="${origin}/link.css">
<link rel="preconnect" href="${origin}">
<link rel="dns-prefetch" href="${origin}">
<link rel="prefetch" href="${origin}/prefetch">
<link rel="preload" as="font" href="${origin}/preload.woff2" crossorigin>
<link rel="icon" href="${origin}/favicon.ico">
<style>
@import url("${origin}/import.css");
@font-face { font-family: Remote; src: url("${origin}/font.woff2"); }
body { background-image: url("${origin}/background.png"); }
p.remote { font-family: Remote; }
</style>
<meta http-equiv="refresh" content="0; url=${origin}/refresh">
<base href="${origin}/base/">
</head><body>
<p>Revenues were $16.0 million.</p>
<p class="remote">A remote font was asked for.</p>
<img src="${origin}/x.png" alt="">
<img src="relative.png" alt="">
<img srcset="${origin}/srcset.png 2x" alt="">
<picture><source srcset="${origin}/source.png"><img src="${origin}/picture.png" alt=""></picture>
<iframe src="${origin}/frame.html"></iframe>
<object data="${origin}/object.pdf"></object>
<embed src="${origin}/embed.swf">
<video poster="${origin}/poster.png" src="${origin}/video.mp4"></video>
<audio src="${origin}/audio.mp3" autoplay></audio>
<svg><image href="${origin}/svg.png" width="10" height="10"/></svg>
<div style="background: url('${origin}/inline-style.png')">inline style</div>
<script src="${origin}/script.js"></script>
<form action="${origin}/form"><input type="image" src="${origin}/input.png"></form>
</body></html>`;
}

describeWithBrowser("PDF isolation", () => {
  let counting: Awaited<ReturnType<typeof startCountingServer>>;
  let printer: PdfPrinter;

  beforeAll(async () => {
    counting = await startCountingServer();
    printer = new PdfPrinter();
  });

  afterAll(async () => {
    await printer.close();
    await new Promise((resolve) => counting.server.close(resolve));
  });

  it("makes no request and opens no connection, whatever the page asks for", async () => {
    const origin = `http://127.0.0.1:${counting.port}`;
    const blocked: string[] = [];
    const pdf = await printer.print(pageReachingOut(origin), {
      document: sampleInfo(true),
      onBlockedRequest: (url) => blocked.push(url),
    });
    // Give a straggler (a prefetch, a late image) time to arrive, if one were on its way.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(counting.hits).toEqual([]);
    expect(counting.connections()).toBe(0);
    // The interception saw the page try: these requests were made and refused.
    expect(blocked).toContain(`${origin}/x.png`);
    expect(blocked).toContain(`${origin}/link.css`);
    expect(blocked).toContain(`${origin}/frame.html`);
    expect(blocked).toContain(`${origin}/background.png`);
    // The page still printed.
    const { pages } = await readPdfText(pdf);
    expect(pages.join(" ")).toContain("Revenues were $16.0 million.");
  });

  it("prints escaped markup from the data as text and requests nothing", async () => {
    const origin = `http://127.0.0.1:${counting.port}`;
    const value = `<img src=${origin}/data.png>`;
    const escaped = value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const pdf = await printer.print(`<!doctype html><html><head><title>t</title></head><body><p>${escaped}</p></body></html>`, {
      document: sampleInfo(true),
    });
    expect(counting.hits).toEqual([]);
    const { pages } = await readPdfText(pdf);
    expect(pages[0]).toContain(value);
  });
});
