import { describe, expect, it } from 'vitest';
import { buildCall, buildUnit } from '../../../testing/liveFixtures.ts';
import { recommendUnits } from '../../calls/recommendUnits.ts';
import { callFeature, hasLocation } from './callFeatures.ts';

// Imported historical calls may have no location (the CAD could not geocode them).
describe('calls without a location', () => {
  const located = buildCall({ lat: 41.85, lon: -87.65 });
  const unlocated = buildCall({ lat: null, lon: null });

  it('stay off the map', () => {
    expect([located, unlocated].filter(hasLocation)).toEqual([located]);
    expect(callFeature(located).geometry.coordinates).toEqual([-87.65, 41.85]);
    expect(() => callFeature(unlocated)).toThrow(/no location/);
  });

  it('get no ETA recommendation', () => {
    const unit = buildUnit({
      position: {
        lat: 41.85,
        lon: -87.65,
        heading: null,
        speed: null,
        accuracy: null,
        at: '2026-01-15T18:00:00.000Z',
      },
    });
    expect(recommendUnits([unit], unlocated)).toEqual([]);
    expect(recommendUnits([unit], located)).toHaveLength(1);
  });
});
