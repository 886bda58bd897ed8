import booleanPointInPolygon from '@turf/boolean-point-in-polygon';

export interface LonLat {
  lon: number;
  lat: number;
}

const earthRadiusMeters = 6_371_008.8;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: LonLat, b: LonLat): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusMeters * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Straight-line travel time at a steady speed, in seconds. */
export function etaSeconds(from: LonLat, to: LonLat, speedKmh: number): number {
  return distanceMeters(from, to) / ((speedKmh * 1000) / 3600);
}

type AreaGeometry =
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

export interface Area<P> {
  properties: P;
  geometry: AreaGeometry;
}

/**
 * Finds the area containing a point. Areas are tested in order; a point on a
 * shared border belongs to the first area listed.
 */
export function findArea<P>(areas: readonly Area<P>[], point: LonLat): P | undefined {
  const target: [number, number] = [point.lon, point.lat];
  return areas.find((area) => booleanPointInPolygon(target, area.geometry))?.properties;
}
