import type { MapLibreMap, PointLike } from 'maplibre-gl';
import { pickableLayers, unitLayers } from '../ids.ts';
import type { MapSelection } from './selection.ts';

/** Markers are small; the pointer counts as on one within this many pixels. */
const tolerance = 6;

/** The call or unit under a point of the map (units first: they are drawn on top). */
export function pickFeature(map: MapLibreMap, point: { x: number; y: number }): MapSelection {
  const layers = pickableLayers.filter((id) => map.getLayer(id));
  if (layers.length === 0) return null;
  const box: [PointLike, PointLike] = [
    [point.x - tolerance, point.y - tolerance],
    [point.x + tolerance, point.y + tolerance],
  ];
  const features = map.queryRenderedFeatures(box, { layers });
  for (const layer of layers) {
    const feature = features.find((candidate) => candidate.layer.id === layer);
    const id: unknown = feature?.properties.id;
    if (typeof id === 'string') return { kind: unitLayers.has(layer) ? 'unit' : 'call', id };
  }
  return null;
}
