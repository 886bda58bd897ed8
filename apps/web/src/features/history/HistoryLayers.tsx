import type { HistoricalCall } from '@watchfloor/contracts';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect } from 'react';
import { classifyPositionAge } from '../live/positionFreshness.ts';
import type { LivePalette } from '../map/livePalette.ts';
import { isMapRemoved, useMap } from '../map/mapContext.ts';
import { priorityColorCount } from '../map/live/callFeatures.ts';
import { priorityColorExpression, unitColorExpression } from '../map/live/paint.ts';
import type { ReplayUnit } from './replayEngine.ts';

const ids = {
  calls: 'history-calls',
  callBody: 'history-calls-body',
  units: 'history-units',
  unitBody: 'history-units-body',
} as const;

function collection(features: GeoJSON.Feature[]): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features };
}

function point(lon: number, lat: number, properties: Record<string, unknown>): GeoJSON.Feature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
}

interface HistoryLayersProps {
  calls: readonly HistoricalCall[];
  units: readonly ReplayUnit[];
  playhead: number;
  palette: LivePalette;
  /** The call an after-action review is about, drawn larger. */
  focusCallId?: string | null;
}

/**
 * Calls and units as they were at the playhead. A replay redraws whole (small) sources per
 * frame; the live map's diffing is for a stream that never ends. Same colours as live.
 */
export function HistoryLayers({
  calls,
  units,
  playhead,
  palette,
  focusCallId,
}: HistoryLayersProps) {
  const map = useMap();

  useEffect(() => {
    map.addSource(ids.calls, { type: 'geojson', data: collection([]) });
    map.addSource(ids.units, { type: 'geojson', data: collection([]) });
    map.addLayer({
      id: ids.callBody,
      type: 'circle',
      source: ids.calls,
      paint: {
        'circle-radius': ['case', ['get', 'focus'], 12, ['==', ['get', 'status'], 'pending'], 9, 7],
        'circle-stroke-width': ['case', ['get', 'focus'], 3, 1.5],
        'circle-opacity': ['match', ['get', 'status'], 'enroute', 0.25, 1],
      },
    });
    map.addLayer({
      id: ids.unitBody,
      type: 'circle',
      source: ids.units,
      paint: {
        'circle-radius': 6,
        'circle-stroke-width': 2,
        'circle-opacity': ['match', ['get', 'freshness'], 'lost', 0, 'stale', 0.45, 1],
      },
    });
    return () => {
      if (isMapRemoved(map)) return;
      map.removeLayer(ids.unitBody);
      map.removeLayer(ids.callBody);
      map.removeSource(ids.units);
      map.removeSource(ids.calls);
    };
  }, [map]);

  useEffect(() => {
    map.setPaintProperty(ids.callBody, 'circle-color', priorityColorExpression(palette));
    map.setPaintProperty(ids.callBody, 'circle-stroke-color', palette.markerOutline);
    map.setPaintProperty(ids.unitBody, 'circle-color', unitColorExpression(palette));
    map.setPaintProperty(ids.unitBody, 'circle-stroke-color', palette.unitRing);
  }, [map, palette]);

  useEffect(() => {
    const features = calls.flatMap((call) =>
      call.lat === null || call.lon === null
        ? []
        : [
            point(call.lon, call.lat, {
              status: call.status,
              priorityRank: Math.min(Math.max(call.priority, 1), priorityColorCount),
              focus: call.id === focusCallId,
            }),
          ],
    );
    void map.getSource<GeoJSONSource>(ids.calls)?.setData(collection(features));
  }, [map, calls, focusCallId]);

  useEffect(() => {
    const features = units.flatMap((unit) =>
      unit.position
        ? [
            point(unit.position.lon, unit.position.lat, {
              status: unit.status ?? 'available',
              freshness: classifyPositionAge(playhead - Date.parse(unit.position.at)),
            }),
          ]
        : [],
    );
    void map.getSource<GeoJSONSource>(ids.units)?.setData(collection(features));
  }, [map, units, playhead]);

  return null;
}
