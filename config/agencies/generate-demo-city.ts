/**
 * Generates `config/agencies/demo.json`: the agency configuration of Harbor City, a fictional
 * coastal city used for demos and tests. Nothing here is fetched or copied from a real city; the
 * outline, districts and beats are computed from the constants below.
 *
 *   node config/agencies/generate-demo-city.ts
 *
 * Deterministic: the only randomness is a seeded mulberry32 PRNG, so running it twice gives a
 * byte-identical file.
 *
 * How the geometry is built:
 * 1. Four boundary curves (a west coastline with a harbour bay and a headland, and irregular city
 *    limits on the other sides) are blended into a curvilinear 16 × 16 grid over the city with a
 *    Coons patch, so the grid fills the irregular outline exactly.
 * 2. Interior grid vertices are jittered (seeded) so that beat boundaries look like streets rather
 *    than ruled lines. Outline edges get extra points that follow the boundary curves.
 * 3. Every grid cell is assigned to one beat by the ASCII map `LAYOUT`; a district is the union of
 *    its beats. Each polygon is the traced boundary of its cells, so neighbouring beats share the
 *    very same vertices: the beats tile their district and the districts tile the city, with no
 *    gaps or overlaps by construction.
 * 4. Boundaries are simplified (Douglas–Peucker, 50 m) chain by chain between the points where
 *    three areas meet, so shared edges stay identical on both sides.
 * 5. Coordinates are kilometres east/north of `ORIGIN`, converted to WGS84 lon/lat and rounded to
 *    6 decimals (about 0.1 m). Rings are closed and exterior rings are counter-clockwise (RFC 7946).
 *    The script checks every ring is simple and counter-clockwise, that no two beat edges cross,
 *    that beat areas add up to their district and district areas to the city, and throws if not.
 */
import { writeFileSync } from 'node:fs';

// ---------------------------------------------------------------------------------------------
// Constants

const SEED = 0x4a2b0c17;
const OUTPUT = new URL('./demo.json', import.meta.url);

/** A spot on the northern California coast with no real city of this size. The shoreline drawn
 * here is synthetic and does not follow the real one; the app shows no basemap (`styleUrl: null`). */
const ORIGIN = { lon: -123.74, lat: 39.82 };
const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON = 111.32 * Math.cos((ORIGIN.lat * Math.PI) / 180);

/** Grid resolution: GRID × GRID cells of about 0.75 km over a city about 12 km across. */
const GRID = 16;
/** Maximum jitter of an interior grid vertex, as a fraction of a cell. */
const JITTER = 0.17;
/** Extra points inserted on each outline edge (the coast gets more detail than the city limits). */
const COAST_POINTS = 3;
const LIMIT_POINTS = 1;

/**
 * Beat of every grid cell. Rows run north (first line) to south, columns west to east; the west
 * edge is the coast. Letters are keys of `BEATS`.
 */
const LAYOUT = [
  'ggghhhhhllllmmmm',
  'ggghhhhhllllmmmm',
  'gggiiijjllllmmmm',
  'kkkiiijjnnnooopp',
  'kkkiiijjnnnooopp',
  'aaabbbqqnnnooopp',
  'aaabbbqqrrrooopp',
  'cccddbqqrrrppppp',
  'cccddeqqrrrppppp',
  'fffddeqqsssttttt',
  'ffffeeqqsssttttt',
  'uuuuvvvvwwwttttt',
  'uuuuvvvvwwwzzzzz',
  'xxxxyyyywwwzzzzz',
  'xxxxyyyyzzzzzzzz',
  'xxxxyyyyzzzzzzzz',
];

const DISTRICTS = [
  { code: '1', name: 'District 1 – Downtown' },
  { code: '2', name: 'District 2 – North Shore' },
  { code: '3', name: 'District 3 – Eastern Hills' },
  { code: '4', name: 'District 4 – Central' },
  { code: '5', name: 'District 5 – South Harbor' },
] as const;

