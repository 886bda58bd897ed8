import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseTimeStats, StatsDimension, StatsGroupKey } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { testAgency } from '../support/agency-fixture.ts';
import { buildUnit } from '../support/builders.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import {
  chicagoTime,
  expectFigures,
  expectedFigures,
  insertAssignment,
  insertCalls,
  plus,
  type CallSpec,
} from './stats-fixtures.ts';

type Agent = Awaited<ReturnType<typeof signIn>>;

/** A call received at a Chicago wall-clock time (UTC−6 in winter); no arrival when `response` is undefined. */
function call(local: string, fields: Omit<CallSpec, 'receivedAt'>, response?: number): CallSpec {
  const receivedAt = `${local}-06:00`;
  const onsceneAt = response === undefined ? undefined : plus(receivedAt, response);
  return {
    dispatchedAt: plus(receivedAt, 30),
    ...(onsceneAt ? { onsceneAt, closedAt: plus(onsceneAt, 600) } : {}),
    receivedAt,
    ...fields,
  };
}

const d1p1 = { district: '1', beat: '1A', priority: 1, callType: 'DIST' };
const d2p1 = { district: '2', beat: '2A', priority: 1, callType: 'DIST' };
const d1p2 = { district: '1', beat: '1A', priority: 2, callType: 'ALRM' };
const outside = { district: null, beat: null, priority: 2, callType: 'ALRM' };

/** Spread over shift edges, weeks and a month end; `unit` names each call's first unit. */
const calls: (CallSpec & { unit?: string })[] = [
  { ...call('2026-01-12T06:59:00', d1p1, 300), unit: 'U2' },
  { ...call('2026-01-12T07:00:00', d1p1, 500), unit: 'U1' },
  call('2026-01-13T14:59:00', d2p1, 400),
  call('2026-01-13T15:00:00', d1p2, 900),
  call('2026-01-14T22:59:00', d1p2, 1500),
  call('2026-01-14T23:00:00', d2p1, 200),
  // The only priority-2 call of district 2 never arrives: a group of exclusions only.
  call('2026-01-18T12:00:00', { ...d2p1, priority: 2 }),
  call('2026-01-19T00:30:00', outside, 700),
  call('2026-01-31T23:30:00', d1p1, 450),
  call('2026-02-01T08:00:00', d2p1, 350),
  call('2026-02-03T18:00:00', d1p2, 1100),
];
const period = { from: '2026-01-12T00:00:00-06:00', to: '2026-02-04T00:00:00-06:00' };

/** The agency's default shifts, written out: day 07–15, swing 15–23, night 23–07. */
function shiftOf(hour: number): string {
  if (hour >= 7 && hour < 15) return 'day';
  if (hour >= 15 && hour < 23) return 'swing';
  return 'night';
}

/** Each dimension's key of a call, computed in JavaScript (Intl for local time). */
const keyOf: Record<StatsDimension, (spec: (typeof calls)[number]) => unknown> = {
  priority: (spec) => spec.priority,
  district: (spec) => spec.district,
  beat: (spec) => spec.beat,
  callType: (spec) => spec.callType,
  unit: (spec) => spec.unit ?? null,
  hour: (spec) => chicagoTime(spec.receivedAt).hour,
  weekday: (spec) => chicagoTime(spec.receivedAt).weekday,
  shift: (spec) => shiftOf(chicagoTime(spec.receivedAt).hour),
  day: (spec) => chicagoTime(spec.receivedAt).date,
  week: (spec) => chicagoTime(spec.receivedAt).weekMonday,
  month: (spec) => chicagoTime(spec.receivedAt).month,
};

interface ExpectedGroup {
  key: StatsGroupKey;
  specs: CallSpec[];
}

function expectedGroups(dimensions: StatsDimension[]) {
  const groups = new Map<string, ExpectedGroup>();
  for (const spec of calls) {
    const key = Object.fromEntries(
      dimensions.map((dimension) => [dimension, keyOf[dimension](spec)]),
    );
    const id = JSON.stringify(key);
    const group: ExpectedGroup = groups.get(id) ?? { key, specs: [] };
    group.specs.push(spec);
    groups.set(id, group);
  }
  return groups;
}

const responseTargets = new Map(
  testAgency.priorities.map((priority) => [priority.level, priority.targets.response ?? null]),
);

