import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.ts';
import { callAssignments, callEvents, calls, units } from '../../db/schema.ts';

export type CallRow = typeof calls.$inferSelect;
export type NewCallRow = typeof calls.$inferInsert;
export type CallEventRow = typeof callEvents.$inferSelect;
export type NewCallEventRow = typeof callEvents.$inferInsert;
export type CallChanges = Partial<Omit<CallRow, 'id' | 'version' | 'updatedAt'>>;

export interface AssignedUnitRow {
  callId: string;
  id: string;
  callSign: string;
  status: string;
}

/** Columns that ability conditions on `Call` refer to. */
export const callColumns = { district: calls.district, status: calls.status };

/** SQL only: no authorization or business rules here. */
export function createCallsRepo(db: Database) {
  return {
    async findById(id: string, tx: Database = db): Promise<CallRow | undefined> {
      const [row] = await tx.select().from(calls).where(eq(calls.id, id));
      return row;
    },

    /** Reads a call and locks it until the transaction ends, serialising writers. */
    async lockById(id: string, tx: Database): Promise<CallRow | undefined> {
      const [row] = await tx.select().from(calls).where(eq(calls.id, id)).for('update');
      return row;
    },

    async lockBySource(
      source: string,
      sourceId: string,
      tx: Database,
    ): Promise<CallRow | undefined> {
      const [row] = await tx
        .select()
        .from(calls)
        .where(and(eq(calls.source, source), eq(calls.sourceId, sourceId)))
        .for('update');
      return row;
    },

    async nextIncidentNumber(tx: Database, year: number): Promise<string> {
      const [row] = await queryRows<{ value: number }>(
        tx,
        sql`select nextval('call_incident_seq')::int as value`,
      );
      return `${year}-${String(row?.value ?? 0).padStart(6, '0')}`;
    },

    async insert(call: NewCallRow, tx: Database): Promise<CallRow> {
      const [row] = await tx.insert(calls).values(call).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    /**
     * Applies changes only if the call is still at `expectedVersion`, and bumps
     * the version: the optimistic-concurrency check is this one atomic statement.
     */
    async updateAtVersion(
      id: string,
      expectedVersion: number,
      changes: CallChanges,
      tx: Database,
    ): Promise<CallRow | undefined> {
      const [row] = await tx
        .update(calls)
        .set({ ...changes, version: sql`${calls.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(calls.id, id), eq(calls.version, expectedVersion)))
        .returning();
      return row;
    },

    list(filter: SQL, options: { limit: number }): Promise<CallRow[]> {
      return db
        .select()
        .from(calls)
        .where(filter)
        .orderBy(asc(calls.priority), asc(calls.receivedAt))
        .limit(options.limit);
    },

    async insertEvent(event: NewCallEventRow, tx: Database): Promise<CallEventRow | undefined> {
      const [row] = await tx.insert(callEvents).values(event).onConflictDoNothing().returning();
      return row;
    },

    async sourceEventExists(
      source: string,
      sourceEventId: string,
      tx: Database = db,
    ): Promise<boolean> {
      const [row] = await tx
        .select({ id: callEvents.id })
        .from(callEvents)
        .where(and(eq(callEvents.source, source), eq(callEvents.sourceEventId, sourceEventId)));
      return row !== undefined;
    },

    /** Event time of the newest event that changed the call's fields. */
    async latestEventAt(callId: string, tx: Database): Promise<Date | undefined> {
      const [row] = await tx
        .select({ at: callEvents.at })
        .from(callEvents)
        .where(eq(callEvents.callId, callId))
        .orderBy(desc(callEvents.at))
        .limit(1);
      return row?.at;
    },

    listEvents(callId: string): Promise<CallEventRow[]> {
      return db
        .select()
        .from(callEvents)
        .where(eq(callEvents.callId, callId))
        .orderBy(asc(callEvents.id));
    },

    /** Units currently on the given calls. */
    listAssignedUnits(callIds: string[], tx: Database = db): Promise<AssignedUnitRow[]> {
      if (callIds.length === 0) return Promise.resolve([]);
      return tx
        .select({
          callId: callAssignments.callId,
          id: units.id,
          callSign: units.callSign,
          status: units.status,
        })
        .from(callAssignments)
        .innerJoin(units, eq(units.id, callAssignments.unitId))
        .where(and(inArray(callAssignments.callId, callIds), isNull(callAssignments.clearedAt)))
        .orderBy(asc(callAssignments.assignedAt));
    },

    async addAssignment(callId: string, unitId: string, at: Date, tx: Database): Promise<void> {
      await tx.insert(callAssignments).values({ callId, unitId, assignedAt: at });
    },

    /** Clears one unit's assignment, or every open one of the call when `unitId` is omitted. */
    async clearAssignments(
      callId: string,
      at: Date,
      tx: Database,
      unitId?: string,
    ): Promise<string[]> {
      const rows = await tx
        .update(callAssignments)
        .set({ clearedAt: at })
        .where(
          and(
            eq(callAssignments.callId, callId),
            isNull(callAssignments.clearedAt),
            unitId === undefined ? undefined : eq(callAssignments.unitId, unitId),
          ),
        )
        .returning({ unitId: callAssignments.unitId });
      return rows.map((row) => row.unitId);
    },
  };
}

export type CallsRepo = ReturnType<typeof createCallsRepo>;
