import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  statsNullKey,
  type ResponseTimeCall,
  type ResponseTimeCalls,
  type ResponseTimeGroup,
  type ResponseTimeHistogram,
  type ResponseTimeStats,
  type StatsGroupKey,
} from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { buildUnit } from '../support/builders.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import {
  generatedCalls,
  insertAssignment,
  insertCalls,
  mean,
  percentileCont,
  plus,
  type CallSpec,
} from './stats-fixtures.ts';

type Agent = Awaited<ReturnType<typeof signIn>>;
type Query = Record<string, string>;

const period = { from: '2026-02-01T00:00:00-06:00', to: '2026-03-20T00:00:00-06:00' };

/** Calls the generator rarely makes: no district, a negative response, equal intervals (ties). */
const extraCalls: CallSpec[] = [
  ...[0, 1, 2].map((hour) => {
    const receivedAt = `2026-02-10T0${hour}:15:00-06:00`;
    return { receivedAt, dispatchedAt: plus(receivedAt, 40), onsceneAt: plus(receivedAt, 500) };
  }),
  ...Array.from({ length: 6 }, (_, index) => {
    const receivedAt = plus('2026-02-11T10:00:00-06:00', index * 600);
    return { receivedAt, dispatchedAt: plus(receivedAt, 20), onsceneAt: plus(receivedAt, 300) };
  }),
  {
    receivedAt: '2026-02-12T10:00:00-06:00',
    dispatchedAt: '2026-02-12T10:01:00-06:00',
    onsceneAt: '2026-02-12T09:59:00-06:00',
  },
].map((spec, index) => ({ ...spec, district: index < 3 ? null : '1', priority: 1 }));

/** Group key values as drill-down parameters: `null` is the none token. */
const keyParams = (key: StatsGroupKey): Query =>
  Object.fromEntries(
    Object.entries(key).map(([dimension, value]) => [
      dimension,
      value === null ? statsNullKey : String(value),
    ]),
  );

function expectSameFigures(group: ResponseTimeGroup, rows: ResponseTimeCall[]) {
  const included = rows.filter((row) => row.exclusion === null);
  const seconds = included.map((row) => row.seconds!);
  expect(included.length).toBe(group.n);
  const reasons = (reason: string) => rows.filter((row) => row.exclusion === reason).length;
  expect({
    missing: reasons('missing'),
    negative: reasons('negative'),
    officerInitiated: reasons('officerInitiated'),
  }).toEqual(group.excluded);
  if (group.n === 0) return expect(group.median).toBeNull();
  expect(group.median).toBeCloseTo(percentileCont(seconds, 0.5), 6);
  expect(group.p90).toBeCloseTo(percentileCont(seconds, 0.9), 6);
  expect(group.mean).toBeCloseTo(mean(seconds), 6);
  expect(group.min).toBe(Math.min(...seconds));
  expect(group.max).toBe(Math.max(...seconds));
}

