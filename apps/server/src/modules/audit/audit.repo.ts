import { and, asc, desc, eq, gt, gte, ilike, inArray, like, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { AuditListQuery } from '@watchfloor/contracts';
import { queryRows, type Database } from '../../db/client.ts';
import {
  auditChainHead,
  auditChainStarts,
  auditCheckpoints,
  auditEvents,
  calls,
  integrationTokens,
  units,
  users,
} from '../../db/schema.ts';
import { isUuid } from '../../db/uuid.ts';
import { chainHash, genesisHash } from './audit-chain.ts';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = Omit<typeof auditEvents.$inferInsert, 'id' | 'at' | 'prevHash' | 'hash'>;
export type ChainHeadRow = typeof auditChainHead.$inferSelect;
export type CheckpointRow = typeof auditCheckpoints.$inferSelect;
export type ChainStartRow = typeof auditChainStarts.$inferSelect;

/** Subject types whose rows have a name a person knows them by. */
const labelledSubjectTypes = ['User', 'Call', 'Unit', 'IntegrationToken'] as const;
type LabelledSubjectType = (typeof labelledSubjectTypes)[number];

/** Human names of a page's subjects (keyed `Type:id`) and acting users (keyed by user id). */
export interface AuditLabels {
  subjects: Map<string, string>;
  actors: Map<string, string>;
}

/** Where each subject type's name is: a person by display name (and username). */
const labelSources: {
  type: LabelledSubjectType;
  table: PgTable;
  id: PgColumn;
  label: SQL;
  name?: SQL;
}[] = [
  {
    type: 'User',
    table: users,
    id: users.id,
    label: sql`${users.displayName} || ' (' || ${users.username} || ')'`,
    name: sql`${users.displayName}`,
  },
  { type: 'Call', table: calls, id: calls.id, label: sql`${calls.incidentNumber}` },
  { type: 'Unit', table: units, id: units.id, label: sql`${units.callSign}` },
  {
    type: 'IntegrationToken',
    table: integrationTokens,
    id: integrationTokens.id,
    label: sql`${integrationTokens.name}`,
  },
];

export const subjectKey = (type: string, id: string) => `${type}:${id}`;

/** SQL only: no authorization or business rules here. */
export function createAuditRepo(db: Database, chain: string) {
  /**
   * Appends one row to the chain. The head is locked until `tx` ends, so concurrent
   * writers are chained one after the other in commit order; a write that rolls back
   * takes its link with it. Callers audit as the last write of their transaction, so
   * the lock is held only for the commit (and never while waiting for another lock).
   */
  async function lockHead(tx: Database): Promise<ChainHeadRow> {
    await tx
      .insert(auditChainHead)
      .values({ chain, lastEventId: 0, lastHash: genesisHash(chain) })
      .onConflictDoNothing();
    const [head] = await tx
      .select()
      .from(auditChainHead)
      .where(eq(auditChainHead.chain, chain))
      .for('update');
    if (!head) throw new Error('the audit chain head is missing');
    return head;
  }

  async function append(row: NewAuditRow, tx: Database): Promise<void> {
    const head = await lockHead(tx);
    const [next] = await queryRows<{ id: string }>(
      tx,
      sql`select nextval(pg_get_serial_sequence('audit_events', 'id'))::text as id`,
    );
    // JSON round trip: what is hashed is exactly what jsonb gives back.
    const details: unknown = JSON.parse(JSON.stringify(row.details ?? {}));
    const content = {
      id: Number(next!.id),
      at: new Date(),
      actorUserId: row.actorUserId ?? null,
      actorUsername: row.actorUsername ?? null,
      ip: row.ip ?? null,
      userAgent: row.userAgent ?? null,
      requestId: row.requestId ?? null,
      action: row.action,
      outcome: row.outcome,
      subjectType: row.subjectType ?? null,
      subjectId: row.subjectId ?? null,
      details,
    };
    const hash = chainHash(head.lastHash, content);
    await tx.insert(auditEvents).values({ ...content, prevHash: head.lastHash, hash });
    await tx
      .update(auditChainHead)
      .set({ lastEventId: content.id, lastHash: hash })
      .where(eq(auditChainHead.chain, chain));
  }

  return {
    /** Writes one row; inside `tx` when given, else in a transaction of its own. */
    insert(row: NewAuditRow, tx?: Database): Promise<void> {
      return tx ? append(row, tx) : db.transaction((own) => append(row, own));
    },

    /** Newest first; `before` pages backwards by id; every other filter narrows. */
    list(options: AuditListQuery): Promise<AuditRow[]> {
      // LIKE's own wildcards in what was typed match themselves.
      const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
      return db
        .select()
        .from(auditEvents)
        .where(
          and(
            options.before === undefined ? undefined : lt(auditEvents.id, options.before),
            options.actor
              ? ilike(auditEvents.actorUsername, `%${literal(options.actor)}%`)
              : undefined,
            options.action?.endsWith('.')
              ? like(auditEvents.action, `${literal(options.action)}%`)
              : options.action
                ? eq(auditEvents.action, options.action)
                : undefined,
            options.subject ? eq(auditEvents.subjectId, options.subject) : undefined,
            options.outcome ? eq(auditEvents.outcome, options.outcome) : undefined,
            options.from ? gte(auditEvents.at, new Date(options.from)) : undefined,
            options.to ? lt(auditEvents.at, new Date(options.to)) : undefined,
          ),
        )
        .orderBy(desc(auditEvents.id))
        .limit(options.limit);
    },

    /**
     * The names of a page's subjects and actors: one query by primary keys, whatever
     * the page's size. Ids that are not uuids
     * (or whose row is gone) get no label.
     */
    async labels(rows: readonly AuditRow[]): Promise<AuditLabels> {
      const ids = new Map<LabelledSubjectType, Set<string>>(
        labelledSubjectTypes.map((type) => [type, new Set<string>()]),
      );
      for (const row of rows) {
        const wanted = ids.get(row.subjectType as LabelledSubjectType);
        if (wanted && row.subjectId && isUuid(row.subjectId)) wanted.add(row.subjectId);
        if (row.actorUserId) ids.get('User')!.add(row.actorUserId);
      }
      const lookups = labelSources
        .filter((source) => ids.get(source.type)!.size > 0)
        .map(
          ({ type, table, id, label, name }) =>
            sql`select ${type} as type, ${id}::text as id, ${label} as label, ${name ?? sql`null`}::text as name
              from ${table} where ${inArray(id, [...ids.get(type)!])}`,
        );
      const labels: AuditLabels = { subjects: new Map(), actors: new Map() };
      if (lookups.length === 0) return labels;
      const found = await queryRows<{
        type: string;
        id: string;
        label: string;
        name: string | null;
      }>(db, sql.join(lookups, sql` union all `));
      for (const row of found) {
        labels.subjects.set(subjectKey(row.type, row.id), row.label);
        if (row.name !== null) labels.actors.set(row.id, row.name);
      }
      return labels;
    },

    /** Oldest first, a page at a time after `afterId`, for walking the whole chain. */
    pageAfter(afterId: number, limit: number): Promise<AuditRow[]> {
      return db
        .select()
        .from(auditEvents)
        .where(gt(auditEvents.id, afterId))
        .orderBy(asc(auditEvents.id))
        .limit(limit);
    },

    async head(): Promise<ChainHeadRow | undefined> {
      const [row] = await db.select().from(auditChainHead).where(eq(auditChainHead.chain, chain));
      return row;
    },

    checkpoints(): Promise<CheckpointRow[]> {
      return db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.id));
    },

    chainStarts(): Promise<ChainStartRow[]> {
      return db.select().from(auditChainStarts).orderBy(asc(auditChainStarts.firstEventId));
    },

    /**
     * Records where the chain will start once the rows written before `cutoff` are gone:
     * the first row kept and the link it carries. Under the head's lock, so no row is
     * chained meanwhile. Returns the latest start, which never moves backwards; null when
     * nothing lies before the cutoff.
     */
    startChainAt(
      cutoff: Date,
      sign: (firstEventId: number, prevHash: string) => string,
    ): Promise<ChainStartRow | null> {
      return db.transaction(async (tx) => {
        const head = await lockHead(tx);
        const [latest] = await tx
          .select()
          .from(auditChainStarts)
          .orderBy(desc(auditChainStarts.firstEventId))
          .limit(1);
        const [firstKept] = await tx
          .select({ id: auditEvents.id, prevHash: auditEvents.prevHash })
          .from(auditEvents)
          .where(gte(auditEvents.at, cutoff))
          .orderBy(asc(auditEvents.id))
          .limit(1);
        const firstEventId = firstKept?.id ?? head.lastEventId + 1;
        if (latest && latest.firstEventId >= firstEventId) return latest;
        const [older] = await tx
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .where(lt(auditEvents.id, firstEventId))
          .limit(1);
        if (!older) return latest ?? null;
        // A kept row written before the chain began links to nothing: the chain's own start.
        const prevHash = firstKept ? (firstKept.prevHash ?? genesisHash(chain)) : head.lastHash;
        const [start] = await tx
          .insert(auditChainStarts)
          .values({ firstEventId, prevHash, signature: sign(firstEventId, prevHash) })
          .returning();
        return start ?? null;
      });
    },

    async addCheckpoint(checkpoint: Omit<CheckpointRow, 'id' | 'at'>): Promise<CheckpointRow> {
      const [row] = await db.insert(auditCheckpoints).values(checkpoint).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
