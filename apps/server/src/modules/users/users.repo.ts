import { and, asc, eq, sql } from 'drizzle-orm';
import type { Role } from '@watchfloor/authz';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  districts: string[];
  passwordHash: string;
  mustChangePassword?: boolean;
  /** An account of the identity provider (single sign-on); absent for a local one. */
  identityIssuer?: string;
  identitySubject?: string;
}

/** SQL only: no authorization or business rules here. */
export function createUsersRepo(db: Database) {
  return {
    async findById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },

    async findByUsername(username: string, tx: Database = db): Promise<UserRow | undefined> {
      const [row] = await tx
        .select()
        .from(users)
        .where(sql`lower(${users.username}) = lower(${username})`);
      return row;
    },

    /**
     * The account an identity provider's person is, locked until `tx` ends so two
     * first sign-ins of one person create one account.
     */
    async lockByIdentity(
      issuer: string,
      subject: string,
      tx: Database,
    ): Promise<UserRow | undefined> {
      const [row] = await tx
        .select()
        .from(users)
        .where(and(eq(users.identityIssuer, issuer), eq(users.identitySubject, subject)))
        .for('update');
      return row;
    },

    /**
     * Reads the account and holds its row lock until `tx` ends, so concurrent sign-ins
     * for one account are checked and counted one at a time.
     */
    async lockForSignIn(id: string, tx: Database): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
      return row;
    },

    async insert(user: NewUser, tx: Database = db): Promise<UserRow> {
      const [row] = await tx.insert(users).values(user).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    list(): Promise<UserRow[]> {
      return db.select().from(users).orderBy(asc(users.username));
    },

    async count(): Promise<number> {
      const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
      return row?.count ?? 0;
    },

    /**
     * Counts a failed sign-in: consecutive failures within `windowMinutes` add up,
     * an older one starts again at 1. Locks the account once `threshold` is reached.
     */
    async recordFailedLogin(
      id: string,
      policy: { threshold: number; windowMinutes: number; lockMinutes: number },
      tx: Database = db,
    ): Promise<UserRow | undefined> {
      const recent = sql`${users.lastFailedLoginAt} > now() - make_interval(mins => ${policy.windowMinutes})`;
      const [counted] = await tx
        .update(users)
        .set({
          failedLoginCount: sql`case when ${recent} then ${users.failedLoginCount} + 1 else 1 end`,
          lastFailedLoginAt: sql`now()`,
        })
        .where(eq(users.id, id))
        .returning();
      if (!counted || counted.failedLoginCount < policy.threshold) return counted;
      const [locked] = await tx
        .update(users)
        .set({ lockedUntil: sql`now() + make_interval(mins => ${policy.lockMinutes})` })
        .where(eq(users.id, id))
        .returning();
      return locked;
    },

    async recordSuccessfulLogin(id: string, tx: Database = db): Promise<void> {
      await tx
        .update(users)
        .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: sql`now()` })
        .where(eq(users.id, id));
    },

    async update(
      id: string,
      changes: Partial<
        Pick<
          UserRow,
          | 'disabled'
          | 'lockedUntil'
          | 'failedLoginCount'
          | 'role'
          | 'districts'
          | 'displayName'
          | 'passwordHash'
          | 'mustChangePassword'
          | 'passwordChangedAt'
          | 'passwordHistory'
        >
      >,
      tx: Database = db,
    ): Promise<UserRow | undefined> {
      const [row] = await tx
        .update(users)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(users.id, id))
        .returning();
      return row;
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
