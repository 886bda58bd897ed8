import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseTimeStats } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import {
  expectFigures,
  expectedFigures,
  insertCalls,
  metrics,
  percentileCont,
  plus,
  type CallSpec,
} from './stats-fixtures.ts';

type Agent = Awaited<ReturnType<typeof signIn>>;

// Each scenario lives on its own local day (America/Chicago, UTC−6 in January).
const day = (date: string) => ({ from: `${date}T00:00:00-06:00`, to: `${date}T23:59:59-06:00` });

const definitionCall: CallSpec = {
  receivedAt: '2026-01-05T10:00:00-06:00',
  dispatchedAt: '2026-01-05T10:00:45-06:00',
  onsceneAt: '2026-01-05T10:05:45.500-06:00',
  closedAt: '2026-01-05T10:20:45-06:00',
};

const exclusionCalls: CallSpec[] = [
  {
    receivedAt: '2026-01-06T09:00:00-06:00',
    dispatchedAt: plus('2026-01-06T09:00:00-06:00', 60),
    onsceneAt: plus('2026-01-06T09:00:00-06:00', 300),
    closedAt: plus('2026-01-06T09:00:00-06:00', 900),
  },
  {
    receivedAt: '2026-01-06T09:10:00-06:00',
    dispatchedAt: plus('2026-01-06T09:10:00-06:00', 120),
    onsceneAt: plus('2026-01-06T09:10:00-06:00', 500),
    closedAt: plus('2026-01-06T09:10:00-06:00', 1500),
  },
  // Never dispatched (e.g. a unit flagged down on the street).
  {
    receivedAt: '2026-01-06T09:20:00-06:00',
    onsceneAt: plus('2026-01-06T09:20:00-06:00', 400),
    closedAt: plus('2026-01-06T09:20:00-06:00', 1000),
  },
  // A CAD clock error: dispatched 30 s before it was received.
  {
    receivedAt: '2026-01-06T09:30:00-06:00',
    dispatchedAt: plus('2026-01-06T09:30:00-06:00', -30),
    onsceneAt: plus('2026-01-06T09:30:00-06:00', 200),
    closedAt: plus('2026-01-06T09:30:00-06:00', 800),
  },
  // Officer-initiated: a traffic stop.
  {
    receivedAt: '2026-01-06T09:40:00-06:00',
    dispatchedAt: plus('2026-01-06T09:40:00-06:00', 5),
    onsceneAt: plus('2026-01-06T09:40:00-06:00', 10),
    closedAt: plus('2026-01-06T09:40:00-06:00', 1200),
    officerInitiated: true,
    callType: 'TRAF',
  },
  // Still open: never on scene nor closed.
  { receivedAt: '2026-01-06T09:50:00-06:00', dispatchedAt: plus('2026-01-06T09:50:00-06:00', 30) },
  // Closed before the recorded arrival.
  {
    receivedAt: '2026-01-06T10:00:00-06:00',
    dispatchedAt: plus('2026-01-06T10:00:00-06:00', 60),
    onsceneAt: plus('2026-01-06T10:00:00-06:00', 600),
    closedAt: plus('2026-01-06T10:00:00-06:00', 500),
  },
];

const responseSeconds = [100, 200, 400, 1000];
const percentileCalls: CallSpec[] = responseSeconds.map((seconds, index) => {
  const receivedAt = `2026-01-07T1${index}:00:00-06:00`;
  return { receivedAt, dispatchedAt: receivedAt, onsceneAt: plus(receivedAt, seconds) };
});

describe.each(testDrivers())('response-time statistics on %s', (driver) => {
  let database: DatabaseHandle;
  let analyst: Agent;

  const responseTimes = async (query: Record<string, string>) => {
    const response = await analyst.agent.get('/api/stats/response-times').query(query).expect(200);
    return response.body as ResponseTimeStats;
  };

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    const harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'alex', role: 'analyst' });
    analyst = await signIn(harness.app, 'alex');
    await insertCalls(database.db, [definitionCall, ...exclusionCalls, ...percentileCalls]);
  });
  afterAll(() => database.close());

  it.each(metrics)('measures %s between the instants its definition names', async (metric) => {
    const body = await responseTimes({ metric, ...day('2026-01-05') });
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]!.key).toEqual({});
    expectFigures(body.groups[0], expectedFigures([definitionCall], metric));
  });

  it('spells out the definitions on one call (hand-computed seconds)', async () => {
    const median = async (metric: string) =>
      (await responseTimes({ metric, ...day('2026-01-05') })).groups[0]!.median;
    expect(await median('processing')).toBe(45);
    expect(await median('travel')).toBe(300.5);
    expect(await median('response')).toBe(345.5);
    expect(await median('onscene')).toBe(900 - 0.5);
    expect(await median('total')).toBe(1245);
  });

  it.each(metrics.flatMap((metric) => [[metric, false] as const, [metric, true] as const]))(
    'counts every exclusion of %s by reason (includeOfficerInitiated=%s)',
    async (metric, includeOfficerInitiated) => {
      const body = await responseTimes({
        metric,
        ...day('2026-01-06'),
        includeOfficerInitiated: String(includeOfficerInitiated),
      });
      const expected = expectedFigures(exclusionCalls, metric, includeOfficerInitiated);
      expectFigures(body.groups[0], expected);
      const { missing, negative, officerInitiated } = body.groups[0]!.excluded;
      expect(body.groups[0]!.n + missing + negative + officerInitiated).toBe(exclusionCalls.length);
      expect(body.includeOfficerInitiated).toBe(includeOfficerInitiated);
    },
  );

  it('never clamps a negative interval to zero', async () => {
    const body = await responseTimes({ metric: 'processing', ...day('2026-01-06') });
    expect(body.groups[0]!.excluded.negative).toBe(1);
    // The shortest included processing is the open call's 30 s; a clamped −30 s would give 0.
    expect(body.groups[0]!.min).toBe(30);
  });

  it('interpolates percentiles linearly on an even-sized group (percentile_cont)', async () => {
    const body = await responseTimes({ metric: 'response', ...day('2026-01-07') });
    const [group] = body.groups;
    // Median of 100, 200, 400, 1000: halfway between 200 and 400.
    expect(group!.median).toBe((200 + 400) / 2);
    // p90: rank 0.9 × 3 = 2.7, so 400 + 0.7 × (1000 − 400).
    expect(group!.p90).toBeCloseTo(400 + 0.7 * (1000 - 400), 9);
    expect(group!.p90).toBeCloseTo(percentileCont(responseSeconds, 0.9), 9);
    expect(group).toMatchObject({ n: 4, mean: 425, min: 100, max: 1000 });
  });

  it('answers groups: [] when no call was received in the period', async () => {
    const body = await responseTimes({ metric: 'response', ...day('2025-06-01') });
    expect(body.groups).toEqual([]);
    const grouped = await responseTimes({
      metric: 'response',
      ...day('2025-06-01'),
      groupBy: 'district,priority',
    });
    expect(grouped.groups).toEqual([]);
  });

  it('echoes the request with instants in UTC', async () => {
    const body = await responseTimes({ metric: 'travel', ...day('2026-01-05'), groupBy: 'hour' });
    expect(body).toMatchObject({
      metric: 'travel',
      from: '2026-01-05T06:00:00.000Z',
      to: '2026-01-06T05:59:59.000Z',
      groupBy: ['hour'],
      includeOfficerInitiated: false,
    });
  });
});
