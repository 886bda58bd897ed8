import type {
  CallReplay,
  HistoricalCall,
  HistoryChange,
  HistorySnapshot,
} from '@watchfloor/contracts';
import { openCallStatuses } from '@watchfloor/domain';

export interface ReplayPosition {
  lat: number;
  lon: number;
  heading: number | null;
  at: string;
}

export interface ReplayUnit {
  id: string;
  callSign: string;
  status: string | null;
  callId: string | null;
  position: ReplayPosition | null;
}

/** What a replay starts from and what happens after, in time order. */
export interface ReplayInput {
  from: string;
  to: string;
  calls: readonly HistoricalCall[];
  units: readonly ReplayUnit[];
  changes: readonly HistoryChange[];
}

export interface ReplayFrame {
  /** Open calls at the playhead. */
  calls: HistoricalCall[];
  units: ReplayUnit[];
}

const isOpen = (call: HistoricalCall) =>
  (openCallStatuses as readonly string[]).includes(call.status);

/**
 * The state at any playhead of a window: the starting state plus every change at or before
 * it. Moving forward applies only the new changes (cheap while playing); moving back starts
 * again from the beginning (a scrub, which is rare).
 */
export function createReplay(input: ReplayInput) {
  const times = input.changes.map((change) => Date.parse(change.at));
  let calls = new Map<string, HistoricalCall>();
  let units = new Map<string, ReplayUnit>();
  let applied = 0;
  let playhead = Number.NEGATIVE_INFINITY;

  function reset() {
    calls = new Map(input.calls.map((call) => [call.id, call]));
    units = new Map(input.units.map((unit) => [unit.id, { ...unit }]));
    applied = 0;
  }

  function apply(change: HistoryChange) {
    if (change.kind === 'call') {
      if (isOpen(change.call)) calls.set(change.call.id, change.call);
      else calls.delete(change.call.id);
      return;
    }
    const unit = units.get(change.unitId);
    if (!unit) return;
    if (change.kind === 'unit') {
      units.set(unit.id, { ...unit, status: change.status, callId: change.callId });
    } else {
      const { lat, lon, heading, at } = change;
      units.set(unit.id, { ...unit, position: { lat, lon, heading, at } });
    }
  }

  reset();
  return {
    /** The state at `ms` (epoch milliseconds). */
    seek(ms: number): ReplayFrame {
      if (ms < playhead) reset();
      playhead = ms;
      while (applied < input.changes.length && times[applied]! <= ms) {
        apply(input.changes[applied]!);
        applied += 1;
      }
      return { calls: [...calls.values()], units: [...units.values()] };
    },
  };
}

/** A window replay: the snapshot at its start and the changes the server listed. */
export function windowReplayInput(
  snapshot: HistorySnapshot,
  events: {
    from: string;
    to: string;
    changes: HistoryChange[];
    units: { id: string; callSign: string }[];
  },
): ReplayInput {
  const known = new Map<string, ReplayUnit>(
    snapshot.units.map((unit) => [
      unit.id,
      {
        id: unit.id,
        callSign: unit.callSign,
        status: unit.status,
        callId: unit.callId,
        position: unit.position,
      },
    ]),
  );
  // Units that appear only in the window start with nothing known about them.
  for (const unit of events.units) {
    if (!known.has(unit.id)) {
      known.set(unit.id, {
        id: unit.id,
        callSign: unit.callSign,
        status: null,
        callId: null,
        position: null,
      });
    }
  }
  return {
    from: events.from,
    to: events.to,
    calls: snapshot.calls,
    units: [...known.values()],
    changes: events.changes,
  };
}

/** A single incident's minutes: the call and the units near it, as one replay. */
export function callReplayInput(replay: CallReplay): ReplayInput {
  const changes: HistoryChange[] = [...replay.changes];
  for (const unit of replay.units) {
    for (const change of unit.statusChanges)
      changes.push({ kind: 'unit', unitId: unit.id, ...change });
    for (const position of unit.positions)
      changes.push({ kind: 'position', unitId: unit.id, ...position });
  }
  changes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    from: replay.window.from,
    to: replay.window.to,
    calls: [],
    units: replay.units.map((unit) => ({
      id: unit.id,
      callSign: unit.callSign,
      status: unit.statusAtStart,
      callId: null,
      position: null,
    })),
    changes,
  };
}