const BEATS: Record<string, { code: string; name: string }> = {
  a: { code: '1A', name: 'Harborfront' },
  b: { code: '1B', name: 'Old Town' },
  c: { code: '1C', name: 'Civic Center' },
  d: { code: '1D', name: 'Market Street' },
  e: { code: '1E', name: 'Pier Row' },
  f: { code: '1F', name: 'Cannery' },
  g: { code: '2A', name: 'Lighthouse Point' },
  h: { code: '2B', name: 'Bluffside' },
  i: { code: '2C', name: 'Seacliff' },
  j: { code: '2D', name: 'Northgate' },
  k: { code: '2E', name: 'Alder Park' },
  l: { code: '3A', name: 'Ridgecrest' },
  m: { code: '3B', name: 'Summit' },
  n: { code: '3C', name: 'Redwood Heights' },
  o: { code: '3D', name: 'Foothill' },
  p: { code: '3E', name: 'Eastlake' },
  q: { code: '4A', name: 'Midtown' },
  r: { code: '4B', name: 'Fairgrounds' },
  s: { code: '4C', name: 'Rail Yard' },
  t: { code: '4D', name: 'Mill Creek' },
  u: { code: '5A', name: 'Shipyard' },
  v: { code: '5B', name: 'Dry Dock' },
  w: { code: '5C', name: 'Southgate' },
  x: { code: '5D', name: 'Marsh Flats' },
  y: { code: '5E', name: 'Willow Glen' },
  z: { code: '5F', name: 'Airport' },
};

/**
 * Priority levels and interval targets in seconds, read as 90th-percentile goals. Intervals:
 * processing = received → dispatched, travel = dispatched → on scene, response = received → on
 * scene. No `total` (received → closed) target: close times mostly measure report writing and
 * are not a response goal. Reasoning in docs/DEMO-DATA.md.
 */
const PRIORITIES = [
  { level: 1, label: 'Emergency', targets: { processing: 90, travel: 390, response: 480 } },
  { level: 2, label: 'Urgent', targets: { processing: 180, travel: 720, response: 900 } },
  { level: 3, label: 'Routine', targets: { processing: 900, travel: 900, response: 1800 } },
  { level: 4, label: 'Non-urgent', targets: { processing: 1800, travel: 1800, response: 3600 } },
];

/** APCO 2.103-style incident types: [code, description, default priority, officer-initiated]. */
const CALL_TYPES: [string, string, number, boolean][] = [
  ['SHOTS', 'Shots fired', 1, false],
  ['ROBB', 'Robbery', 1, false],
  ['ASLTW', 'Assault with a weapon', 1, false],
  ['CARJK', 'Carjacking', 1, false],
  ['ACCI', 'Traffic collision – injury', 1, false],
  ['OFCR', 'Officer needs assistance', 1, false],
  ['MEDIC', 'Medical assist (EMS)', 2, false],
  ['FIRE', 'Fire – assist fire department', 2, false],
  ['BATT', 'Battery / fight', 2, false],
  ['DOMV', 'Domestic disturbance', 2, false],
  ['DIST', 'Disturbance', 2, false],
  ['HANGUP', '911 hang-up / abandoned call', 2, false],
  ['BURG', 'Burglary', 2, false],
  ['WELCK', 'Welfare check', 2, false],
  ['MENTL', 'Mental health crisis', 2, false],
  ['HAZ', 'Hazardous situation', 2, false],
  ['SUSP', 'Suspicious person', 2, false],
  ['RECKD', 'Reckless driving / sideshow', 2, false],
  ['MISS', 'Missing person', 2, false],
  ['ALARM', 'Alarm', 3, false],
  ['VTHFT', 'Stolen vehicle', 3, false],
  ['VRECV', 'Recovered stolen vehicle', 3, false],
  ['BURGV', 'Vehicle burglary', 3, false],
  ['THEFT', 'Theft', 3, false],
  ['VAND', 'Vandalism', 3, false],
  ['ACC', 'Traffic collision – property damage', 3, false],
  ['SUSV', 'Suspicious vehicle', 3, false],
  ['TRESP', 'Trespass', 3, false],
  ['THRT', 'Threats / harassment', 3, false],
  ['ASSIST', 'Citizen assist', 3, false],
  ['TRAF', 'Traffic stop', 3, true],
  ['PEDST', 'Pedestrian stop', 3, true],
  ['OTHER', 'Other / miscellaneous', 3, false],
  ['NOISE', 'Noise complaint', 4, false],
  ['PARK', 'Parking / abandoned vehicle', 4, false],
  ['REPT', 'Report / follow-up', 4, false],
  ['ANIML', 'Animal complaint', 4, false],
  ['SECCK', 'Security check', 4, true],
  ['INFO', 'Beat information / broadcast', 4, true],
  ['ADMIN', 'Administrative activity', 4, true],
];

