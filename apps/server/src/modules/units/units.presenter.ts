import type { Unit } from '@watchfloor/contracts';
import type { UnitStatus } from '@watchfloor/domain';
import type { UnitRow } from './units.repo.ts';

/** A unit as readers see it; the position only when one has been reported. */
export function presentUnit(row: UnitRow, options: { withPosition: boolean }): Unit {
  const hasPosition = row.lat !== null && row.lon !== null && row.positionAt !== null;
  return {
    id: row.id,
    callSign: row.callSign,
    type: row.type,
    homeDistrict: row.homeDistrict,
    status: row.status as UnitStatus,
    statusSince: row.statusSince.toISOString(),
    currentCallId: row.currentCallId,
    position:
      options.withPosition && hasPosition
        ? {
            lat: row.lat!,
            lon: row.lon!,
            heading: row.heading,
            speed: row.speed,
            accuracy: row.accuracy,
            at: row.positionAt!.toISOString(),
          }
        : null,
    lastHeardAt: row.lastHeardAt?.toISOString() ?? null,
    version: row.version,
  };
}
