import { Router } from 'express';
import { sql } from 'drizzle-orm';
import { appliedMigrationCount, type Database } from '../../db/client.ts';
import { databaseRetryAfterSeconds } from '../../http/errors.ts';

/**
 * `/healthz`: the process is alive. `/readyz`: the database answers and every
 * shipped migration is applied, so a load balancer may send traffic.
 */
export function healthRoutes({
  db,
  expectedMigrations,
}: {
  db: Database;
  expectedMigrations: number;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await db.execute(sql`select 1`);
      const applied = await appliedMigrationCount(db);
      if (applied < expectedMigrations) {
        res.status(503).json({ status: 'migrating', applied, expected: expectedMigrations });
        return;
      }
      res.json({ status: 'ready', migrations: applied });
    } catch {
      res
        .set('Retry-After', String(databaseRetryAfterSeconds))
        .status(503)
        .json({ status: 'database_unavailable' });
    }
  });
  return router;
}
