import { subjectRecord, type AppAbility } from '@watchfloor/authz';
import type { Call } from '@watchfloor/contracts';
import type { Logger } from '../logger.ts';
import type { DomainEventMap } from './domain-events.ts';
import { createKeyedQueue } from './keyed-queue.ts';
import { allCallsRoom, callRoomAudience, districtCallsRoom } from './rooms.ts';
import type { CallChangedMessage, RealtimeServer } from './socket-events.ts';

export type LoadCall = (callId: string, ability: AppAbility) => Promise<Call | null>;
type CallChanged = DomainEventMap['call:changed'][0];

interface RoomMessage {
  room: string;
  message: CallChangedMessage;
}

/** Defence in depth: a presenter bug must not put a call in a room that may not read it. */
function mayRead(ability: AppAbility, call: Call): boolean {
  return ability.can(
    'read',
    subjectRecord('Call', { district: call.district, status: call.status }),
  );
}

/**
 * Turns `call:changed` into `calls:changed` for every room that hears of the call:
 * `calls:all`, and the district rooms of the call's district before and after the
 * change. The call is presented once per room, with the room's audience ability,
 * and each distinct message is emitted once to all the rooms it is for.
 */
export function createCallBroadcaster(deps: {
  io: RealtimeServer;
  loadCall: LoadCall;
  logger: Logger;
}) {
  const { io, loadCall, logger } = deps;
  const queue = createKeyedQueue((error, callId) =>
    logger.error(
      { err: error, callId },
      'calls:changed not sent; clients resync on the next change',
    ),
  );

  async function messageFor(district: string | null, event: CallChanged): Promise<RoomMessage> {
    const audience = callRoomAudience(district);
    const room = district === null ? allCallsRoom : districtCallsRoom(district);
    const call = await loadCall(event.callId, audience);
    // The version of what is sent: a presenter reading after a later commit sends
    // newer data, and the client must not take it for the older version.
    if (call && mayRead(audience, call)) return { room, message: { seq: call.version, call } };
    return { room, message: { seq: event.version, callId: event.callId, removed: true } };
  }

  async function publish(event: CallChanged) {
    const districts = [...new Set(event.districts)].filter((code) => code !== null);
    const perRoom = await Promise.all(
      [null, ...districts].map((district) => messageFor(district, event)),
    );

    // A socket can sit in several of these rooms (a supervisor of two districts).
    // One emit to a list of rooms reaches each socket once, and a removal is kept
    // from sockets that are also in a room still allowed to see the call.
    const groups = new Map<string, RoomMessage[]>();
    for (const entry of perRoom) {
      const key = JSON.stringify(entry.message);
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    const seeing = perRoom.filter((entry) => !('removed' in entry.message)).map((e) => e.room);
    for (const entries of groups.values()) {
      const { message } = entries[0]!;
      const rooms = entries.map((entry) => entry.room);
      const target = 'removed' in message ? io.to(rooms).except(seeing) : io.to(rooms);
      target.emit('calls:changed', message);
    }
  }

  return {
    onCallChanged(event: CallChanged): void {
      queue.push(event.callId, () => publish(event));
    },
    drain: () => queue.drain(),
  };
}
