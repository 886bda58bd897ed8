/**
 * The load for the map benchmark, in a process of its own: registers units and open calls
 * through the public ingest API, then reports a position for every unit every second until
 * told to stop. Writes one JSON line per event on stdout for the runner (see `FeedMessage`).
 *
 *   node bench/map/feed.ts   (environment: FEED_BASE_URL, FEED_TOKEN, FEED_UNITS, FEED_CALLS,
 *                             FEED_INTERVAL_MS, FEED_AGENCY)
 */
import { readFile } from 'node:fs/promises';
import type { AgencyConfig, IngestResponse } from '@watchfloor/contracts';
import { findArea, type Area } from '@watchfloor/domain';

export type FeedMessage =
  | { type: 'setup'; what: 'units' | 'calls'; count: number; ms: number; applied: number }
  | { type: 'ready' }
  | {
      type: 'tick';
      /** Wall-clock time the request was sent (ms since the epoch). */
      at: number;
      positions: number;
      applied: number;
      /** Time the feed spent building the request body. */
      buildMs: number;
      /** Round trip of the POST, server work included. */
      requestMs: number;
      /** Ticks skipped because the previous request was still in flight. */
      skipped: number;
      bodyBytes: number;
    }
  | { type: 'error'; message: string };

function emit(message: FeedMessage) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
}

const baseUrl = env('FEED_BASE_URL');
const token = env('FEED_TOKEN');
const unitCount = Number(env('FEED_UNITS', '5000'));
const callCount = Number(env('FEED_CALLS', '1000'));
const intervalMs = Number(env('FEED_INTERVAL_MS', '1000'));
const agency = JSON.parse(await readFile(env('FEED_AGENCY'), 'utf8')) as AgencyConfig;

/** A deterministic generator (mulberry32), so every run drives the same city. */
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = rng(4);

const districts = agency.districts.features as Area<{ code: string }>[];
const allPositions = districts.flatMap((district) =>
  district.geometry.type === 'Polygon'
    ? district.geometry.coordinates.flat()
    : district.geometry.coordinates.flat(2),
);
const bounds = {
  west: Math.min(...allPositions.map(([lon]) => lon)),
  east: Math.max(...allPositions.map(([lon]) => lon)),
  south: Math.min(...allPositions.map(([, lat]) => lat)),
  north: Math.max(...allPositions.map(([, lat]) => lat)),
};

/** A random point inside the given district (or any district), by rejection sampling. */
function pointIn(code?: string): { lon: number; lat: number; district: string } {
  for (;;) {
    const point = {
      lon: bounds.west + random() * (bounds.east - bounds.west),
      lat: bounds.south + random() * (bounds.north - bounds.south),
    };
    const district = findArea(districts, point)?.code;
    if (district && (code === undefined || district === code)) return { ...point, district };
  }
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

async function post(path: string, body: string): Promise<IngestResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as IngestResponse;
}

async function inBatches<T>(
  what: 'units' | 'calls',
  items: T[],
  send: (batch: T[]) => Promise<IngestResponse>,
) {
  const started = performance.now();
  let applied = 0;
  for (let offset = 0; offset < items.length; offset += 1000) {
    const result = await send(items.slice(offset, offset + 1000));
    applied += result.summary.applied ?? 0;
    const rejected = result.results.find((item) => item.outcome === 'rejected');
    if (rejected) throw new Error(`${what}: ${JSON.stringify(rejected)}`);
  }
  emit({ type: 'setup', what, count: items.length, ms: performance.now() - started, applied });
}

