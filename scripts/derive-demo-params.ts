/**
 * Derives SUMMARY parameters for the demo live-call generator from the Oakland calls-for-service
 * test data (Jan–Feb 2024, see /work/shared/data/README.md) and writes
 * `config/agencies/demo-params.json`. No call record, address or coordinate is written: only
 * rates, shares and quantiles. What each number means: docs/DEMO-DATA.md.
 *
 *   node scripts/derive-demo-params.ts [data-dir]
 *
 * `data-dir` defaults to `../shared/data` relative to the repository root. The demo agency
 * (`config/agencies/demo.json`, from `config/agencies/generate-demo-city.ts`) must exist: its call
 * types give the priorities and officer-initiated flags, its beats the spatial ranking.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = new URL('../', import.meta.url);
const DATA_DIR = process.argv[2]
  ? new URL(`${process.argv[2].replace(/\/?$/, '/')}`, `file://${process.cwd()}/`)
  : new URL('../shared/data/', REPO_ROOT);
const DEMO_CONFIG = new URL('config/agencies/demo.json', REPO_ROOT);
const OUTPUT = new URL('config/agencies/demo-params.json', REPO_ROOT);

// ---------------------------------------------------------------------------------------------
// Oakland CALL_ID → demo call-type code. The 60 most frequent Oakland codes (88% of calls) come
// first, in order of frequency; then less frequent codes that have an unambiguous demo
// equivalent (mainly so that rare officer-initiated activity such as walking stops is not lost).
// Every other code goes to CATCH_ALL.

const CATCH_ALL = 'OTHER';

const CALL_TYPE_MAP: Record<string, string> = {
  // Top 60
  SECCK: 'SECCK', // security check
  '945A': 'MEDIC', // ambulance requested
  '911C': 'HANGUP', // 911 hang up from CP
  '415C': 'DIST', // 415 unknown
  '10851': 'VTHFT', // stolen vehicle
  '933R': 'ALARM', // alarm – ringer
  '911N': 'ASSIST', // police related matter
  R10851: 'VRECV', // recovered stolen vehicle
  '459AU': 'BURGV', // auto burglary
  '976': 'TRAF', // car stop
  INFO: 'INFO', // beat information
  HAZ: 'HAZ', // hazardous situation
  '415SS': 'SHOTS', // ShotSpotter gunfire
  WELCK: 'WELCK', // welfare check
  '5150': 'MENTL', // mentally ill
  MSDIAL: 'HANGUP', // misdial
  '901': 'ACC', // vehicle collision / property
  '242': 'BATT', // battery
  '415': 'DIST', // disturbing the peace
  '929': 'FIRE', // fire
  '459': 'BURG', // burglary
  '949': 'SUSV', // suspicious vehicle
  '211': 'ROBB', // robbery
  SPEC: 'ADMIN', // special assignment
  BTNFO: 'INFO', // beat information
  '484LP': 'THEFT', // stolen licence plate
  '20002': 'ACC', // hit and run, property
  '912': 'SUSP', // suspicious person
  '602L': 'TRESP', // trespass
  EVAL: CATCH_ALL, // "EVALUATION": meaning not documented, left to the catch-all on purpose
  '970B': 'PARK', // auto blocking driveway
  '243E': 'DOMV', // battery on co-habitant
  '484': 'THEFT', // theft
  '23103': 'RECKD', // reckless driving
  '911H': 'HANGUP', // 911 hang-up
  '415F': 'DOMV', // 415 family
  '415TH': 'THRT', // 415 threats
  '901A': 'ACCI', // vehicle collision, injury
  BCAST: 'INFO', // broadcast
  '415N': 'DIST', // disturbance, neighbour
  CKVEH: 'SUSV', // check vehicle
  FUEL: 'ADMIN', // fuel vehicle
  '245': 'ASLTW', // assault with a deadly weapon
  RR: 'ADMIN', // report review
  '415E': 'NOISE', // loud music
  '415GS': 'SHOTS', // 415 gunshots
  '594': 'VAND', // vandalism
  '273_6': 'DOMV', // violation of court (protective) order
  '901B': 'ACC', // vehicle collision, unknown injury
  SIDESH: 'RECKD', // sideshow
  '929AU': 'FIRE', // auto on fire
  '975': 'ASSIST', // stand by and preserve the peace
  '955': 'ANIML', // animal straying
  CODE7: 'ASLTW', // subject armed with weapon
  '905': 'PARK', // abandoned automobile
  ASSIST: 'ASSIST', // assist
  '415CU': 'DIST', // disturbance, customer
  '953': 'REPT', // investigate report of …
  '921': 'BURGV', // car prowler or clout
  '417': 'ASLTW', // brandishing a weapon
  // Less frequent codes with an obvious equivalent
  '415BF': 'DOMV',
  '415GF': 'DOMV',
  '913TH': 'MENTL',
  '913A': 'MENTL',
  '5150B': 'MENTL',
  FNDPRO: 'REPT',
  '215': 'CARJK',
  MP: 'MISS',
  MPRISK: 'MISS',
  MJ: 'MISS',
  '601R': 'MISS',
  ADMIN: 'ADMIN',
  SURV: 'ADMIN',
  SPCENF: 'ADMIN',
  '973': 'ADMIN', // traffic control post
  '945': 'MEDIC',
  PDOA: 'MEDIC',
  OD: 'MEDIC',
  '943': 'BATT', // fight
  '240': 'BATT',
  '946': 'PARK', // tow requested
  '970': 'PARK',
  '970A': 'PARK',
  '970C': 'PARK',
  '160B': 'PARK',
  CODE33: 'OFCR', // emergency traffic only
  '940A': 'OFCR', // cover the officer
  '940B': 'OFCR', // officer needs immediate assistance
  CHASE: 'OFCR', // pursuit
  SUSP: 'SUSP',
  '933MA': 'ALARM',
  '933S': 'ALARM',
  '933SA': 'ALARM',
  '933AU': 'ALARM',
  '597': 'ANIML',
  '955A': 'ANIML',
  '955B': 'ANIML',
  '955E': 'ANIML',
  '955F': 'ANIML',
  '968': 'ANIML',
  '968A': 'ANIML',
  '211S': 'ROBB', // silent robbery alarm
  A211: 'ROBB',
  '212_5': 'ROBB',
  '918': 'DIST', // person screaming
  '415LT': 'DIST',
  '415RM': 'DIST',
  '415UG': 'DIST',
  STALL: 'HAZ',
  GAS: 'HAZ',
  '487': 'THEFT',
  AOA: 'ASSIST', // assist outside agency
  '20001': 'ACCI', // hit and run, injury
  SMOKE: 'FIRE',
  '451': 'FIRE', // arson
  A10851: 'VTHFT',
  '10852': 'VTHFT',
  '977': 'PEDST', // walking stop
  '976A': 'TRAF', // traffic stop, cover
  WALKTR: 'SECCK', // walk-through
  '23152': 'RECKD', // DUI
  '246': 'SHOTS',
  '247': 'SHOTS',
  '415FC': 'NOISE', // fireworks
  NOISE: 'NOISE',
  '906': 'BURG', // forced entry in progress
  A459: 'BURG',
};

/** Quantiles reported for the time to close. */
const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9] as const;
/** A closed call whose last update came this soon after creation was almost surely never dispatched. */
const QUICK_CLOSE_SECONDS = 60;
/** Hotspot count used for the within-beat clustering hint. */
const HOTSPOTS_PER_BEAT = 10;
/** Oakland's regular patrol beats (special areas such as PDT2 and blank beats are left out). */
const PATROL_BEAT = /^\d\d[XYZ]$/;