describe.each(testDrivers())('response-time groups on %s', (driver) => {
  let database: DatabaseHandle;
  let analyst: Agent;

  const responseTimes = async (query: Record<string, string>) => {
    const response = await analyst.agent.get('/api/stats/response-times').query(query).expect(200);
    return response.body as ResponseTimeStats;
  };

  /** Checks every group against the JavaScript computation, keys and figures alike. */
  async function expectGrouping(dimensions: StatsDimension[]) {
    const body = await responseTimes({
      metric: 'response',
      ...period,
      groupBy: dimensions.join(','),
    });
    const expected = expectedGroups(dimensions);
    expect(body.groups.map((group) => JSON.stringify(group.key)).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    for (const group of body.groups) {
      const { specs } = expected.get(JSON.stringify(group.key))!;
      const figures = expectedFigures(specs, 'response');
      expectFigures(group, figures);
      const target = dimensions.includes('priority')
        ? (responseTargets.get(group.key.priority!) ?? null)
        : null;
      expect(group.target).toBe(target);
      const within =
        target === null || figures.n === 0
          ? null
          : figures.values.filter((seconds) => seconds <= target).length / figures.n;
      expect(group.withinTarget).toBe(within);
    }
    return body;
  }

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    const harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'alex', role: 'analyst' });
    analyst = await signIn(harness.app, 'alex');
    const [first, second] = await insertCalls(database.db, calls);
    const u1 = await buildUnit(database.db, { callSign: 'U1' });
    const u2 = await buildUnit(database.db, { callSign: 'U2' });
    // U2 was sent first to the first call, U1 joined later: the call counts for U2.
    await insertAssignment(database.db, first!, u1.id, plus(calls[0]!.receivedAt, 60));
    await insertAssignment(database.db, first!, u2.id, plus(calls[0]!.receivedAt, 30));
    await insertAssignment(database.db, second!, u1.id, plus(calls[1]!.receivedAt, 30));
  });
  afterAll(() => database.close());

  it.each(Object.keys(keyOf) as StatsDimension[])('groups by %s', async (dimension) => {
    await expectGrouping([dimension]);
  });

  it.each([
    ['district', 'priority'],
    ['priority', 'shift'],
    ['unit', 'month'],
    ['weekday', 'callType'],
  ] as StatsDimension[][])('groups by %s then %s, keyed by both', async (...dimensions) => {
    const body = await expectGrouping(dimensions);
    for (const group of body.groups) expect(Object.keys(group.key)).toEqual(dimensions);
  });

  it('orders groups by their keys, unknown districts last', async () => {
    const body = await responseTimes({
      metric: 'response',
      ...period,
      groupBy: 'district,priority',
    });
    expect(body.groups.map((group) => group.key)).toEqual([
      { district: '1', priority: 1 },
      { district: '1', priority: 2 },
      { district: '2', priority: 1 },
      { district: '2', priority: 2 },
      { district: null, priority: 2 },
    ]);
  });

  it('keeps a group whose calls are all excluded, with null figures', async () => {
    const body = await responseTimes({
      metric: 'response',
      ...period,
      groupBy: 'district,priority',
    });
    const group = body.groups.find((row) => row.key.district === '2' && row.key.priority === 2);
    expect(group).toEqual({
      key: { district: '2', priority: 2 },
      n: 0,
      excluded: { missing: 1, negative: 0, officerInitiated: 0 },
      mean: null,
      median: null,
      p90: null,
      min: null,
      max: null,
      target: 1200,
      withinTarget: null,
    });
  });

  it('orders shifts as the agency lists them', async () => {
    const body = await responseTimes({ metric: 'response', ...period, groupBy: 'shift' });
    expect(body.groups.map((group) => group.key.shift)).toEqual(['day', 'swing', 'night']);
  });

  it('uses the agency’s own shifts when it defines them', async () => {
    const agency = {
      ...testAgency,
      shifts: [
        { name: 'early', start: '06:00' },
        { name: 'late', start: '18:00' },
      ],
    };
    const harness = await buildTestApp(database, { agency });
    const { agent } = await signIn(harness.app, 'alex');
    const response = await agent
      .get('/api/stats/response-times')
      .query({ metric: 'response', ...period, groupBy: 'shift' })
      .expect(200);
    const hours = calls.map((spec) => chicagoTime(spec.receivedAt).hour);
    const early = hours.filter((hour) => hour >= 6 && hour < 18).length;
    expect(
      (response.body as ResponseTimeStats).groups.map((group) => [
        group.key.shift,
        group.n + group.excluded.missing,
      ]),
    ).toEqual([
      ['early', early],
      ['late', calls.length - early],
    ]);
  });

  it('gives no target to a metric the agency set none for', async () => {
    const body = await responseTimes({ metric: 'travel', ...period, groupBy: 'priority' });
    expect(body.groups.map((group) => [group.target, group.withinTarget])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('buckets a call at 23:30 local in its local day, hour, weekday, week, month and shift', async () => {
    // 2026-01-31 23:30 in Chicago is 2026-02-01 05:30 UTC, a Saturday night locally.
    const lastOfJanuary = { from: '2026-01-31T00:00:00-06:00', to: '2026-02-01T00:00:00-06:00' };
    const keys = async (groupBy: string) =>
      (await responseTimes({ metric: 'response', ...lastOfJanuary, groupBy })).groups.map(
        (group) => group.key,
      );
    expect(await keys('day')).toEqual([{ day: '2026-01-31' }]);
    expect(await keys('hour')).toEqual([{ hour: 23 }]);
    expect(await keys('weekday')).toEqual([{ weekday: 6 }]);
    expect(await keys('week')).toEqual([{ week: '2026-01-26' }]);
    expect(await keys('month')).toEqual([{ month: '2026-01' }]);
    expect(await keys('shift')).toEqual([{ shift: 'night' }]);
  });

  it('filters by district, priority and call type', async () => {
    const body = await responseTimes({
      metric: 'response',
      ...period,
      district: '1,2',
      priority: '1',
      callType: 'DIST',
    });
    const matching = calls.filter(
      (spec) => spec.district !== null && spec.priority === 1 && spec.callType === 'DIST',
    );
    expectFigures(body.groups[0], expectedFigures(matching, 'response'));
  });
});
