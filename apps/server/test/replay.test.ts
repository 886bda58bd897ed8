import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../src/db/client.ts';
import { replayFiles } from '../src/demo/replay/replay.ts';
import type { ImportMapping } from '../src/import/mapping.schema.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { openTestDatabase } from './support/databases.ts';
import { buildTestApp } from './support/test-app.ts';

const mapping: ImportMapping = {
  name: 'generated',
  source: 'gen',
  timeZone: 'UTC',
  columns: {
    sourceCallId: 'id',
    callType: 'type',
    coordinates: { lat: 'lat', lon: 'lon' },
    receivedAt: { column: 'received', format: 'iso' },
    onsceneAt: { column: 'onscene', format: 'iso' },
    closedAt: { column: 'closed', format: 'iso' },
  },
};

// Three calls over ten source minutes; at 600× the replay takes about a second.
const csv = [
  'id,type,lat,lon,received,onscene,closed',
  'A,DIST,0.005,0.005,2024-01-01T10:00:00Z,2024-01-01T10:03:00Z,2024-01-01T10:09:00Z',
  'B,DIST,0.005,0.015,2024-01-01T10:01:00Z,,2024-01-01T10:04:00Z',
  'C,NOPE,0.005,0.005,2024-01-01T10:02:00Z,,',
].join('\n');

describe('replay through the ingest API', () => {
  let database: DatabaseHandle;
  let server: http.Server;
  let baseUrl: string;
  let token: string;
  let file: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const harness = await buildTestApp(database);
    ({ token } = await harness.services.tokensService.create(cliActor, 'replay'));
    server = http.createServer(harness.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'replay-')), 'calls.csv');
    await fs.writeFile(file, csv);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  it('plays calls as if live, keeping their intervals scaled by the speed, and only once per run id', async () => {
    const options = {
      files: [file],
      mapping,
      speed: 600,
      baseUrl,
      token,
      runId: 'r1',
      log: () => undefined,
      tickMs: 50,
    };
    const totals = await replayFiles(options);
    expect(totals).toMatchObject({ applied: 5, rejected: 1 });
    const rows = await queryRows<{
      source_id: string;
      status: string;
      received_at: Date;
      onscene_at: Date | null;
      closed_at: Date;
    }>(
      database.db,
      sql`select source_id, status, received_at, onscene_at, closed_at from calls order by source_id`,
    );
    expect(rows.map((row) => `${row.source_id}:${row.status}`)).toEqual([
      'r1:A:closed',
      'r1:B:closed',
    ]);
    const [a] = rows;
    // Nine source minutes at 600× are 900 ms of replay time.
    expect(new Date(a!.closed_at).getTime() - new Date(a!.received_at).getTime()).toBe(900);
    expect(Date.now() - new Date(a!.received_at).getTime()).toBeLessThan(30_000);
    const again = await replayFiles(options);
    expect(again).toMatchObject({ applied: 0, duplicate: 5, rejected: 1 });
  });
});
