import type { Call, Unit } from '@watchfloor/contracts';
import type { MapMouseEvent } from 'maplibre-gl';
import { useEffect, useEffectEvent, useState } from 'react';
import { isMapRemoved, useMap } from '../mapContext.ts';
import { clusterAt, zoomIntoCluster } from './clusters.ts';
import { LiveTooltip } from './LiveTooltip.tsx';
import { pickFeature } from './pick.ts';
import type { MapSelection } from './selection.ts';

interface LivePointerProps {
  callsById: ReadonlyMap<string, Call>;
  unitsById: ReadonlyMap<string, Unit>;
  onSelect: (selection: MapSelection) => void;
}

interface Hover {
  target: NonNullable<MapSelection>;
  x: number;
  y: number;
}

/**
 * The pointer on the live layers: a tooltip for the call or unit under it, and a click
 * selects it (a click on empty map clears the selection). Keyboard users select from the
 * lists beside the map, which hold the same information.
 */
export function LivePointer({ callsById, unitsById, onSelect }: LivePointerProps) {
  const map = useMap();
  const [hover, setHover] = useState<Hover | null>(null);
  const select = useEffectEvent((selection: MapSelection) => onSelect(selection));

  useEffect(() => {
    const canvas = map.getCanvas();

    function onMove(event: MapMouseEvent) {
      const target = pickFeature(map, event.point);
      canvas.style.cursor = target || clusterAt(map, event.point) ? 'pointer' : '';
      setHover(target ? { target, x: event.point.x, y: event.point.y } : null);
    }
    function onOut() {
      canvas.style.cursor = '';
      setHover(null);
    }
    function onClick(event: MapMouseEvent) {
      const target = pickFeature(map, event.point);
      // A click on a cluster opens it up rather than clearing the selection.
      if (!target && zoomIntoCluster(map, event.point)) return;
      select(target);
    }

    map.on('mousemove', onMove);
    map.on('mouseout', onOut);
    map.on('click', onClick);
    return () => {
      map.off('mousemove', onMove);
      map.off('mouseout', onOut);
      map.off('click', onClick);
      if (!isMapRemoved(map)) canvas.style.cursor = '';
    };
  }, [map]);

  if (!hover) return null;
  const { target } = hover;
  const call = target.kind === 'call' ? callsById.get(target.id) : undefined;
  const unit = target.kind === 'unit' ? unitsById.get(target.id) : undefined;
  if (!call && !unit) return null;
  return <LiveTooltip call={call} unit={unit} x={hover.x} y={hover.y} />;
}
