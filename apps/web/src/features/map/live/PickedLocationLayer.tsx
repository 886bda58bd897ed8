import type { GeoJSONSource, GeoJSONSourceDiff, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useEffectEvent } from 'react';
import { mapIds } from '../ids.ts';
import type { LivePalette } from '../livePalette.ts';
import { isMapRemoved, useMap } from '../mapContext.ts';
import { sendDiff } from './CallsLayer.tsx';

interface PickedLocationLayerProps {
  /** Where the new call will be; no marker while there is none. */
  location: { lat: number; lon: number } | null;
  palette: LivePalette;
  /** While true, a click on the map sets the location instead of selecting. */
  picking: boolean;
  onPick: (lat: number, lon: number) => void;
}

const markerId = 'picked';

/** Replaces the marker (or removes it) with one diff. */
function markerDiff(location: PickedLocationLayerProps['location']): GeoJSONSourceDiff {
  return {
    removeAll: true,
    add: location
      ? [
          {
            type: 'Feature',
            id: markerId,
            properties: {},
            geometry: { type: 'Point', coordinates: [location.lon, location.lat] },
          },
        ]
      : [],
  };
}

/**
 * The temporary marker of a call being created, and "pick on map": while picking, the cursor
 * is a crosshair and a click sets the location. Renders nothing.
 */
export function PickedLocationLayer({
  location,
  palette,
  picking,
  onPick,
}: PickedLocationLayerProps) {
  const map = useMap();
  const pick = useEffectEvent((lat: number, lon: number) => onPick(lat, lon));

  useEffect(() => {
    map.addSource(mapIds.pickedSource, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
    });
    map.addLayer({
      id: mapIds.pickedMarker,
      type: 'circle',
      source: mapIds.pickedSource,
      paint: {
        'circle-radius': 10,
        'circle-opacity': 0.25,
        'circle-stroke-width': 3,
      },
    });
    return () => {
      if (isMapRemoved(map)) return;
      map.removeLayer(mapIds.pickedMarker);
      map.removeSource(mapIds.pickedSource);
    };
  }, [map]);

  useEffect(() => {
    map.setPaintProperty(mapIds.pickedMarker, 'circle-color', palette.selection);
    map.setPaintProperty(mapIds.pickedMarker, 'circle-stroke-color', palette.selection);
  }, [map, palette]);

  const lat = location?.lat;
  const lon = location?.lon;
  useEffect(() => {
    const location = lat === undefined || lon === undefined ? null : { lat, lon };
    sendDiff(map.getSource<GeoJSONSource>(mapIds.pickedSource), markerDiff(location));
  }, [map, lat, lon]);

  useEffect(() => {
    if (!picking) return;
    const canvas = map.getCanvas();
    function onClick(event: MapMouseEvent) {
      pick(event.lngLat.lat, event.lngLat.lng);
    }
    function onMove() {
      canvas.style.cursor = 'crosshair';
    }
    canvas.style.cursor = 'crosshair';
    map.on('click', onClick);
    map.on('mousemove', onMove);
    return () => {
      map.off('click', onClick);
      map.off('mousemove', onMove);
      if (!isMapRemoved(map)) canvas.style.cursor = '';
    };
  }, [map, picking]);

  return null;
}
