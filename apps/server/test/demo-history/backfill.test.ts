import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor } from '@watchfloor/authz';
import type { AgencyConfig } from '@watchfloor/contracts';
import { repoRoot } from '../../src/config.ts';
import { queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import { loadDemoParams } from '../../src/demo/city/demo-city.ts';
import { createLocalClock } from '../../src/demo/city/call-generator.ts';
import type { DemoParams } from '../../src/demo/city/params.ts';
import {
  backfillDemoHistory,
  type HistoryBackfillResult,
} from '../../src/demo/history/backfill.ts';
import { createLogger } from '../../src/logger.ts';
import { loadAgencyConfig } from '../../src/modules/agency/agency.loader.ts';
import { createServices } from '../../src/services.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';

const days = 3;
const seed = 'history-test';
/** A fixed boot instant (a Wednesday noon in Harbor City), so the seeded figures are stable. */
const bootMs = Date.parse('2026-03-18T19:00:00Z');
const historyEnd = bootMs - 60 * 60_000;
const trailFrom = historyEnd - 26 * 3_600_000;
const hourMs = 3_600_000;

let agency: AgencyConfig;
let params: DemoParams;

beforeAll(async () => {
  agency = await loadAgencyConfig(path.join(repoRoot, 'config/agencies/demo.json'));
  params = await loadDemoParams(path.join(repoRoot, 'config/agencies/demo-params.json'));
});

function backfill(
  database: DatabaseHandle,
  overrides: Partial<Parameters<typeof backfillDemoHistory>[0]> = {},
): Promise<HistoryBackfillResult> {
  return backfillDemoHistory({
    db: database.db,
    agency,
    params,
    seed,
    rateMultiplier: 1,
    days,
    nowMs: bootMs,
    logger: createLogger('silent'),
    pauseMs: 0,
    databaseShare: 1,
    ...overrides,
  });
}

type Counts = Record<
  'calls' | 'call_events' | 'assignments' | 'unit_events' | 'positions' | 'units',
  number
>;

async function counts(database: DatabaseHandle): Promise<Counts> {
  const [row] = await queryRows<Counts>(
    database.db,
    sql`select (select count(*) from calls)::int as calls,
      (select count(*) from call_events)::int as call_events,
      (select count(*) from call_assignments)::int as assignments,
      (select count(*) from unit_events)::int as unit_events,
      (select count(*) from unit_positions)::int as positions,
      (select count(*) from units)::int as units`,
  );
  return row!;
}

describe.each(testDrivers())('demo history backfill on %s', (driver) => {
  let database: DatabaseHandle;
  let first: HistoryBackfillResult;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    first = await backfill(database);
  }, 120_000);
  afterAll(() => database.close());

  it('writes finished, labelled calls without caller data', async () => {
    expect(first).toMatchObject({ outcome: 'written' });
    type Row = Record<
      | 'calls'
      | 'other_source'
      | 'open'
      | 'caller'
      | 'cancelled'
      | 'no_onscene'
      | 'officer'
      | 'officer_at_receipt'
      | 'future',
      number
    >;
    const [row] = await queryRows<Row>(
      database.db,
      sql`select count(*)::int as calls,
        count(*) filter (where source <> 'demo-history')::int as other_source,
        count(*) filter (where status not in ('closed', 'cancelled') or closed_at is null)::int as open,
        count(*) filter (where caller_name is not null or caller_phone is not null or narrative is not null)::int as caller,
        count(*) filter (where status = 'cancelled')::int as cancelled,
        count(*) filter (where dispatched_at is not null and onscene_at is null and status = 'closed')::int as no_onscene,
        count(*) filter (where officer_initiated)::int as officer,
        count(*) filter (where officer_initiated and dispatched_at = received_at)::int as officer_at_receipt,
        count(*) filter (where closed_at > ${new Date(bootMs).toISOString()}::timestamptz)::int as future
      from calls`,
    );
    expect(row!.calls).toBe((first as { calls: number }).calls);
    expect(row).toMatchObject({ other_source: 0, open: 0, caller: 0, future: 0 });
    // Some misses on purpose, but few.
    expect(row!.cancelled / row!.calls).toBeGreaterThan(0.01);
    expect(row!.cancelled / row!.calls).toBeLessThan(0.08);
    expect(row!.no_onscene).toBeGreaterThan(0);
    expect(row!.officer / row!.calls).toBeCloseTo(params.officerInitiatedShare, 1);
    expect(row!.officer_at_receipt).toBe(row!.officer);
  });

  it('follows the demo rates hour by hour', async () => {
    const rows = await queryRows<{ hour: string; n: number }>(
      database.db,
      sql`select date_trunc('hour', received_at) as hour, count(*)::int as n from calls group by 1`,
    );
    const observed = new Map(rows.map((r) => [new Date(r.hour).getTime(), r.n]));
    const clock = createLocalClock(agency.timeZone);
    let expectedTotal = 0;
    let observedTotal = 0;
    let far = 0;
    // Whole hours only (the boot is on the hour, the period starts `days` before it).
    for (let hour = bootMs - days * 24 * hourMs; hour < historyEnd; hour += hourMs) {
      const { weekday, hour: local } = clock.at(hour);
      const expected = params.weekdayHourly.meanCallsPerHour[weekday]![local]!;
      const n = observed.get(hour) ?? 0;
      expectedTotal += expected;
      observedTotal += n;
      if (Math.abs(n - expected) > 3 * Math.sqrt(expected)) far += 1;
    }
    expect(Math.abs(observedTotal - expectedTotal)).toBeLessThan(3 * Math.sqrt(expectedTotal));
    // Poisson: beyond 3σ about 1 hour in 370; allow a couple in 71.
    expect(far).toBeLessThanOrEqual(2);
    expect(observed.size).toBeGreaterThan(days * 24 - 2);
  });

  it('orders every call’s instants', async () => {
    const [row] = await queryRows<{ bad: number }>(
      database.db,
      sql`select count(*)::int as bad from calls where
        dispatched_at < received_at or enroute_at < dispatched_at or onscene_at < coalesce(enroute_at, dispatched_at)
        or closed_at < greatest(received_at, dispatched_at, enroute_at, onscene_at)
        or (enroute_at is not null and dispatched_at is null) or (onscene_at is not null and dispatched_at is null)`,
    );
    expect(row!.bad).toBe(0);
  });

  it('has one event per stage, numbered like a live call', async () => {
    const [row] = await queryRows<{ bad: number; checked: number }>(
      database.db,
      sql`with stages as (
          select c.id, c.version,
            1 + (c.dispatched_at is not null)::int + (c.enroute_at is not null)::int
              + (c.onscene_at is not null)::int + (c.closed_at is not null)::int as expected,
            (select count(*) from call_events e where e.call_id = c.id)::int as events,
            (select max(e.version) from call_events e where e.call_id = c.id) as top,
            (select e.data->>'status' from call_events e where e.call_id = c.id order by e.version desc limit 1) as last
          from calls c)
        select count(*) filter (where events <> expected or version <> expected or top <> expected
          or last <> (select status from calls where calls.id = stages.id))::int as bad,
          count(*)::int as checked
        from stages`,
    );
    expect(row!.checked).toBeGreaterThan(0);
    expect(row!.bad).toBe(0);
  });

  it('assigns the live city’s units to dispatched calls, one each', async () => {
    const [row] = await queryRows<Record<string, number>>(
      database.db,
      sql`select
        count(*) filter (where c.dispatched_at is not null and a.n <> 1)::int as missing,
        count(*) filter (where c.dispatched_at is null and a.n <> 0)::int as extra,
        (select count(*) from call_assignments a left join units u on u.id = a.unit_id
          where u.id is null or u.call_sign !~ '^[1-5]A[0-9]{2}$')::int as unknown_units,
        (select count(*) from call_assignments a join calls c2 on c2.id = a.call_id
          where a.assigned_at <> c2.dispatched_at or a.cleared_at <> c2.closed_at)::int as mistimed,
        (select count(distinct unit_id) from call_assignments)::int as units_used
      from calls c cross join lateral (
        select count(*)::int as n from call_assignments where call_id = c.id) a`,
    );
    expect(row).toMatchObject({ missing: 0, extra: 0, unknown_units: 0, mistimed: 0 });
    expect(row!.units_used).toBeGreaterThan(40);
  });

  it('records unit moves for the last day and a thinned trail until the live city takes over', async () => {
    const [row] = await queryRows<Record<string, number | string>>(
      database.db,
      sql`select
        (select count(*) from unit_events)::int as events,
        (select count(*) from unit_events where at < ${new Date(trailFrom).toISOString()}::timestamptz
          or at > ${new Date(bootMs).toISOString()}::timestamptz)::int as outside,
        (select count(*) from unit_events e join calls c on c.id = e.call_id
          where (e.to_status = 'dispatched' and e.at <> c.dispatched_at)
             or (e.to_status = 'enroute' and e.at <> c.enroute_at)
             or (e.to_status = 'onscene' and e.at <> c.onscene_at)
             or (e.to_status = 'available' and e.at <> c.closed_at))::int as mistimed,
        (select count(*) from unit_events where call_id is null and to_status <> 'available')::int as orphan,
        (select count(*) from unit_positions)::int as positions,
        (select count(*) from unit_positions where at < ${new Date(trailFrom).toISOString()}::timestamptz
          or at >= ${new Date(historyEnd).toISOString()}::timestamptz)::int as positions_outside,
        (select max(speed) from unit_positions)::float8 as top_speed,
        (select count(distinct unit_id) from unit_positions)::int as units`,
    );
    expect(row).toMatchObject({ outside: 0, mistimed: 0, orphan: 0, positions_outside: 0 });
    expect(row!.events).toBeGreaterThan(1000);
    // Every unit reports at least once a minute for 26 hours; moving ones more often.
    expect(row!.positions).toBeGreaterThan(Number(row!.units) * 26 * 60);
    expect(row!.positions).toBeLessThan(500_000);
    expect(row!.units).toBe((await counts(database)).units);
  });

  it('gives response times with medians under target for most priorities', async () => {
    const services = createServices(database.db, {
      agency,
      lockout: { threshold: 5, windowMinutes: 15, lockMinutes: 10 },
      mfa: { secret: 'backfill-test-mfa-secret-backfill-test' },
    });
    const analyst = defineAbilityFor({ id: 'analyst', role: 'analyst', districts: [] });
    const period = {
      from: new Date(bootMs - days * 24 * hourMs).toISOString(),
      to: new Date(bootMs).toISOString(),
    };
    const stats = await services.statsService.responseTimes(analyst, {
      ...period,
      metric: 'response',
      groupBy: 'priority',
    });
    expect(stats.groups.map((g) => g.key.priority)).toEqual([1, 2, 3, 4]);
    for (const group of stats.groups) {
      expect(group.n).toBeGreaterThan(20);
      expect(group.median!).toBeLessThan(group.target!);
      expect(group.withinTarget!).toBeGreaterThan(0.75);
      expect(group.excluded.officerInitiated + group.excluded.missing).toBeGreaterThan(0);
    }
    // Not all: some calls miss their target.
    expect(stats.groups.some((g) => g.withinTarget! < 1)).toBe(true);
    const byUnit = await services.statsService.responseTimes(analyst, {
      ...period,
      metric: 'travel',
      groupBy: 'unit',
    });
    expect(byUnit.groups.filter((g) => g.n > 0).length).toBeGreaterThan(40);
  });

  it('adds nothing on a restart, later or disabled', async () => {
    const before = await counts(database);
    expect(await backfill(database, { nowMs: bootMs + 24 * hourMs })).toEqual({
      outcome: 'present',
    });
    expect(await backfill(database, { days: 0 })).toEqual({ outcome: 'disabled' });
    expect(await counts(database)).toEqual(before);
  });
});

