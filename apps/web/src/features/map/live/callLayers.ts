import type { CircleLayerSpecification, ExpressionSpecification, MapLibreMap } from 'maplibre-gl';
import { mapIds } from '../ids.ts';
import type { LivePalette } from '../livePalette.ts';
import { isMapRemoved } from '../mapContext.ts';
import { addClusterLayers, colorClusterLayers, unclustered } from './clusters.ts';
import { priorityColorExpression } from './paint.ts';
import { addSelectionLayers } from './selectedSource.ts';

const status: ExpressionSpecification = ['get', 'status'];
const callClusters = { circle: mapIds.callCluster, count: mapIds.callClusterCount };

const bodyPaint: CircleLayerSpecification['paint'] = {
  'circle-radius': ['match', status, 'pending', 9, 8],
  // En route is hollow: a faint fill inside a thick ring of the priority colour.
  'circle-opacity': ['match', status, 'enroute', 0.15, 1],
  'circle-stroke-width': ['match', status, 'enroute', 3, 1.5],
};

/** Bottom to top: clusters, halo, body, centre dot; then the selection. */
const layerIds = [
  mapIds.callCluster,
  mapIds.callClusterCount,
  mapIds.callHalo,
  mapIds.callBody,
  mapIds.callCentre,
  mapIds.callSelection,
  mapIds.callSelectedBody,
];

export function addCallLayers(map: MapLibreMap): void {
  const source = mapIds.callsSource;
  addClusterLayers(map, source, callClusters);
  map.addLayer({
    id: mapIds.callHalo,
    type: 'circle',
    source,
    filter: unclustered(['==', status, 'pending']),
    paint: { 'circle-radius': 14, 'circle-opacity': 0, 'circle-stroke-width': 2 },
  });
  map.addLayer({
    id: mapIds.callBody,
    type: 'circle',
    source,
    filter: unclustered(),
    paint: bodyPaint,
  });
  map.addLayer({
    id: mapIds.callCentre,
    type: 'circle',
    source,
    filter: unclustered(['==', status, 'onscene']),
    paint: { 'circle-radius': 3 },
  });
  addSelectionLayers(
    map,
    mapIds.callSelectedSource,
    { ring: mapIds.callSelection, body: mapIds.callSelectedBody },
    { ringRadius: 18, bodyPaint },
  );
}

export function colorCallLayers(map: MapLibreMap, palette: LivePalette): void {
  const color = priorityColorExpression(palette);
  map.setPaintProperty(mapIds.callHalo, 'circle-stroke-color', color);
  for (const id of [mapIds.callBody, mapIds.callSelectedBody]) {
    map.setPaintProperty(id, 'circle-color', color);
    map.setPaintProperty(id, 'circle-stroke-color', [
      'match',
      status,
      'enroute',
      color,
      palette.markerOutline,
    ]);
  }
  map.setPaintProperty(mapIds.callCentre, 'circle-color', palette.markerOutline);
  map.setPaintProperty(mapIds.callSelection, 'circle-stroke-color', palette.selection);
  // Call clusters are ringed in the most urgent colour: they hold calls, not units.
  colorClusterLayers(map, callClusters, {
    fill: palette.markerOutline,
    stroke: palette.callPriority[0] ?? palette.selection,
  });
}

export function removeCallLayers(map: MapLibreMap): void {
  if (isMapRemoved(map)) return;
  for (const id of layerIds.toReversed()) map.removeLayer(id);
  map.removeSource(mapIds.callSelectedSource);
  map.removeSource(mapIds.callsSource);
}
