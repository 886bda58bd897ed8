import path from 'node:path';
import type { AgencyConfig } from '@watchfloor/contracts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { systemActor } from '../modules/audit/actor.ts';
import type { Services } from '../services.ts';
import { loadDemoParams, startDemoCity } from './city/demo-city.ts';
import { backfillDemoHistory } from './history/backfill.ts';
import { demoRoster } from './history/history-plan.ts';
import { ensureRoster } from './history/history-writer.ts';

/** Where a server listening on `host` can reach itself. */
function loopbackFor(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Runs the demo city against this server's own public ingest API, with a token
 * of its own that is revoked when it stops (no back door into the database).
 * On a database without demo history, the past is generated (`history/`) and
 * written straight to the database in the background, labelled `demo-history`.
 */
export async function startDemoCityForServer(deps: {
  config: Config;
  agency: AgencyConfig;
  services: Services;
  db: Database;
  port: number;
  logger: Logger;
}): Promise<{ stop(): Promise<void> }> {
  const { config, agency, services, db, port, logger } = deps;
  const tokenName = `demo-city-${Date.now().toString(36)}`;
  const { token } = await services.tokensService.create(systemActor, tokenName);
  const params = await loadDemoParams(
    path.join(path.dirname(config.AGENCY_CONFIG), 'demo-params.json'),
  );
  const bootMs = Date.now();
  // The history references the city's units: they exist (off duty) before the city registers them.
  if (config.DEMO_HISTORY_DAYS > 0)
    await ensureRoster(db, demoRoster(agency, params, config.DEMO_RATE), bootMs);
  const city = startDemoCity({
    baseUrl: `http://${loopbackFor(config.HOST)}:${port}`,
    token,
    agency,
    params,
    logger: logger.child({ module: 'demo-city' }),
    rateMultiplier: config.DEMO_RATE,
    seed: config.DEMO_SEED,
  });
  let stopping = false;
  const historyLogger = logger.child({ module: 'demo-history' });
  const history = backfillDemoHistory({
    db,
    agency,
    params,
    seed: config.DEMO_SEED,
    rateMultiplier: config.DEMO_RATE,
    days: config.DEMO_HISTORY_DAYS,
    nowMs: bootMs,
    logger: historyLogger,
    stopped: () => stopping,
  }).catch((error: unknown) => historyLogger.warn({ err: error }, 'demo history failed'));
  return {
    async stop() {
      stopping = true;
      await history;
      await city.stop();
      await services.tokensService.revoke(systemActor, tokenName);
    },
  };
}
