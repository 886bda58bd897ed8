import type { AgencyConfig } from '@watchfloor/contracts';
import { distanceMeters, type LonLat } from '@watchfloor/domain';
import type { Rng } from './rng.ts';

type Position = [number, number];
type Geometry = AgencyConfig['beats']['features'][number]['geometry'];

interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export interface BeatShape {
  code: string;
  name: string;
  district: string;
  /** Polygons, each a list of rings (outer first, then holes). */
  polygons: Position[][][];
  bbox: BBox;
  /** A point well inside the beat, used as a routing waypoint. */
  hub: LonLat;
}

const metresPerDegreeLat = 111_320;

/** Even–odd ray casting over every ring of a polygon (holes included). */
function insidePolygon(rings: Position[][], lon: number, lat: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
  }
  return inside;
}

function polygonsOf(geometry: Geometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function bboxOf(polygons: Position[][][]): BBox {
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      box.minLon = Math.min(box.minLon, lon);
      box.maxLon = Math.max(box.maxLon, lon);
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
    }
  }
  return box;
}

function inBox(box: BBox, lon: number, lat: number): boolean {
  return lon >= box.minLon && lon <= box.maxLon && lat >= box.minLat && lat <= box.maxLat;
}

/** Whether a point lies in a beat (exact polygon test). */
export function beatContains(beat: BeatShape, point: LonLat): boolean {
  if (!inBox(beat.bbox, point.lon, point.lat)) return false;
  return beat.polygons.some((rings) => insidePolygon(rings, point.lon, point.lat));
}

