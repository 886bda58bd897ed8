import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseTimeStats } from '@watchfloor/contracts';
import { queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import {
  importCallFiles,
  type ImportSummary,
  type RejectedRow,
} from '../../src/import/call-import.ts';
import { loadImportMapping } from '../../src/import/csv-source.ts';
import type { ImportMapping } from '../../src/import/mapping.schema.ts';
import { createAgencyDirectory } from '../../src/modules/agency/agency-directory.ts';
import { loadAgencyConfig } from '../../src/modules/agency/agency.loader.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import {
  oaklandAgencyFile,
  oaklandCallFiles,
  oaklandDataAvailable,
  oaklandMappingFile,
  reference,
} from './oakland-reference.ts';

// The whole two months are heavy for embedded PGlite: PostgreSQL when it answers.
const driver = testDrivers().includes('postgres') ? 'postgres' : 'pglite';
/** The period of the data: 2024-01-01 to 2024-02-29, Oakland local time. */
const period = { from: '2024-01-01T00:00:00-08:00', to: '2024-03-01T00:00:00-08:00' };
const tenths = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** Source rows read independently of the importer: event number → raw values. */
function readSourceRows(): Map<string, Record<string, string>> {
  const rows = new Map<string, Record<string, string>>();
  for (const file of oaklandCallFiles) {
    const records = parse<Record<string, string>>(fs.readFileSync(file), {
      columns: true,
      bom: true,
    });
    for (const record of records) rows.set(record.I_EVENTNUMBER!, record);
  }
  return rows;
}

