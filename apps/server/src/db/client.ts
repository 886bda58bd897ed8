import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one database type every repository takes, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DriverName = 'pglite' | 'postgres';

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../drizzle',
);

export interface DatabaseHandle {
  db: Database;
  driver: DriverName;
  /** Applies every pending migration in order. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | {
      driver: 'postgres';
      url: string;
      poolSize?: number;
      /** How long a query waits for a connection (new or from a full pool); default 5 s. */
      connectTimeoutMs?: number;
    }
  /**
   * `dataDir` undefined means in memory (tests). `snapshot` starts from a dumped data
   * directory (`PGlite.dumpDataDir`) instead of running initdb, which takes seconds.
   */
  | { driver: 'pglite'; dataDir?: string; snapshot?: Blob };

const defaultConnectTimeoutMs = 5_000;

/** Opens PostgreSQL through `pg`, or embedded PGlite, behind the same drizzle API. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.driver === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      // Without a bound, an unreachable host (packets dropped, not refused) or a pool whose
      // connections are all stuck makes every request wait forever; with it they fail, and
      // the error handler answers 503 with Retry-After.
      connectionTimeoutMillis: target.connectTimeoutMs ?? defaultConnectTimeoutMs,
    });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const db = drizzlePg({ client: pool, schema }) as unknown as Database;
    return {
      db,
      driver: 'postgres',
      migrate: async () => {
        await migratePostgres(pool);
      },
      close: () => pool.end(),
    };
  }
  if (target.dataDir) await fs.mkdir(target.dataDir, { recursive: true });
  const client = await PGlite.create(target.dataDir ?? 'memory://', {
    loadDataDir: target.snapshot,
  });
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

/** Applies pending migrations over one connection or a pool; answers how many it applied. */
export async function migratePostgres(client: pg.Pool | pg.Client): Promise<number> {
  const db = drizzlePg({ client, schema });
  const before = await appliedMigrationCountIfAny(db);
  await migratePg(db, { migrationsFolder });
  return (await appliedMigrationCount(db)) - before;
}

/** Number of migrations shipped with this build. */
export async function shippedMigrationCount(): Promise<number> {
  const journal = JSON.parse(
    await fs.readFile(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

/** Runs raw SQL and returns its rows; both drivers' results carry `rows`. */
export async function queryRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as { rows: Row[] };
  return result.rows;
}

/** Number of migrations recorded as applied in the database. */
export async function appliedMigrationCount(db: Database): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  return row?.count ?? 0;
}

/** Like `appliedMigrationCount`, but 0 on a database no migration has touched yet. */
async function appliedMigrationCountIfAny(db: Database): Promise<number> {
  const [table] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  return table?.present ? appliedMigrationCount(db) : 0;
}

/** Shipped migrations not yet applied; all of them on an empty database. */
export async function pendingMigrationCount(db: Database): Promise<number> {
  return Math.max(0, (await shippedMigrationCount()) - (await appliedMigrationCountIfAny(db)));
}
