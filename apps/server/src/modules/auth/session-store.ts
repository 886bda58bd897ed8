import session from 'express-session';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { sessions } from '../../db/schema.ts';

type Callback = (error?: unknown) => void;

/**
 * express-session store in our own database, so sessions survive restarts on
 * both PGlite and PostgreSQL (connect-pg-simple needs a `pg` pool, PGlite has none).
 * The `user_id` column lets sign-out-everywhere and account changes find a user's sessions.
 */
export class DatabaseSessionStore extends session.Store {
  private readonly db: Database;
  private readonly fallbackTtlMs: number;

  constructor(db: Database, fallbackTtlMs: number) {
    super();
    this.db = db;
    this.fallbackTtlMs = fallbackTtlMs;
  }

  private expiryOf(data: session.SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + this.fallbackTtlMs);
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void) {
    this.db
      .select({ data: sessions.data })
      .from(sessions)
      .where(and(eq(sessions.sid, sid), sql`${sessions.expiresAt} > now()`))
      .then(([row]) => callback(null, (row?.data as session.SessionData | undefined) ?? null))
      .catch(callback);
  }

  override set(sid: string, data: session.SessionData, callback?: Callback) {
    const userId = (data as { passport?: { user?: string } }).passport?.user ?? null;
    const values = { sid, userId, data, expiresAt: this.expiryOf(data) };
    this.db
      .insert(sessions)
      .values(values)
      .onConflictDoUpdate({ target: sessions.sid, set: values })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override destroy(sid: string, callback?: Callback) {
    this.db
      .delete(sessions)
      .where(eq(sessions.sid, sid))
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback) {
    this.db
      .update(sessions)
      .set({ expiresAt: this.expiryOf(data) })
      .where(eq(sessions.sid, sid))
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  /** Removes expired sessions; called on a timer. */
  async prune(): Promise<void> {
    await this.db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
  }

  /** Ends every session of a user (disable, role change, sign-out everywhere). */
  async destroyForUser(userId: string): Promise<string[]> {
    const rows = await this.db
      .delete(sessions)
      .where(eq(sessions.userId, userId))
      .returning({ sid: sessions.sid });
    return rows.map((row) => row.sid);
  }
}
