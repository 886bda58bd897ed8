import { subjectRecord } from '@watchfloor/authz';
import type { Unit } from '@watchfloor/contracts';
import type { Logger } from '../logger.ts';
import type { DomainEventMap } from './domain-events.ts';
import { createKeyedQueue } from './keyed-queue.ts';
import { allUnitsRoom, districtUnitsRoom, unitRoomAudience } from './rooms.ts';
import type { RealtimeServer } from './socket-events.ts';

export type LoadUnit = (unitId: string) => Promise<Unit | null>;
type UnitChanged = DomainEventMap['unit:changed'][0];

/**
 * Turns `unit:changed` into `units:changed` for `units:all` and the unit's home
 * district room. Units have no field rules, so the unit is loaded once and each
 * room's audience only decides whether the room hears of it at all.
 */
export function createUnitBroadcaster(deps: {
  io: RealtimeServer;
  loadUnit: LoadUnit;
  logger: Logger;
}) {
  const { io, loadUnit, logger } = deps;
  const queue = createKeyedQueue((error, unitId) =>
    logger.error(
      { err: error, unitId },
      'units:changed not sent; clients resync on the next change',
    ),
  );

  async function publish(event: UnitChanged) {
    const unit = await loadUnit(event.unitId);
    if (!unit) return;
    const record = subjectRecord('Unit', { homeDistrict: unit.homeDistrict });
    const rooms = [
      { district: null, room: allUnitsRoom },
      { district: unit.homeDistrict, room: districtUnitsRoom(unit.homeDistrict) },
    ]
      .filter(({ district }) => unitRoomAudience(district).can('read', record))
      .map(({ room }) => room);
    if (rooms.length > 0) io.to(rooms).emit('units:changed', { seq: unit.version, unit });
  }

  return {
    onUnitChanged(event: UnitChanged): void {
      queue.push(event.unitId, () => publish(event));
    },
    drain: () => queue.drain(),
  };
}
