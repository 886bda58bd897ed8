import type { Call } from '@watchfloor/contracts';
import type { PointFeature } from './featureMirror.ts';

/** How many priority colours there are; lower priorities share the last one. */
export const priorityColorCount = 4;

export interface CallFeatureProperties {
  id: string;
  /** 1 to `priorityColorCount`: what the colour expression matches on. */
  priorityRank: number;
  status: Call['status'];
  [key: string]: string | number | boolean | undefined;
}

/** A call with a location; calls the CAD could not geocode have none and stay off the map. */
export type LocatedCall = Call & { lat: number; lon: number };

export const hasLocation = (call: Call): call is LocatedCall =>
  call.lat !== null && call.lon !== null;

/**
 * A call as the map draws it. Only what the layers' expressions read is carried (everything
 * else comes from the query cache when needed), so an edit to, say, the narrative changes
 * nothing on the map and sends nothing to the map's worker.
 */
export function callFeature(call: Call): PointFeature<CallFeatureProperties> {
  // Layers leave such calls out first (`hasLocation`); a point at null would be drawn nowhere.
  if (!hasLocation(call)) throw new Error(`Call ${call.id} has no location to draw`);
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [call.lon, call.lat] },
    properties: {
      id: call.id,
      priorityRank: Math.min(Math.max(call.priority, 1), priorityColorCount),
      status: call.status,
    },
  };
}
