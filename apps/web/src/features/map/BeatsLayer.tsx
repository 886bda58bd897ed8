import type { AgencyConfig } from '@watchfloor/contracts';
import { useEffect } from 'react';
import { mapIds } from './ids.ts';
import { isMapRemoved, useMap } from './mapContext.ts';
import type { MapPalette } from './palette.ts';

interface BeatsLayerProps {
  beats: AgencyConfig['beats'];
  palette: MapPalette;
}

/** Beat borders: thin lines inside the districts. Renders nothing. */
export function BeatsLayer({ beats, palette }: BeatsLayerProps) {
  const map = useMap();

  useEffect(() => {
    map.addSource(mapIds.beatsSource, { type: 'geojson', data: beats });
    map.addLayer({
      id: mapIds.beatOutline,
      type: 'line',
      source: mapIds.beatsSource,
      paint: { 'line-width': 0.75, 'line-opacity': 0.8, 'line-dasharray': [3, 2] },
    });
    return () => {
      if (isMapRemoved(map)) return;
      map.removeLayer(mapIds.beatOutline);
      map.removeSource(mapIds.beatsSource);
    };
  }, [map, beats]);

  useEffect(() => {
    map.setPaintProperty(mapIds.beatOutline, 'line-color', palette.beatOutline);
  }, [map, beats, palette]);

  return null;
}