/**
 * NOT derived. The Oakland feed has no priority, dispatch, arrival or disposition, so the demo
 * simulates them with these chosen values (reasons in docs/DEMO-DATA.md). They are written to the
 * output under `simulated` so the generator has a single source, clearly labelled.
 * Durations are lognormal, given by their median and 90th percentile in seconds.
 */
const SIMULATED = {
  derived: false,
  priority: 'Each call gets the defaultPriority of its call type in demo.json.',
  officerInitiated:
    'Officer-initiated calls are created with the unit already on scene: no processing or travel interval.',
  processing: {
    '1': { median: 45, p90: 90 },
    '2': { median: 80, p90: 180 },
    '3': { median: 300, p90: 900 },
    '4': { median: 600, p90: 1800 },
  },
  travel: {
    '1': { median: 240, p90: 390 },
    '2': { median: 360, p90: 720 },
    '3': { median: 480, p90: 900 },
    '4': { median: 540, p90: 1320 },
  },
  onScene: {
    '1': { median: 4200, p90: 14400 },
    '2': { median: 1600, p90: 7200 },
    '3': { median: 3000, p90: 10800 },
    '4': { median: 1500, p90: 5400 },
  },
  onSceneByCallType: {
    TRAF: { median: 720, p90: 1500 },
    PEDST: { median: 600, p90: 1200 },
    SECCK: { median: 600, p90: 1800 },
    INFO: { median: 300, p90: 1800 },
    ADMIN: { median: 1800, p90: 7200 },
  },
  dispositionShares: {
    ADV: 0.28,
    NR: 0.16,
    RPT: 0.16,
    GOA: 0.09,
    UNF: 0.07,
    CAN: 0.06,
    ARR: 0.05,
    CIT: 0.04,
    WARN: 0.04,
    DUP: 0.03,
    UTL: 0.015,
    REF: 0.005,
  },
};

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF)

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

