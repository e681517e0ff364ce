import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The run's own temporary folder, which must be empty at the end (test/setup/temp-folder.ts).
    globalSetup: ["test/setup/temp-folder.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
