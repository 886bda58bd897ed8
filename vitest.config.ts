import { defineConfig } from 'vitest/config';

// Each workspace with tests is a Vitest project; `pnpm test` runs them all.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/server', 'apps/web'],
  },
});
