import { describe, expect, it } from 'vitest';
import { buildCall, buildPosition, buildUnit } from '../../../testing/liveFixtures.ts';
import { callFeature } from './callFeatures.ts';
import { createFeatureMirror } from './featureMirror.ts';
import { unitFeature, type UnitFeatureProperties } from './unitFeatures.ts';

describe('calls as GeoJSON diffs', () => {
  it('adds every call the first time', () => {
    const mirror = createFeatureMirror();
    const calls = [buildCall(), buildCall()];
    expect(mirror.diffAll(calls.map(callFeature))).toEqual({ add: calls.map(callFeature) });
  });

  it('adds, updates and removes exactly what changed', () => {
    const mirror = createFeatureMirror();
    const [kept, moved, restyled, closed] = [buildCall(), buildCall(), buildCall(), buildCall()];
    mirror.diffAll([kept, moved, restyled, closed].map(callFeature));

    const arriving = buildCall();
    const next = [
      kept,
      { ...moved, lat: 41.9, lon: -87.6 },
      { ...restyled, status: 'enroute' as const, priority: 1 },
      arriving,
    ];
    expect(mirror.diffAll(next.map(callFeature))).toEqual({
      add: [callFeature(arriving)],
      update: [
        { id: moved.id, newGeometry: { type: 'Point', coordinates: [-87.6, 41.9] } },
        {
          id: restyled.id,
          addOrUpdateProperties: [
            { key: 'priorityRank', value: 1 },
            { key: 'status', value: 'enroute' },
          ],
        },
      ],
      remove: [closed.id],
    });
  });

  it('sends nothing when nothing the map draws changed', () => {
    const mirror = createFeatureMirror();
    const call = buildCall();
    mirror.diffAll([callFeature(call)]);
    const edited = { ...call, narrative: 'More detail', version: 2 };
    expect(mirror.diffAll([callFeature(edited)])).toBeNull();
  });

  it('draws priorities below the last colour with the last colour', () => {
    expect(callFeature(buildCall({ priority: 7 })).properties.priorityRank).toBe(4);
  });
});

describe('units as GeoJSON diffs', () => {
  const now = Date.parse('2026-01-15T18:00:30Z');

  it('draws a unit at its newest position, and not at all without one', () => {
    const unit = buildUnit({
      position: {
        lat: 1,
        lon: 1,
        heading: null,
        speed: 0,
        accuracy: null,
        at: '2026-01-15T18:00:10Z',
      },
    });
    const older = buildPosition(unit.id, { lat: 2, at: '2026-01-15T18:00:00Z' });
    const newer = buildPosition(unit.id, { lat: 3, at: '2026-01-15T18:00:20Z' });
    expect(unitFeature(unit, older, now)?.geometry.coordinates).toEqual([1, 1]);
    expect(unitFeature(unit, newer, now)?.geometry.coordinates).toEqual([newer.lon, 3]);
    expect(unitFeature(buildUnit(), undefined, now)).toBeNull();
  });

  it('draws a heading only for a moving unit that reports one', () => {
    const unit = buildUnit();
    const at = '2026-01-15T18:00:20Z';
    const heading = (speed: number | null, value: number | null) =>
      unitFeature(unit, buildPosition(unit.id, { at, speed, heading: value }), now)?.properties
        .heading;
    expect(heading(12, 45)).toBe(45);
    expect(heading(null, 45)).toBe(45);
    expect(heading(0, 45)).toBeUndefined();
    expect(heading(12, null)).toBeUndefined();
  });

  it('classifies each unit by the age of its position', () => {
    const unit = buildUnit();
    const freshnessAt = (at: string) =>
      unitFeature(unit, buildPosition(unit.id, { at }), now)?.properties.freshness;
    expect(freshnessAt('2026-01-15T18:00:00Z')).toBe('live');
    expect(freshnessAt('2026-01-15T17:59:00Z')).toBe('stale');
    expect(freshnessAt('2026-01-15T17:50:00Z')).toBe('lost');
  });

  it('diffs only the units named, leaving the others alone', () => {
    const mirror = createFeatureMirror<UnitFeatureProperties>();
    const [a, b] = [buildUnit(), buildUnit()];
    const at = '2026-01-15T18:00:20Z';
    const featureOf = (unitId: string, lat: number, heading: number | null = 90) =>
      unitFeature(unitId === a.id ? a : b, buildPosition(unitId, { at, lat, heading }), now);
    mirror.diffAll([featureOf(a.id, 1)!, featureOf(b.id, 1)!]);

    // Only a moved, and stopped reporting a heading.
    expect(mirror.diff([[a.id, featureOf(a.id, 2, null)]])).toEqual({
      update: [
        {
          id: a.id,
          newGeometry: { type: 'Point', coordinates: [-87.66, 2] },
          removeProperties: ['heading'],
        },
      ],
    });
    // b is gone; a is named again but has not changed since.
    expect(
      mirror.diff([
        [a.id, featureOf(a.id, 2, null)],
        [b.id, null],
      ]),
    ).toEqual({
      remove: [b.id],
    });
    expect(mirror.size).toBe(1);
  });
});
