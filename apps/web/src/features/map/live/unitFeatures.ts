import type { LivePosition, Position, Unit } from '@watchfloor/contracts';
import { classifyPositionAge, type PositionFreshness } from '../../live/positionFreshness.ts';
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

// Instants parsed once per position object: the units layer asks for thousands per second.
const parsedInstants = new WeakMap<KnownPosition, number>();

function instantOf(position: KnownPosition): number {
  let ms = parsedInstants.get(position);
  if (ms === undefined) {
    ms = Date.parse(position.at);
    parsedInstants.set(position, ms);
  }
  return ms;
}

/** The newer of the unit's REST position and its latest live report, with its instant. */
function latestTimed(
  unit: Unit,
  live: LivePosition | undefined,
): { position: KnownPosition; atMs: number } | null {
  const rest = unit.position;
  const liveAt = live ? instantOf(live) : Number.NEGATIVE_INFINITY;
  const restAt = rest ? instantOf(rest) : Number.NEGATIVE_INFINITY;
  if (live && liveAt >= restAt) return { position: live, atMs: liveAt };
  return rest ? { position: rest, atMs: restAt } : null;
}

/** The newer of the unit's REST position and its latest live report. */
export function latestPosition(unit: Unit, live: LivePosition | undefined): KnownPosition | null {
  return latestTimed(unit, live)?.position ?? null;
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
  const latest = latestTimed(unit, live);
  if (!latest) return null;
  const { position, atMs } = latest;
  const heading = drawnHeading(position);
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [position.lon, position.lat] },
    properties: {
      id: unit.id,
      status: unit.status,
      callSign: unit.callSign,
      freshness: classifyPositionAge(now - atMs),
      ...(heading === undefined ? {} : { heading }),
    },
  };
}
