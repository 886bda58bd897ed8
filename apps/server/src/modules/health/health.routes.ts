import { Router } from 'express';
import { sql } from 'drizzle-orm';
import { appliedMigrationCount, type Database } from '../../db/client.ts';
import { databaseRetryAfterSeconds } from '../../http/errors.ts';

/** Whether a dependency the process can run without currently answers. */
export type DependencyStatus = 'ok' | 'unavailable';

/**
 * `/healthz`: the process is alive. `/readyz`: the database answers and every
 * shipped migration is applied, so a load balancer may send traffic.
 *
 * Redis (when configured) only carries live updates between processes. Without it each
 * process still serves HTTP and its own sockets in full, so a Redis outage is reported
 * as `degraded` with a 200: every process sees the same shared Redis, and a 503 would
 * take them all out of the load balancer at once, turning a degraded live picture into
 * no service at all. Monitoring alerts on the body.
 */
export function healthRoutes({
  db,
  expectedMigrations,
  redisStatus,
}: {
  db: Database;
  expectedMigrations: number;
  /** Undefined (or a function returning it) when no Redis is configured. */
  redisStatus?: () => DependencyStatus | undefined;
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
      const redis = redisStatus?.();
      res.json({
        status: redis === 'unavailable' ? 'degraded' : 'ready',
        migrations: applied,
        ...(redis ? { redis } : {}),
      });
    } catch {
      res
        .set('Retry-After', String(databaseRetryAfterSeconds))
        .status(503)
        .json({ status: 'database_unavailable' });
    }
  });
  return router;
}
