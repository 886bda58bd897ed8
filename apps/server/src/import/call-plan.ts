import type { Issue } from '@watchfloor/contracts';
import type { AgencyDirectory } from '../modules/agency/agency-directory.ts';
import type { ImportMapping } from './mapping.schema.ts';
import type { MappedCall } from './row-mapper.ts';

/**
 * A call ready to store: the `calls` row's fields. Its events follow from them
 * (see `call-writer.ts`).
 */
export interface PlannedCall {
  sourceId: string;
  callType: string;
  callTypeDescription: string;
  /** False when the call type is not in the agency configuration (kept, and reported). */
  knownCallType: boolean;
  priority: number;
  officerInitiated: boolean;
  lat: number | null;
  lon: number | null;
  address: string | null;
  beat: string | null;
  district: string | null;
  status: string;
  receivedAt: Date;
  dispatchedAt: Date | null;
  enrouteAt: Date | null;
  onsceneAt: Date | null;
  closedAt: Date | null;
  disposition: string | null;
  /** True when the priority is not the row's own value (a default): mapped, not measured. */
  priorityMapped: boolean;
}

export type PlanResult = { ok: true; call: PlannedCall } | { ok: false; issues: Issue[] };

/** Whether beats and districts come from the agency's polygons rather than columns. */
export function usesPointInPolygon(mapping: ImportMapping): boolean {
  return mapping.pointInPolygon ?? (!mapping.columns.beat && !mapping.columns.district);
}

/**
 * Completes a mapped row with what the agency knows (call-type text, default
 * priority, beat and district by point-in-polygon).
 */
export function planCall(
  call: MappedCall,
  mapping: ImportMapping,
  directory: AgencyDirectory,
): PlanResult {
  const type = directory.callType(call.callType);
  const priority = call.priority ?? type?.defaultPriority ?? null;
  if (priority === null)
    return {
      ok: false,
      issues: [
        {
          path: mapping.columns.priority ?? mapping.columns.callType,
          message: `no priority: none in the row, no defaultPriority in the mapping, call type "${call.callType}" unknown to the agency`,
        },
      ],
    };
  const located =
    usesPointInPolygon(mapping) && call.lat !== null && call.lon !== null
      ? directory.locate({ lat: call.lat, lon: call.lon })
      : { beat: call.beat, district: call.district };
  return {
    ok: true,
    call: {
      sourceId: call.sourceCallId,
      callType: call.callType,
      callTypeDescription: type?.description ?? call.callTypeText ?? call.callType,
      knownCallType: type !== undefined,
      priority,
      officerInitiated: call.officerInitiated || (type?.officerInitiated ?? false),
      lat: call.lat,
      lon: call.lon,
      address: call.address,
      beat: located.beat,
      district: located.district,
      status: call.status,
      receivedAt: call.receivedAt,
      dispatchedAt: call.dispatchedAt,
      enrouteAt: call.enrouteAt,
      onsceneAt: call.onsceneAt,
      closedAt: call.closedAt,
      disposition: call.disposition,
      priorityMapped: !call.priorityFromSource,
    },
  };
}
