import { describe, expect, it } from 'vitest';
import { findArea, type Area } from '@watchfloor/domain';
import { createAreaIndex } from './area-index.ts';

const square = (west: number, south: number, size: number): [number, number][] => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

const areas: Area<{ code: string }>[] = [
  // A ring with a hole, then a multipolygon with a part inside that hole.
  {
    properties: { code: 'ring' },
    geometry: { type: 'Polygon', coordinates: [square(0, 0, 3), square(1, 1, 1)] },
  },
  {
    properties: { code: 'islands' },
    geometry: {
      type: 'MultiPolygon',
      coordinates: [[square(1.25, 1.25, 0.5)], [square(5, 5, 1)]],
    },
  },
  // Overlaps the ring: a point in both belongs to the first listed.
  {
    properties: { code: 'overlap' },
    geometry: { type: 'Polygon', coordinates: [square(2, 2, 2)] },
  },
];

describe('createAreaIndex', () => {
  it('finds the same area as findArea everywhere', () => {
    const index = createAreaIndex(areas);
    for (let lon = -0.5; lon <= 6.5; lon += 0.125)
      for (let lat = -0.5; lat <= 6.5; lat += 0.125)
        expect(index.find({ lon, lat }), `${lon},${lat}`).toEqual(findArea(areas, { lon, lat }));
  });
});
