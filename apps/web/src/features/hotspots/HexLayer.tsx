import type { HotspotCell } from '@watchfloor/contracts';
import { cellToBoundary } from 'h3-js';
import type { ExpressionSpecification, GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useEffectEvent } from 'react';
import { isMapRemoved, useMap } from '../map/mapContext.ts';
import { resolutionForZoom } from './hotspotView.ts';

const ids = { source: 'hotspots', fill: 'hotspots-fill', outline: 'hotspots-outline' } as const;

interface HexLayerProps {
  cells: readonly HotspotCell[];
  /** Lower bound of each colour class, ascending; one colour per break. */
  breaks: readonly number[];
  colors: readonly string[];
  selectedCell: string | null;
  selectedColor: string;
  onSelect: (cell: string) => void;
  /** The hexagon size the map's zoom calls for, whenever it changes. */
  onResolution: (resolution: number) => void;
}

function collection(cells: readonly HotspotCell[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cells.map(({ cell, count }) => {
      const ring = cellToBoundary(cell, true);
      return {
        type: 'Feature',
        properties: { cell, count },
        geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] },
      };
    }),
  };
}

function rampExpression(
  breaks: readonly number[],
  colors: readonly string[],
): ExpressionSpecification | string {
  const steps = breaks.slice(1).flatMap((value, index) => [value, colors[index + 1]!]);
  // A `step` needs at least one stop: with one class every hexagon has the first colour.
  if (steps.length === 0) return colors[0]!;
  return ['step', ['get', 'count'], colors[0]!, ...steps] as unknown as ExpressionSpecification;
}

/** Calls per hexagon as coloured cells; a click selects one. Renders nothing. */
export function HexLayer(props: HexLayerProps) {
  const { cells, breaks, colors, selectedCell, selectedColor } = props;
  const map = useMap();
  const select = useEffectEvent((cell: string) => props.onSelect(cell));
  const reportResolution = useEffectEvent((zoom: number) =>
    props.onResolution(resolutionForZoom(zoom)),
  );

  useEffect(() => {
    map.addSource(ids.source, { type: 'geojson', data: collection([]) });
    map.addLayer({
      id: ids.fill,
      type: 'fill',
      source: ids.source,
      paint: { 'fill-opacity': 0.7 },
    });
    map.addLayer({ id: ids.outline, type: 'line', source: ids.source, paint: {} });
    const canvas = map.getCanvas();
    const onClick = (event: MapMouseEvent) => {
      const [feature] = map.queryRenderedFeatures(event.point, { layers: [ids.fill] });
      const cell: unknown = feature?.properties.cell;
      if (typeof cell === 'string') select(cell);
    };
    const onMove = (event: MapMouseEvent) => {
      const over = map.queryRenderedFeatures(event.point, { layers: [ids.fill] }).length > 0;
      canvas.style.cursor = over ? 'pointer' : '';
    };
    const onZoom = () => reportResolution(map.getZoom());
    map.on('click', onClick);
    map.on('mousemove', onMove);
    map.on('zoomend', onZoom);
    reportResolution(map.getZoom());
    return () => {
      map.off('click', onClick);
      map.off('mousemove', onMove);
      map.off('zoomend', onZoom);
      if (isMapRemoved(map)) return;
      map.removeLayer(ids.outline);
      map.removeLayer(ids.fill);
      map.removeSource(ids.source);
    };
  }, [map]);

  useEffect(() => {
    map
      .getSource<GeoJSONSource>(ids.source)
      ?.setData(collection(cells))
      .catch((error: unknown) => console.warn('Hexagon update failed', error));
  }, [map, cells]);

  useEffect(() => {
    map.setPaintProperty(ids.fill, 'fill-color', rampExpression(breaks, colors));
  }, [map, breaks, colors]);

  useEffect(() => {
    const selected: ExpressionSpecification = ['==', ['get', 'cell'], selectedCell ?? ''];
    map.setPaintProperty(ids.outline, 'line-color', ['case', selected, selectedColor, colors[0]!]);
    map.setPaintProperty(ids.outline, 'line-width', ['case', selected, 3, 0.5]);
  }, [map, selectedCell, selectedColor, colors]);

  return null;
}
