import type { Call } from '@watchfloor/contracts';
import type { GeoJSONSource, GeoJSONSourceDiff } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { mapIds } from '../ids.ts';
import type { LivePalette } from '../livePalette.ts';
import { useMap } from '../mapContext.ts';
import { callFeature, hasLocation, type CallFeatureProperties } from './callFeatures.ts';
import { createFeatureMirror } from './featureMirror.ts';
import { addCallLayers, colorCallLayers, removeCallLayers } from './callLayers.ts';
import { clusterOptions } from './clusters.ts';
import { createSelectedSource } from './selectedSource.ts';

interface CallsLayerProps {
  calls: readonly Call[];
  palette: LivePalette;
  selectedCallId: string | null;
}

/**
 * Open calls: colour says priority, shape says status (pending has a halo, en route is a
 * hollow ring, on scene has a centre dot, dispatched is plain), so status never rests on
 * colour alone. Changes reach the map as `updateData` diffs by call id. Renders nothing.
 */
export function CallsLayer({ calls, palette, selectedCallId }: CallsLayerProps) {
  const map = useMap();
  const [mirror] = useState(createFeatureMirror<CallFeatureProperties>);
  const [selected] = useState(() => createSelectedSource(map, mapIds.callSelectedSource, mirror));

  useEffect(() => {
    map.addSource(mapIds.callsSource, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
      ...clusterOptions,
    });
    addCallLayers(map);
    return () => {
      mirror.clear();
      removeCallLayers(map);
    };
  }, [map, mirror]);

  useEffect(() => colorCallLayers(map, palette), [map, palette]);

  useEffect(() => {
    const diff = mirror.diffAll(calls.filter(hasLocation).map(callFeature));
    if (diff) sendDiff(map.getSource<GeoJSONSource>(mapIds.callsSource), diff);
    selected.sync();
  }, [map, mirror, selected, calls]);

  useEffect(() => selected.select(selectedCallId), [selected, selectedCallId]);
  return null;
}

/** Sends a diff; a failure is logged, as the next change sends a diff of its own. */
export function sendDiff(source: GeoJSONSource | undefined, diff: GeoJSONSourceDiff): void {
  source?.updateData(diff).catch((error: unknown) => {
    console.warn('Map source update failed', error);
  });
}
