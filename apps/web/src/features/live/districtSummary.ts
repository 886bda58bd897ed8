import type { Call, Unit } from '@watchfloor/contracts';
import { isOnCall } from '@watchfloor/domain';

export interface DistrictSummary {
  district: string;
  /** Open calls per priority level, most urgent first. */
  openByPriority: { priority: number; count: number }[];
  /** The call waiting longest for a unit, if any. */
  oldestPending: Call | null;
  units: { available: number; busy: number; outOfService: number };
}

/**
 * The supervisor's strip: per district, open calls by priority, the oldest pending call and
 * how many units are free, working (on a call or busy) or out of service. Off-duty units are
 * not counted: they are not part of the shift's strength.
 */
export function summarizeDistricts(
  districts: readonly string[],
  calls: readonly Call[],
  units: readonly Unit[],
): DistrictSummary[] {
  return districts.map((district) => {
    const open = calls.filter((call) => call.district === district);
    const byPriority = new Map<number, number>();
    let oldestPending: Call | null = null;
    for (const call of open) {
      byPriority.set(call.priority, (byPriority.get(call.priority) ?? 0) + 1);
      if (
        call.status === 'pending' &&
        (!oldestPending || Date.parse(call.receivedAt) < Date.parse(oldestPending.receivedAt))
      ) {
        oldestPending = call;
      }
    }
    const home = units.filter((unit) => unit.homeDistrict === district);
    return {
      district,
      openByPriority: [...byPriority]
        .sort(([a], [b]) => a - b)
        .map(([priority, count]) => ({ priority, count })),
      oldestPending,
      units: {
        available: home.filter((unit) => unit.status === 'available').length,
        busy: home.filter((unit) => isOnCall(unit.status) || unit.status === 'busy').length,
        outOfService: home.filter((unit) => unit.status === 'out_of_service').length,
      },
    };
  });
}
