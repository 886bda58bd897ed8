import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor, type Role } from '@watchfloor/authz';
import {
  statsNullKey,
  type ResponseTimeCalls,
  type ResponseTimeHistogram,
  type ResponseTimeStats,
} from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { buildUnit, callBody } from '../support/builders.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import {
  accessCalls as calls,
  accessPeriod as period,
  insertCalls,
  plus,
} from './stats-fixtures.ts';

type Agent = Awaited<ReturnType<typeof signIn>>;
const paths = ['/api/stats/response-times/calls', '/api/stats/response-times/histogram'];

describe.each(testDrivers())('who may drill into response-time statistics on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  const agents: Record<string, Agent> = {};

  const get = (who: string, path: string, query: Record<string, string>) =>
    agents[who]!.agent.get(path).query(query);
  const callsOf = async (who: string, query: Record<string, string>) =>
    (await get(who, paths[0]!, query).expect(200)).body as ResponseTimeCalls;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    const users: { username: string; role: Role; districts?: string[] }[] = [
      { username: 'sam', role: 'supervisor', districts: ['1'] },
      { username: 'alex', role: 'analyst' },
      { username: 'dana', role: 'dispatcher' },
      { username: 'root', role: 'admin' },
    ];
    for (const user of users) {
      await buildUser(harness.services, user);
      agents[user.username] = await signIn(harness.app, user.username);
    }
    await insertCalls(database.db, calls);
  });
  afterAll(() => database.close());

  it('lists a supervisor only the calls of their districts', async () => {
    const page = await callsOf('sam', period);
    expect(page.calls.map((call) => [call.district, call.seconds])).toEqual([
      ['1', 300],
      ['1', 100],
    ]);
    expect(page.total).toBe(2);
    const histogram = (await get('sam', paths[1]!, period).expect(200))
      .body as ResponseTimeHistogram;
    expect(histogram.n).toBe(2);
  });

  it('answers a supervisor’s drill into another district, or none, with no calls', async () => {
    for (const district of ['2', statsNullKey]) {
      const page = await callsOf('sam', { ...period, district });
      expect(page).toMatchObject({ total: 0, calls: [], nextCursor: null });
      expect(page.counts).toEqual({ included: 0, missing: 0, negative: 0, officerInitiated: 0 });
    }
    const page = await callsOf('alex', { ...period, district: statsNullKey });
    expect(page.calls.map((call) => call.seconds)).toEqual([900]);
  });

  it('shows an analyst finished calls only: a live call is in no figure, list or histogram', async () => {
    const dispatcher = defineAbilityFor({ id: 'd', role: 'dispatcher', districts: [] });
    // Dispatched, not yet on scene: in the processing figures, missing from the response ones.
    const live = await harness.services.callsService.create(dispatcher, cliActor, callBody());
    const unit = await buildUnit(database.db);
    await harness.services.callsService.assign(dispatcher, cliActor, live.id, unit.id);
    const receivedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const [finished] = await insertCalls(database.db, [
      { receivedAt, dispatchedAt: receivedAt, closedAt: plus(receivedAt, 300) },
    ]);
    const lastHour = {
      metric: 'response',
      from: new Date(Date.now() - 3_600_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    };
    const missing = await callsOf('alex', { ...lastHour, status: 'missing' });
    expect(missing.calls.map((call) => call.id)).toEqual([finished]);
    const [group] = (
      (await get('alex', '/api/stats/response-times', lastHour).expect(200))
        .body as ResponseTimeStats
    ).groups;
    expect(group!.excluded.missing).toBe(1);
    const dispatched = { ...lastHour, metric: 'processing' };
    const histogram = (await get('alex', paths[1]!, dispatched).expect(200))
      .body as ResponseTimeHistogram;
    expect(histogram.n).toBe(1);
    // A supervisor's statistics are live: the call is theirs to watch.
    const supervised = await callsOf('sam', { ...lastHour, status: 'missing' });
    expect(supervised.calls.map((call) => call.id).sort()).toEqual([finished, live.id].sort());
  });

  it('refuses roles without ResponseStats with 403, and signed-out requests with 401', async () => {
    for (const path of paths) {
      for (const who of ['dana', 'root']) {
        const response = await get(who, path, period).expect(403);
        expect(response.body.error.code).toBe('forbidden');
      }
      await get('dana', path, { metric: 'nope' }).expect(403);
      await supertest(harness.app).get(path).query(period).expect(401);
    }
  });

  it.each([
    ['an unknown metric', paths[0], { ...period, metric: 'speed' }, ['metric']],
    ['a period over 366 days', paths[0], { ...period, to: '2027-01-22T00:00:00-06:00' }, ['to']],
    ['an unknown status', paths[0], { ...period, status: 'late' }, ['status']],
    ['a limit over 1000', paths[0], { ...period, limit: '1001' }, ['limit']],
    ['an empty limit', paths[0], { ...period, limit: '' }, ['limit']],
    ['a made-up cursor', paths[0], { ...period, cursor: 'bm9wZQ' }, ['cursor']],
    ['hour 24', paths[0], { ...period, hour: '24' }, ['hour']],
    ['a week not starting on Monday', paths[0], { ...period, week: '2026-01-20' }, ['week']],
    ['a day that does not exist', paths[0], { ...period, day: '2026-02-30' }, ['day']],
    ['a bad month', paths[0], { ...period, month: '2026-13' }, ['month']],
    ['an unknown shift', paths[0], { ...period, shift: 'graveyard' }, ['shift']],
    [
      'a groupBy without its keys',
      paths[0],
      { ...period, groupBy: 'district,hour', district: '1,2' },
      ['district', 'hour'],
    ],
    ['a zero bucket width', paths[1], { ...period, bucketSeconds: '0' }, ['bucketSeconds']],
    ['too many buckets', paths[1], { ...period, maxBuckets: '501' }, ['maxBuckets']],
    [
      'several bad fields at once',
      paths[1],
      { ...period, metric: 'speed', to: period.from, weekday: '0' },
      ['metric', 'to', 'weekday'],
    ],
  ] as const)('answers %s with 400 naming the fields', async (_, path, query, fields) => {
    const response = await get('alex', path!, query).expect(400);
    expect(response.body.error.code).toBe('validation_failed');
    const reported = (response.body.error.issues as { path: string }[]).map((issue) => issue.path);
    expect([...new Set(reported)].sort()).toEqual([...fields].sort());
  });
});
