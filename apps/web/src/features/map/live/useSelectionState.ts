import type { MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { isMapRemoved } from '../mapContext.ts';

/**
 * Marks the selected feature of `source` with feature-state `selected`, so its layers can
 * draw a ring without touching the data.
 */
export function useSelectionState(map: MapLibreMap, source: string, selectedId: string | null) {
  useEffect(() => {
    if (selectedId === null) return;
    map.setFeatureState({ source, id: selectedId }, { selected: true });
    return () => {
      if (!isMapRemoved(map) && map.getSource(source)) {
        map.setFeatureState({ source, id: selectedId }, { selected: false });
      }
    };
  }, [map, source, selectedId]);
}
