import { desc, lt } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { auditEvents } from '../../db/schema.ts';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;

export function createAuditRepo(db: Database) {
  return {
    async insert(row: NewAuditRow, tx: Database = db): Promise<void> {
      await tx.insert(auditEvents).values(row);
    },

    /** Newest first; `before` pages backwards by id. */
    list(options: { limit: number; before?: number | undefined }): Promise<AuditRow[]> {
      return db
        .select()
        .from(auditEvents)
        .where(options.before === undefined ? undefined : lt(auditEvents.id, options.before))
        .orderBy(desc(auditEvents.id))
        .limit(options.limit);
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
