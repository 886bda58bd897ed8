// Shared Vitest defaults for every workspace project.
import { defineConfig } from 'vitest/config';

export const nodeProject = defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
