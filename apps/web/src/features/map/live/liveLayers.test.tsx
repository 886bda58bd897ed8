import type { Call, Unit } from '@watchfloor/contracts';
import { render, waitFor } from '@testing-library/react';
import type { MapLibreMap } from 'maplibre-gl';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createFakeLiveMap } from '../../../testing/fakeMap.ts';
import { buildCall, buildPosition, buildUnit } from '../../../testing/liveFixtures.ts';
import { createPositionStore, type PositionStore } from '../../live/positionStore.ts';
import { mapIds } from '../ids.ts';
import { livePalette } from '../livePalette.ts';
import { MapContext } from '../mapContext.ts';
import { CallsLayer } from './CallsLayer.tsx';
import { PickedLocationLayer } from './PickedLocationLayer.tsx';
import { UnitsLayer } from './UnitsLayer.tsx';

const palette = livePalette('dark');

function withMap(map: MapLibreMap, children: ReactNode) {
  return <MapContext value={map}>{children}</MapContext>;
}

function callsLayer(map: MapLibreMap, calls: Call[], selectedCallId: string | null = null) {
  return withMap(
    map,
    <CallsLayer calls={calls} palette={palette} selectedCallId={selectedCallId} />,
  );
}

function unitsLayer(
  map: MapLibreMap,
  units: Unit[],
  positions: PositionStore,
  selectedUnitId: string | null = null,
) {
  return withMap(
    map,
    <UnitsLayer
      units={units}
      positions={positions}
      palette={palette}
      selectedUnitId={selectedUnitId}
    />,
  );
}

describe('CallsLayer', () => {
  it('sends each change of the calls as a diff by id, never a rebuild', () => {
    const { map, sources } = createFakeLiveMap();
    const [a, b] = [buildCall(), buildCall()];
    const view = render(callsLayer(map, [a, b]));
    const source = sources.get(mapIds.callsSource)!;
    expect(source.spec).toMatchObject({ type: 'geojson', promoteId: 'id' });
    expect(source.diffs).toHaveLength(1);
    expect(source.diffs[0]?.add).toHaveLength(2);

    const c = buildCall();
    view.rerender(callsLayer(map, [{ ...a, status: 'onscene', version: 2 }, c]));
    expect(source.diffs[1]).toEqual({
      add: [expect.objectContaining({ properties: expect.objectContaining({ id: c.id }) })],
      update: [{ id: a.id, addOrUpdateProperties: [{ key: 'status', value: 'onscene' }] }],
      remove: [b.id],
    });
  });

  it('clusters the calls but draws the selected one from an unclustered copy', () => {
    const { map, sources, layers } = createFakeLiveMap();
    const call = buildCall();
    const view = render(callsLayer(map, [call], call.id));
    expect(sources.get(mapIds.callsSource)!.spec).toMatchObject({ cluster: true });
    const selected = sources.get(mapIds.callSelectedSource)!;
    expect(selected.spec).not.toHaveProperty('cluster');
    expect(layers.get(mapIds.callSelection)?.source).toBe(mapIds.callSelectedSource);
    expect(selected.replacements.at(-1)).toEqual({
      type: 'FeatureCollection',
      features: [expect.objectContaining({ properties: expect.objectContaining({ id: call.id }) })],
    });
    view.rerender(callsLayer(map, [{ ...call, status: 'onscene', version: 2 }], call.id));
    expect(selected.replacements.at(-1)).toEqual({
      type: 'FeatureCollection',
      features: [
        expect.objectContaining({ properties: expect.objectContaining({ status: 'onscene' }) }),
      ],
    });
    view.rerender(callsLayer(map, [call], null));
    expect(selected.replacements.at(-1)).toEqual({ type: 'FeatureCollection', features: [] });
    expect(sources.get(mapIds.callsSource)!.replacements).toEqual([]);
    view.unmount();
    expect(sources.size).toBe(0);
    expect(layers.size).toBe(0);
  });
});

/** `count` units that have each just reported a position, and when. */
function unitsReportedNow(count: number) {
  const positions = createPositionStore();
  const at = Date.now();
  const units = Array.from({ length: count }, () => buildUnit());
  positions.merge(units.map((unit) => buildPosition(unit.id, { at: new Date(at).toISOString() })));
  return { positions, units, at };
}

