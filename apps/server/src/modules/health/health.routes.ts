import { Router } from 'express';
import { sql } from 'drizzle-orm';
import { appliedMigrationCount, type Database } from '../../db/client.ts';
import { databaseRetryAfterSeconds } from '../../http/errors.ts';

/** Whether a dependency the process can run without currently answers. */
export type DependencyStatus = 'ok' | 'unavailable';

/** What readiness found: the migrations applied, or that the database did not answer. */
type Readiness = { applied: number } | { unavailable: 'error' | 'timeout' };

/** Load balancers give up on a probe after a few seconds; answer before they do. */
const defaultReadinessTimeoutMs = 2_000;

/**
 * `/healthz`: the process is alive. `/readyz`: the database answers and every
 * shipped migration is applied, so a load balancer may send traffic. The check
 * answers within `timeoutMs` even when every pooled connection is taken (it
 * would otherwise wait in the pool's queue for good): a server that cannot get
 * a connection is not ready. At most one check waits on the database at a
 * time; probes that come meanwhile share its answer, so a stuck pool does not
 * collect a queue of them.
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
  timeoutMs = defaultReadinessTimeoutMs,
}: {
  db: Database;
  expectedMigrations: number;
  /** Undefined (or a function returning it) when no Redis is configured. */
  redisStatus?: () => DependencyStatus | undefined;
  timeoutMs?: number;
}): Router {
  let check: Promise<Readiness> | undefined;

  function checkDatabase(): Promise<Readiness> {
    check ??= (async (): Promise<Readiness> => {
      try {
        await db.execute(sql`select 1`);
        return { applied: await appliedMigrationCount(db) };
      } catch {
        return { unavailable: 'error' };
      }
    })().finally(() => (check = undefined));
    return check;
  }

  async function readiness(): Promise<Readiness> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<Readiness>((resolve) => {
      timer = setTimeout(() => resolve({ unavailable: 'timeout' }), timeoutMs);
    });
    try {
      return await Promise.race([checkDatabase(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const found = await readiness();
    if ('unavailable' in found) {
      req.log.warn({ reason: found.unavailable }, 'not ready: the database did not answer');
      res
        .set('Retry-After', String(databaseRetryAfterSeconds))
        .status(503)
        .json({ status: 'database_unavailable' });
      return;
    }
    if (found.applied < expectedMigrations) {
      res
        .status(503)
        .json({ status: 'migrating', applied: found.applied, expected: expectedMigrations });
      return;
    }
    const redis = redisStatus?.();
    res.json({
      status: redis === 'unavailable' ? 'degraded' : 'ready',
      migrations: found.applied,
      ...(redis ? { redis } : {}),
    });
  });
  return router;
}
