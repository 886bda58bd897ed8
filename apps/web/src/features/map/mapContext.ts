import { createContext, use } from 'react';
import type { MapLibreMap } from 'maplibre-gl';

/** The loaded map; layer components only render once it exists. */
export const MapContext = createContext<MapLibreMap | null>(null);

export function useMap(): MapLibreMap {
  const map = use(MapContext);
  if (!map) throw new Error('useMap must be used inside <MapProvider>');
  return map;
}

// React may clean up a parent before its children, so a layer's cleanup can run after the
// provider has removed the map. Layers check here instead of touching a dead style.
const removedMaps = new WeakSet<MapLibreMap>();

export function markMapRemoved(map: MapLibreMap): void {
  removedMaps.add(map);
}

export function isMapRemoved(map: MapLibreMap): boolean {
  return removedMaps.has(map);
}
