import type { MapOptions } from 'maplibre-gl';
import { mapIds } from './ids.ts';

export type MapStyle = NonNullable<MapOptions['style']>;

/**
 * The style for agencies without a tile server: a plain background and nothing to fetch.
 * No glyphs or sprite either, so no text symbol layers may be added (labels are HTML).
 */
export function offlineStyle(backgroundColor: string): MapStyle {
  return {
    version: 8,
    sources: {},
    layers: [
      { id: mapIds.background, type: 'background', paint: { 'background-color': backgroundColor } },
    ],
  };
}
