import { describe, expect, it, vi } from 'vitest';
import { buildPosition } from '../../testing/liveFixtures.ts';
import { createPositionStore } from './positionStore.ts';

const unitA = '00000000-0000-4000-8000-00000000000a';
const unitB = '00000000-0000-4000-8000-00000000000b';

describe('position store', () => {
  it('keeps the latest position of each unit', () => {
    const store = createPositionStore();
    store.merge([buildPosition(unitA, { lat: 1, at: '2026-01-15T18:00:00Z' })]);
    const changed = store.merge([
      buildPosition(unitA, { lat: 2, at: '2026-01-15T18:00:01Z' }),
      buildPosition(unitB, { lat: 3, at: '2026-01-15T18:00:00Z' }),
    ]);
    expect([...changed]).toEqual([unitA, unitB]);
    expect(store.get(unitA)?.lat).toBe(2);
    expect(store.get(unitB)?.lat).toBe(3);
    expect([...store.unitIds()]).toEqual([unitA, unitB]);
  });

  it('ignores a report no newer than the one held (late or repeated)', () => {
    const store = createPositionStore();
    store.merge([buildPosition(unitA, { lat: 2, at: '2026-01-15T18:00:05Z' })]);
    const changed = store.merge([
      buildPosition(unitA, { lat: 1, at: '2026-01-15T18:00:04Z' }),
      buildPosition(unitA, { lat: 9, at: '2026-01-15T18:00:05Z' }),
    ]);
    expect(changed.size).toBe(0);
    expect(store.get(unitA)?.lat).toBe(2);
  });

  it('compares instants, not strings, across time-zone offsets', () => {
    const store = createPositionStore();
    store.merge([buildPosition(unitA, { lat: 1, at: '2026-01-15T18:00:05Z' })]);
    // 12:00:06 in Chicago is 18:00:06 UTC: one second newer, though it sorts first as text.
    store.merge([buildPosition(unitA, { lat: 2, at: '2026-01-15T12:00:06-06:00' })]);
    expect(store.get(unitA)?.lat).toBe(2);
  });

  it('tells subscribers which units moved, and only when some did', () => {
    const store = createPositionStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.merge([buildPosition(unitA)]);
    store.merge([buildPosition(unitA)]);
    expect(listener).toHaveBeenCalledTimes(1);
    expect([...(listener.mock.calls[0]![0] as Set<string>)]).toEqual([unitA]);
    unsubscribe();
    store.merge([buildPosition(unitB)]);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
