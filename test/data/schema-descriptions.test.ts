/** Every field of the data files is described in the JSON Schema, so an editor's hover explains it. */
import { expect, it } from "vitest";
import { exportJsonSchema } from "../../src/data/schema.js";

it("describes every property of the quarter and company files", () => {
  const undescribed: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${path}[${index}]`));
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    for (const [name, property] of Object.entries((record.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      if (typeof property.description !== "string" || property.description.length < 10) undescribed.push(`${path}.${name}`);
    }
    for (const [key, value] of Object.entries(record)) walk(value, `${path}.${key}`);
  };
  walk(exportJsonSchema(), "schema");
  expect(undescribed).toEqual([]);
});
