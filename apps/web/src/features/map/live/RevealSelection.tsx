import { useEffect, useEffectEvent } from 'react';
import { useMap } from '../mapContext.ts';
import type { MapSelection } from './selection.ts';

interface RevealSelectionProps {
  selection: MapSelection;
  /** Where the selection is now, or null when it is not on the map. */
  locate: (selection: NonNullable<MapSelection>) => [lon: number, lat: number] | null;
}

/**
 * Brings a newly selected call or unit into view when it is outside it (picked from a list).
 * A selection already in view leaves the map alone, and a selected unit that drives away is
 * not chased: the view belongs to the dispatcher. Renders nothing.
 */
export function RevealSelection({ selection, locate }: RevealSelectionProps) {
  const map = useMap();
  const reveal = useEffectEvent((target: NonNullable<MapSelection>) => {
    const lngLat = locate(target);
    if (lngLat && !map.getBounds().contains(lngLat)) {
      map.easeTo({ center: lngLat, duration: 400 });
    }
  });
  const kind = selection?.kind;
  const id = selection?.id;

  useEffect(() => {
    if (kind && id) reveal({ kind, id });
  }, [kind, id]);

  return null;
}
