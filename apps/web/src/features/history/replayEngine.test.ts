import type { HistoricalCall } from '@watchfloor/contracts';
import { describe, expect, it } from 'vitest';
import { callReplayInput, createReplay } from './replayEngine.ts';

const t0 = Date.parse('2026-01-10T12:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

function call(status: HistoricalCall['status']): HistoricalCall {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    incidentNumber: 'I-1',
    callType: 'DIST',
    callTypeDescription: 'Disturbance',
    priority: 2,
    officerInitiated: false,
    lat: 1,
    lon: 2,
    address: null,
    beat: null,
    district: '1',
    status,
    receivedAt: at(0),
    dispatchedAt: null,
    enrouteAt: null,
    onsceneAt: null,
    closedAt: null,
    disposition: null,
    version: 1,
    assignedUnits: [],
  };
}

const unitId = '00000000-0000-4000-8000-000000000002';

describe('createReplay', () => {
  const replay = () =>
    createReplay({
      from: at(0),
      to: at(600),
      calls: [call('pending')],
      units: [{ id: unitId, callSign: '1A1', status: 'available', callId: null, position: null }],
      changes: [
        { kind: 'unit', at: at(60), unitId, status: 'dispatched', callId: call('pending').id },
        { kind: 'call', at: at(60), call: call('dispatched') },
        { kind: 'position', at: at(90), unitId, lat: 1.1, lon: 2.1, heading: 90, speed: 10 },
        { kind: 'call', at: at(300), call: call('closed') },
      ],
    });

  it('shows the state at the playhead, forward and back', () => {
    const player = replay();
    expect(player.seek(t0 + 30_000).calls.map((entry) => entry.status)).toEqual(['pending']);
    const later = player.seek(t0 + 120_000);
    expect(later.calls.map((entry) => entry.status)).toEqual(['dispatched']);
    expect(later.units[0]).toMatchObject({
      status: 'dispatched',
      position: { lat: 1.1, at: at(90) },
    });
    // The closed call leaves the map and the queue.
    expect(player.seek(t0 + 400_000).calls).toEqual([]);
    // Scrubbing back rebuilds from the start.
    const back = player.seek(t0 + 10_000);
    expect(back.calls.map((entry) => entry.status)).toEqual(['pending']);
    expect(back.units[0]).toMatchObject({ status: 'available', position: null });
  });

  it('turns an incident replay into one time-ordered list of changes', () => {
    const input = callReplayInput({
      window: { from: at(-300), to: at(900), truncated: false },
      radiusMeters: 2000,
      positionEverySeconds: 5,
      call: call('closed'),
      timeline: [],
      changes: [
        { kind: 'call', at: at(0), call: call('pending') },
        { kind: 'call', at: at(600), call: call('closed') },
      ],
      units: [
        {
          id: unitId,
          callSign: '1A1',
          type: 'patrol',
          homeDistrict: '1',
          assigned: true,
          closestMeters: 10,
          statusAtStart: 'available',
          statusChanges: [{ at: at(30), status: 'dispatched', callId: call('pending').id }],
          positions: [{ at: at(10), lat: 1, lon: 2, heading: null, speed: null }],
        },
      ],
    });
    expect(input.changes.map((change) => [change.kind, change.at])).toEqual([
      ['call', at(0)],
      ['position', at(10)],
      ['unit', at(30)],
      ['call', at(600)],
    ]);
    const player = createReplay(input);
    expect(player.seek(t0 - 1000).calls).toEqual([]);
    expect(player.seek(t0 + 40_000).units[0]).toMatchObject({ status: 'dispatched' });
  });
});
