import { defineConfig } from 'vitest/config';

// End-to-end tests drive one real Chromium at a time: files run one after another.
// One retry absorbs a browser start-up hiccup on a loaded 2-core CI machine; a real
// failure fails twice and still fails the run.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: 1,
  },
});
