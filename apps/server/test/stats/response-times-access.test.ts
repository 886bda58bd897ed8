import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@watchfloor/authz';
import type { ResponseTimeStats } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import { accessCalls as calls, accessPeriod as period, insertCalls } from './stats-fixtures.ts';

type Agent = Awaited<ReturnType<typeof signIn>>;
const path = '/api/stats/response-times';

describe.each(testDrivers())('who may read response-time statistics on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  const agents: Record<string, Agent> = {};

  const get = (who: string, query: Record<string, string>) =>
    agents[who]!.agent.get(path).query(query);
  const groupsOf = async (who: string, query: Record<string, string>) =>
    ((await get(who, query).expect(200)).body as ResponseTimeStats).groups;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    const users: { username: string; role: Role; districts?: string[] }[] = [
      { username: 'sam', role: 'supervisor', districts: ['1'] },
      { username: 'chief', role: 'supervisor', districts: [] },
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

  it('shows a supervisor only the calls of their districts', async () => {
    const groups = await groupsOf('sam', { ...period, groupBy: 'district' });
    expect(groups.map((group) => [group.key.district, group.n])).toEqual([['1', 2]]);
    const [whole] = await groupsOf('sam', period);
    expect(whole).toMatchObject({ n: 2, mean: (100 + 300) / 2 });
  });

  it('answers a supervisor’s filter on another district with no groups, not an error', async () => {
    expect(await groupsOf('sam', { ...period, district: '2' })).toEqual([]);
    const mixed = await groupsOf('sam', { ...period, district: '1,2', groupBy: 'district' });
    expect(mixed.map((group) => group.key.district)).toEqual(['1']);
  });

  it('shows every district to a supervisor without districts and to an analyst', async () => {
    for (const who of ['chief', 'alex']) {
      const groups = await groupsOf(who, { ...period, groupBy: 'district' });
      expect(groups.map((group) => [group.key.district, group.n])).toEqual([
        ['1', 2],
        ['2', 1],
        [null, 1],
      ]);
    }
  });

  it('refuses roles without ResponseStats with 403, and signed-out requests with 401', async () => {
    for (const who of ['dana', 'root']) {
      const response = await get(who, period).expect(403);
      expect(response.body.error.code).toBe('forbidden');
    }
    // Checked before the input: a refused caller learns nothing about the query.
    await get('dana', { metric: 'nope' }).expect(403);
    await supertest(harness.app).get(path).query(period).expect(401);
  });

  it.each([
    ['an unknown metric', { ...period, metric: 'speed' }, ['metric']],
    ['a missing period', { metric: 'response' }, ['from', 'to']],
    ['an instant without offset', { ...period, from: '2026-01-20T00:00:00' }, ['from']],
    ['from after to', { ...period, from: period.to, to: period.from }, ['to']],
    ['an empty period', { ...period, to: period.from }, ['to']],
    ['a period over 366 days', { ...period, to: '2027-01-22T00:00:00-06:00' }, ['to']],
    ['an unknown groupBy', { ...period, groupBy: 'district,colour' }, ['groupBy.1']],
    ['three dimensions', { ...period, groupBy: 'district,priority,hour' }, ['groupBy']],
    ['a repeated dimension', { ...period, groupBy: 'hour,hour' }, ['groupBy']],
    ['a bad priority', { ...period, priority: '1,urgent' }, ['priority.1']],
    ['a bad switch', { ...period, includeOfficerInitiated: 'yes' }, ['includeOfficerInitiated']],
    [
      'several bad fields at once',
      {
        ...period,
        metric: 'speed',
        to: period.from,
        priority: '0',
        groupBy: 'district,priority,hour',
      },
      ['metric', 'priority.0', 'to', 'groupBy'],
    ],
  ] as const)('answers %s with 400 naming the fields', async (_, query, paths) => {
    const response = await get('alex', query).expect(400);
    expect(response.body.error.code).toBe('validation_failed');
    const reported = (response.body.error.issues as { path: string }[]).map((issue) => issue.path);
    expect([...new Set(reported)].sort()).toEqual([...paths].sort());
  });
});
