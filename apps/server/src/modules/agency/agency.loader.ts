import fs from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  agencyConfigSchema,
  agencyFileSchema,
  issuesFromZodError,
  type AgencyConfig,
  type AgencyFile,
} from '@watchfloor/contracts';
import { readBeatFile, readDistrictFile } from './boundary-files.ts';

function invalid(file: string, error: z.ZodError): Error {
  const lines = issuesFromZodError(error).map((issue) => `  - ${issue.path}: ${issue.message}`);
  return new Error(
    `AGENCY_CONFIG: ${file} is not a valid agency configuration:\n${lines.join('\n')}`,
  );
}

/** Replaces boundary-file references by the boundaries they name. */
async function resolveBoundaries(agency: AgencyFile, baseDir: string): Promise<unknown> {
  const districts =
    'file' in agency.districts
      ? await readDistrictFile(agency.districts, baseDir)
      : agency.districts;
  const beats = 'file' in agency.beats ? await readBeatFile(agency.beats, baseDir) : agency.beats;
  return { ...agency, districts, beats };
}

/**
 * Reads and validates an agency file, with districts and beats inline or in
 * GeoJSON files it names (paths relative to the agency file); a bad file stops
 * the boot with every problem listed.
 */
export async function loadAgencyConfig(file: string): Promise<AgencyConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`AGENCY_CONFIG: cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const written = agencyFileSchema.safeParse(raw);
  if (!written.success) throw invalid(file, written.error);
  let resolved: unknown;
  try {
    resolved = await resolveBoundaries(written.data, path.dirname(file));
  } catch (error) {
    throw new Error(`AGENCY_CONFIG: ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = agencyConfigSchema.safeParse(resolved);
  if (!parsed.success) throw invalid(file, parsed.error);
  return parsed.data;
}
