import { expect } from 'vitest';
import type { ResponseTimeGroup } from '@watchfloor/contracts';
import type { CallStatus } from '@watchfloor/domain';
import type { Database } from '../../src/db/client.ts';
import { callAssignments, calls } from '../../src/db/schema.ts';

let incidentCounter = 0;

/** A call with known instants; unset instants are missing (null). */
export interface CallSpec {
  receivedAt: string;
  dispatchedAt?: string;
  onsceneAt?: string;
  closedAt?: string;
  priority?: number;
  district?: string | null;
  beat?: string | null;
  callType?: string;
  officerInitiated?: boolean;
  /**
   * Closed by default: history, as imported, even when the export lost an instant.
   * Analysts' statistics count finished calls only.
   */
  status?: CallStatus;
}

const orNull = (instant: string | undefined) => (instant === undefined ? null : new Date(instant));

/** Inserts finished calls straight into the table, as the historical importer would. */
export async function insertCalls(db: Database, specs: CallSpec[]): Promise<string[]> {
  const rows = await db
    .insert(calls)
    .values(
      specs.map((spec) => {
        incidentCounter += 1;
        const district = spec.district === undefined ? '1' : spec.district;
        return {
          incidentNumber: `S-${incidentCounter}-${Math.random().toString(36).slice(2, 8)}`,
          source: 'test',
          callType: spec.callType ?? 'DIST',
          callTypeDescription: 'test call',
          priority: spec.priority ?? 1,
          originalPriority: spec.priority ?? 1,
          officerInitiated: spec.officerInitiated ?? false,
          lat: 0.005,
          lon: district === '2' ? 0.015 : 0.005,
          beat: spec.beat === undefined ? (district === null ? null : `${district}A`) : spec.beat,
          district,
          status: spec.status ?? 'closed',
          receivedAt: new Date(spec.receivedAt),
          dispatchedAt: orNull(spec.dispatchedAt),
          onsceneAt: orNull(spec.onsceneAt),
          closedAt: orNull(spec.closedAt),
        };
      }),
    )
    .returning({ id: calls.id });
  return rows.map((row) => row.id);
}

export async function insertAssignment(
  db: Database,
  callId: string,
  unitId: string,
  assignedAt: string,
): Promise<void> {
  await db.insert(callAssignments).values({ callId, unitId, assignedAt: new Date(assignedAt) });
}

/** `start + seconds` as an ISO instant. */
export const plus = (start: string, seconds: number) =>
  new Date(Date.parse(start) + seconds * 1000).toISOString();

/** Seconds from one ISO instant to another, as the tests expect each interval. */
export const secondsBetween = (start: string, end: string) =>
  (Date.parse(end) - Date.parse(start)) / 1000;

/**
 * The textbook continuous percentile (numpy's default, "linear"): the value at
 * rank p·(n−1) of the sorted values, interpolated between its neighbours.
 */
