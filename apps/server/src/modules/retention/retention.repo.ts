import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.ts';

/** The instant before which each kind of data goes. */
export interface RetentionCutoffs {
  positions: Date;
  callerData: Date;
  auditEvents: Date;
  sessions: Date;
}

/** What a purge removed, or (dry run) would remove, per kind of data. */
export interface RetentionCounts {
  /** Unit position reports deleted. */
  positions: number;
  /** Closed calls whose caller name, phone and narrative were blanked. */
  callerData: number;
  /** Call events of those calls that lost their personal keys. */
  callEvents: number;
  /** Expired sessions deleted. */
  sessions: number;
  /** Audit rows deleted. */
  auditEvents: number;
}

/** A PostgreSQL array literal of plain words (keys, uuids): nothing in them needs quoting. */
const array = (values: string[], type: 'text' | 'uuid') =>
  sql`${`{${values.join(',')}}`}::${sql.raw(type)}[]`;

const count = async (db: Database, query: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: string }>(db, query))[0]?.n ?? 0);

/**
 * SQL only. Each method is one short transaction over at most `batch` rows; history
 * (positions, call events, audit rows) changes only through the retention functions of
 * migration 0011, which the runtime role may call but whose tables it may not touch.
 */
export function createRetentionRepo(db: Database) {
  return {
    /** What a purge with these cutoffs would touch now (the dry run). */
    async due(cutoffs: RetentionCutoffs, personalKeys: string[]): Promise<RetentionCounts> {
      const keys = array(personalKeys, 'text');
      const [positions, callerData, callEvents, sessions, auditEvents] = await Promise.all([
        count(
          db,
          sql`select count(*)::text as n from unit_positions
              where at < least(${cutoffs.positions}::timestamptz, now() - interval '1 day')`,
        ),
        count(
          db,
          sql`select count(*)::text as n from calls
              where caller_data_removed_at is null and closed_at < ${cutoffs.callerData}::timestamptz`,
        ),
        count(
          db,
          sql`select count(*)::text as n from call_events e join calls c on c.id = e.call_id
              where c.caller_data_removed_at is null and c.closed_at < ${cutoffs.callerData}::timestamptz
                and e.data ?| ${keys}`,
        ),
        count(
          db,
          sql`select count(*)::text as n from sessions where expires_at < ${cutoffs.sessions}::timestamptz`,
        ),
        count(
          db,
          sql`select count(*)::text as n from audit_events
              where at < least(${cutoffs.auditEvents}::timestamptz, now() - interval '365 days')`,
        ),
      ]);
      return { positions, callerData, callEvents, sessions, auditEvents };
    },

    /** Deletes up to `batch` position reports older than the cutoff, oldest first. */
    purgePositions(cutoff: Date, batch: number): Promise<number> {
      return count(
        db,
        sql`select retention_purge_unit_positions(${cutoff}::timestamptz, ${batch}::int)::text as n`,
      );
    },

    /**
     * Blanks the caller data of up to `batch` calls closed before the cutoff, and takes
     * the personal keys out of their events, in one transaction. Rows another purge holds
     * are skipped, so two servers purging at once do not wait on each other.
     */
    redactCallerData(
      cutoff: Date,
      batch: number,
      personalKeys: string[],
    ): Promise<{ calls: number; events: number }> {
      return db.transaction(async (tx) => {
        const due = await queryRows<{ id: string }>(
          tx,
          sql`select id from calls
              where caller_data_removed_at is null and closed_at < ${cutoff}::timestamptz
              order by closed_at limit ${batch}::int for update skip locked`,
        );
        if (due.length === 0) return { calls: 0, events: 0 };
        const ids = array(
          due.map((row) => row.id),
          'uuid',
        );
        await tx.execute(
          sql`update calls set caller_name = null, caller_phone = null, narrative = null,
                caller_data_removed_at = now()
              where id = any(${ids})`,
        );
        const events = await count(
          tx,
          sql`select retention_redact_call_events(${ids}, ${array(personalKeys, 'text')})::text as n`,
        );
        return { calls: due.length, events };
      });
    },

    /** Deletes up to `batch` sessions that expired before the cutoff. */
    purgeSessions(cutoff: Date, batch: number): Promise<number> {
      return count(
        db,
        sql`with gone as (
              delete from sessions where sid in (
                select sid from sessions where expires_at < ${cutoff}::timestamptz limit ${batch}::int)
              returning 1)
            select count(*)::text as n from gone`,
      );
    },

    /** Deletes up to `batch` of the oldest audit rows, only below the latest chain start. */
    purgeAuditEvents(cutoff: Date, batch: number): Promise<number> {
      return count(
        db,
        sql`select retention_purge_audit_events(${cutoff}::timestamptz, ${batch}::int)::text as n`,
      );
    },
  };
}

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
