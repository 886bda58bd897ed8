import { describe, expect, it } from 'vitest';
import { buildCall, buildUnit } from '../../testing/liveFixtures.ts';
import { summarizeDistricts } from './districtSummary.ts';

describe('summarizeDistricts', () => {
  const older = buildCall({ district: '1', priority: 2, receivedAt: '2026-01-15T17:00:00Z' });
  const newer = buildCall({ district: '1', priority: 1, receivedAt: '2026-01-15T17:30:00Z' });
  const dispatched = buildCall({
    district: '1',
    priority: 1,
    status: 'dispatched',
    receivedAt: '2026-01-15T16:00:00Z',
  });
  const elsewhere = buildCall({ district: '2', priority: 3 });
  const units = [
    buildUnit({ homeDistrict: '1', status: 'available' }),
    buildUnit({ homeDistrict: '1', status: 'enroute' }),
    buildUnit({ homeDistrict: '1', status: 'busy' }),
    buildUnit({ homeDistrict: '1', status: 'out_of_service' }),
    buildUnit({ homeDistrict: '1', status: 'off_duty' }),
    buildUnit({ homeDistrict: '2', status: 'available' }),
  ];

  it('counts open calls by priority and finds the oldest pending call, per district', () => {
    const [first, second] = summarizeDistricts(
      ['1', '2'],
      [newer, elsewhere, older, dispatched],
      units,
    );
    expect(first!.openByPriority).toEqual([
      { priority: 1, count: 2 },
      { priority: 2, count: 1 },
    ]);
    // The dispatched call is older but no longer waiting for a unit.
    expect(first!.oldestPending?.id).toBe(older.id);
    expect(first!.units).toEqual({ available: 1, busy: 2, outOfService: 1 });
    expect(second!.openByPriority).toEqual([{ priority: 3, count: 1 }]);
    expect(second!.units).toEqual({ available: 1, busy: 0, outOfService: 0 });
  });

  it('shows a quiet district as empty rather than leaving it out', () => {
    const [quiet] = summarizeDistricts(['9'], [older], units);
    expect(quiet).toEqual({
      district: '9',
      openByPriority: [],
      oldestPending: null,
      units: { available: 0, busy: 0, outOfService: 0 },
    });
  });
});
