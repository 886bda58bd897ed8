import { describe, expect, it } from 'vitest';
import { testAgency } from '../../testing/fixtures.ts';
import { boundsOf, type AreaFeature } from './bounds.ts';

describe('boundsOf', () => {
  it('encloses every district', () => {
    const bounds = boundsOf(testAgency.districts.features);
    expect(bounds?.[0]).toEqual([-87.7, 41.8]);
    expect(bounds?.[1][0]).toBeCloseTo(-87.6);
    expect(bounds?.[1][1]).toBeCloseTo(42.0);
  });

  it('reads every polygon of a multipolygon', () => {
    const feature: AreaFeature = {
      type: 'Feature',
      properties: { code: 'D9', name: 'Islands' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [1, 1],
              [2, 1],
              [2, 2],
              [1, 1],
            ],
          ],
          [
            [
              [-5, -3],
              [-4, -3],
              [-4, -2],
              [-5, -3],
            ],
          ],
        ],
      },
    };
    expect(boundsOf([feature])).toEqual([
      [-5, -3],
      [2, 2],
    ]);
  });

  it('has no bounds without features', () => {
    expect(boundsOf([])).toBeNull();
  });
});
