/** Test helper: an HTTP GET with the headers given as they are (fetch would not let a test set Host). */
import { request } from "node:http";

/** Sends GET `path` to 127.0.0.1:`port` with exactly `headers`; resolves to the status and body. */
export function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const sent = request({ host: "127.0.0.1", port, path, method: "GET", headers, setHost: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => done({ status: response.statusCode ?? 0, body }));
    });
    sent.setTimeout(20_000, () => sent.destroy(new Error(`GET ${path}: no answer in 20 s`)));
    sent.on("error", fail);
    sent.end();
  });
}