const DISPOSITIONS = [
  { code: 'ARR', description: 'Arrest made' },
  { code: 'CIT', description: 'Citation issued' },
  { code: 'RPT', description: 'Report taken' },
  { code: 'ADV', description: 'Advised / assisted' },
  { code: 'WARN', description: 'Warning given' },
  { code: 'GOA', description: 'Gone on arrival' },
  { code: 'UTL', description: 'Unable to locate' },
  { code: 'UNF', description: 'Unfounded' },
  { code: 'REF', description: 'Referred to other agency' },
  { code: 'CAN', description: 'Cancelled by caller or dispatch' },
  { code: 'DUP', description: 'Duplicate call' },
  { code: 'NR', description: 'Handled, no report' },
];

// ---------------------------------------------------------------------------------------------
// Seeded randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(SEED);
const between = (lo: number, hi: number): number => lo + (hi - lo) * random();

// ---------------------------------------------------------------------------------------------
// Outline: four boundary curves in km, each a straight corner-to-corner line plus offsets that
// vanish at the corners.

type Point = [number, number];

const SW: Point = [-5.7, -6.0];
const SE: Point = [6.1, -5.8];
const NW: Point = [-6.2, 6.1];
const NE: Point = [5.6, 6.2];

/** Smooth seeded noise on t ∈ [0, 1] that is 0 at both ends. */
function wiggle(amplitude: number, harmonics: number[]): (t: number) => number {
  const terms = harmonics.map((k) => ({
    k,
    phase: between(0, 2 * Math.PI),
    a: between(0.5, 1) / k,
  }));
  const norm = terms.reduce((sum, term) => sum + term.a, 0);
  return (t) =>
    (amplitude / norm) *
    Math.sin(Math.PI * t) *
    terms.reduce((sum, { k, phase, a }) => sum + a * Math.sin(2 * Math.PI * k * t + phase), 0);
}

const bump = (t: number, centre: number, width: number): number =>
  Math.exp(-(((t - centre) / width) ** 2));

const coastNoise = wiggle(0.5, [3, 5, 7, 11, 13]);
const eastNoise = wiggle(0.55, [2, 3, 5, 7]);
const southNoise = wiggle(0.45, [2, 4, 6]);
const northNoise = wiggle(0.45, [2, 3, 5, 7]);

const lerp = (a: Point, b: Point, t: number): Point => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
];

/** West edge, south → north: the coast, with the harbour bay and a headland to the north. */
function west(t: number): Point {
  const [x, y] = lerp(SW, NW, t);
  const harbour = 2.1 * bump(t, 0.47, 0.075);
  const headland = -0.8 * bump(t, 0.82, 0.06);
  const spit = -0.35 * bump(t, 0.2, 0.05);
  return [x + harbour + headland + spit + coastNoise(t), y];
}
/** East edge, south → north: city limits with a notch of unincorporated hills. */
function east(t: number): Point {
  const [x, y] = lerp(SE, NE, t);
  return [x - 0.9 * bump(t, 0.62, 0.09) + eastNoise(t), y];
}
function south(t: number): Point {
  const [x, y] = lerp(SW, SE, t);
  return [x, y + 0.4 * bump(t, 0.35, 0.12) + southNoise(t)];
}
function north(t: number): Point {
  const [x, y] = lerp(NW, NE, t);
  return [x, y - 0.5 * bump(t, 0.7, 0.1) + northNoise(t)];
}

