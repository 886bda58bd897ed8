import type { LivePosition } from '@watchfloor/contracts';
import { useEffect, useEffectEvent } from 'react';
import type { PositionStore } from '../../live/positionStore.ts';
import { isMapRemoved, useMap } from '../mapContext.ts';

interface FollowUnitProps {
  unitId: string;
  positions: PositionStore | null;
  /** Where the unit was last known before following began (REST or live). */
  start: [lon: number, lat: number] | null;
  /** The dispatcher took the map back (dragged it): following ends. */
  onStop: () => void;
}

/**
 * Keeps a unit in the middle of the map while it moves, until the dispatcher drags the map
 * or stops following. Listens to that unit's positions only. Renders nothing.
 */
export function FollowUnit({ unitId, positions, start, onStop }: FollowUnitProps) {
  const map = useMap();
  const stop = useEffectEvent(onStop);
  const centreOn = useEffectEvent((lngLat: [number, number]) => {
    if (!isMapRemoved(map)) map.easeTo({ center: lngLat, duration: 500 });
  });
  const startLon = start?.[0];
  const startLat = start?.[1];

  useEffect(() => {
    if (startLon !== undefined && startLat !== undefined) centreOn([startLon, startLat]);
  }, [unitId, startLon, startLat]);

  useEffect(() => {
    if (!positions) return;
    return positions.subscribe((changed) => {
      if (!changed.has(unitId)) return;
      const position: LivePosition | undefined = positions.get(unitId);
      if (position) centreOn([position.lon, position.lat]);
    });
  }, [positions, unitId]);

  useEffect(() => {
    // Only a drag by the person ends following; our own easeTo does not fire dragstart.
    const onDrag = () => stop();
    map.on('dragstart', onDrag);
    return () => {
      map.off('dragstart', onDrag);
    };
  }, [map]);

  return null;
}
