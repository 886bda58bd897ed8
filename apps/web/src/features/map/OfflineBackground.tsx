import { useEffect } from 'react';
import { mapIds } from './ids.ts';
import { useMap } from './mapContext.ts';

/** Keeps the plain background of the offline style in step with the theme. */
export function OfflineBackground({ color }: { color: string }) {
  const map = useMap();
  useEffect(() => {
    if (map.getLayer(mapIds.background)) {
      map.setPaintProperty(mapIds.background, 'background-color', color);
    }
  }, [map, color]);
  return null;
}
