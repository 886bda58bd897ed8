import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../../src/db/client.ts';

export const defaultTestDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL to create per-file test databases from, or null when none answers. */
    postgresUrl: string | null;
    /** A dumped, migrated PGlite data directory every test file starts its PGlite from. */
    pgliteSnapshotPath: string;
  }
}

/**
 * Finds the PostgreSQL for integration tests. Every repository test runs on
 * PGlite and on PostgreSQL; outside CI a missing server skips the PostgreSQL
 * half with a warning, in CI it fails the run.
 */
export default async function setup(project: TestProject) {
  const snapshot = await migratedPgliteSnapshot();
  project.provide('pgliteSnapshotPath', snapshot.path);
  const url = process.env.TEST_DATABASE_URL ?? defaultTestDatabaseUrl;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    project.provide('postgresUrl', url);
  } catch (error) {
    const reason = `PostgreSQL at ${url} is unreachable (${(error as Error).message})`;
    if (process.env.CI) {
      throw new Error(`${reason}; CI requires it. Set TEST_DATABASE_URL.`, { cause: error });
    }
    console.warn(`\n⚠ ${reason}: PostgreSQL integration tests are SKIPPED; only PGlite runs.\n`);
    project.provide('postgresUrl', null);
  } finally {
    await client.end().catch(() => undefined);
  }
  return snapshot.remove;
}

/**
 * PGlite's initdb costs about two seconds per instance; a file that loads this dump
 * instead starts in a fraction of that, and the migrations it then checks are applied.
 */
async function migratedPgliteSnapshot() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'watchfloor-pglite-'));
  const client = await PGlite.create('memory://');
  await migrate(drizzle({ client }), { migrationsFolder });
  const dump = await client.dumpDataDir('none');
  await client.close();
  const file = path.join(dir, 'migrated.tar');
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return { path: file, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}
