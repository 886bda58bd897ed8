import { render } from '@testing-library/react';
import type { MapLibreMap } from 'maplibre-gl';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { testAgency } from '../../testing/fixtures.ts';
import { BeatsLayer } from './BeatsLayer.tsx';
import { DistrictsLayer } from './DistrictsLayer.tsx';
import { mapIds } from './ids.ts';
import { MapContext, markMapRemoved } from './mapContext.ts';
import { mapPalette } from './palette.ts';

/** Just enough of a MapLibre map to watch what layer components do to the style. */
function createFakeMap() {
  const sources = new Map<string, unknown>();
  const layers = new Map<string, { source?: string; paint: Record<string, unknown> }>();
  const fake = {
    addSource(id: string, source: unknown) {
      if (sources.has(id)) throw new Error(`source ${id} exists`);
      sources.set(id, source);
    },
    removeSource(id: string) {
      if (![...layers.values()].every((layer) => layer.source !== id)) {
        throw new Error(`source ${id} still in use`);
      }
      sources.delete(id);
    },
    getSource: (id: string) => sources.get(id),
    addLayer(layer: { id: string; source?: string; paint?: Record<string, unknown> }) {
      if (layers.has(layer.id)) throw new Error(`layer ${layer.id} exists`);
      layers.set(layer.id, { source: layer.source, paint: { ...layer.paint } });
    },
    removeLayer(id: string) {
      layers.delete(id);
    },
    getLayer: (id: string) => layers.get(id),
    setPaintProperty(id: string, name: string, value: unknown) {
      const layer = layers.get(id);
      if (!layer) throw new Error(`no layer ${id}`);
      layer.paint[name] = value;
    },
  };
  return { map: fake as unknown as MapLibreMap, sources, layers };
}

function withMap(map: MapLibreMap, children: ReactNode) {
  return <MapContext value={map}>{children}</MapContext>;
}

describe('map layer components', () => {
  it('add their sources and layers on mount and remove them on unmount', () => {
    const { map, sources, layers } = createFakeMap();
    const palette = mapPalette('dark');
    const view = render(
      withMap(
        map,
        <>
          <DistrictsLayer districts={testAgency.districts} palette={palette} />
          <BeatsLayer beats={testAgency.beats} palette={palette} />
        </>,
      ),
    );

    expect(view.container.innerHTML).toBe('');
    expect([...sources.keys()]).toEqual([mapIds.districtsSource, mapIds.beatsSource]);
    expect(sources.get(mapIds.districtsSource)).toMatchObject({
      type: 'geojson',
      data: testAgency.districts,
      promoteId: 'code',
    });
    expect([...layers.keys()]).toEqual([
      mapIds.districtFill,
      mapIds.districtOutline,
      mapIds.beatOutline,
    ]);
    expect(layers.get(mapIds.districtFill)?.paint['fill-color']).toBe(palette.districtFill);

    view.unmount();
    expect(sources.size).toBe(0);
    expect(layers.size).toBe(0);
  });

  it('recolour on a theme change without rebuilding the source', () => {
    const { map, sources, layers } = createFakeMap();
    const view = render(
      withMap(
        map,
        <DistrictsLayer districts={testAgency.districts} palette={mapPalette('dark')} />,
      ),
    );
    const source = sources.get(mapIds.districtsSource);

    const light = mapPalette('light');
    view.rerender(
      withMap(map, <DistrictsLayer districts={testAgency.districts} palette={light} />),
    );

    expect(sources.get(mapIds.districtsSource)).toBe(source);
    expect(layers.get(mapIds.districtOutline)?.paint['line-color']).toBe(light.districtOutline);
  });

  it('leave a map that the provider already removed alone', () => {
    const { map, layers } = createFakeMap();
    const view = render(
      withMap(map, <BeatsLayer beats={testAgency.beats} palette={mapPalette('dark')} />),
    );
    markMapRemoved(map);
    expect(() => view.unmount()).not.toThrow();
    expect(layers.has(mapIds.beatOutline)).toBe(true);
  });
});
