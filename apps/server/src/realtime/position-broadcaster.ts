import type { PositionUpdate } from './domain-events.ts';
import { allUnitsRoom, districtUnitsRoom } from './rooms.ts';
import type { LivePosition } from '@watchfloor/contracts';
import type { RealtimeServer } from './socket-events.ts';

function toLivePosition(update: PositionUpdate): LivePosition {
  return {
    unitId: update.unitId,
    callSign: update.callSign,
    lat: update.lat,
    lon: update.lon,
    heading: update.heading,
    speed: update.speed,
    at: update.at,
  };
}

/**
 * One `units:positions` batch per room per tick: `units:all` gets every unit, each
 * district room only the units at home there. A room broadcast is encoded once for
 * all its sockets; a per-socket loop would encode once per socket.
 */
export function publishPositions(io: RealtimeServer, latest: readonly PositionUpdate[]): void {
  const at = new Date().toISOString();
  const byDistrict = new Map<string, LivePosition[]>();
  const all: LivePosition[] = [];
  for (const update of latest) {
    const position = toLivePosition(update);
    all.push(position);
    const district = byDistrict.get(update.homeDistrict);
    if (district) district.push(position);
    else byDistrict.set(update.homeDistrict, [position]);
  }
  io.volatile.to(allUnitsRoom).emit('units:positions', { at, positions: all });
  for (const [district, positions] of byDistrict) {
    io.volatile.to(districtUnitsRoom(district)).emit('units:positions', { at, positions });
  }
}
