import type { AgencyConfig } from '@watchfloor/contracts';
import type { Area, LonLat } from '@watchfloor/domain';
import { createAreaIndex } from './area-index.ts';

export type CallTypeConfig = AgencyConfig['callTypes'][number];

/** Fast lookups into the agency configuration that the services need. */
export function createAgencyDirectory(agency: AgencyConfig) {
  const callTypes = new Map(agency.callTypes.map((type) => [type.code, type]));
  const dispositions = new Set(agency.dispositions.map((disposition) => disposition.code));
  const beats = createAreaIndex(
    agency.beats.features as Area<{ code: string; district: string }>[],
  );
  const districts = createAreaIndex(agency.districts.features as Area<{ code: string }>[]);

  return {
    agency,
    callType(code: string): CallTypeConfig | undefined {
      return callTypes.get(code);
    },
    isDisposition(code: string): boolean {
      return dispositions.has(code);
    },
    /** Beat and district of a point, by point-in-polygon; null outside the agency. */
    locate(point: LonLat): { beat: string | null; district: string | null } {
      const beat = beats.find(point);
      if (beat) return { beat: beat.code, district: beat.district };
      return { beat: null, district: districts.find(point)?.code ?? null };
    },
  };
}

export type AgencyDirectory = ReturnType<typeof createAgencyDirectory>;
