import type { CircleLayerSpecification, ExpressionSpecification, MapLibreMap } from 'maplibre-gl';
import { mapIds } from '../ids.ts';
import type { LivePalette } from '../livePalette.ts';
import { isMapRemoved } from '../mapContext.ts';
import { addClusterLayers, colorClusterLayers, unclustered } from './clusters.ts';
import { putUnitMarkerImages, removeUnitMarkerImages } from './markerImages.ts';
import { freshnessOpacity, unitColorExpression } from './paint.ts';
import { addSelectionLayers } from './selectedSource.ts';

const freshness: ExpressionSpecification = ['get', 'freshness'];
const unitClusters = { circle: mapIds.unitCluster, count: mapIds.unitClusterCount };

/** Call signs appear from this zoom: below it they would cover each other and the streets. */
const labelMinZoom = 13;

const bodyPaint: CircleLayerSpecification['paint'] = {
  'circle-radius': 7,
  // Lost is hollow: no fill, only the grey ring.
  'circle-opacity': ['match', freshness, 'lost', 0, 'stale', 0.45, 1],
  'circle-stroke-width': 2,
  'circle-stroke-opacity': freshnessOpacity,
};

/** Bottom to top: clusters, stale rings, bodies, headings, labels; then the selection. */
const layerIds = [
  mapIds.unitCluster,
  mapIds.unitClusterCount,
  mapIds.unitStaleRing,
  mapIds.unitBody,
  mapIds.unitHeading,
  mapIds.unitLabel,
  mapIds.unitSelection,
  mapIds.unitSelectedBody,
];

export function addUnitLayers(map: MapLibreMap): void {
  const source = mapIds.unitsSource;
  addClusterLayers(map, source, unitClusters);
  map.addLayer({
    id: mapIds.unitStaleRing,
    type: 'symbol',
    source,
    filter: unclustered(['!=', freshness, 'live']),
    layout: {
      'icon-image': mapIds.staleRingImage,
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
  });
  map.addLayer({
    id: mapIds.unitBody,
    type: 'circle',
    source,
    filter: unclustered(),
    paint: bodyPaint,
  });
  map.addLayer({
    id: mapIds.unitHeading,
    type: 'symbol',
    source,
    filter: unclustered([
      'all',
      ['!=', freshness, 'lost'],
      ['==', ['typeof', ['get', 'heading']], 'number'],
    ]),
    layout: {
      'icon-image': mapIds.headingImage,
      'icon-rotate': ['get', 'heading'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
    paint: { 'icon-opacity': freshnessOpacity },
  });
  map.addLayer({
    id: mapIds.unitLabel,
    type: 'symbol',
    source,
    minzoom: labelMinZoom,
    filter: unclustered(),
    // Labels give way to each other (no overlap), never to the markers themselves.
    layout: {
      'icon-image': ['concat', 'label:', ['get', 'callSign']],
      'icon-anchor': 'top',
      'icon-offset': [0, 10],
    },
  });
  addSelectionLayers(
    map,
    mapIds.unitSelectedSource,
    { ring: mapIds.unitSelection, body: mapIds.unitSelectedBody },
    { ringRadius: 15, bodyPaint },
  );
}

export function colorUnitLayers(map: MapLibreMap, palette: LivePalette): void {
  putUnitMarkerImages(
    map,
    { heading: mapIds.headingImage, staleRing: mapIds.staleRingImage },
    { arrow: palette.unitRing, outline: palette.markerOutline, ring: palette.unitRing },
  );
  const color = unitColorExpression(palette);
  for (const id of [mapIds.unitBody, mapIds.unitSelectedBody]) {
    map.setPaintProperty(id, 'circle-color', color);
    map.setPaintProperty(id, 'circle-stroke-color', [
      'match',
      freshness,
      'lost',
      palette.unitLost,
      palette.unitRing,
    ]);
  }
  map.setPaintProperty(mapIds.unitSelection, 'circle-stroke-color', palette.selection);
  colorClusterLayers(map, unitClusters, { fill: palette.markerOutline, stroke: palette.unitRing });
}

export function removeUnitLayers(map: MapLibreMap): void {
  if (isMapRemoved(map)) return;
  for (const id of layerIds.toReversed()) map.removeLayer(id);
  map.removeSource(mapIds.unitSelectedSource);
  map.removeSource(mapIds.unitsSource);
  removeUnitMarkerImages(map, [mapIds.headingImage, mapIds.staleRingImage]);
}
