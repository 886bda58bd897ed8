import { distanceMeters, findArea } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { bearingDegrees, createCityMap, makePath, pointAlong } from './geometry.ts';
import { streetRoute } from './patrol.ts';
import { createRng } from './rng.ts';
import { demoAgency as agency } from './test-fixtures.ts';

const map = createCityMap(agency);
const beats = agency.beats.features;

describe('city map', () => {
  it('samples points inside the beat asked for, as findArea sees it', () => {
    const rng = createRng('points');
    for (const beat of map.beats) {
      for (let i = 0; i < 40; i++) {
        const point = map.randomPointInBeat(beat, rng);
        expect(findArea(beats, point)?.code).toBe(beat.code);
        expect(point.lat).toBe(Math.round(point.lat * 1e6) / 1e6);
      }
      expect(findArea(beats, beat.hub)?.code).toBe(beat.code);
    }
  });

  it('routes between any two places without leaving the city (around the bay)', () => {
    const rng = createRng('routes');
    let detours = 0;
    for (let i = 0; i < 300; i++) {
      const from = map.randomPointInBeat(rng.pick(map.beats), rng);
      const to = map.randomPointInBeat(rng.pick(map.beats), rng);
      const route = i % 2 === 0 ? map.route(from, to) : streetRoute(map, from, to, rng);
      expect(route[0]).toEqual(from);
      expect(route[route.length - 1]).toEqual(to);
      if (route.length > 2) detours++;
      const path = makePath(route);
      expect(path.total).toBeGreaterThanOrEqual(distanceMeters(from, to) - 0.01);
      // Sample the whole route every ~50 m: within one raster cell of the city at worst.
      let outside = 0;
      let samples = 0;
      for (let d = 0; d <= path.total; d += 50) {
        samples++;
        if (!findArea(beats, pointAlong(path, d).point)) outside++;
      }
      expect(outside / samples, `${JSON.stringify(route)}`).toBeLessThan(0.05);
    }
    expect(detours).toBeGreaterThan(0);
  });

  it('computes compass bearings', () => {
    const a = { lon: -123.75, lat: 39.82 };
    expect(bearingDegrees(a, { lon: a.lon, lat: a.lat + 0.01 })).toBeCloseTo(0, 5);
    expect(bearingDegrees(a, { lon: a.lon + 0.01, lat: a.lat })).toBeCloseTo(90, 5);
    expect(bearingDegrees(a, { lon: a.lon, lat: a.lat - 0.01 })).toBeCloseTo(180, 5);
    expect(bearingDegrees(a, { lon: a.lon - 0.01, lat: a.lat })).toBeCloseTo(270, 5);
  });
});
