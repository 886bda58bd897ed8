import { defineProject, mergeConfig } from 'vitest/config';
import { nodeProject } from '@watchfloor/config/vitest';

export default mergeConfig(nodeProject, defineProject({ test: { name: 'domain' } }));
