import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.ts';
import { chainHash, genesisHash } from '../../src/modules/audit/audit-chain.ts';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** Changes the log as a database superuser would: with the append-only triggers off. */
export async function asSuperuser(db: Database, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

/**
 * Old audit rows can only be written by moving real rows into the past: the first `old`
 * rows get instants 400 days ago and the whole chain is recomputed, as if written then.
 */
export async function ageAuditRows(db: Database, chain: string, old: number) {
  const rows = await queryRows<Record<string, unknown> & { id: string }>(
    db,
    sql`select id::text, at, actor_user_id as "actorUserId", actor_username as "actorUsername", ip,
          request_id as "requestId", action, outcome, subject_type as "subjectType",
          subject_id as "subjectId", details from audit_events order by audit_events.id`,
  );
  let previous = genesisHash(chain);
  for (const [index, row] of rows.entries()) {
    const at =
      index < old ? new Date(daysAgo(400).getTime() + index * 1000) : new Date(row.at as string);
    const content = { ...row, id: Number(row.id), at } as Parameters<typeof chainHash>[1];
    const hash = chainHash(previous, content);
    await asSuperuser(
      db,
      sql`update audit_events set at = ${at}, prev_hash = ${previous}, hash = ${hash} where id = ${content.id}`,
    );
    previous = hash;
  }
  await asSuperuser(db, sql`update audit_chain_head set last_hash = ${previous}`);
  return rows.map((row) => Number(row.id));
}
