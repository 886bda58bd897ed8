import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { callEvents, calls } from '../../src/db/schema.ts';
import { importCallFiles, type RejectedRow } from '../../src/import/call-import.ts';
import { createAgencyDirectory } from '../../src/modules/agency/agency-directory.ts';
import { testAgency } from '../support/agency-fixture.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { sfCsv, sfMapping, sfRejections, sfRows } from './sf-style-export.ts';

const at = (iso: string) => new Date(iso);

describe.each(testDrivers())('SF-style import with stage columns (%s)', (driver) => {
  let database: DatabaseHandle;
  let folder: string;
  let csvFile: string;
  const rejected: RejectedRow[] = [];
  const importFile = (file: string) =>
    importCallFiles({
      db: database.db,
      directory: createAgencyDirectory(testAgency),
      mapping: sfMapping,
      files: [file],
      actor: 'import:test',
      batchSize: 3,
      onRejected: (row) => rejected.push(row),
    });
  const callBySource = async (sourceId: string) => {
    const [call] = await database.db.select().from(calls).where(eq(calls.sourceId, sourceId));
    if (!call) throw new Error(`call ${sourceId} was not imported`);
    const events = await database.db
      .select()
      .from(callEvents)
      .where(eq(callEvents.callId, call.id))
      .orderBy(asc(callEvents.version));
    return { call, events };
  };

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'watchfloor-sf-'));
    csvFile = path.join(folder, 'dispatched-calls.csv');
    await fs.writeFile(csvFile, sfCsv(sfRows));
  });
  afterAll(async () => {
    await database.close();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('imports the good rows and reports each bad one by line, column and reason', async () => {
    const summary = await importFile(csvFile);
    expect(rejected).toEqual(sfRejections.map((rejection) => ({ file: csvFile, ...rejection })));
    expect(summary).toMatchObject({
      rowsRead: 10,
      imported: 5,
      duplicates: 1,
      rejected: 4,
      events: 11,
      unknownCallTypes: ['ZZZ'],
    });
  });

  it('stores each stage as the instant of a call field and an event', async () => {
    const { call, events } = await callBySource('240010001');
    expect(call).toMatchObject({
      status: 'closed',
      priority: 1,
      callType: 'DIST',
      // The agency's text for a known type, as for a live call.
      callTypeDescription: 'Disturbance',
      disposition: 'RPT',
      address: 'MARKET ST \\ 5TH ST',
      beat: '1A',
      district: '1',
      receivedAt: at('2024-03-09T18:00:00Z'),
      dispatchedAt: at('2024-03-09T18:02:30Z'),
      enrouteAt: at('2024-03-09T18:03:00Z'),
      onsceneAt: at('2024-03-09T18:11:15Z'),
      closedAt: at('2024-03-09T18:45:00Z'),
      version: 5,
    });
    expect(
      events.map(({ version, type, at: when, data, source, sourceEventId }) => ({
        version,
        type,
        at: when.toISOString(),
        status: (data as { status?: string }).status,
        source,
        sourceEventId,
      })),
    ).toEqual([
      {
        version: 1,
        type: 'created',
        at: '2024-03-09T18:00:00.000Z',
        status: undefined,
        source: 'sf-test',
        sourceEventId: '240010001:received',
      },
      ...[
        ['dispatched', '18:02:30'],
        ['enroute', '18:03:00'],
        ['onscene', '18:11:15'],
        ['closed', '18:45:00'],
      ].map(([status, time], index) => ({
        version: index + 2,
        type: 'status_changed',
        at: `2024-03-09T${time}.000Z`,
        status,
        source: 'sf-test',
        sourceEventId: `240010001:${status}`,
      })),
    ]);
    expect(events[4]!.data).toEqual({ status: 'closed', disposition: 'RPT' });
  });

  it('reads local times across the DST change and keeps multi-line fields', async () => {
    const { call, events } = await callBySource('240010002');
    // 01:55 PST → 03:05 PDT is ten minutes.
    expect(call.dispatchedAt!.getTime() - call.receivedAt.getTime()).toBe(10 * 60_000);
    expect(call).toMatchObject({
      status: 'dispatched',
      priority: 2,
      callType: 'ZZZ',
      callTypeDescription: 'SOMETHING NEW',
      address: 'MISSION ST\r\nNEAR 16TH ST, "BART"',
      beat: '2A',
      district: '2',
    });
    expect(events.map((event) => event.type)).toEqual(['created', 'status_changed']);
  });

  it('keeps a call without a location, and one outside every beat', async () => {
    const unlocated = await callBySource('240010003');
    expect(unlocated.call).toMatchObject({
      lat: null,
      lon: null,
      beat: null,
      district: null,
      status: 'pending',
      priority: 3,
      officerInitiated: true,
    });
    const outside = await callBySource('240010008');
    expect(outside.call).toMatchObject({ status: 'cancelled', beat: null, district: null });
    expect(outside.events.map((event) => event.data)).toEqual([
      { callType: 'DIST', priority: 1, reportedStatus: 'cancelled' },
      { status: 'cancelled', disposition: 'CAN' },
    ]);
  });

  it('labels a priority taken from the call type as mapped', async () => {
    const { call, events } = await callBySource('240010010');
    expect(call.priority).toBe(1);
    expect(events[0]!.data).toEqual({ callType: 'DIST', priority: 1, priorityMapped: true });
  });

  it('adds nothing when the same rows come again, gzipped', async () => {
    const gzFile = path.join(folder, 'dispatched-calls.csv.gz');
    await fs.writeFile(gzFile, gzipSync(sfCsv(sfRows)));
    const before = await database.db.$count(callEvents);
    const again = await importFile(gzFile);
    expect(again).toMatchObject({
      rowsRead: 10,
      imported: 0,
      duplicates: 6,
      rejected: 4,
      events: 0,
    });
    expect(await database.db.$count(callEvents)).toBe(before);
    expect(await database.db.$count(calls)).toBe(5);
  });
});
