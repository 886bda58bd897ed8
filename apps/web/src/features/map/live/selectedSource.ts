import type { CircleLayerSpecification, GeoJSONSource, MapLibreMap } from 'maplibre-gl';
import { isMapRemoved } from '../mapContext.ts';
import type { FeatureMirror, FeatureProperties, PointFeature } from './featureMirror.ts';

function collection(features: PointFeature[]): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features };
}

/**
 * The selected call or unit, copied into a small source of its own that is never clustered,
 * so the selection stays drawn (with its ring) at any zoom. `sync` is cheap to call after
 * every diff: it sends data only when the selected feature changed.
 */
export interface SelectedSource {
  select(id: string | null): void;
  sync(): void;
}

/** The selection's source with its ring and a copy of the marker's body on top. */
export function addSelectionLayers(
  map: MapLibreMap,
  sourceId: string,
  ids: { ring: string; body: string },
  style: { ringRadius: number; bodyPaint: CircleLayerSpecification['paint'] },
): void {
  map.addSource(sourceId, { type: 'geojson', data: collection([]) });
  map.addLayer({
    id: ids.ring,
    type: 'circle',
    source: sourceId,
    paint: { 'circle-radius': style.ringRadius, 'circle-opacity': 0, 'circle-stroke-width': 3 },
  });
  map.addLayer({ id: ids.body, type: 'circle', source: sourceId, paint: style.bodyPaint });
}

export function createSelectedSource<P extends FeatureProperties>(
  map: MapLibreMap,
  sourceId: string,
  mirror: FeatureMirror<P>,
): SelectedSource {
  let selectedId: string | null = null;
  let shown: PointFeature<P> | undefined;

  function sync() {
    const feature = selectedId === null ? undefined : mirror.get(selectedId);
    if (feature === shown || isMapRemoved(map)) return;
    shown = feature;
    map
      .getSource<GeoJSONSource>(sourceId)
      ?.setData(collection(feature ? [feature] : []))
      .catch((error: unknown) => console.warn('Selected feature update failed', error));
  }

  return {
    select(id) {
      selectedId = id;
      sync();
    },
    sync,
  };
}
