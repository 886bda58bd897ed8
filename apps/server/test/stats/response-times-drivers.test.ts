import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsDimensions, type ResponseTimeStats } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { buildUnit } from '../support/builders.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import { generatedCalls, insertAssignment, insertCalls, metrics } from './stats-fixtures.ts';

const period = { from: '2026-02-01T00:00:00-06:00', to: '2026-03-20T00:00:00-06:00' };
const queries: Record<string, string>[] = [
  ...metrics.map((metric) => ({ metric, ...period, groupBy: 'district,priority' })),
  ...statsDimensions.map((groupBy) => ({ metric: 'response', ...period, groupBy })),
  { metric: 'travel', ...period, groupBy: 'week,shift', includeOfficerInitiated: 'true' },
  { metric: 'total', ...period, groupBy: 'unit,weekday' },
];

const drivers = testDrivers();

describe.skipIf(drivers.length < 2)('response-time statistics across drivers', () => {
  const databases: DatabaseHandle[] = [];
  const analysts: Awaited<ReturnType<typeof signIn>>[] = [];

  beforeAll(async () => {
    const calls = generatedCalls();
    for (const driver of drivers) {
      const database = await openTestDatabase(driver);
      databases.push(database);
      const harness = await buildTestApp(database);
      await buildUser(harness.services, { username: 'alex', role: 'analyst' });
      analysts.push(await signIn(harness.app, 'alex'));
      const ids = await insertCalls(database.db, calls);
      const unit = await buildUnit(database.db, { callSign: 'X1' });
      for (const [index, id] of ids.entries())
        if (index % 3 === 0)
          await insertAssignment(database.db, id, unit.id, calls[index]!.receivedAt);
    }
  });
  afterAll(() => Promise.all(databases.map((database) => database.close())));

  it.each(queries.map((query) => [`${query.metric} by ${query.groupBy}`, query]))(
    'answers %s identically on PGlite and PostgreSQL',
    async (_, query) => {
      const [pglite, postgres] = await Promise.all(
        analysts.map((analyst) =>
          analyst.agent.get('/api/stats/response-times').query(query).expect(200),
        ),
      );
      const [left, right] = [
        pglite!.body as ResponseTimeStats,
        postgres!.body as ResponseTimeStats,
      ];
      expect(left.groups.length).toBeGreaterThan(0);
      // A float sum depends on the order rows reach it, so the mean may differ in its last digits.
      const withoutMeans = (body: ResponseTimeStats) => ({
        ...body,
        groups: body.groups.map((group) => ({ ...group, mean: null })),
      });
      expect(withoutMeans(right)).toEqual(withoutMeans(left));
      for (const [index, group] of right.groups.entries()) {
        const mean = left.groups[index]!.mean;
        if (mean === null) expect(group.mean).toBeNull();
        else expect(group.mean).toBeCloseTo(mean, 9);
      }
    },
  );
});
