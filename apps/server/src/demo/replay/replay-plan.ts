import type { IngestCallEvent } from '@watchfloor/contracts';
import type { MappedCall } from '../../import/row-mapper.ts';

/** One event of a historical call at its original instant. */
export interface TimedEvent {
  sourceTime: number;
  event: Omit<IngestCallEvent, 'at'>;
}

/** The events a historical call produces, at their original instants, in order. */
export function eventsOfCall(call: MappedCall, runId: string): TimedEvent[] {
  const id = `${runId}:${call.sourceCallId}`;
  const events: TimedEvent[] = [
    {
      sourceTime: call.receivedAt.getTime(),
      event: {
        sourceEventId: `${id}:received`,
        sourceCallId: id,
        callType: call.callType,
        ...(call.priority ? { priority: call.priority } : {}),
        ...(call.lat !== null && call.lon !== null ? { lat: call.lat, lon: call.lon } : {}),
        ...(call.address ? { address: call.address } : {}),
        officerInitiated: call.officerInitiated,
      },
    },
  ];
  const steps = [
    ['dispatched', call.dispatchedAt],
    ['enroute', call.enrouteAt],
    ['onscene', call.onsceneAt],
    ['closed', call.closedAt],
  ] as const;
  for (const [status, instant] of steps) {
    if (!instant || instant.getTime() < call.receivedAt.getTime()) continue;
    events.push({
      sourceTime: instant.getTime(),
      event: { sourceEventId: `${id}:${status}`, sourceCallId: id, status },
    });
  }
  return events;
}

/** A time-ordered queue of pending events; insertion keeps it sorted. */
export class EventQueue {
  private readonly events: TimedEvent[] = [];

  get size(): number {
    return this.events.length;
  }

  push(...events: TimedEvent[]): void {
    for (const event of events) {
      let low = 0;
      let high = this.events.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.events[middle]!.sourceTime <= event.sourceTime) low = middle + 1;
        else high = middle;
      }
      this.events.splice(low, 0, event);
    }
  }

  /** Removes and returns every event due at or before `sourceTime`. */
  takeDue(sourceTime: number): TimedEvent[] {
    let count = 0;
    while (count < this.events.length && this.events[count]!.sourceTime <= sourceTime) count += 1;
    return this.events.splice(0, count);
  }
}
