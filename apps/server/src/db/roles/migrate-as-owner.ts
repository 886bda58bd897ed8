import { sql } from 'drizzle-orm';
import pg from 'pg';
import {
  migratePostgres,
  pendingMigrationCount,
  queryRows,
  type Database,
  type DatabaseHandle,
} from '../client.ts';
import { grantRuntimePrivileges } from './runtime-privileges.ts';

const isInsufficientPrivilege = (error: unknown): boolean =>
  error instanceof Error &&
  ((error as { code?: unknown }).code === '42501' || isInsufficientPrivilege(error.cause));

async function currentRole(db: Database): Promise<string> {
  const [row] = await queryRows<{ role: string }>(db, sql`select current_user as role`);
  return row!.role;
}

/**
 * Applies pending migrations as the schema owner, then grants the server's
 * role what the new schema needs (a new table has no grants until then).
 * The same role on both URLs is the old single-role set-up: nothing to grant.
 */
async function migrateAsOwner(runtime: Database, ownerUrl: string) {
  const runtimeRole = await currentRole(runtime);
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await migratePostgres(owner);
    const { rows } = await owner.query<{ role: string }>('select current_user as role');
    if (rows[0]?.role !== runtimeRole) await grantRuntimePrivileges(owner, runtimeRole);
  } finally {
    await owner.end();
  }
}

/**
 * Brings the database of `handle` (the server's own connection) up to date.
 * Nothing pending: nothing to do, so a runtime role without DDL rights starts.
 * Pending: as the owner from `migrationUrl`, or else as the server's role,
 * which only an old single-role install may do; a runtime role gets told how.
 */
export async function migrateConfiguredPostgres(handle: DatabaseHandle, migrationUrl?: string) {
  const pending = await pendingMigrationCount(handle.db);
  if (pending === 0) return;
  if (migrationUrl) return migrateAsOwner(handle.db, migrationUrl);
  try {
    await handle.migrate();
  } catch (error) {
    if (!isInsufficientPrivilege(error)) throw error;
    const count = pending === 1 ? '1 database migration is' : `${pending} database migrations are`;
    throw new Error(
      `${count} pending and the role of DATABASE_URL may not apply them (${(error as Error).message}). ` +
        'Apply them as the schema owner: set DATABASE_MIGRATION_URL to its URL, or have the ' +
        'database administrator re-run `pnpm watchfloor db:roles` (docs/SECURITY.md, "Database roles").',
      { cause: error },
    );
  }
}
