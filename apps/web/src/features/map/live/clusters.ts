import type {
  ExpressionSpecification,
  FilterSpecification,
  GeoJSONSource,
  GeoJSONSourceSpecification,
  MapLibreMap,
  PointLike,
} from 'maplibre-gl';
import { clusterLayers } from '../ids.ts';

/**
 * Clustering for the live sources: below zoom 13 nearby markers merge into a counted circle,
 * so a city of thousands of units stays legible and cheap to draw; from street level up every
 * marker is drawn. The selection is drawn from a source of its own, so a cluster never hides it.
 */
export const clusterOptions = {
  cluster: true,
  clusterMaxZoom: 12,
  clusterRadius: 40,
} as const satisfies Partial<GeoJSONSourceSpecification>;

export const isCluster: FilterSpecification = ['has', 'point_count'];
export const isNotCluster: FilterSpecification = ['!', ['has', 'point_count']];

const countImage: ExpressionSpecification = [
  'concat',
  'count:',
  ['get', 'point_count_abbreviated'],
];

export interface ClusterLayerIds {
  circle: string;
  count: string;
}

/** A cluster: a circle that grows with its count, and the count on it. */
export function addClusterLayers(map: MapLibreMap, source: string, ids: ClusterLayerIds): void {
  map.addLayer({
    id: ids.circle,
    type: 'circle',
    source,
    filter: isCluster,
    paint: {
      'circle-radius': ['step', ['get', 'point_count'], 13, 10, 16, 50, 20, 200, 25],
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: ids.count,
    type: 'symbol',
    source,
    filter: isCluster,
    layout: {
      'icon-image': countImage,
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
  });
}

export function colorClusterLayers(
  map: MapLibreMap,
  ids: ClusterLayerIds,
  colors: { fill: string; stroke: string },
): void {
  map.setPaintProperty(ids.circle, 'circle-color', colors.fill);
  map.setPaintProperty(ids.circle, 'circle-stroke-color', colors.stroke);
}

/** With the source's own `filter`s: adds "and not a cluster" to a layer's filter. */
export function unclustered(filter?: ExpressionSpecification): FilterSpecification {
  return filter ? ['all', ['!', ['has', 'point_count']], filter] : isNotCluster;
}

interface ClusterHit {
  source: string;
  id: number;
  centre: [lon: number, lat: number];
}

/** The cluster under `point`, if any. */
export function clusterAt(map: MapLibreMap, point: PointLike): ClusterHit | null {
  const layers = clusterLayers.filter((id) => map.getLayer(id));
  if (layers.length === 0) return null;
  const [feature] = map.queryRenderedFeatures(point, { layers });
  const id: unknown = feature?.properties.cluster_id;
  if (!feature || typeof id !== 'number' || feature.geometry.type !== 'Point') return null;
  const [lon = 0, lat = 0] = feature.geometry.coordinates;
  return { source: feature.source, id, centre: [lon, lat] };
}

/** Zooms to where the cluster under `point` falls apart; false when there is none. */
export function zoomIntoCluster(map: MapLibreMap, point: PointLike): boolean {
  const cluster = clusterAt(map, point);
  const source = cluster ? map.getSource<GeoJSONSource>(cluster.source) : undefined;
  if (!cluster || !source) return false;
  source
    .getClusterExpansionZoom(cluster.id)
    .then((zoom) => map.easeTo({ center: cluster.centre, zoom, duration: 400 }))
    .catch((error: unknown) => console.warn('Cluster zoom failed', error));
  return true;
}
