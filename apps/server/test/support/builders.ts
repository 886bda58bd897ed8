import type { UnitStatus } from '@watchfloor/domain';
import type { Database } from '../../src/db/client.ts';
import { units } from '../../src/db/schema.ts';
import type { UnitRow } from '../../src/modules/units/units.repo.ts';

let unitCounter = 0;

/** A unit straight into the roster (the ingest API is tested on its own). */
export async function buildUnit(
  db: Database,
  overrides: {
    callSign?: string;
    homeDistrict?: string;
    status?: UnitStatus;
    lat?: number;
    lon?: number;
  } = {},
): Promise<UnitRow> {
  unitCounter += 1;
  const [row] = await db
    .insert(units)
    .values({
      callSign: overrides.callSign ?? `T${unitCounter}-${Math.random().toString(36).slice(2, 6)}`,
      homeDistrict: overrides.homeDistrict ?? '1',
      status: overrides.status ?? 'available',
      lat: overrides.lat ?? null,
      lon: overrides.lon ?? null,
      positionAt: overrides.lat === undefined ? null : new Date(),
    })
    .returning();
  return row!;
}

/** A point in the test agency's district 1 (west) or 2 (east). */
export const inDistrict = (district: '1' | '2') => ({
  lat: 0.005,
  lon: district === '1' ? 0.005 : 0.015,
});

/** A valid call creation body for the test agency. */
export function callBody(overrides: Record<string, unknown> = {}) {
  return {
    callType: 'DIST',
    ...inDistrict('1'),
    address: '100 Main St',
    callerName: 'Pat Caller',
    callerPhone: '555-0100',
    narrative: 'Loud argument next door',
    ...overrides,
  };
}
