import type { Call } from '@watchfloor/contracts';
import type { ExpressionSpecification, GeoJSONSource, GeoJSONSourceDiff } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { mapIds } from '../ids.ts';
import type { LivePalette } from '../livePalette.ts';
import { isMapRemoved, useMap } from '../mapContext.ts';
import { callFeature, type CallFeatureProperties } from './callFeatures.ts';
import { createFeatureMirror } from './featureMirror.ts';
import { priorityColorExpression, selectedOpacity } from './paint.ts';
import { useSelectionState } from './useSelectionState.ts';

interface CallsLayerProps {
  calls: readonly Call[];
  palette: LivePalette;
  selectedCallId: string | null;
}

const status: ExpressionSpecification = ['get', 'status'];

/**
 * Open calls: colour says priority, shape says status (pending has a halo, en route is a
 * hollow ring, on scene has a centre dot, dispatched is plain), so status never rests on
 * colour alone. Changes reach the map as `updateData` diffs by call id. Renders nothing.
 */
export function CallsLayer({ calls, palette, selectedCallId }: CallsLayerProps) {
  const map = useMap();
  const [mirror] = useState(createFeatureMirror<CallFeatureProperties>);

  useEffect(() => {
    map.addSource(mapIds.callsSource, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
    });
    map.addLayer({
      id: mapIds.callHalo,
      type: 'circle',
      source: mapIds.callsSource,
      filter: ['==', status, 'pending'],
      paint: { 'circle-radius': 14, 'circle-opacity': 0, 'circle-stroke-width': 2 },
    });
    map.addLayer({
      id: mapIds.callBody,
      type: 'circle',
      source: mapIds.callsSource,
      paint: {
        'circle-radius': ['match', status, 'pending', 9, 8],
        // En route is hollow: a faint fill inside a thick ring of the priority colour.
        'circle-opacity': ['match', status, 'enroute', 0.15, 1],
        'circle-stroke-width': ['match', status, 'enroute', 3, 1.5],
      },
    });
    map.addLayer({
      id: mapIds.callCentre,
      type: 'circle',
      source: mapIds.callsSource,
      filter: ['==', status, 'onscene'],
      paint: { 'circle-radius': 3 },
    });
    map.addLayer({
      id: mapIds.callSelection,
      type: 'circle',
      source: mapIds.callsSource,
      paint: {
        'circle-radius': 18,
        'circle-opacity': 0,
        'circle-stroke-width': 3,
        'circle-stroke-opacity': selectedOpacity,
      },
    });
    return () => {
      mirror.clear();
      if (isMapRemoved(map)) return;
      for (const id of [
        mapIds.callSelection,
        mapIds.callCentre,
        mapIds.callBody,
        mapIds.callHalo,
      ]) {
        map.removeLayer(id);
      }
      map.removeSource(mapIds.callsSource);
    };
  }, [map, mirror]);

  useEffect(() => {
    const color = priorityColorExpression(palette);
    map.setPaintProperty(mapIds.callHalo, 'circle-stroke-color', color);
    map.setPaintProperty(mapIds.callBody, 'circle-color', color);
    map.setPaintProperty(mapIds.callBody, 'circle-stroke-color', [
      'match',
      status,
      'enroute',
      color,
      palette.markerOutline,
    ]);
    map.setPaintProperty(mapIds.callCentre, 'circle-color', palette.markerOutline);
    map.setPaintProperty(mapIds.callSelection, 'circle-stroke-color', palette.selection);
  }, [map, palette]);

  useEffect(() => {
    const diff = mirror.diffAll(calls.map(callFeature));
    if (diff) sendDiff(map.getSource<GeoJSONSource>(mapIds.callsSource), diff);
  }, [map, mirror, calls]);

  useSelectionState(map, mapIds.callsSource, selectedCallId);
  return null;
}

/** Sends a diff; a failure is logged, as the next change sends a diff of its own. */
export function sendDiff(source: GeoJSONSource | undefined, diff: GeoJSONSourceDiff): void {
  source?.updateData(diff).catch((error: unknown) => {
    console.warn('Map source update failed', error);
  });
}
