import path from 'node:path';
import type { AgencyConfig } from '@watchfloor/contracts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { systemActor } from '../modules/audit/actor.ts';
import type { Services } from '../services.ts';
import { loadDemoParams, startDemoCity } from './city/demo-city.ts';

/** Where a server listening on `host` can reach itself. */
function loopbackFor(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Runs the demo city against this server's own public ingest API, with a token
 * of its own that is revoked when it stops (no back door into the database).
 */
export async function startDemoCityForServer(deps: {
  config: Config;
  agency: AgencyConfig;
  services: Services;
  port: number;
  logger: Logger;
}): Promise<{ stop(): Promise<void> }> {
  const { config, agency, services, port, logger } = deps;
  const tokenName = `demo-city-${Date.now().toString(36)}`;
  const { token } = await services.tokensService.create(systemActor, tokenName);
  const params = await loadDemoParams(
    path.join(path.dirname(config.AGENCY_CONFIG), 'demo-params.json'),
  );
  const city = startDemoCity({
    baseUrl: `http://${loopbackFor(config.HOST)}:${port}`,
    token,
    agency,
    params,
    logger: logger.child({ module: 'demo-city' }),
    rateMultiplier: config.DEMO_RATE,
    seed: config.DEMO_SEED,
  });
  return {
    async stop() {
      await city.stop();
      await services.tokensService.revoke(systemActor, tokenName);
    },
  };
}
