import { readFileSync } from 'node:fs';
import { agencyConfigSchema, type AgencyConfig } from '@watchfloor/contracts';
import { parseDemoParams, type DemoParams } from './params.ts';

/** The committed demo agency and parameters, for the demo city's tests. */
const agenciesDir = new URL('../../../../../config/agencies/', import.meta.url);
const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(name, agenciesDir), 'utf8')) as unknown;

export const demoAgency: AgencyConfig = agencyConfigSchema.parse(readJson('demo.json'));
export const demoParams: DemoParams = parseDemoParams(readJson('demo-params.json'));
