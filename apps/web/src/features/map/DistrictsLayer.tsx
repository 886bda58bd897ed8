import type { AgencyConfig } from '@watchfloor/contracts';
import { useEffect } from 'react';
import { mapIds } from './ids.ts';
import { isMapRemoved, useMap } from './mapContext.ts';
import type { MapPalette } from './palette.ts';

interface DistrictsLayerProps {
  districts: AgencyConfig['districts'];
  palette: MapPalette;
}

/** District areas (light fill, stronger when hovered) and their borders. Renders nothing. */
export function DistrictsLayer({ districts, palette }: DistrictsLayerProps) {
  const map = useMap();

  useEffect(() => {
    // `promoteId` lets hover state be keyed by the district code.
    map.addSource(mapIds.districtsSource, { type: 'geojson', data: districts, promoteId: 'code' });
    map.addLayer({
      id: mapIds.districtFill,
      type: 'fill',
      source: mapIds.districtsSource,
      paint: {
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.32, 0.1],
      },
    });
    map.addLayer({
      id: mapIds.districtOutline,
      type: 'line',
      source: mapIds.districtsSource,
      paint: { 'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 3, 2] },
    });
    return () => {
      if (isMapRemoved(map)) return;
      map.removeLayer(mapIds.districtOutline);
      map.removeLayer(mapIds.districtFill);
      map.removeSource(mapIds.districtsSource);
    };
  }, [map, districts]);

  // Colours follow the theme without rebuilding the source.
  useEffect(() => {
    map.setPaintProperty(mapIds.districtFill, 'fill-color', palette.districtFill);
    map.setPaintProperty(mapIds.districtOutline, 'line-color', palette.districtOutline);
  }, [map, districts, palette]);

  return null;
}