/** Rounds to 6 decimals (~0.1 m), the precision sent to the server. */
export function roundCoord(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Compass bearing from `a` to `b` in degrees, 0 = north, clockwise, in [0, 360). */
export function bearingDegrees(a: LonLat, b: LonLat): number {
  const dx = (b.lon - a.lon) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  const dy = b.lat - a.lat;
  const degrees = (Math.atan2(dx, dy) * 180) / Math.PI;
  return (degrees + 360) % 360;
}

/** A polyline with cumulative lengths, for moving along it at a steady speed. */
export interface Path {
  points: LonLat[];
  /** Cumulative distance in metres at each point; `lengths[0] = 0`. */
  lengths: number[];
  total: number;
}

export function makePath(points: LonLat[]): Path {
  const lengths = [0];
  for (let i = 1; i < points.length; i++) {
    lengths.push(lengths[i - 1]! + distanceMeters(points[i - 1]!, points[i]!));
  }
  return { points, lengths, total: lengths[lengths.length - 1]! };
}

/** The point `distance` metres along a path and the heading of the leg it is on. */
export function pointAlong(path: Path, distance: number): { point: LonLat; heading: number } {
  const d = Math.max(0, Math.min(path.total, distance));
  let i = 1;
  while (i < path.points.length - 1 && path.lengths[i]! < d) i++;
  const a = path.points[i - 1]!;
  const b = path.points[i] ?? a;
  const legLength = path.lengths[i]! - path.lengths[i - 1]!;
  const t = legLength > 0 ? (d - path.lengths[i - 1]!) / legLength : 1;
  return {
    point: { lon: a.lon + (b.lon - a.lon) * t, lat: a.lat + (b.lat - a.lat) * t },
    heading: bearingDegrees(a, b),
  };
}

export interface CityMap {
  beats: readonly BeatShape[];
  beatsByCode: ReadonlyMap<string, BeatShape>;
  districtBeats(district: string): readonly BeatShape[];
  /** The beat containing a point (exact), in agency order like `findArea`. */
  beatAt(point: LonLat): BeatShape | undefined;
  /** Fast approximate test (raster of ~40 m cells) used for routing. */
  insideCityApprox(point: LonLat): boolean;
  /** Whether the straight segment stays inside the city (sampled every ~20 m). */
  segmentInside(a: LonLat, b: LonLat): boolean;
  /** A uniformly random point inside a beat, rounded to 6 decimals. */
  randomPointInBeat(beat: BeatShape, rng: Rng): LonLat;
  /** A polyline from `from` to `to` that keeps inside the city (straight when it can). */
  route(from: LonLat, to: LonLat): LonLat[];
}

const rasterCellMetres = 40;
const segmentStepMetres = 20;

/** Builds the lookup structures once per agency; everything after is pure arithmetic. */
export function createCityMap(agency: AgencyConfig): CityMap {
  const beats: BeatShape[] = agency.beats.features.map((feature) => {
    const polygons = polygonsOf(feature.geometry);
    return {
      code: feature.properties.code,
      name: feature.properties.name,
      district: feature.properties.district,
      polygons,
      bbox: bboxOf(polygons),
      hub: { lon: 0, lat: 0 },
    };
  });
  if (beats.length === 0) throw new Error('the agency has no beats');
  const beatsByCode = new Map(beats.map((beat) => [beat.code, beat]));
  const byDistrict = new Map<string, BeatShape[]>();
  for (const beat of beats) {
    const list = byDistrict.get(beat.district) ?? [];
    list.push(beat);
    byDistrict.set(beat.district, list);
  }

  const beatAt = (point: LonLat) => beats.find((beat) => beatContains(beat, point));

  // Raster of the city for fast "is this inside" checks along segments.
  const city: BBox = {
    minLon: Math.min(...beats.map((b) => b.bbox.minLon)),
    minLat: Math.min(...beats.map((b) => b.bbox.minLat)),
    maxLon: Math.max(...beats.map((b) => b.bbox.maxLon)),
    maxLat: Math.max(...beats.map((b) => b.bbox.maxLat)),
  };
  const lat0 = (city.minLat + city.maxLat) / 2;
  const metresPerDegreeLon = metresPerDegreeLat * Math.cos((lat0 * Math.PI) / 180);
  const cellLat = rasterCellMetres / metresPerDegreeLat;
  const cellLon = rasterCellMetres / metresPerDegreeLon;
  const cols = Math.ceil((city.maxLon - city.minLon) / cellLon) + 1;
  const rows = Math.ceil((city.maxLat - city.minLat) / cellLat) + 1;
  const raster = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const point = {
        lon: city.minLon + (c + 0.5) * cellLon,
        lat: city.minLat + (r + 0.5) * cellLat,
      };
      if (beatAt(point)) raster[r * cols + c] = 1;
    }
  }
  const insideCityApprox = (point: LonLat): boolean => {
    const c = Math.floor((point.lon - city.minLon) / cellLon);
    const r = Math.floor((point.lat - city.minLat) / cellLat);
    if (c < 0 || r < 0 || c >= cols || r >= rows) return false;
    return raster[r * cols + c] === 1;
  };
  const segmentInside = (a: LonLat, b: LonLat): boolean => {
    const steps = Math.ceil(distanceMeters(a, b) / segmentStepMetres);
    for (let i = 1; i < steps; i++) {
      const t = i / steps;
      if (
        !insideCityApprox({ lon: a.lon + (b.lon - a.lon) * t, lat: a.lat + (b.lat - a.lat) * t })
      ) {
        return false;
      }
    }
    return true;
  };

  // Hub per beat: the interior grid point farthest from the beat's boundary.
  for (const beat of beats) {
    let best: LonLat | null = null;
    let bestClearance = -1;
    const n = 24;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const point = {
          lon: beat.bbox.minLon + ((i + 0.5) / n) * (beat.bbox.maxLon - beat.bbox.minLon),
          lat: beat.bbox.minLat + ((j + 0.5) / n) * (beat.bbox.maxLat - beat.bbox.minLat),
        };
        if (!beatContains(beat, point)) continue;
        const clearance = boundaryDistance(beat, point, metresPerDegreeLon);
        if (clearance > bestClearance) {
          bestClearance = clearance;
          best = point;
        }
      }
    }
    if (!best) throw new Error(`beat ${beat.code} is too small to place a point in`);
    beat.hub = best;
  }

  // Visibility graph between hubs, with all-pairs shortest paths (Floyd–Warshall).
  const hubs = beats.map((beat) => beat.hub);
  const count = hubs.length;
  const dist: number[][] = hubs.map((a, i) =>
    hubs.map((b, j) => (i === j ? 0 : segmentInside(a, b) ? distanceMeters(a, b) : Infinity)),
  );
  const next: number[][] = hubs.map((_, i) =>
    hubs.map((_b, j) => (dist[i]![j]! < Infinity ? j : -1)),
  );
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < count; j++) {
        const via = dist[i]![k]! + dist[k]![j]!;
        if (via < dist[i]![j]!) {
          dist[i]![j] = via;
          next[i]![j] = next[i]![k]!;
        }
      }
    }
  }

  /** Drops waypoints that a straight segment can skip (string pulling). */
  const smooth = (points: LonLat[]): LonLat[] => {
    const out = [points[0]!];
    let i = 0;
    while (i < points.length - 1) {
      let j = points.length - 1;
      while (j > i + 1 && !segmentInside(points[i]!, points[j]!)) j--;
      out.push(points[j]!);
      i = j;
    }
    return out;
  };

  const route = (from: LonLat, to: LonLat): LonLat[] => {
    if (segmentInside(from, to)) return [from, to];
    const fromHubs = hubs.flatMap((hub, i) => (segmentInside(from, hub) ? [i] : []));
    const toHubs = hubs.flatMap((hub, i) => (segmentInside(hub, to) ? [i] : []));
    let best: { a: number; b: number; length: number } | null = null;
    for (const a of fromHubs) {
      const head = distanceMeters(from, hubs[a]!);
      for (const b of toHubs) {
        const length = head + dist[a]![b]! + distanceMeters(hubs[b]!, to);
        if (length < (best?.length ?? Infinity)) best = { a, b, length };
      }
    }
    if (!best) return [from, to];
    const points = [from];
    let at = best.a;
    points.push(hubs[at]!);
    while (at !== best.b) {
      at = next[at]![best.b]!;
      points.push(hubs[at]!);
    }
    points.push(to);
    return smooth(points);
  };

  const randomPointInBeat = (beat: BeatShape, rng: Rng): LonLat => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const point = {
        lon: roundCoord(rng.uniform(beat.bbox.minLon, beat.bbox.maxLon)),
        lat: roundCoord(rng.uniform(beat.bbox.minLat, beat.bbox.maxLat)),
      };
      // In the beat, and the beat is the first one listed that contains it (as `findArea` decides).
      if (beatContains(beat, point) && beatAt(point) === beat) return point;
    }
    return { lon: roundCoord(beat.hub.lon), lat: roundCoord(beat.hub.lat) };
  };

  return {
    beats,
    beatsByCode,
    districtBeats: (district) => byDistrict.get(district) ?? [],
    beatAt,
    insideCityApprox,
    segmentInside,
    randomPointInBeat,
    route,
  };
}

/** Distance in metres from a point to the nearest edge of a beat (local planar approximation). */
function boundaryDistance(beat: BeatShape, point: LonLat, metresPerDegreeLon: number): number {
  let best = Infinity;
  const px = point.lon * metresPerDegreeLon;
  const py = point.lat * metresPerDegreeLat;
  for (const rings of beat.polygons) {
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const ax = ring[i - 1]![0] * metresPerDegreeLon;
        const ay = ring[i - 1]![1] * metresPerDegreeLat;
        const bx = ring[i]![0] * metresPerDegreeLon;
        const by = ring[i]![1] * metresPerDegreeLat;
        const dx = bx - ax;
        const dy = by - ay;
        const lengthSq = dx * dx + dy * dy;
        const t =
          lengthSq > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSq)) : 0;
        best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)));
      }
    }
  }
  return best;
}
