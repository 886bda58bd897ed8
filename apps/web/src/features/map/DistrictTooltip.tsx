import type { MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { mapIds } from './ids.ts';
import { pickFeature } from './live/pick.ts';
import { isMapRemoved, useMap } from './mapContext.ts';

interface Hover {
  name: string;
  x: number;
  y: number;
}

/**
 * The name of the district under the pointer, as an HTML tooltip (the offline style has no
 * glyphs for map text). Pointer-only and so hidden from assistive technology: the district
 * list beside the map names every district.
 */
export function DistrictTooltip() {
  const map = useMap();
  const [hover, setHover] = useState<Hover | null>(null);

  useEffect(() => {
    let hoveredCode: string | null = null;

    function highlight(code: string | null) {
      if (code === hoveredCode) return;
      if (hoveredCode !== null) {
        map.setFeatureState({ source: mapIds.districtsSource, id: hoveredCode }, { hover: false });
      }
      if (code !== null) {
        map.setFeatureState({ source: mapIds.districtsSource, id: code }, { hover: true });
      }
      hoveredCode = code;
    }

    function onMove(event: MapLayerMouseEvent) {
      // A call or unit under the pointer has a tooltip of its own, which this would cover.
      if (pickFeature(map, event.point)) {
        onLeave();
        return;
      }
      const properties = event.features?.[0]?.properties as
        { code?: unknown; name?: unknown } | undefined;
      if (typeof properties?.code !== 'string') return;
      highlight(properties.code);
      const name = typeof properties.name === 'string' ? properties.name : properties.code;
      setHover({ name, x: event.point.x, y: event.point.y });
    }

    function onLeave() {
      highlight(null);
      setHover(null);
    }

    map.on('mousemove', mapIds.districtFill, onMove);
    map.on('mouseleave', mapIds.districtFill, onLeave);
    return () => {
      map.off('mousemove', mapIds.districtFill, onMove);
      map.off('mouseleave', mapIds.districtFill, onLeave);
      if (!isMapRemoved(map) && map.getSource(mapIds.districtsSource)) highlight(null);
    };
  }, [map]);

  if (!hover) return null;
  return (
    <div
      className="map-tooltip"
      aria-hidden="true"
      style={{ transform: `translate(${hover.x}px, ${hover.y}px)` }}
    >
      {hover.name}
    </div>
  );
}