describe('UnitsLayer', () => {
  it('applies a position batch as a diff of only the units that moved', async () => {
    const { map, sources } = createFakeLiveMap();
    const positions = createPositionStore();
    const at = new Date().toISOString();
    const units = [buildUnit(), buildUnit(), buildUnit()];
    positions.merge(units.map((unit) => buildPosition(unit.id, { at })));
    render(unitsLayer(map, units, positions));
    const source = sources.get(mapIds.unitsSource)!;
    expect(source.diffs[0]?.add).toHaveLength(3);

    const later = new Date(Date.parse(at) + 1000).toISOString();
    positions.merge([buildPosition(units[1]!.id, { at: later, lat: 41.95 })]);
    // The same report again (a repeated batch) is not news.
    positions.merge([buildPosition(units[1]!.id, { at: later, lat: 41.95 })]);
    await waitFor(() => expect(source.diffs).toHaveLength(2));
    expect(source.diffs[1]).toEqual({
      update: [
        {
          id: units[1]!.id,
          newGeometry: { type: 'Point', coordinates: [-87.66, 41.95] },
        },
      ],
    });
  });

  it('gathers batches that arrive within one frame into one diff', async () => {
    const { map, sources } = createFakeLiveMap();
    const { positions, units, at } = unitsReportedNow(2);
    render(unitsLayer(map, units, positions));
    const source = sources.get(mapIds.unitsSource)!;

    positions.merge([
      buildPosition(units[0]!.id, { at: new Date(at + 1000).toISOString(), lat: 1 }),
    ]);
    positions.merge([
      buildPosition(units[1]!.id, { at: new Date(at + 1000).toISOString(), lat: 2 }),
    ]);
    positions.merge([
      buildPosition(units[0]!.id, { at: new Date(at + 2000).toISOString(), lat: 3 }),
    ]);
    await waitFor(() => expect(source.diffs).toHaveLength(2));
    expect(source.diffs[1]?.update?.map((update) => update.newGeometry)).toEqual([
      { type: 'Point', coordinates: [-87.66, 3] },
      { type: 'Point', coordinates: [-87.66, 2] },
    ]);
  });

  it('keeps the selected unit drawn where it is, whatever the clusters do', async () => {
    const { map, sources } = createFakeLiveMap();
    const { positions, units, at } = unitsReportedNow(2);
    render(unitsLayer(map, units, positions, units[0]!.id));
    const selected = sources.get(mapIds.unitSelectedSource)!;
    const coordinatesShown = () =>
      (selected.replacements.at(-1) as { features: { geometry: { coordinates: number[] } }[] })
        .features[0]?.geometry.coordinates;
    expect(coordinatesShown()).toEqual([-87.66, 41.86]);

    positions.merge([
      buildPosition(units[0]!.id, { at: new Date(at + 1000).toISOString(), lat: 41.9 }),
    ]);
    await waitFor(() => expect(coordinatesShown()).toEqual([-87.66, 41.9]));
    const sent = selected.replacements.length;
    // Another unit moving sends nothing to the selection's source.
    positions.merge([
      buildPosition(units[1]!.id, { at: new Date(at + 1000).toISOString(), lat: 42 }),
    ]);
    await waitFor(() => expect(sources.get(mapIds.unitsSource)!.diffs).toHaveLength(3));
    expect(selected.replacements).toHaveLength(sent);
  });

  it('redraws a unit whose status changed without touching the others', () => {
    const { map, sources } = createFakeLiveMap();
    const positions = createPositionStore();
    const at = new Date().toISOString();
    const units = [buildUnit(), buildUnit()];
    positions.merge(units.map((unit) => buildPosition(unit.id, { at })));
    const view = render(unitsLayer(map, units, positions));
    const busy = { ...units[0]!, status: 'busy' as const, version: 2 };
    view.rerender(unitsLayer(map, [busy, units[1]!], positions));
    expect(sources.get(mapIds.unitsSource)!.diffs[1]).toEqual({
      update: [{ id: busy.id, addOrUpdateProperties: [{ key: 'status', value: 'busy' }] }],
    });
  });
});

describe('PickedLocationLayer', () => {
  function pickedLayer(map: MapLibreMap, location: { lat: number; lon: number } | null) {
    return withMap(
      map,
      <PickedLocationLayer
        location={location}
        palette={palette}
        picking={false}
        onPick={() => {}}
      />,
    );
  }

  it('draws the new call’s location as a diff and cleans up on unmount', () => {
    const { map, sources, layers } = createFakeLiveMap();
    const view = render(pickedLayer(map, null));
    const source = sources.get(mapIds.pickedSource)!;
    expect(layers.get(mapIds.pickedMarker)?.paint['circle-color']).toBe(palette.selection);
    expect(source.diffs).toEqual([{ removeAll: true, add: [] }]);

    view.rerender(pickedLayer(map, { lat: 41.88, lon: -87.62 }));
    expect(source.diffs[1]).toEqual({
      removeAll: true,
      add: [expect.objectContaining({ geometry: { type: 'Point', coordinates: [-87.62, 41.88] } })],
    });
    view.unmount();
    expect(sources.size).toBe(0);
    expect(layers.size).toBe(0);
  });
});
