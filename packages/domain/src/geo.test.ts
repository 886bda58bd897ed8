import { describe, expect, it } from 'vitest';
import { distanceMeters, etaSeconds, findArea, type Area } from './geo.ts';

const square = (west: number, south: number, size: number): [number, number][] => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

describe('geography', () => {
  it('measures great-circle distance', () => {
    // One degree of latitude is ~111.2 km everywhere.
    expect(distanceMeters({ lon: 0, lat: 0 }, { lon: 0, lat: 1 })).toBeCloseTo(111_195, -1);
    // One degree of longitude at 60° is half of that at the equator.
    expect(distanceMeters({ lon: 0, lat: 60 }, { lon: 1, lat: 60 })).toBeCloseTo(55_597, -2);
  });

  it('turns distance into a straight-line ETA', () => {
    expect(etaSeconds({ lon: 0, lat: 0 }, { lon: 0, lat: 1 }, 60)).toBeCloseTo(6671.7, 0);
  });

  it('finds the area containing a point, or none', () => {
    const areas: Area<{ code: string }>[] = [
      { properties: { code: 'W' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 1)] } },
      {
        properties: { code: 'E' },
        geometry: { type: 'MultiPolygon', coordinates: [[square(1, 0, 1)], [square(5, 5, 1)]] },
      },
    ];
    expect(findArea(areas, { lon: 0.5, lat: 0.5 })?.code).toBe('W');
    expect(findArea(areas, { lon: 1.5, lat: 0.5 })?.code).toBe('E');
    expect(findArea(areas, { lon: 5.5, lat: 5.5 })?.code).toBe('E');
    expect(findArea(areas, { lon: 3, lat: 3 })).toBeUndefined();
  });
});
