import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', 'scenarios/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Browser tests poll the page for the result of a request; on a loaded 2-core CI machine one can take seconds.
    expect: { poll: { timeout: 20_000 } },
  },
});
