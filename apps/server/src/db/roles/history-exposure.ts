import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../client.ts';

/**
 * True when the connected role could switch off the append-only triggers and
 * rewrite history: a superuser, or the owner of the audit log (directly or by
 * inheriting the owner's role). The single-role set-up before `db:roles`.
 */
export async function connectedRoleCanRewriteHistory(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ exposed: boolean }>(
    db,
    sql`select r.rolsuper or pg_has_role(current_user, c.relowner, 'USAGE') as exposed
        from pg_roles r, pg_class c
        where r.rolname = current_user and c.oid = to_regclass('public.audit_events')`,
  );
  return row?.exposed ?? false;
}