describe('an interrupted demo history backfill', () => {
  it('resumes with the same ids on the next start and then stops adding', async () => {
    const [complete, interrupted] = await Promise.all([
      openTestDatabase('pglite'),
      openTestDatabase('pglite'),
    ]);
    try {
      await backfill(complete, { days: 1 });
      let batches = 0;
      const stopped = await backfill(interrupted, {
        days: 1,
        batchSize: 100,
        stopped: () => ++batches > 3,
      });
      expect(stopped).toEqual({ outcome: 'stopped' });
      const partial = await counts(interrupted);
      expect(partial.calls).toBeGreaterThan(0);
      expect(partial.calls).toBeLessThan((await counts(complete)).calls);
      // The next start is later; the history keeps its anchor and ids.
      expect(await backfill(interrupted, { days: 1, nowMs: bootMs + 2 * hourMs })).toMatchObject({
        outcome: 'written',
      });
      const ids = (handle: DatabaseHandle) =>
        queryRows<{ source_id: string }>(handle.db, sql`select source_id from calls order by 1`);
      expect(await ids(interrupted)).toEqual(await ids(complete));
      expect(await counts(interrupted)).toEqual(await counts(complete));
      expect(await backfill(interrupted, { days: 1 })).toEqual({ outcome: 'present' });
    } finally {
      await Promise.all([complete.close(), interrupted.close()]);
    }
  }, 120_000);
});
