import { describe, expect, it } from 'vitest';
import { positionLostAfterMs, positionStaleAfterMs } from './liveConfig.ts';
import { classifyPositionAge, positionFreshness } from './positionFreshness.ts';

describe('position freshness', () => {
  it.each([
    [0, 'live'],
    [positionStaleAfterMs, 'live'],
    [positionStaleAfterMs + 1, 'stale'],
    [positionLostAfterMs, 'stale'],
    [positionLostAfterMs + 1, 'lost'],
  ] as const)('classifies an age of %i ms as %s', (age, expected) => {
    expect(classifyPositionAge(age)).toBe(expected);
  });

  it('measures the age of a reported instant', () => {
    const now = Date.parse('2026-01-15T18:02:00Z');
    expect(positionFreshness('2026-01-15T18:01:30Z', now)).toBe('live');
    expect(positionFreshness('2026-01-15T18:00:30Z', now)).toBe('stale');
    expect(positionFreshness('2026-01-15T17:50:00Z', now)).toBe('lost');
  });
});
