import { defineProject, mergeConfig } from 'vitest/config';
import { nodeProject } from '@watchfloor/config/vitest';

export default mergeConfig(
  nodeProject,
  defineProject({
    test: {
      name: 'server',
      globalSetup: ['./test/support/global-setup.ts'],
    },
  }),
);