interface Call {
  callId: string;
  /** Local wall-clock time stored as if UTC (see the data README). */
  created: number;
  updated: number;
  status: string;
  beat: string;
  location: string;
  createdText: string;
}

function readCalls(dir: URL): Call[] {
  const callsDir = new URL('calls/', dir);
  if (!existsSync(callsDir)) {
    console.error(
      `derive-demo-params: no Oakland test data at ${fileURLToPath(callsDir)}.\n` +
        'It is expected next to the repository (../shared/data/calls/*.csv, see its README).\n' +
        'Pass another data directory as the first argument if it lives elsewhere.',
    );
    process.exit(1);
  }
  const files = readdirSync(callsDir)
    .filter((name) => name.endsWith('.csv'))
    .sort();
  if (files.length === 0) {
    console.error(`derive-demo-params: no .csv files in ${fileURLToPath(callsDir)}`);
    process.exit(1);
  }
  const calls: Call[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const [header, ...rows] = parseCsv(readFileSync(new URL(file, callsDir), 'utf8'));
    if (!header) continue;
    const column = (name: string): number => {
      const index = header.indexOf(name);
      if (index < 0) throw new Error(`${file}: no column ${name}`);
      return index;
    };
    const c = {
      event: column('I_EVENTNUMBER'),
      callId: column('CALL_ID'),
      created: column('CALL_DATE'),
      updated: column('TIMEUPDATE'),
      status: column('I_STATUSID'),
      beat: column('ILO_BEAT'),
      location: column('LOCATION'),
      createdText: column('CALL_DATE_STR'),
    };
    for (const row of rows) {
      if (row.length === 1 && row[0] === '') continue;
      if (row.length !== header.length) {
        throw new Error(`${file}: a row has ${row.length} fields, expected ${header.length}`);
      }
      const event = row[c.event]!;
      if (seen.has(event)) throw new Error(`${file}: duplicate event ${event}`);
      seen.add(event);
      calls.push({
        callId: row[c.callId]!,
        created: Number(row[c.created]),
        updated: Number(row[c.updated]),
        status: row[c.status]!,
        beat: row[c.beat]!,
        location: row[c.location]!,
        createdText: row[c.createdText]!,
      });
    }
  }
  return calls;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Linear interpolation between order statistics (numpy's default). `sorted` must be sorted. */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Rounds shares to millionths so that they add up to exactly 1 (largest-remainder method). */
function roundShares(weights: Map<string, number>): Record<string, number> {
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const units = 1_000_000;
  const entries = [...weights.entries()].map(([key, weight]) => {
    const exact = (weight / total) * units;
    return { key, floor: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let missing = units - entries.reduce((sum, e) => sum + e.floor, 0);
  for (const entry of [...entries].sort(
    (a, b) => b.remainder - a.remainder || (a.key < b.key ? -1 : 1),
  )) {
    if (missing <= 0) break;
    entry.floor++;
    missing--;
  }
  return Object.fromEntries(
    entries
      .sort((a, b) => b.floor - a.floor || (a.key < b.key ? -1 : 1))
      .map((e) => [e.key, e.floor / units]),
  );
}

type Position = [number, number];
interface DemoConfig {
  callTypes: { code: string; defaultPriority: number; officerInitiated?: boolean }[];
  priorities: { level: number }[];
  districts: {
    features: { properties: { code: string }; geometry: { coordinates: Position[][] } }[];
  };
  beats: {
    features: {
      properties: { code: string; district: string };
      geometry: { coordinates: Position[][] };
    }[];
  };
}

/** Area centroid of a polygon's exterior ring (planar; fine for a city-sized area). */
function centroid(ring: Position[]): Position {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let k = 0; k < ring.length - 1; k++) {
    const [x1, y1] = ring[k]!;
    const [x2, y2] = ring[k + 1]!;
    const cross = x1 * y2 - x2 * y1;
    area += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  return [cx / (3 * area), cy / (3 * area)];
}

// ---------------------------------------------------------------------------------------------
// Derivation

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_MS = 86_400_000;

const demo = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as DemoConfig;
const demoTypes = new Map(demo.callTypes.map((t) => [t.code, t]));
for (const code of [...new Set(Object.values(CALL_TYPE_MAP)), CATCH_ALL]) {
  if (!demoTypes.has(code))
    throw new Error(`mapping uses ${code}, which demo.json does not define`);
}
const demoCode = (callId: string): string => CALL_TYPE_MAP[callId] ?? CATCH_ALL;

const calls = readCalls(DATA_DIR);
const total = calls.length;

// Time-zone sanity check: the epoch, read as UTC, must show the local wall-clock text.
let clockMismatches = 0;
for (const call of calls) {
  const date = new Date(call.created);
  const match = /^(\d\d)\/(\d\d)\/(\d\d) +(\d+):(\d\d):(\d\d) (AM|PM)$/.exec(call.createdText);
  const hour12 = date.getUTCHours() % 12 || 12;
  const meridiem = date.getUTCHours() < 12 ? 'AM' : 'PM';
  if (
    !match ||
    Number(match[4]) !== hour12 ||
    match[7] !== meridiem ||
    Number(match[5]) !== date.getUTCMinutes()
  ) {
    clockMismatches++;
  }
}

// (a) Calls per hour of day and per weekday × hour, in local time.
const firstDay = Math.floor(Math.min(...calls.map((c) => c.created)) / DAY_MS);
const lastDay = Math.floor(Math.max(...calls.map((c) => c.created)) / DAY_MS);
const days = lastDay - firstDay + 1;
const daysPerWeekday = WEEKDAYS.map(() => 0);
for (let day = firstDay; day <= lastDay; day++)
  daysPerWeekday[new Date(day * DAY_MS).getUTCDay()]!++;

const byHour = Array.from({ length: 24 }, () => 0);
const byWeekdayHour = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));
for (const call of calls) {
  const date = new Date(call.created);
  byHour[date.getUTCHours()]!++;
  byWeekdayHour[date.getUTCDay()]![date.getUTCHours()]!++;
}
const hourly = byHour.map((count) => round(count / days, 2));
const peakHour = byHour.indexOf(Math.max(...byHour));
const troughHour = byHour.indexOf(Math.min(...byHour));
const weekdayHourly = byWeekdayHour.map((hours, weekday) =>
  hours.map((count) => round(count / daysPerWeekday[weekday]!, 2)),
);

// (b) Call-type mix in demo codes.
const mixCounts = new Map<string, number>([...demoTypes.keys()].map((code) => [code, 0]));
const sourceCodes = new Map<string, number>();
for (const call of calls) {
  mixCounts.set(demoCode(call.callId), mixCounts.get(demoCode(call.callId))! + 1);
  sourceCodes.set(call.callId, (sourceCodes.get(call.callId) ?? 0) + 1);
}
for (const [code, count] of mixCounts) if (count === 0) mixCounts.delete(code);
const mix = roundShares(mixCounts);
const unmappedCalls = calls.filter((c) => !(c.callId in CALL_TYPE_MAP)).length;

const priorityCounts = new Map<string, number>();
for (const [code, count] of mixCounts) {
  const level = String(demoTypes.get(code)!.defaultPriority);
  priorityCounts.set(level, (priorityCounts.get(level) ?? 0) + count);
}
const priorityShare = Object.fromEntries(
  [...priorityCounts]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([level, count]) => [level, round(count / total, 4)]),
);

// (c) Officer-initiated share (through the mapping: the feed has no such flag).
const officerInitiated = calls.filter(
  (c) => demoTypes.get(demoCode(c.callId))!.officerInitiated === true,
).length;

// (d) Spatial spread.
const beatCounts = new Map<string, number>();
const beatLocations = new Map<string, Map<string, number>>();
for (const call of calls) {
  if (!PATROL_BEAT.test(call.beat)) continue;
  beatCounts.set(call.beat, (beatCounts.get(call.beat) ?? 0) + 1);
  const locations = beatLocations.get(call.beat) ?? new Map<string, number>();
  locations.set(call.location, (locations.get(call.location) ?? 0) + 1);
  beatLocations.set(call.beat, locations);
}
const beatCallTotal = [...beatCounts.values()].reduce((a, b) => a + b, 0);
const rankedShares = [...beatCounts.values()]
  .sort((a, b) => b - a)
  .map((count) => count / beatCallTotal);
/** Cumulative share of calls in the busiest fraction f of Oakland beats (piecewise linear). */
function cumulativeShare(f: number): number {
  const position = f * rankedShares.length;
  const whole = Math.floor(position);
  let sum = 0;
  for (let k = 0; k < whole && k < rankedShares.length; k++) sum += rankedShares[k]!;
  if (whole < rankedShares.length) sum += rankedShares[whole]! * (position - whole);
  return sum;
}

// Demo beats ranked by demand. Oakland's five districts carry similar loads (17–26% of calls
// each), so the ranking deals ranks out to the districts in turn, like cards: round 1 gives the
// top ranks to the beat of each district nearest the centre of District 1 (downtown/harbour),
// districts taken in order of their own distance from it; round 2 the next-nearest beats; and so
// on. Busy beats thus sit near downtown within every district, and no district is all-busy.
const downtownFeature = demo.districts.features.find((d) => d.properties.code === '1');
if (!downtownFeature) throw new Error('demo.json has no district 1');
const downtown = centroid(downtownFeature.geometry.coordinates[0]!);
const kmPerDegLon = 111.32 * Math.cos((downtown[1] * Math.PI) / 180);
const distanceFromDowntown = (ring: Position[]): number => {
  const [x, y] = centroid(ring);
  return Math.hypot((x - downtown[0]) * kmPerDegLon, (y - downtown[1]) * 110.574);
};
const byDistance = <T extends { code: string; distanceKm: number }>(a: T, b: T): number =>
  a.distanceKm - b.distanceKm || (a.code < b.code ? -1 : 1);
const districtOrder = demo.districts.features
  .map((d) => ({
    code: d.properties.code,
    distanceKm: distanceFromDowntown(d.geometry.coordinates[0]!),
  }))
  .sort(byDistance);
const beatsByDistrict = districtOrder.map(({ code }) =>
  demo.beats.features
    .filter((beat) => beat.properties.district === code)
    .map((beat) => ({
      code: beat.properties.code,
      distanceKm: distanceFromDowntown(beat.geometry.coordinates[0]!),
    }))
    .sort(byDistance),
);
const demoBeats: { code: string }[] = [];
for (let round = 0; demoBeats.length < demo.beats.features.length; round++) {
  for (const beats of beatsByDistrict) {
    const beat = beats[round];
    if (beat) demoBeats.push(beat);
  }
}
const beatWeights = new Map(
  demoBeats.map((beat, rank) => [
    beat.code,
    cumulativeShare((rank + 1) / demoBeats.length) - cumulativeShare(rank / demoBeats.length),
  ]),
);
const beatShares = roundShares(beatWeights);

// Within-beat clustering: how much of a beat's volume sits at its few busiest addresses.
const hotspotShares: number[] = [];
const repeatShares: number[] = [];
const addressesPerCall: number[] = [];
for (const [beat, locations] of beatLocations) {
  const counts = [...locations.values()].sort((a, b) => b - a);
  const beatTotal = beatCounts.get(beat)!;
  hotspotShares.push(counts.slice(0, HOTSPOTS_PER_BEAT).reduce((a, b) => a + b, 0) / beatTotal);
  repeatShares.push(counts.filter((n) => n >= 2).reduce((a, b) => a + b, 0) / beatTotal);
  addressesPerCall.push(counts.length / beatTotal);
}
const median = (values: number[]): number =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
const sortedCopy = (values: number[]): number[] => [...values].sort((a, b) => a - b);

// (e) Time to close by demo priority.
const closed = calls.filter((c) => c.status === 'C');
const intervalsByPriority = new Map<number, number[]>(demo.priorities.map((p) => [p.level, []]));
let zeroIntervals = 0;
const allNonNegative: number[] = [];
const closedByType = new Map<string, { closed: number; quick: number }>();
for (const call of closed) {
  const seconds = (call.updated - call.created) / 1000;
  if (seconds >= 0) allNonNegative.push(seconds);
  if (seconds === 0) zeroIntervals++;
  const byType = closedByType.get(demoCode(call.callId)) ?? { closed: 0, quick: 0 };
  byType.closed++;
  if (seconds >= 0 && seconds <= QUICK_CLOSE_SECONDS) byType.quick++;
  closedByType.set(demoCode(call.callId), byType);
  if (seconds <= 0) continue;
  intervalsByPriority.get(demoTypes.get(demoCode(call.callId))!.defaultPriority)!.push(seconds);
}
const quantileSummary = (values: number[]): Record<string, number> => {
  const sorted = sortedCopy(values);
  return {
    n: sorted.length,
    ...Object.fromEntries(QUANTILES.map((q) => [`p${q * 100}`, Math.round(quantile(sorted, q))])),
  };
};
const quickCloseShare = Object.fromEntries(
  [...closedByType]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, { closed: n, quick }]) => [code, round(quick / n, 3)]),
);
const timeToClose = Object.fromEntries(
  [...intervalsByPriority].map(([level, values]) => [String(level), quantileSummary(values)]),
);

