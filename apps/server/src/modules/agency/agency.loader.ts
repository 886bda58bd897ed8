import fs from 'node:fs/promises';
import { agencyConfigSchema, issuesFromZodError, type AgencyConfig } from '@watchfloor/contracts';

/** Reads and validates an agency file; a bad file stops the boot with every problem listed. */
export async function loadAgencyConfig(file: string): Promise<AgencyConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`AGENCY_CONFIG: cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = agencyConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = issuesFromZodError(parsed.error).map(
      (issue) => `  - ${issue.path}: ${issue.message}`,
    );
    throw new Error(
      `AGENCY_CONFIG: ${file} is not a valid agency configuration:\n${lines.join('\n')}`,
    );
  }
  return parsed.data;
}
