import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { integrationTokens } from '../../db/schema.ts';

export type TokenRow = typeof integrationTokens.$inferSelect;

export function createTokensRepo(db: Database) {
  return {
    async insert(name: string, tokenHash: string): Promise<TokenRow> {
      const [row] = await db.insert(integrationTokens).values({ name, tokenHash }).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async findActiveByHash(tokenHash: string): Promise<TokenRow | undefined> {
      const [row] = await db
        .select()
        .from(integrationTokens)
        .where(
          and(eq(integrationTokens.tokenHash, tokenHash), isNull(integrationTokens.revokedAt)),
        );
      return row;
    },

    async findById(id: string): Promise<TokenRow | undefined> {
      const [row] = await db.select().from(integrationTokens).where(eq(integrationTokens.id, id));
      return row;
    },

    async findByName(name: string): Promise<TokenRow | undefined> {
      const [row] = await db
        .select()
        .from(integrationTokens)
        .where(eq(integrationTokens.name, name));
      return row;
    },

    async revoke(id: string): Promise<void> {
      await db
        .update(integrationTokens)
        .set({ revokedAt: sql`now()` })
        .where(eq(integrationTokens.id, id));
    },

    async touch(id: string): Promise<void> {
      await db
        .update(integrationTokens)
        .set({ lastUsedAt: sql`now()` })
        .where(eq(integrationTokens.id, id));
    },

    list(): Promise<TokenRow[]> {
      return db.select().from(integrationTokens).orderBy(asc(integrationTokens.name));
    },
  };
}

export type TokensRepo = ReturnType<typeof createTokensRepo>;
