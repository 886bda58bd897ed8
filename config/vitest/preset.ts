// Shared Vitest defaults for every workspace project.
import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files run in parallel workers. Most of them wait on PostgreSQL, sockets and
 * child processes rather than the CPU, so Vitest's default (cores − 1) — one worker
 * on a 2-core CI machine — leaves the machine idle most of the run. Every project
 * must use the same number (Vitest schedules them as one group).
 */
export const testWorkers = Math.max(3, os.availableParallelism());

export const nodeProject = defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: testWorkers,
  },
});
