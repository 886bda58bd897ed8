import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { Config } from '../config.ts';
import { openDatabase, type DatabaseHandle } from './client.ts';
import { migrateConfiguredPostgres } from './roles/migrate-as-owner.ts';

/**
 * Opens the database the configuration names and applies migrations. The
 * embedded PGlite database belongs to one process at a time, so it is locked
 * and a second process (a CLI command while the server runs) gets a clear message.
 */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    const handle = await openDatabase({ driver: 'postgres', url: config.DATABASE_URL });
    try {
      await migrateConfiguredPostgres(handle, config.DATABASE_MIGRATION_URL);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle;
  }
  const dataDir = path.resolve(config.DATA_DIR, 'pgdata');
  await fs.mkdir(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, { stale: 15_000, update: 5_000 });
  } catch {
    throw new Error(
      `The embedded database in ${dataDir} is in use by another Watchfloor process. ` +
        'Stop the server first, or use an external PostgreSQL with DATABASE_URL.',
    );
  }
  const handle = await openDatabase({ driver: 'pglite', dataDir });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await release();
    },
  };
}
