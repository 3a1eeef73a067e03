import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/engine/**/*.test.ts',
      'test/cli/**/*.test.ts',
      'test/fuzz/**/*.test.ts',
      'test/soak/**/*.test.ts',
    ],
    environment: 'node',
    // Two cores on CI: one worker per core keeps the suite from thrashing.
    maxWorkers: 2,
  },
});
