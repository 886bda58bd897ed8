import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createMongoAbility } from '@casl/ability';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppAbility } from '@watchfloor/authz';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { createExportsRepo } from '../../src/modules/exports/exports.repo.ts';
import { createExportsService } from '../../src/modules/exports/exports.service.ts';
import { testAgency } from '../support/agency-fixture.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import {
  binary,
  formulaPayloads,
  insertHistoricCalls,
  purpose,
  readXlsx,
} from './exports-fixtures.ts';

type Agent = Awaited<ReturnType<typeof signIn>>;

const period = { from: '2026-03-01T00:00:00-06:00', to: '2026-03-02T00:00:00-06:00' };

describe.each(testDrivers())('spreadsheet safety and statistics exports on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let analyst: Agent;
  let supervisor: Agent;

  const get = (agent: Agent, path: string, query: Record<string, string>) =>
    agent.agent
      .get(path)
      .query({ ...period, purpose, ...query })
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'alex', role: 'analyst' });
    await buildUser(harness.services, { username: 'sam', role: 'supervisor' });
    analyst = await signIn(harness.app, 'alex');
    supervisor = await signIn(harness.app, 'sam');
    for (const [index, payload] of formulaPayloads.entries())
      await insertHistoricCalls(database.db, {
        count: 1,
        receivedAt: `2026-03-01T0${index}:00:00-06:00`,
        address: payload,
        callTypeDescription: payload,
        district: index % 2 === 0 ? '1' : '2',
      });
  });
  afterAll(() => database.close());

  it('neutralises every formula prefix in CSV with a leading quote', async () => {
    const response = await get(analyst, '/api/exports/calls', { format: 'csv' }).expect(200);
    const rows = parse<Record<string, string>>((response.body as Buffer).toString('utf8'), {
      columns: true,
    });
    expect(rows.map((row) => row.address)).toEqual(formulaPayloads.map((payload) => `'${payload}`));
    expect(rows.map((row) => row.callTypeDescription)).toEqual(
      formulaPayloads.map((payload) => `'${payload}`),
    );
    // Numbers are not text a spreadsheet evaluates: they are left as they are.
    expect(rows[0]!.priority).toBe('1');
    expect(rows[0]!.lat).toBe('0.005');
  });

  it('neutralises every formula prefix in XLSX and writes no formula cell', async () => {
    const response = await get(analyst, '/api/exports/calls', { format: 'xlsx' }).expect(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const { rows, sheets } = await readXlsx(response.body as Buffer);
    expect(sheets).toEqual(['Calls', 'About']);
    const header = rows[0] as string[];
    const address = header.indexOf('address');
    const values = rows.slice(1).map((row) => row[address]);
    // XML reads a raw carriage return back as a line feed; the leading quote is what matters.
    expect(values).toEqual(formulaPayloads.map((payload) => `'${payload.replace('\r', '\n')}`));
    for (const row of rows) for (const cell of row) expect(typeof cell).not.toBe('object');
    expect(rows[1]![header.indexOf('priority')]).toBe(1);
  });

  it.skipIf(driver !== 'postgres')(
    'writes the same CSV bytes through COPY as through keyset pages',
    async () => {
      const repo = createExportsRepo(database.db);
      const everything = createMongoAbility<AppAbility>([{ action: 'export', subject: 'Call' }]);
      const csvThrough = async (exportsRepo: typeof repo) => {
        const service = createExportsService({
          exportsRepo,
          statsService: harness.services.statsService,
          auditService: harness.services.auditService,
          agency: testAgency,
          batchSize: 4,
        });
        const prepared = await service.calls(everything, cliActor, {
          ...period,
          purpose,
          format: 'csv',
          bom: 'true',
        });
        const chunks: Buffer[] = [];
        await pipeline(
          await prepared.open(),
          new Writable({
            write(chunk: Buffer | string, _encoding, callback) {
              chunks.push(Buffer.from(chunk));
              callback();
            },
          }),
        );
        await prepared.finish('completed');
        return Buffer.concat(chunks).toString('utf8');
      };
      expect(repo.canCopy).toBe(true);
      const copied = await csvThrough(repo);
      expect(copied.split('\n')).toHaveLength(formulaPayloads.length + 2);
      expect(await csvThrough({ ...repo, canCopy: false })).toBe(copied);
    },
  );

  it('exports the response-time groups as CSV and XLSX, audited', async () => {
    const query = { metric: 'total', groupBy: 'district' };
    const csv = await get(analyst, '/api/exports/stats', { ...query, format: 'csv' }).expect(200);
    expect(csv.headers['content-disposition']).toMatch(
      /filename="test_stats_2026-03-01_to_2026-03-02_/,
    );
    expect(csv.headers['x-watchfloor-time-zone']).toBe('America/Chicago');
    const rows = parse<Record<string, string>>((csv.body as Buffer).toString('utf8'), {
      columns: true,
    });
    expect(rows.map((row) => [row.district, row.n, row.medianSeconds])).toEqual([
      // The fixture receives call n at `from + n ms` and closes them all an hour after `from`.
      ['1', '3', '3599.999'],
      ['2', '3', '3599.999'],
    ]);
    const xlsx = await get(analyst, '/api/exports/stats', { ...query, format: 'xlsx' }).expect(200);
    const book = await readXlsx(xlsx.body as Buffer);
    expect(book.sheets).toEqual(['Statistics', 'About']);
    expect(book.rows[0]).toEqual(expect.arrayContaining(['district', 'n', 'p90Seconds']));
    expect(book.rows[1]!.slice(0, 2)).toEqual(['1', 3]);
    await get(supervisor, '/api/exports/stats', { ...query, format: 'csv' }).expect(403);
    await get(analyst, '/api/exports/stats', { ...query, format: 'geojson' }).expect(400);
    const [event] = await harness.services.auditService.list(
      createMongoAbility<AppAbility>([{ action: 'read', subject: 'AuditEvent' }]),
      { limit: 1 },
    );
    expect(event).toMatchObject({ action: 'stats.export', outcome: 'denied' });
    const events = await harness.services.auditService.list(
      createMongoAbility<AppAbility>([{ action: 'read', subject: 'AuditEvent' }]),
      { limit: 10 },
    );
    const done = events.find(
      (each) => each.action === 'stats.export' && each.outcome === 'success',
    );
    expect(done?.details).toMatchObject({
      purpose,
      format: 'xlsx',
      rows: 2,
      result: 'completed',
      filters: { metric: 'total', groupBy: ['district'] },
    });
  });
});
