import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { sessions } from '../../db/schema.ts';

/** SQL only: the session rows express-session keeps, as account changes need them. */
export function createSessionsRepo(db: Database) {
  return {
    /** Ends every signed-in session of a user; answers how many there were. */
    async deleteForUser(userId: string, tx: Database = db): Promise<number> {
      const rows = await tx
        .delete(sessions)
        .where(eq(sessions.userId, userId))
        .returning({ sid: sessions.sid });
      return rows.length;
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
