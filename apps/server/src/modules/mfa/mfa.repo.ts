import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.ts';
import { userRecoveryCodes, userTotp, webauthnCredentials } from '../../db/schema.ts';

export type TotpRow = typeof userTotp.$inferSelect;
export type WebauthnCredentialRow = typeof webauthnCredentials.$inferSelect;
export type NewWebauthnCredential = Omit<
  typeof webauthnCredentials.$inferInsert,
  'createdAt' | 'lastUsedAt'
>;

/** What one person has enrolled, counted. */
export interface EnrolledFactors {
  totp: boolean;
  webauthnCredentials: number;
  recoveryCodesLeft: number;
}

/** SQL only: no authorization or business rules here. */
export function createMfaRepo(db: Database) {
  return {
    async enrolledFactors(userId: string, tx: Database = db): Promise<EnrolledFactors> {
      const [row] = await queryRows<{ totp: boolean; webauthn: number; recovery: number }>(
        tx,
        sql`
        select
          exists (select 1 from ${userTotp} where ${userTotp.userId} = ${userId}) as totp,
          (select count(*)::int from ${webauthnCredentials}
            where ${webauthnCredentials.userId} = ${userId}) as webauthn,
          (select count(*)::int from ${userRecoveryCodes}
            where ${userRecoveryCodes.userId} = ${userId} and ${userRecoveryCodes.usedAt} is null)
            as recovery
      `,
      );
      return {
        totp: row?.totp ?? false,
        webauthnCredentials: row?.webauthn ?? 0,
        recoveryCodesLeft: row?.recovery ?? 0,
      };
    },

    /** Everyone's enrolled factors at once, for the administrator's list of accounts. */
    async enrolledFactorsOfAll(): Promise<Map<string, { totp: boolean; passkeys: number }>> {
      const rows = await queryRows<{ userId: string; totp: boolean; passkeys: number }>(
        db,
        sql`
        select owner as "userId", bool_or(kind = 'totp') as totp,
          (count(*) filter (where kind = 'webauthn'))::int as passkeys
        from (
          select ${userTotp.userId} as owner, 'totp' as kind from ${userTotp}
          union all
          select ${webauthnCredentials.userId}, 'webauthn' from ${webauthnCredentials}
        ) as factors
        group by owner
      `,
      );
      return new Map(rows.map(({ userId, ...factors }) => [userId, factors]));
    },

    async findTotp(userId: string, tx: Database = db): Promise<TotpRow | undefined> {
      const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, userId));
      return row;
    },

    /** Replaces the person's TOTP secret; `lastUsedStep` is the step of the confirming code. */
    async saveTotp(
      userId: string,
      sealedSecret: string,
      lastUsedStep: number,
      tx: Database = db,
    ): Promise<void> {
      await tx
        .insert(userTotp)
        .values({ userId, sealedSecret, lastUsedStep })
        .onConflictDoUpdate({
          target: userTotp.userId,
          set: { sealedSecret, lastUsedStep, createdAt: sql`now()` },
        });
    },

    /**
     * Records that a code of `step` was accepted, only if no code of that step or a
     * later one was: false means a replay, even from a request that raced this one.
     */
    async advanceTotpStep(userId: string, step: number, tx: Database = db): Promise<boolean> {
      const rows = await tx
        .update(userTotp)
        .set({ lastUsedStep: step })
        .where(and(eq(userTotp.userId, userId), lt(userTotp.lastUsedStep, step)))
        .returning({ userId: userTotp.userId });
      return rows.length === 1;
    },

    listWebauthn(userId: string, tx: Database = db): Promise<WebauthnCredentialRow[]> {
      return tx.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId));
    },

    /** The person's credential with this id, locked until `tx` ends (its counter moves). */
    async lockWebauthn(
      userId: string,
      id: string,
      tx: Database,
    ): Promise<WebauthnCredentialRow | undefined> {
      const [row] = await tx
        .select()
        .from(webauthnCredentials)
        .where(and(eq(webauthnCredentials.userId, userId), eq(webauthnCredentials.id, id)))
        .for('update');
      return row;
    },

    async saveWebauthn(credential: NewWebauthnCredential, tx: Database = db): Promise<void> {
      await tx.insert(webauthnCredentials).values(credential);
    },

    async recordWebauthnUse(id: string, signCount: number, tx: Database = db): Promise<void> {
      await tx
        .update(webauthnCredentials)
        .set({ signCount, lastUsedAt: sql`now()` })
        .where(eq(webauthnCredentials.id, id));
    },

    /** Throws away the person's recovery codes, used or not, and stores these digests. */
    async replaceRecoveryCodes(userId: string, digests: string[], tx: Database = db) {
      await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
      await tx
        .insert(userRecoveryCodes)
        .values(digests.map((codeDigest) => ({ userId, codeDigest })));
    },

    /** Marks an unused code used; false when there is no such unused code. */
    async useRecoveryCode(userId: string, digest: string, tx: Database = db): Promise<boolean> {
      const rows = await tx
        .update(userRecoveryCodes)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(userRecoveryCodes.userId, userId),
            eq(userRecoveryCodes.codeDigest, digest),
            isNull(userRecoveryCodes.usedAt),
          ),
        )
        .returning({ id: userRecoveryCodes.id });
      return rows.length === 1;
    },

    /** Removes every second factor of the person (an administrator's MFA reset). */
    async removeAll(userId: string, tx: Database = db): Promise<EnrolledFactors> {
      const before = await this.enrolledFactors(userId, tx);
      await tx.delete(userTotp).where(eq(userTotp.userId, userId));
      await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
      await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, userId));
      return before;
    },
  };
}

export type MfaRepo = ReturnType<typeof createMfaRepo>;
