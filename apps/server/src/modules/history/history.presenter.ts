import { subject } from '@casl/ability';
import {
  callFields,
  permittedFields,
  pickPermitted,
  type AppAbility,
  type CallField,
} from '@watchfloor/authz';
import type {
  HistoricalCall,
  HistoricalUnit,
  HistoryChange,
  ReplayUnit,
} from '@watchfloor/contracts';
import type { UnitStatus } from '@watchfloor/domain';
import type { CallRowNow, CallState } from './history-state.ts';
import type { HistoricalUnitRow, PositionRow, UnitEventRow, UnitRefRow } from './history.repo.ts';

const iso = (instant: Date | null) => instant?.toISOString() ?? null;

/** The call fields a historical call has: never caller data (see the contract). */
const historicalCallFields = [
  'id',
  'incidentNumber',
  'callType',
  'callTypeDescription',
  'priority',
  'officerInitiated',
  'lat',
  'lon',
  'address',
  'beat',
  'district',
  'status',
  'receivedAt',
  'dispatchedAt',
  'enrouteAt',
  'onsceneAt',
  'closedAt',
  'disposition',
  'version',
  'assignedUnits',
] as const satisfies readonly CallField[];
type HistoricalCallField = (typeof historicalCallFields)[number];

/**
 * Field rules for historical calls. Rules are checked against the call as it is
 * now (district, status), exactly as `GET /api/calls/:id` checks them, so a past
 * state never shows what the reader could not read of the call today.
 * Memoised per (district, status): a snapshot has many calls and few scopes.
 */
export function createHistoricalCallPresenter(ability: AppAbility) {
  const cache = new Map<string, HistoricalCallField[]>();
  const fieldsFor = (row: Pick<CallRowNow, 'district' | 'status'>) => {
    const key = `${row.district ?? ''}\u0000${row.status}`;
    let fields = cache.get(key);
    if (!fields) {
      const permitted = permittedFields(ability, 'read', 'Call', callFields, {
        district: row.district,
        status: row.status,
      });
      fields = historicalCallFields.filter((field) => permitted.includes(field));
      cache.set(key, fields);
    }
    return fields;
  };

  return (row: CallRowNow, state: CallState): HistoricalCall => {
    const full: HistoricalCall = {
      id: state.id,
      incidentNumber: state.incidentNumber,
      callType: state.callType,
      callTypeDescription: state.callTypeDescription,
      priority: state.priority,
      officerInitiated: state.officerInitiated,
      lat: state.lat,
      lon: state.lon,
      address: state.address,
      beat: state.beat,
      district: state.district,
      status: state.status,
      receivedAt: state.receivedAt.toISOString(),
      dispatchedAt: iso(state.dispatchedAt),
      enrouteAt: iso(state.enrouteAt),
      onsceneAt: iso(state.onsceneAt),
      closedAt: iso(state.closedAt),
      disposition: state.disposition,
      version: state.version,
      assignedUnits: state.assignedUnits.map((unit) => ({
        id: unit.id,
        callSign: unit.callSign,
        assignedAt: unit.assignedAt.toISOString(),
      })),
    };
    return pickPermitted(full, fieldsFor(row));
  };
}

/** Whether the reader may see this unit's positions (supervisors: their districts). */
export function mayReadPositionOf(ability: AppAbility, unit: Pick<UnitRefRow, 'homeDistrict'>) {
  const scope: Record<string, unknown> = { homeDistrict: unit.homeDistrict };
  return ability.can('read', subject('UnitPosition', scope));
}

export function presentHistoricalUnit(
  row: HistoricalUnitRow,
  withPosition: boolean,
): HistoricalUnit {
  return {
    id: row.id,
    callSign: row.callSign,
    type: row.type,
    homeDistrict: row.homeDistrict,
    status: row.status as UnitStatus | null,
    statusSince: iso(row.statusSince),
    callId: row.callId,
    position:
      withPosition && row.position ? { ...row.position, at: row.position.at.toISOString() } : null,
  };
}

export const presentUnitRef = (row: UnitRefRow) => ({
  id: row.id,
  callSign: row.callSign,
  type: row.type,
  homeDistrict: row.homeDistrict,
});

export const presentUnitChange = (row: UnitEventRow) => ({
  kind: 'unit' as const,
  at: row.at.toISOString(),
  unitId: row.unitId,
  status: row.status as UnitStatus,
  callId: row.callId,
});

export const presentPosition = (row: PositionRow) => ({
  kind: 'position' as const,
  at: row.at.toISOString(),
  unitId: row.unitId,
  lat: row.lat,
  lon: row.lon,
  heading: row.heading,
  speed: row.speed,
});

const kindOrder: Record<HistoryChange['kind'], number> = { call: 0, unit: 1, position: 2 };

/**
 * Merges changes already in time order per kind into one time-ordered list;
 * at the same instant calls come first, then unit statuses, then positions.
 */
export function mergeChanges(...lists: HistoryChange[][]): HistoryChange[] {
  const merged = lists.flat();
  // Stable: each list keeps its own order within an instant.
  return merged.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || kindOrder[a.kind] - kindOrder[b.kind],
  );
}

/** One unit of a call replay. */
export function presentReplayUnit(
  ref: UnitRefRow,
  details: {
    assigned: boolean;
    closestMeters: number | null;
    statusAtStart: string | null;
    statusChanges: UnitEventRow[];
    positions: PositionRow[];
  },
): ReplayUnit {
  return {
    ...presentUnitRef(ref),
    assigned: details.assigned,
    closestMeters: details.closestMeters === null ? null : Math.round(details.closestMeters),
    statusAtStart: details.statusAtStart as UnitStatus | null,
    statusChanges: details.statusChanges.map(({ at, status, callId }) => ({
      at: at.toISOString(),
      status: status as UnitStatus,
      callId,
    })),
    positions: details.positions.map(({ at, lat, lon, heading, speed }) => ({
      at: at.toISOString(),
      lat,
      lon,
      heading,
      speed,
    })),
  };
}
