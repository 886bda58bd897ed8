import { describe, expect, it } from 'vitest';
import { buildCall } from '../../testing/liveFixtures.ts';
import { sortOpenCalls } from './callOrder.ts';

describe('sortOpenCalls', () => {
  it('puts pending calls first, then by priority, then the longest waiting', () => {
    const dispatchedUrgent = buildCall({ status: 'dispatched', priority: 1 });
    const pendingLowOld = buildCall({ priority: 3, receivedAt: '2026-01-15T17:00:00Z' });
    const pendingLowNew = buildCall({ priority: 3, receivedAt: '2026-01-15T17:30:00Z' });
    const pendingUrgent = buildCall({ priority: 1, receivedAt: '2026-01-15T17:45:00Z' });
    const onsceneLow = buildCall({ status: 'onscene', priority: 4 });
    const sorted = sortOpenCalls([
      onsceneLow,
      pendingLowNew,
      dispatchedUrgent,
      pendingUrgent,
      pendingLowOld,
    ]);
    expect(sorted.map((call) => call.id)).toEqual(
      [pendingUrgent, pendingLowOld, pendingLowNew, dispatchedUrgent, onsceneLow].map(
        (call) => call.id,
      ),
    );
  });
});
