import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type DriverName } from '../../src/db/client.ts';

/** The drivers every integration suite runs on; PostgreSQL only when one answers. */
export function testDrivers(): DriverName[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The migrated PGlite data directory global setup dumped, to start from without initdb. */
export async function pgliteSnapshot(): Promise<Blob> {
  return new Blob([await fs.readFile(inject('pgliteSnapshotPath'))]);
}

/**
 * A fresh, migrated database for one test file: PGlite in memory, or a new
 * PostgreSQL database (dropped on close), so files can run in parallel.
 */
export async function openTestDatabase(
  driver: DriverName,
): Promise<DatabaseHandle & { url?: string }> {
  if (driver === 'pglite') {
    const handle = await openDatabase({ driver: 'pglite', snapshot: await pgliteSnapshot() });
    await handle.migrate();
    return handle;
  }
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available for tests');
  const name = `watchfloor_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const handle = await openDatabase({ driver: 'postgres', url, poolSize: 5 });
  await handle.migrate();
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
