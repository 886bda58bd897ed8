import type { Unit } from '@watchfloor/contracts';
import {
  allowedUnitTransitions,
  isOnCall,
  unitStatuses,
  type UnitStatus,
} from '@watchfloor/domain';

export interface DistrictUnits {
  district: string;
  units: Unit[];
  /** How many of the district's units are in each status. */
  counts: Record<UnitStatus, number>;
}

export interface UnitBoardFilter {
  /** Empty: every status. */
  statuses: readonly UnitStatus[];
  /** Null: every district. */
  district: string | null;
}

const statusRank = new Map<UnitStatus, number>(unitStatuses.map((status, rank) => [status, rank]));

function emptyCounts(): Record<UnitStatus, number> {
  return Object.fromEntries(unitStatuses.map((status) => [status, 0])) as Record<
    UnitStatus,
    number
  >;
}

/** Within a district: by status (available first), then by call sign. */
function compareUnits(a: Unit, b: Unit): number {
  const byStatus = (statusRank.get(a.status) ?? 0) - (statusRank.get(b.status) ?? 0);
  return byStatus !== 0 ? byStatus : a.callSign.localeCompare(b.callSign, 'en', { numeric: true });
}

/**
 * The unit board: units grouped by home district (districts in code order), filtered, with
 * the counts per status of the whole district so a filter never hides how many there are.
 */
export function unitBoard(units: readonly Unit[], filter: UnitBoardFilter): DistrictUnits[] {
  const byDistrict = new Map<string, DistrictUnits>();
  for (const unit of units) {
    if (filter.district !== null && unit.homeDistrict !== filter.district) continue;
    let group = byDistrict.get(unit.homeDistrict);
    if (!group) {
      group = { district: unit.homeDistrict, units: [], counts: emptyCounts() };
      byDistrict.set(unit.homeDistrict, group);
    }
    group.counts[unit.status] += 1;
    if (filter.statuses.length === 0 || filter.statuses.includes(unit.status)) {
      group.units.push(unit);
    }
  }
  return [...byDistrict.values()]
    .sort((a, b) => a.district.localeCompare(b.district, 'en', { numeric: true }))
    .map((group) => ({ ...group, units: group.units.sort(compareUnits) }));
}

/**
 * The statuses a unit may be moved to from the board. A unit without a call is never put
 * on one from here (that is an assignment, made on the call); a unit on a call moves along.
 */
export function boardTransitions(unit: Pick<Unit, 'status' | 'currentCallId'>): UnitStatus[] {
  return allowedUnitTransitions(unit.status).filter(
    (status) => unit.currentCallId !== null || !isOnCall(status),
  );
}

/** Reads `?status=a,b&district=x`; unknown statuses are ignored rather than failing the page. */
export function parseUnitBoardFilter(params: URLSearchParams): UnitBoardFilter {
  const statuses = (params.get('status') ?? '')
    .split(',')
    .filter((status): status is UnitStatus => statusRank.has(status as UnitStatus));
  return { statuses, district: params.get('district') || null };
}