/** Coons patch: maps the unit square onto the region bounded by the four curves. */
function patch(u: number, v: number): Point {
  const w = west(v);
  const e = east(v);
  const s = south(u);
  const n = north(u);
  const out: Point = [0, 0];
  for (const i of [0, 1] as const) {
    out[i] =
      (1 - u) * w[i] +
      u * e[i] +
      (1 - v) * s[i] +
      v * n[i] -
      ((1 - u) * (1 - v) * SW[i] + u * (1 - v) * SE[i] + (1 - u) * v * NW[i] + u * v * NE[i]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Grid vertices (i = column 0..GRID west → east, j = row 0..GRID south → north)

const vertexKey = (i: number, j: number): string => `${i},${j}`;
const warpPhase = [between(0, 2 * Math.PI), between(0, 2 * Math.PI)];

function gridUV(i: number, j: number): Point {
  let u = i / GRID;
  let v = j / GRID;
  if (i > 0 && i < GRID && j > 0 && j < GRID) {
    // A gentle large-scale warp plus per-vertex jitter, both zero on the outline.
    u += 0.025 * Math.sin(2 * Math.PI * 1.3 * v + warpPhase[0]!) * Math.sin(Math.PI * u);
    v += 0.025 * Math.sin(2 * Math.PI * 1.1 * u + warpPhase[1]!) * Math.sin(Math.PI * v);
    u += between(-JITTER, JITTER) / GRID;
    v += between(-JITTER, JITTER) / GRID;
  }
  return [u, v];
}

const vertices = new Map<string, Point>();
for (let j = 0; j <= GRID; j++) {
  for (let i = 0; i <= GRID; i++) {
    const [u, v] = gridUV(i, j);
    vertices.set(vertexKey(i, j), patch(u, v));
  }
}

/** Extra points along an outline edge from grid vertex a to grid vertex b (exclusive), as keys. */
function edgeDetail(a: [number, number], b: [number, number]): string[] {
  const [ai, aj] = a;
  const [bi, bj] = b;
  const onWest = ai === 0 && bi === 0;
  const onEast = ai === GRID && bi === GRID;
  const onSouth = aj === 0 && bj === 0;
  const onNorth = aj === GRID && bj === GRID;
  if (!onWest && !onEast && !onSouth && !onNorth) return [];
  const count = onWest ? COAST_POINTS : LIMIT_POINTS;
  const keys: string[] = [];
  for (let k = 1; k <= count; k++) {
    const f = k / (count + 1);
    const i = ai + (bi - ai) * f;
    const j = aj + (bj - aj) * f;
    const key = vertexKey(i, j);
    if (!vertices.has(key)) vertices.set(key, patch(i / GRID, j / GRID));
    keys.push(key);
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Cell sets → boundary rings

type Cell = [number, number]; // [column, row], row 0 = south

function cellsOf(letters: Set<string>): Cell[] {
  const cells: Cell[] = [];
  LAYOUT.forEach((line, lineIndex) => {
    const row = GRID - 1 - lineIndex;
    [...line].forEach((letter, col) => {
      if (letters.has(letter)) cells.push([col, row]);
    });
  });
  return cells;
}

/** The boundary of a union of cells as one counter-clockwise ring of point keys. */
function traceBoundary(cells: Cell[], label: string): string[] {
  const edges = new Map<string, [string, string]>();
  for (const [c, r] of cells) {
    const corners = [
      vertexKey(c, r),
      vertexKey(c + 1, r),
      vertexKey(c + 1, r + 1),
      vertexKey(c, r + 1),
    ];
    for (let k = 0; k < 4; k++) {
      const from = corners[k]!;
      const to = corners[(k + 1) % 4]!;
      const reverse = `${to}>${from}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${from}>${to}`, [from, to]);
    }
  }
  const next = new Map<string, string>();
  for (const [from, to] of edges.values()) {
    if (next.has(from)) throw new Error(`${label}: boundary touches itself at ${from}`);
    next.set(from, to);
  }
  const start = next.keys().next().value;
  if (start === undefined) throw new Error(`${label}: no cells`);
  const ring: string[] = [start];
  for (let key = next.get(start)!; key !== start; key = next.get(key)!) ring.push(key);
  if (ring.length !== next.size) throw new Error(`${label}: not a single simply connected area`);
  const gridIndex = (key: string): [number, number] =>
    key.split(',').map(Number) as [number, number];
  return ring.flatMap((key, index) => [
    key,
    ...edgeDetail(gridIndex(key), gridIndex(ring[(index + 1) % ring.length]!)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Topology-preserving simplification. Rings are cut at junctions (points where three or more
// areas, counting "outside the city", meet); each chain between two junctions is simplified once
// with Douglas–Peucker and reused, in either direction, by every ring that contains it. Shared
// boundaries therefore stay identical in neighbouring beats and in the districts.

/** Douglas–Peucker tolerance: drops grid vertices that add less than 50 m of shape, which keeps
 * polygons at roughly 8–40 vertices. */
const SIMPLIFY_KM = 0.05;

function douglasPeucker(points: Point[], tolerance: number): Point[] {
  if (points.length <= 2) return points;
  const [ax, ay] = points[0]!;
  const [bx, by] = points[points.length - 1]!;
  const length = Math.hypot(bx - ax, by - ay);
  let worst = 0;
  let worstIndex = 0;
  for (let k = 1; k < points.length - 1; k++) {
    const [px, py] = points[k]!;
    const distance =
      length === 0
        ? Math.hypot(px - ax, py - ay)
        : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
    if (distance > worst) {
      worst = distance;
      worstIndex = k;
    }
  }
  if (worst <= tolerance) return [points[0]!, points[points.length - 1]!];
  const left = douglasPeucker(points.slice(0, worstIndex + 1), tolerance);
  const right = douglasPeucker(points.slice(worstIndex), tolerance);
  return [...left.slice(0, -1), ...right];
}

function makeSimplifier(areaRings: string[][]): (ring: string[], label: string) => string[] {
  const areasAt = new Map<string, number>();
  for (const ring of areaRings)
    for (const key of ring) areasAt.set(key, (areasAt.get(key) ?? 0) + 1);
  // Points on the city outline also touch "outside".
  const junction = (key: string): boolean =>
    (areasAt.get(key) ?? 0) + (outlineKeys.has(key) ? 1 : 0) >= 3;
  const chains = new Map<string, string[]>();

  return (ring, label) => {
    const first = ring.findIndex(junction);
    if (first < 0) throw new Error(`${label}: ring has no junction`);
    const rotated = [...ring.slice(first), ...ring.slice(0, first)];
    const out: string[] = [];
    let chain: string[] = [rotated[0]!];
    const flush = (): void => {
      const reversed = [...chain].reverse();
      const forward = chain.join(';') <= reversed.join(';');
      const canonical = forward ? chain : reversed;
      const cacheKey = canonical.join(';');
      let simplified = chains.get(cacheKey);
      if (!simplified) {
        const points = canonical.map((key) => vertices.get(key)!);
        const kept = new Set(douglasPeucker(points, SIMPLIFY_KM));
        simplified = canonical.filter((key) => kept.has(vertices.get(key)!));
        chains.set(cacheKey, simplified);
      }
      out.push(...(forward ? simplified : [...simplified].reverse()).slice(0, -1));
    };
    for (const key of rotated.slice(1)) {
      chain.push(key);
      if (junction(key)) {
        flush();
        chain = [key];
      }
    }
    chain.push(rotated[0]!);
    flush();
    return out;
  };
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
const toLonLat = ([x, y]: Point): Point => [
  round6(ORIGIN.lon + x / KM_PER_DEG_LON),
  round6(ORIGIN.lat + y / KM_PER_DEG_LAT),
];

function ringCoordinates(ring: string[]): Point[] {
  const out = ring.map((key) => toLonLat(vertices.get(key)!));
  out.push([...out[0]!]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checks on the finished rings

/** Shoelace area in square degrees; positive for counter-clockwise rings. */
function signedArea(ring: Point[]): number {
  let sum = 0;
  for (let k = 0; k < ring.length - 1; k++) {
    const [x1, y1] = ring[k]!;
    const [x2, y2] = ring[k + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

function segmentsCross(p1: Point, p2: Point, p3: Point, p4: Point): boolean {
  const d = (a: Point, b: Point, c: Point): number =>
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const d1 = d(p3, p4, p1);
  const d2 = d(p3, p4, p2);
  const d3 = d(p1, p2, p3);
  const d4 = d(p1, p2, p4);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function assertSimple(ring: Point[], label: string): void {
  const n = ring.length - 1;
  const seen = new Set(ring.slice(0, n).map((p) => p.join(',')));
  if (seen.size !== n) throw new Error(`${label}: repeated vertex`);
  for (let a = 0; a < n; a++) {
    for (let b = a + 2; b < n; b++) {
      if (a === 0 && b === n - 1) continue;
      if (segmentsCross(ring[a]!, ring[a + 1]!, ring[b]!, ring[b + 1]!)) {
        throw new Error(`${label}: ring intersects itself`);
      }
    }
  }
  if (signedArea(ring) <= 0) throw new Error(`${label}: ring is not counter-clockwise`);
}

// ---------------------------------------------------------------------------------------------
// Assemble

const districtOfLetter = (letter: string): string => BEATS[letter]!.code.slice(0, -1);

const layoutLetters = new Set(LAYOUT.join(''));
for (const letter of layoutLetters) {
  if (!BEATS[letter]) throw new Error(`LAYOUT uses unknown beat letter ${letter}`);
}
if (LAYOUT.length !== GRID || LAYOUT.some((line) => line.length !== GRID)) {
  throw new Error(`LAYOUT must be ${GRID} × ${GRID}`);
}

const cityRing = traceBoundary(cellsOf(layoutLetters), 'city');
const outlineKeys = new Set(cityRing);
const beatRings = Object.entries(BEATS).map(([letter, beat]) => ({
  letter,
  beat,
  cells: cellsOf(new Set([letter])).length,
  ring: traceBoundary(cellsOf(new Set([letter])), `beat ${beat.code}`),
}));
const simplify = makeSimplifier(beatRings.map(({ ring }) => ring));

const beatFeatures = beatRings.map(({ letter, beat, cells, ring }) => {
  const coordinates = ringCoordinates(simplify(ring, `beat ${beat.code}`));
  assertSimple(coordinates, `beat ${beat.code}`);
  return {
    type: 'Feature' as const,
    properties: {
      code: beat.code,
      name: `Beat ${beat.code} – ${beat.name}`,
      district: districtOfLetter(letter),
    },
    geometry: { type: 'Polygon' as const, coordinates: [coordinates] },
    cells,
  };
});

const districtFeatures = DISTRICTS.map((district) => {
  const letters = new Set(
    Object.keys(BEATS).filter((letter) => districtOfLetter(letter) === district.code),
  );
  const label = `district ${district.code}`;
  const coordinates = ringCoordinates(simplify(traceBoundary(cellsOf(letters), label), label));
  assertSimple(coordinates, label);
  return {
    type: 'Feature' as const,
    properties: { code: district.code, name: district.name },
    geometry: { type: 'Polygon' as const, coordinates: [coordinates] },
  };
});

// The beats of a district must add up to the district (they share vertices, so only rounding of the
// shoelace sum can differ).
for (const district of districtFeatures) {
  const beats = beatFeatures.filter(
    (beat) => beat.properties.district === district.properties.code,
  );
  if (beats.length < 4 || beats.length > 6) {
    throw new Error(`district ${district.properties.code} has ${beats.length} beats`);
  }
  const beatArea = beats.reduce((sum, beat) => sum + signedArea(beat.geometry.coordinates[0]!), 0);
  const districtArea = signedArea(district.geometry.coordinates[0]!);
  if (Math.abs(beatArea - districtArea) > 1e-9) {
    throw new Error(`district ${district.properties.code}: beats do not tile it`);
  }
}

const outline = ringCoordinates(simplify(cityRing, 'city'));
assertSimple(outline, 'city');
const cityArea = signedArea(outline);
const districtSum = districtFeatures.reduce(
  (sum, d) => sum + signedArea(d.geometry.coordinates[0]!),
  0,
);
if (Math.abs(cityArea - districtSum) > 1e-9) throw new Error('districts do not tile the city');

// No two beat edges may cross anywhere (simplification could in principle push a chain across a
// neighbouring one).
const segments = new Map<string, [Point, Point]>();
for (const beat of beatFeatures) {
  const ring = beat.geometry.coordinates[0]!;
  for (let k = 0; k < ring.length - 1; k++) {
    const a = ring[k]!;
    const b = ring[k + 1]!;
    const key = [a.join(','), b.join(',')].sort().join(';');
    segments.set(key, [a, b]);
  }
}
const allSegments = [...segments.values()];
for (let x = 0; x < allSegments.length; x++) {
  for (let y = x + 1; y < allSegments.length; y++) {
    const [p1, p2] = allSegments[x]!;
    const [p3, p4] = allSegments[y]!;
    if (segmentsCross(p1, p2, p3, p4)) throw new Error(`beat edges cross near ${p1.join(',')}`);
  }
}
const lons = outline.map((p) => p[0]);
const lats = outline.map((p) => p[1]);
const center: Point = [
  round6((Math.min(...lons) + Math.max(...lons)) / 2),
  round6((Math.min(...lats) + Math.max(...lats)) / 2),
];

const config = {
  id: 'demo',
  name: 'Harbor City Police Department',
  timeZone: 'America/Los_Angeles',
  map: { center, zoom: 12, styleUrl: null },
  districts: { type: 'FeatureCollection', features: districtFeatures },
  beats: {
    type: 'FeatureCollection',
    features: beatFeatures.map(({ cells: _cells, ...feature }) => feature),
  },
  priorities: PRIORITIES,
  callTypes: CALL_TYPES.map(([code, description, defaultPriority, officerInitiated]) => ({
    code,
    description,
    defaultPriority,
    officerInitiated,
  })),
  dispositions: DISPOSITIONS,
};

writeFileSync(OUTPUT, `${JSON.stringify(config, null, 2)}\n`);

const kmArea = (ring: Point[]): number => signedArea(ring) * KM_PER_DEG_LON * KM_PER_DEG_LAT;
const vertexCounts = [...beatFeatures, ...districtFeatures].map(
  (f) => f.geometry.coordinates[0]!.length - 1,
);
process.stdout.write(
  [
    `wrote ${OUTPUT.pathname}`,
    `city area ${kmArea(outline).toFixed(1)} km², extent ${((Math.max(...lons) - Math.min(...lons)) * KM_PER_DEG_LON).toFixed(1)} × ${((Math.max(...lats) - Math.min(...lats)) * KM_PER_DEG_LAT).toFixed(1)} km, centre ${center.join(', ')}`,
    `${districtFeatures.length} districts, ${beatFeatures.length} beats, ${Math.min(...vertexCounts)}–${Math.max(...vertexCounts)} vertices per polygon`,
    ...beatFeatures.map(
      (beat) =>
        `  ${beat.properties.code} ${beat.cells} cells ${kmArea(beat.geometry.coordinates[0]!).toFixed(1)} km² ${beat.geometry.coordinates[0]!.length - 1} vertices`,
    ),
    ...districtFeatures.map(
      (d) =>
        `  district ${d.properties.code} ${kmArea(d.geometry.coordinates[0]!).toFixed(1)} km² ${d.geometry.coordinates[0]!.length - 1} vertices`,
    ),
    '',
  ].join('\n'),
);