// Units spread evenly over the districts, each starting somewhere inside its own.
const startedAt = new Date().toISOString();
const codes = districts.map((district) => district.properties.code);
const units = Array.from({ length: unitCount }, (_, index) => {
  const home = codes[index % codes.length]!;
  const { lon, lat } = pointIn(home);
  return {
    callSign: `B${String(index + 1).padStart(4, '0')}`,
    home,
    lon,
    lat,
    heading: random() * 360,
    speed: 5 + random() * 10,
  };
});
await inBatches('units', units, (batch) =>
  post(
    '/api/ingest/units',
    JSON.stringify({
      source: 'bench-roster',
      events: batch.map((unit) => ({
        sourceEventId: `unit-${unit.callSign}`,
        callSign: unit.callSign,
        at: startedAt,
        type: 'patrol',
        homeDistrict: unit.home,
        status: 'available',
      })),
    }),
  ),
);

const callTypes = agency.callTypes.map((type) => type.code);
const calls = Array.from({ length: callCount }, (_, index) => {
  const { lon, lat } = pointIn();
  return {
    sourceEventId: `call-${index}`,
    sourceCallId: `BENCH-${index}`,
    at: new Date(Date.now() - random() * 3_600_000).toISOString(),
    status: 'pending',
    callType: callTypes[index % callTypes.length],
    priority: 1 + (index % 4),
    lat: round6(lat),
    lon: round6(lon),
    address: `${100 + index} Bench Street`,
  };
});
await inBatches('calls', calls, (batch) =>
  post('/api/ingest/calls', JSON.stringify({ source: 'bench-cad', events: batch })),
);
emit({ type: 'ready' });

const metresPerDegree = 111_320;
let lastMove = performance.now();

/** Moves every unit along its heading, turning a little, bouncing off the city's edges. */
function move() {
  const now = performance.now();
  const seconds = (now - lastMove) / 1000;
  lastMove = now;
  for (const unit of units) {
    unit.heading = (unit.heading + (random() - 0.5) * 30 + 360) % 360;
    const radians = (unit.heading * Math.PI) / 180;
    const metres = unit.speed * seconds;
    unit.lat += (Math.cos(radians) * metres) / metresPerDegree;
    unit.lon +=
      (Math.sin(radians) * metres) / (metresPerDegree * Math.cos((unit.lat * Math.PI) / 180));
    if (
      unit.lat < bounds.south ||
      unit.lat > bounds.north ||
      unit.lon < bounds.west ||
      unit.lon > bounds.east
    ) {
      unit.heading = (unit.heading + 180) % 360;
      unit.lat = Math.min(bounds.north, Math.max(bounds.south, unit.lat));
      unit.lon = Math.min(bounds.east, Math.max(bounds.west, unit.lon));
    }
  }
}

let inFlight = false;
let skipped = 0;
let stopping = false;

async function tick() {
  if (inFlight) {
    // The server is behind: this second's reports are superseded by the next request's.
    skipped += 1;
    return;
  }
  inFlight = true;
  const buildStart = performance.now();
  move();
  const at = new Date().toISOString();
  const body = JSON.stringify({
    positions: units.map((unit) => ({
      unit: unit.callSign,
      lat: round6(unit.lat),
      lon: round6(unit.lon),
      heading: Math.round(unit.heading * 10) / 10,
      speed: Math.round(unit.speed * 10) / 10,
      at,
    })),
  });
  const sent = performance.now();
  const sentAt = Date.now();
  try {
    const result = await post('/api/ingest/positions', body);
    emit({
      type: 'tick',
      at: sentAt,
      positions: units.length,
      applied: result.summary.applied ?? 0,
      buildMs: sent - buildStart,
      requestMs: performance.now() - sent,
      skipped,
      bodyBytes: body.length,
    });
  } catch (error) {
    emit({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    skipped = 0;
    inFlight = false;
  }
}

// Ticks on a fixed schedule (not "a second after the last one finished").
let next = performance.now();
function schedule() {
  if (stopping) return;
  next += intervalMs;
  setTimeout(
    () => {
      void tick();
      schedule();
    },
    Math.max(0, next - performance.now()),
  );
}
void tick();
schedule();

process.on('SIGTERM', () => {
  stopping = true;
  process.exit(0);
});