// ---------------------------------------------------------------------------------------------
// Output

const dayText = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const params = {
  $comment:
    'Summary parameters for the Harbor City demo, derived from Oakland (CA) calls for service by scripts/derive-demo-params.ts. No call records. See docs/DEMO-DATA.md.',
  source: {
    dataset:
      'Oakland Police Department calls for service (City of Oakland ArcGIS layer), one row per event',
    period: { from: dayText(firstDay), to: dayText(lastDay), days },
    calls: total,
  },
  timeZone: 'America/Los_Angeles',
  callsPerDay: round(total / days, 2),
  hourly: {
    description: 'Mean calls received in each local hour of the day (index 0–23) over all days.',
    meanCallsPerHour: hourly,
    peakHour,
    troughHour,
  },
  weekdayHourly: {
    description:
      'Mean calls received in each local hour (inner index 0–23) of each weekday (outer index, 0 = Sunday as in Date#getDay).',
    weekdays: WEEKDAYS,
    daysInPeriod: daysPerWeekday,
    meanCallsPerHour: weekdayHourly,
  },
  callTypeMix: {
    description: 'Share of calls per demo call-type code, after mapping Oakland CALL_ID codes.',
    shares: mix,
    sourceCodes: sourceCodes.size,
    mappedSourceCodes: Object.keys(CALL_TYPE_MAP).length,
    catchAllCode: CATCH_ALL,
    unmappedShare: round(unmappedCalls / total, 4),
    priorityShare,
  },
  officerInitiatedShare: round(officerInitiated / total, 4),
  spatial: {
    description:
      'Share of calls per demo beat: Oakland patrol beats ranked by volume, their cumulative share curve resampled at the demo beat count and matched to demo beats by rank (demoBeatRank, busiest first; see docs/DEMO-DATA.md for how demo beats are ranked).',
    oaklandPatrolBeats: rankedShares.length,
    oaklandRankedShares: rankedShares.map((share) => round(share, 5)),
    demoBeatRank: demoBeats.map((beat) => beat.code),
    beatShares,
    withinBeat: {
      description: `Median over Oakland patrol beats of: share of a beat's calls at its ${HOTSPOTS_PER_BEAT} busiest addresses, share at addresses with 2 or more calls, and distinct addresses per call.`,
      hotspotsPerBeat: HOTSPOTS_PER_BEAT,
      hotspotShare: round(median(hotspotShares), 3),
      hotspotShareRange: [
        round(Math.min(...hotspotShares), 3),
        round(Math.max(...hotspotShares), 3),
      ],
      repeatAddressShare: round(median(repeatShares), 3),
      addressesPerCall: round(median(addressesPerCall), 3),
    },
  },
  timeToClose: {
    description:
      'Quantiles (seconds, linear interpolation) of TIMEUPDATE − CALL_DATE for closed calls with an interval > 0, by the demo default priority of the mapped call type. A rough time to close, not a response time.',
    zeroIntervalShareOfClosed: round(zeroIntervals / closed.length, 4),
    byPriority: timeToClose,
    quickCloseSeconds: QUICK_CLOSE_SECONDS,
    quickCloseShareByCallType: quickCloseShare,
  },
  simulated: SIMULATED,
};

