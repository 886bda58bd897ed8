import { describe, expect, it } from 'vitest';
import { buildUnit } from '../../testing/liveFixtures.ts';
import { applyUnitChanged } from './unitsCache.ts';

describe('applyUnitChanged', () => {
  it('adds new units, replaces newer versions and ignores older ones', () => {
    const unit = buildUnit({ version: 3 });
    const units = [unit];
    const busy = { ...unit, status: 'busy' as const, version: 4 };
    expect(applyUnitChanged(units, { seq: 4, unit: busy })).toEqual([busy]);
    expect(applyUnitChanged(units, { seq: 3, unit: { ...unit, status: 'busy' } })).toBe(units);
    const other = buildUnit();
    expect(applyUnitChanged(units, { seq: 1, unit: other })).toEqual([unit, other]);
  });
});
