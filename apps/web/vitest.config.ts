import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';
import { testWorkers } from '@watchfloor/config/vitest';

export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    maxWorkers: testWorkers,
  },
});