writeFileSync(OUTPUT, `${JSON.stringify(params, null, 2)}\n`);

const allSorted = sortedCopy(allNonNegative);
const top5 = Object.entries(mix)
  .slice(0, 5)
  .map(([code, share]) => `${code} ${(share * 100).toFixed(1)}%`)
  .join(', ');
console.log(
  [
    `wrote ${fileURLToPath(OUTPUT)}`,
    `${total} calls over ${days} days (${dayText(firstDay)} … ${dayText(lastDay)}): ${params.callsPerDay} calls/day`,
    `clock check: ${clockMismatches} rows whose CALL_DATE (read as UTC) differs from CALL_DATE_STR`,
    `peak hour ${peakHour}:00 (${hourly[peakHour]}/h), trough ${troughHour}:00 (${hourly[troughHour]}/h)`,
    `top mix: ${top5}; unmapped → ${CATCH_ALL}: ${(params.callTypeMix.unmappedShare * 100).toFixed(1)}%`,
    `officer-initiated share ${(params.officerInitiatedShare * 100).toFixed(1)}%`,
    `README cross-check, closed with interval ≥ 0: n=${allSorted.length} median ${quantile(allSorted, 0.5)} s, p90 ${quantile(allSorted, 0.9)} s`,
    `priority share ${JSON.stringify(priorityShare)}`,
    ...Object.entries(timeToClose).map(
      ([p, q]) =>
        `  P${p} time to close ${JSON.stringify(q)}; simulated medians processing+travel+on scene = ${
          SIMULATED.processing[p as '1'].median +
          SIMULATED.travel[p as '1'].median +
          SIMULATED.onScene[p as '1'].median
        } s`,
    ),
  ].join('\n'),
);
