import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { sessions } from '../../db/schema.ts';

/**
 * A session's public handle: a digest of its id. The id itself is the cookie's secret
 * and never leaves the server; the handle names the session without granting it.
 */
const handleOf = sql<string>`encode(sha256(convert_to(${sessions.sid}, 'UTF8')), 'hex')`;

/** What a signed-in session keeps about itself (see `SessionData`). */
export interface StoredSession {
  sid: string;
  handle: string;
  expiresAt: Date;
  data: {
    signedInAt?: number;
    authenticatedBy?: string[];
    client?: { ip: string | null; userAgent: string | null };
  };
}

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

    /** A user's sessions that have not expired, newest sign-in first. */
    listLiveForUser(userId: string): Promise<StoredSession[]> {
      return db
        .select({
          sid: sessions.sid,
          handle: handleOf,
          expiresAt: sessions.expiresAt,
          data: sql<StoredSession['data']>`${sessions.data}`,
        })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
        .orderBy(desc(sql`(${sessions.data}->>'signedInAt')::bigint`));
    },

    /** Ends one session of a user by its handle; answers the ended session's id, if any. */
    async deleteByHandle(
      userId: string,
      handle: string,
      tx: Database = db,
    ): Promise<string | null> {
      const [row] = await tx
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), sql`${handleOf} = ${handle}`))
        .returning({ sid: sessions.sid });
      return row?.sid ?? null;
    },

    /** Ends a user's sessions other than `keepSid` (after they change their password). */
    async deleteOthersForUser(
      userId: string,
      keepSid: string,
      tx: Database = db,
    ): Promise<string[]> {
      const rows = await tx
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), sql`${sessions.sid} <> ${keepSid}`))
        .returning({ sid: sessions.sid });
      return rows.map((row) => row.sid);
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