describe.runIf(oaklandDataAvailable())(`Oakland import (${driver})`, { timeout: 240_000 }, () => {
  let database: DatabaseHandle;
  let mapping: ImportMapping;
  let first: ImportSummary;
  const rejected: RejectedRow[] = [];
  const importAll = async () =>
    importCallFiles({
      db: database.db,
      directory: createAgencyDirectory(await loadAgencyConfig(oaklandAgencyFile)),
      mapping,
      files: oaklandCallFiles,
      actor: 'import:test',
      onRejected: (row) => rejected.push(row),
    });
  const rows = <Row>(query: ReturnType<typeof sql>) => queryRows<Row>(database.db, query);
  const counts = async () =>
    (
      await rows<{ calls: number; events: number }>(
        sql`select (select count(*) from calls)::int as calls, (select count(*) from call_events)::int as events`,
      )
    )[0];

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    mapping = await loadImportMapping(oaklandMappingFile);
    first = await importAll();
  });
  afterAll(() => database.close());

  it('imports every row, rejecting none', () => {
    expect(rejected).toEqual([]);
    expect(first).toMatchObject({
      rowsRead: reference.total,
      imported: reference.total,
      duplicates: 0,
      rejected: 0,
      unknownCallTypes: [],
    });
  });

  it('maps the I_STATUSID of every row through the mapping', async () => {
    const source = readSourceRows();
    const byStatusId: Record<string, number> = {};
    for (const row of source.values())
      byStatusId[row.I_STATUSID!] = (byStatusId[row.I_STATUSID!] ?? 0) + 1;
    expect(byStatusId).toEqual(reference.byStatusId);

    const stored = await rows<{ source_id: string; status: string }>(
      sql`select source_id, status from calls where source = ${mapping.source}`,
    );
    expect(stored).toHaveLength(reference.total);
    const wrong = stored.filter(
      (call) => call.status !== mapping.statusMap![source.get(call.source_id)!.I_STATUSID!],
    );
    expect(wrong).toEqual([]);
    // C → closed; P and I (unknown, 7 rows) → pending; A → dispatched.
    const byStatus = await rows<{ status: string; calls: number }>(
      sql`select status, count(*)::int as calls from calls group by status order by status`,
    );
    expect(byStatus).toEqual([
      { status: 'closed', calls: reference.byStatusId.C },
      { status: 'dispatched', calls: reference.byStatusId.A },
      { status: 'pending', calls: reference.byStatusId.P + reference.byStatusId.I },
    ]);
  });

  it('counts the calls of every POL_DIST', async () => {
    const byDistrict = await rows<{ district: string; calls: number }>(
      sql`select coalesce(district, '') as district, count(*)::int as calls from calls group by 1`,
    );
    const expected = Object.entries(reference.byDistrict)
      .filter(([district]) => district !== 'all')
      .map(([district, figures]) => ({ district, calls: figures.calls }));
    expect(byDistrict).toEqual(expect.arrayContaining(expected));
    expect(byDistrict).toHaveLength(expected.length);
  });

  it('stores every stage as an event at its instant, like a live call', async () => {
    const [check] = await rows<Record<string, number>>(sql`
      select
        count(*) filter (where e.type = 'created' and e.at = c.received_at and e.version = 1)::int as created,
        count(*) filter (where e.type = 'status_changed' and e.data->>'status' = 'closed'
                           and e.at = c.closed_at and e.version = c.version)::int as closed,
        count(*)::int as events
      from call_events e join calls c on c.id = e.call_id`);
    expect(check).toEqual({
      created: reference.total,
      closed: reference.byStatusId.C,
      events: reference.total + reference.byStatusId.C,
    });
    const [located] = await rows<{ unlocated: number }>(
      sql`select count(*)::int as unlocated from calls where lat is null and lon is null`,
    );
    expect(located!.unlocated).toBe(reference.emptyCoordinates);
  });

  it('reproduces the median and p90 of the total interval by district (statistics API)', async () => {
    const harness = await buildTestApp(database, {
      agency: await loadAgencyConfig(oaklandAgencyFile),
    });
    await buildUser(harness.services, { username: 'analyst-oak', role: 'analyst' });
    const { agent } = await signIn(harness.app, 'analyst-oak');
    const ask = async (groupBy?: string) =>
      (
        await agent
          .get('/api/stats/response-times')
          .query({ metric: 'total', ...period, ...(groupBy ? { groupBy } : {}) })
          .expect(200)
      ).body as ResponseTimeStats;

    const [all] = (await ask()).groups;
    const figures = (group: ResponseTimeStats['groups'][number]) => ({
      closedUsed: group.n,
      median: tenths(group.median),
      p90: tenths(group.p90),
    });
    const { calls: _calls, ...allFigures } = reference.byDistrict.all;
    expect(figures(all!)).toEqual(allFigures);

    const byDistrict = Object.fromEntries(
      (await ask('district')).groups.map((group) => [group.key.district ?? '', figures(group)]),
    );
    const expected = Object.fromEntries(
      Object.entries(reference.byDistrict)
        .filter(([district]) => district !== 'all')
        .map(([district, { calls: _, ...rest }]) => [district, rest]),
    );
    expect(byDistrict).toEqual(expected);
  });

  it('reproduces the same figures from the event log', async () => {
    const measured = await rows<{ district: string; n: number; median: number; p90: number }>(sql`
      with intervals as (
        select c.district, extract(epoch from closed.at - created.at)::float8 as seconds
        from calls c
        join call_events created on created.call_id = c.id and created.type = 'created'
        join call_events closed on closed.call_id = c.id and closed.data->>'status' = 'closed'
      )
      select coalesce(district, '') as district, count(*)::int as n,
        percentile_cont(0.5) within group (order by seconds) as median,
        percentile_cont(0.9) within group (order by seconds) as p90
      from intervals where seconds >= 0 group by 1`);
    for (const row of measured) {
      const expected = reference.byDistrict[row.district as keyof typeof reference.byDistrict];
      expect({
        district: row.district,
        n: row.n,
        median: tenths(row.median),
        p90: tenths(row.p90),
      }).toEqual({
        district: row.district,
        n: expected.closedUsed,
        median: expected.median,
        p90: expected.p90,
      });
    }
    expect(measured).toHaveLength(Object.keys(reference.byDistrict).length - 1);
  });

  it('keeps the closed calls with a zero interval', async () => {
    const [zero] = await rows<{ calls: number }>(
      sql`select count(*)::int as calls from calls where status = 'closed' and closed_at = received_at`,
    );
    expect(zero!.calls).toBe(reference.zeroIntervalClosedRows);
  });

  it('reproduces the top ten call types with their text', async () => {
    const top = await rows<{ callType: string; description: string; calls: number }>(sql`
      select call_type as "callType", call_type_description as description, count(*)::int as calls
      from calls group by 1, 2 order by 3 desc limit 10`);
    expect(top).toEqual(reference.topCallTypes);
  });

  it('adds nothing when the same files are imported again', async () => {
    const before = await counts();
    const again = await importAll();
    expect(again).toMatchObject({
      rowsRead: reference.total,
      imported: 0,
      duplicates: reference.total,
      rejected: 0,
      events: 0,
    });
    expect(await counts()).toEqual(before);
  });
});
