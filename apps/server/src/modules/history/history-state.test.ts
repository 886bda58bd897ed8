import { describe, expect, it } from 'vitest';
import {
  callChanges,
  callStateAt,
  type AgencyLookup,
  type CallHistory,
  type LoggedCallEvent,
} from './history-state.ts';

const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));

const agency: AgencyLookup = {
  callTypeDescription: (code) => ({ DIST: 'Disturbance', TRAF: 'Traffic stop' })[code],
  locate: ({ lon }) => (lon < 0.01 ? { beat: '1A', district: '1' } : { beat: '2A', district: '2' }),
};

const row = {
  id: '00000000-0000-4000-8000-000000000001',
  incidentNumber: '2026-000001',
  callType: 'DIST',
  callTypeDescription: 'Disturbance',
  originalPriority: 1,
  officerInitiated: false,
  lat: 0.005,
  lon: 0.005,
  address: 'Now St',
  beat: '1A',
  district: '1',
  status: 'closed',
};

let nextId = 0;
function event(
  minute: number,
  type: string,
  data: Record<string, unknown> = {},
  version = 1,
): LoggedCallEvent {
  nextId += 1;
  return { id: nextId, version, type, at: t(minute), data };
}

/** Events in any order, sorted as the repository sorts them: by event time, then id. */
function history(events: LoggedCallEvent[], overrides: Partial<CallHistory> = {}): CallHistory {
  return {
    row,
    assignments: [],
    ...overrides,
    events: [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id),
  };
}

const created = (minute = 0, data: Record<string, unknown> = {}) =>
  event(minute, 'created', { callType: 'DIST', lat: 0.005, lon: 0.005, priority: 1, ...data });

describe('callStateAt', () => {
  it('does not exist before its created event', () => {
    expect(callStateAt(history([created(5)]), t(4), agency)).toBeUndefined();
    expect(callStateAt(history([created(5)]), t(5), agency)?.status).toBe('pending');
  });

  it('stamps each stage the first time the call reaches it', () => {
    const log = history([
      created(),
      event(1, 'unit_assigned', { unitId: 'u', status: 'dispatched' }, 2),
      event(3, 'status_changed', { status: 'onscene' }, 3),
      event(9, 'status_changed', { status: 'closed', disposition: 'RPT' }, 4),
    ]);
    expect(callStateAt(log, t(2), agency)).toMatchObject({
      status: 'dispatched',
      dispatchedAt: t(1),
      onsceneAt: null,
      version: 2,
    });
    expect(callStateAt(log, t(9), agency)).toMatchObject({
      status: 'closed',
      onsceneAt: t(3),
      closedAt: t(9),
      disposition: 'RPT',
      version: 4,
    });
  });

  it('goes back to the queue when the last unit is taken off, keeping its first dispatch', () => {
    const log = history([
      created(),
      event(1, 'unit_assigned', { status: 'dispatched' }, 2),
      event(2, 'unit_unassigned', { status: 'pending' }, 3),
      event(4, 'unit_assigned', { status: 'dispatched' }, 4),
    ]);
    expect(callStateAt(log, t(3), agency)).toMatchObject({ status: 'pending', dispatchedAt: t(1) });
    expect(callStateAt(log, t(4), agency)).toMatchObject({
      status: 'dispatched',
      dispatchedAt: t(1),
    });
  });

  it('places a late CAD event at its event time, but never moves a call backwards for it', () => {
    // Recorded in this order: on scene at :05 arrived before dispatched at :02.
    const onscene = event(5, 'status_changed', { status: 'onscene' }, 2);
    const lateDispatch = event(2, 'status_changed', { status: 'dispatched', applied: false }, 3);
    const lateBack = event(6, 'status_changed', { status: 'dispatched', applied: false }, 4);
    const log = history([created(), onscene, lateDispatch, lateBack]);
    expect(callStateAt(log, t(3), agency)).toMatchObject({
      status: 'dispatched',
      dispatchedAt: t(2),
    });
    expect(callStateAt(log, t(7), agency)).toMatchObject({ status: 'onscene', version: 4 });
  });

  it('keeps a final status final', () => {
    const log = history([
      created(),
      event(3, 'status_changed', { status: 'cancelled', reason: 'duplicate' }, 2),
      event(4, 'status_changed', { status: 'onscene', applied: false }, 3),
      event(5, 'status_changed', { status: 'closed', applied: false }, 4),
    ]);
    expect(callStateAt(log, t(6), agency)).toMatchObject({ status: 'cancelled', closedAt: t(3) });
  });

  it('follows edits of type, priority, address and location, locating moved calls again', () => {
    const log = history([
      created(0, { address: 'First St', beat: '1A', district: '1' }),
      event(1, 'updated', { callType: 'TRAF', priority: 2 }, 2),
      event(2, 'updated', { lon: 0.015 }, 3),
      event(3, 'updated', { address: null }, 4),
    ]);
    expect(callStateAt(log, t(1), agency)).toMatchObject({
      callType: 'TRAF',
      callTypeDescription: 'Traffic stop',
      priority: 2,
      address: 'First St',
      district: '1',
    });
    expect(callStateAt(log, t(2), agency)).toMatchObject({
      lat: 0.005,
      lon: 0.015,
      beat: '2A',
      district: '2',
    });
    expect(callStateAt(log, t(3), agency)?.address).toBeNull();
  });

  it('takes what the importer’s events do not carry from the row', () => {
    const log = history(
      [
        event(0, 'created', { callType: 'DIST', priority: 3 }),
        event(8, 'status_changed', { status: 'closed', disposition: 'RPT' }, 2),
      ],
      { row: { ...row, lat: null, lon: null, beat: '9Z', district: '9', address: '1 Import Way' } },
    );
    expect(callStateAt(log, t(1), agency)).toMatchObject({
      status: 'pending',
      priority: 3,
      lat: null,
      lon: null,
      district: '9',
      beat: '9Z',
      address: '1 Import Way',
      disposition: null,
    });
  });

  it('lists the units on the call at the instant, by assignment time', () => {
    const log = history([created()], {
      assignments: [
        { unitId: 'b', callSign: 'B', assignedAt: t(2), clearedAt: null },
        { unitId: 'a', callSign: 'A', assignedAt: t(1), clearedAt: t(3) },
      ],
    });
    const units = (minute: number) =>
      callStateAt(log, t(minute), agency)!.assignedUnits.map((unit) => unit.callSign);
    expect(units(0)).toEqual([]);
    expect(units(2)).toEqual(['A', 'B']);
    expect(units(3)).toEqual(['B']);
  });
});

describe('callChanges', () => {
  it('gives one state per instant in (from, to], events and assignments alike', () => {
    const log = history(
      [created(), event(2, 'status_changed', { status: 'dispatched' }, 2), event(2, 'note_added')],
      { assignments: [{ unitId: 'a', callSign: 'A', assignedAt: t(2), clearedAt: t(4) }] },
    );
    const changes = callChanges(log, t(0), t(4), agency);
    expect(changes.map(({ at, state }) => [at, state.status, state.assignedUnits.length])).toEqual([
      [t(2), 'dispatched', 1],
      [t(4), 'dispatched', 0],
    ]);
  });
});
