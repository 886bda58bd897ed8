import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { unitEvents, unitPositions, units } from '../../db/schema.ts';

export type UnitRow = typeof units.$inferSelect;
export type NewUnitRow = typeof units.$inferInsert;
export type NewUnitEventRow = typeof unitEvents.$inferInsert;
export type NewPositionRow = typeof unitPositions.$inferInsert;

/** Columns that ability conditions on `Unit` and `UnitPosition` refer to. */
export const unitColumns = { homeDistrict: units.homeDistrict };

/** SQL only: no authorization or business rules here. */
export function createUnitsRepo(db: Database) {
  return {
    async findById(id: string, tx: Database = db): Promise<UnitRow | undefined> {
      const [row] = await tx.select().from(units).where(eq(units.id, id));
      return row;
    },

    async lockById(id: string, tx: Database): Promise<UnitRow | undefined> {
      const [row] = await tx.select().from(units).where(eq(units.id, id)).for('update');
      return row;
    },

    async lockByCallSigns(callSigns: string[], tx: Database): Promise<UnitRow[]> {
      if (callSigns.length === 0) return [];
      return tx.select().from(units).where(inArray(units.callSign, callSigns)).for('update');
    },

    findByCallSigns(callSigns: string[]): Promise<UnitRow[]> {
      if (callSigns.length === 0) return Promise.resolve([]);
      return db.select().from(units).where(inArray(units.callSign, callSigns));
    },

    async insert(unit: NewUnitRow, tx: Database): Promise<UnitRow> {
      const [row] = await tx.insert(units).values(unit).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async update(
      id: string,
      changes: Partial<Omit<UnitRow, 'id' | 'version'>>,
      tx: Database,
    ): Promise<UnitRow> {
      const [row] = await tx
        .update(units)
        .set({ ...changes, version: sql`${units.version} + 1` })
        .where(eq(units.id, id))
        .returning();
      if (!row) throw new Error(`unit ${id} vanished`);
      return row;
    },

    list(filter: SQL): Promise<UnitRow[]> {
      return db
        .select()
        .from(units)
        .where(filter)
        .orderBy(asc(units.homeDistrict), asc(units.callSign));
    },

    /** False when `(source, sourceEventId)` was already recorded. */
    async insertEvent(event: NewUnitEventRow, tx: Database): Promise<boolean> {
      const rows = await tx
        .insert(unitEvents)
        .values(event)
        .onConflictDoNothing()
        .returning({ id: unitEvents.id });
      return rows.length > 0;
    },

    async unitEventExists(source: string, sourceEventId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: unitEvents.id })
        .from(unitEvents)
        .where(and(eq(unitEvents.source, source), eq(unitEvents.sourceEventId, sourceEventId)));
      return row !== undefined;
    },

    /** Stores positions; returns the ones that were new (a repeated `(unit, at)` is a duplicate). */
    async insertPositions(
      rows: NewPositionRow[],
      tx: Database = db,
    ): Promise<{ unitId: string; at: Date }[]> {
      if (rows.length === 0) return [];
      return tx
        .insert(unitPositions)
        .values(rows)
        .onConflictDoNothing()
        .returning({ unitId: unitPositions.unitId, at: unitPositions.at });
    },
  };
}

export type UnitsRepo = ReturnType<typeof createUnitsRepo>;