describe.each(testDrivers())(
  'drill-down and histogram agree with the aggregate on %s',
  (driver) => {
    let database: DatabaseHandle;
    let analyst: Agent;

    const get = async <T>(path: string, query: Query) =>
      (await analyst.agent.get(`/api/stats/response-times${path}`).query(query).expect(200))
        .body as T;
    const drill = (query: Query) => get<ResponseTimeCalls>('/calls', { limit: '1000', ...query });

    beforeAll(async () => {
      database = await openTestDatabase(driver);
      const harness = await buildTestApp(database);
      await buildUser(harness.services, { username: 'alex', role: 'analyst' });
      analyst = await signIn(harness.app, 'alex');
      const specs = [...generatedCalls(), ...extraCalls];
      const ids = await insertCalls(database.db, specs);
      const units = [
        await buildUnit(database.db, { callSign: 'X1' }),
        await buildUnit(database.db, { callSign: 'X2' }),
      ];
      for (const [index, id] of ids.entries())
        if (index % 3 !== 2)
          await insertAssignment(database.db, id, units[index % 3]!.id, specs[index]!.receivedAt);
    });
    afterAll(() => database.close());

    it.each([
      ['response', 'priority'],
      ['response', 'district,priority'],
      ['response', 'hour'],
      ['response', 'shift'],
      ['response', 'unit'],
      ['response', 'week'],
      ['processing', 'beat,month'],
      ['travel', 'weekday,callType', 'true'],
      ['total', 'day'],
    ])(
      '%s by %s: each group’s calls reproduce n, median, p90 and the exclusions',
      async (metric, groupBy, includeOfficerInitiated = 'false') => {
        const base = { metric, ...period, includeOfficerInitiated };
        const aggregate = await get<ResponseTimeStats>('', { ...base, groupBy });
        expect(aggregate.groups.length).toBeGreaterThan(1);
        const seen = new Set<string>();
        for (const group of aggregate.groups) {
          const query = { ...base, groupBy, ...keyParams(group.key) };
          const page = await drill(query);
          expect(page.nextCursor).toBeNull();
          expect(page.total).toBe(page.calls.length);
          expect(page.counts).toEqual({ included: group.n, ...group.excluded });
          expectSameFigures(group, page.calls);
          for (const call of page.calls) seen.add(call.id);

          const histogram = await get<ResponseTimeHistogram>('/histogram', {
            ...query,
            bucketSeconds: '120',
            maxBuckets: '8',
          });
          expect({ n: histogram.n, excluded: histogram.excluded }).toEqual({
            n: group.n,
            excluded: group.excluded,
          });
          const bucketed = histogram.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
          expect(bucketed + histogram.overflow.count).toBe(group.n);
        }
        // Every call of the period is in exactly one group.
        const whole = await drill(base);
        expect(seen.size).toBe(whole.total);
        expect(new Set(whole.calls.map((call) => call.id))).toEqual(seen);
      },
    );

    it('buckets each included interval by floor(seconds / width), overflow at the cap', async () => {
      const query = { metric: 'response', ...period, district: '1' };
      const { calls } = await drill({ ...query, status: 'included' });
      const histogram = await get<ResponseTimeHistogram>('/histogram', {
        ...query,
        bucketSeconds: '60',
        maxBuckets: '12',
      });
      const expected = new Map<number, number>();
      for (const { seconds } of calls) {
        const index = Math.min(Math.floor(seconds! / 60), 12);
        expected.set(index, (expected.get(index) ?? 0) + 1);
      }
      expect(histogram.overflow).toEqual({ from: 720, count: expected.get(12) ?? 0 });
      expect(histogram.buckets.map((bucket) => [bucket.from, bucket.to, bucket.count])).toEqual(
        Array.from({ length: 12 }, (_, index) => [
          index * 60,
          index * 60 + 60,
          expected.get(index) ?? 0,
        ]),
      );
    });

    it('pages by cursor in the documented order, ties by id, without losing or repeating a call', async () => {
      const query = { metric: 'response', ...period, priority: '1' };
      const all = await drill(query);
      expect(all.calls.length).toBeGreaterThan(50);
      const pages: ResponseTimeCall[] = [];
      let cursor: string | null = null;
      do {
        const page: ResponseTimeCalls = await drill({
          ...query,
          limit: '7',
          ...(cursor ? { cursor } : {}),
        });
        expect(page.calls.length).toBeLessThanOrEqual(7);
        expect(page.total).toBe(all.total);
        pages.push(...page.calls);
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages).toEqual(all.calls);
      // Longest first, calls without an interval last, ties by id.
      for (const [index, call] of pages.slice(1).entries()) {
        const before = pages[index]!;
        if (call.seconds === null) {
          if (before.seconds === null) expect(call.id > before.id).toBe(true);
        } else {
          expect(before.seconds).not.toBeNull();
          expect(before.seconds!).toBeGreaterThanOrEqual(call.seconds);
          if (before.seconds === call.seconds) expect(call.id > before.id).toBe(true);
        }
      }
      const ties = pages.filter((call) => call.seconds === 300);
      expect(ties.length).toBeGreaterThanOrEqual(6);
    });

    it('lists one outcome with status, and says how many there are', async () => {
      const query = { metric: 'response', ...period };
      const all = await drill(query);
      for (const status of ['included', 'missing', 'negative', 'officerInitiated'] as const) {
        const page = await drill({ ...query, status });
        const reason = status === 'included' ? null : status;
        expect(page.calls).toEqual(all.calls.filter((call) => call.exclusion === reason));
        expect(page.total).toBe(all.counts[status]);
        expect(page.total).toBeGreaterThan(0);
      }
      // A negative interval is given; a missing one is null.
      const negative = await drill({ ...query, status: 'negative' });
      expect(negative.calls.every((call) => call.seconds! < 0)).toBe(true);
      const missing = await drill({ ...query, status: 'missing' });
      expect(missing.calls.every((call) => call.seconds === null)).toBe(true);
    });

    it('addresses the calls without a district, beat or unit with the none token', async () => {
      const query = { metric: 'response', ...period };
      const noDistrict = await drill({ ...query, district: statsNullKey });
      expect(noDistrict.calls.map((call) => [call.district, call.beat])).toEqual([
        [null, null],
        [null, null],
        [null, null],
      ]);
      const noBeat = await drill({ ...query, beat: statsNullKey });
      expect(noBeat.calls.map((call) => call.id).sort()).toEqual(
        noDistrict.calls.map((call) => call.id).sort(),
      );
      const noUnit = await drill({ ...query, unit: statsNullKey });
      expect(noUnit.total).toBeGreaterThan(0);
      expect(noUnit.calls.every((call) => call.unit === null)).toBe(true);
      const aggregate = await get<ResponseTimeStats>('', {
        ...query,
        district: `1,${statsNullKey}`,
      });
      const listed = await drill({ ...query, district: `1,${statsNullKey}` });
      expect(listed.counts.included).toBe(aggregate.groups[0]!.n);
    });

    it('gives each call only the contract’s fields, as instants and codes', async () => {
      const { calls } = await drill({ metric: 'response', ...period, limit: '5' });
      for (const call of calls)
        expect(Object.keys(call).sort()).toEqual(
          [
            'id',
            'incidentNumber',
            'receivedAt',
            'dispatchedAt',
            'onsceneAt',
            'closedAt',
            'priority',
            'district',
            'beat',
            'callType',
            'unit',
            'seconds',
            'exclusion',
          ].sort(),
        );
      expect(calls[0]!.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });
  },
);