export function percentileCont(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

export const mean = (values: number[]) =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

const chicago = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Chicago',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
});
const isoWeekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Wall-clock fields of an instant in the test agency's zone (America/Chicago), from Intl. */
export function chicagoTime(instant: string) {
  const parts = Object.fromEntries(
    chicago.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = isoWeekdays.indexOf(parts.weekday!) + 1;
  const monday = new Date(`${date}T00:00:00Z`);
  monday.setUTCDate(monday.getUTCDate() - (weekday - 1));
  return {
    date,
    month: `${parts.year}-${parts.month}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday,
    weekMonday: monday.toISOString().slice(0, 10),
  };
}

export type Metric = 'processing' | 'travel' | 'response' | 'onscene' | 'total';
type Instant = 'receivedAt' | 'dispatchedAt' | 'onsceneAt' | 'closedAt';

/** The definitions of docs/METRICS.md, written out again so the tests check the server's. */
export const definitions: Record<Metric, [start: Instant, end: Instant]> = {
  processing: ['receivedAt', 'dispatchedAt'],
  travel: ['dispatchedAt', 'onsceneAt'],
  response: ['receivedAt', 'onsceneAt'],
  onscene: ['onsceneAt', 'closedAt'],
  total: ['receivedAt', 'closedAt'],
};
export const metrics = Object.keys(definitions) as Metric[];

type Outcome = { seconds: number } | { excluded: 'missing' | 'negative' | 'officerInitiated' };

/** What the rules say happens to one call for one metric. */
export function outcomeOf(
  spec: CallSpec,
  metric: Metric,
  includeOfficerInitiated = false,
): Outcome {
  const [start, end] = definitions[metric];
  const waitsForPublic = metric === 'processing' || metric === 'travel' || metric === 'response';
  if (spec.officerInitiated && waitsForPublic && !includeOfficerInitiated)
    return { excluded: 'officerInitiated' };
  if (spec[start] === undefined || spec[end] === undefined) return { excluded: 'missing' };
  const seconds = secondsBetween(spec[start], spec[end]);
  return seconds < 0 ? { excluded: 'negative' } : { seconds };
}

/** The figures a group of calls should get, computed in JavaScript from the rules. */
export function expectedFigures(
  specs: CallSpec[],
  metric: Metric,
  includeOfficerInitiated = false,
) {
  const outcomes = specs.map((spec) => outcomeOf(spec, metric, includeOfficerInitiated));
  const values = outcomes.flatMap((outcome) => ('seconds' in outcome ? [outcome.seconds] : []));
  const excludedBy = (reason: string) =>
    outcomes.filter((outcome) => 'excluded' in outcome && outcome.excluded === reason).length;
  const figure = (compute: () => number) => (values.length === 0 ? null : compute());
  return {
    n: values.length,
    excluded: {
      missing: excludedBy('missing'),
      negative: excludedBy('negative'),
      officerInitiated: excludedBy('officerInitiated'),
    },
    mean: figure(() => mean(values)),
    median: figure(() => percentileCont(values, 0.5)),
    p90: figure(() => percentileCont(values, 0.9)),
    min: figure(() => Math.min(...values)),
    max: figure(() => Math.max(...values)),
    values,
  };
}

/** Compares a group's figures with the expected ones (floating point to 6 decimals). */
export function expectFigures(
  group: ResponseTimeGroup | undefined,
  expected: ReturnType<typeof expectedFigures>,
) {
  expect(group).toBeDefined();
  expect(group!.n).toBe(expected.n);
  expect(group!.excluded).toEqual(expected.excluded);
  for (const figure of ['mean', 'median', 'p90', 'min', 'max'] as const) {
    if (expected[figure] === null) expect(group![figure], figure).toBeNull();
    else expect(group![figure], figure).toBeCloseTo(expected[figure], 6);
  }
}

/** A small deterministic generator, so both databases get the very same calls. */
export function seededRandom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** 300 calls over six weeks with every kind of gap: missing, negative, officer-initiated. */
export function generatedCalls(): CallSpec[] {
  const random = seededRandom(42);
  const start = Date.parse('2026-02-02T00:00:00-06:00');
  return Array.from({ length: 300 }, () => {
    const receivedAt = new Date(start + Math.floor(random() * 42 * 86_400_000)).toISOString();
    const dispatch = random() < 0.05 ? -20 : random() * 600;
    const arrive = dispatch + random() * 900 + 0.25;
    const spec: CallSpec = {
      receivedAt,
      priority: 1 + Math.floor(random() * 2),
      district: random() < 0.5 ? '1' : '2',
      callType: random() < 0.2 ? 'TRAF' : 'DIST',
      officerInitiated: random() < 0.2,
    };
    if (random() > 0.05) spec.dispatchedAt = plus(receivedAt, dispatch);
    if (random() > 0.1) spec.onsceneAt = plus(receivedAt, arrive);
    if (random() > 0.1) spec.closedAt = plus(receivedAt, arrive + random() * 3600 - 300);
    return spec;
  });
}

function arrivedCall(district: string | null, local: string, response: number): CallSpec {
  const receivedAt = `${local}-06:00`;
  return { receivedAt, dispatchedAt: receivedAt, onsceneAt: plus(receivedAt, response), district };
}

/** Who-may-read scenarios: four arrived calls in districts 1, 1, 2 and none, on one local day. */
export const accessCalls = [
  arrivedCall('1', '2026-01-20T10:00:00', 100),
  arrivedCall('1', '2026-01-20T11:00:00', 300),
  arrivedCall('2', '2026-01-20T12:00:00', 700),
  arrivedCall(null, '2026-01-20T13:00:00', 900),
];
export const accessPeriod = {
  metric: 'response',
  from: '2026-01-20T00:00:00-06:00',
  to: '2026-01-21T00:00:00-06:00',
};
