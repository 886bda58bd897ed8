import type { LivePosition, Position, Unit } from '@watchfloor/contracts';
import { positionFreshness, type PositionFreshness } from '../../live/positionFreshness.ts';
import type { PointFeature } from './featureMirror.ts';

/** Below this speed (m/s) a heading is noise from a parked car's GPS, and not drawn. */
const movingSpeed = 0.5;

export interface UnitFeatureProperties {
  id: string;
  status: Unit['status'];
  /** Drawn as the unit's label (an image made on demand: the map has no glyphs). */
  callSign: string;
  freshness: PositionFreshness;
  /** Degrees clockwise from north; absent when unknown or standing still. */
  heading?: number;
  [key: string]: string | number | boolean | undefined;
}

type KnownPosition = Pick<Position, 'lat' | 'lon' | 'heading' | 'speed' | 'at'>;

/** The newer of the unit's REST position and its latest live report. */
export function latestPosition(unit: Unit, live: LivePosition | undefined): KnownPosition | null {
  const rest = unit.position;
  if (!live) return rest;
  if (!rest) return live;
  return Date.parse(live.at) >= Date.parse(rest.at) ? live : rest;
}

function drawnHeading(position: KnownPosition): number | undefined {
  if (position.heading === null) return undefined;
  if (position.speed !== null && position.speed < movingSpeed) return undefined;
  return position.heading;
}

/** A unit as the map draws it, or null when it has no position the user may see. */
export function unitFeature(
  unit: Unit,
  live: LivePosition | undefined,
  now: number,
): PointFeature<UnitFeatureProperties> | null {
  const position = latestPosition(unit, live);
  if (!position) return null;
  const heading = drawnHeading(position);
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [position.lon, position.lat] },
    properties: {
      id: unit.id,
      status: unit.status,
      callSign: unit.callSign,
      freshness: positionFreshness(position.at, now),
      ...(heading === undefined ? {} : { heading }),
    },
  };
}
