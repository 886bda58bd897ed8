import { EventEmitter } from 'node:events';

/** A unit's latest accepted position, as the gateway batches it per tick. */
export interface PositionUpdate {
  unitId: string;
  callSign: string;
  homeDistrict: string;
  lat: number;
  lon: number;
  heading: number | null;
  speed: number | null;
  at: string;
}

/**
 * What the services announce after a transaction commits; the realtime gateway
 * (and nothing else) turns these into socket messages for the rooms allowed to see them.
 */
export interface DomainEventMap {
  /** A call changed; `district` before and after, so both audiences hear of a move. */
  'call:changed': [{ callId: string; version: number; districts: (string | null)[] }];
  'unit:changed': [{ unitId: string; homeDistrict: string }];
  'positions:accepted': [PositionUpdate[]];
  /** A user's grants changed or the account was disabled: their live sockets must go. */
  'user:access-changed': [{ userId: string }];
  /** A session ended (sign-out): sockets opened with it must go. */
  'session:ended': [{ sessionId: string }];
}

export type DomainEvents = EventEmitter<DomainEventMap>;

export function createDomainEvents(): DomainEvents {
  const events = new EventEmitter<DomainEventMap>();
  // One listener per gateway and per test harness; more would be a leak.
  events.setMaxListeners(20);
  return events;
}
