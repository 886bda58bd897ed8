import fs from 'node:fs/promises';
import type { AgencyConfig } from '@watchfloor/contracts';
import { createIngestFeed, type FeedLogger, type IngestFeed } from './feed.ts';
import { parseDemoParams, type DemoParams } from './params.ts';
import { createCitySimulation, type CitySimulation } from './simulation.ts';

/**
 * The live demo city: runs the simulation on a timer and feeds what it produces
 * to the public ingest API with an integration token, exactly as an external
 * CAD and AVL would. Nothing here touches the database or the services.
 */

export interface DemoCityOptions {
  /** Where the server listens, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** An integration token allowed to ingest. */
  token: string;
  agency: AgencyConfig;
  params: DemoParams;
  logger: FeedLogger;
  /** Scales the derived call volume (1 = Oakland's ~1,100 calls a day). Default 1. */
  rateMultiplier?: number;
  /** Same seed → same city (for the same start instant). Default `'harbor-city'`. */
  seed?: string | number;
  /** How often the simulation advances and hands its messages to the feed. Default 1000 ms. */
  tickMs?: number;
  /** History replayed at start so calls and units are already busy. Default 60 minutes. */
  warmupMinutes?: number;
  /** The ingest `source` of call and unit events. Default `demo-cad`. */
  source?: string;
  unitsPerDistrict?: number | Record<string, number>;
  /** For tests. */
  fetch?: typeof fetch;
  now?: () => number;
  /** How often a summary is logged at info level. Default 15 minutes; 0 turns it off. */
  statsEveryMs?: number;
}

export interface DemoCity {
  readonly simulation: CitySimulation;
  readonly feed: IngestFeed;
  /** Stops the clock, clears the open demo calls, puts units off duty and flushes (≤ 5 s). */
  stop(): Promise<void>;
}

export function startDemoCity(options: DemoCityOptions): DemoCity {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const tickMs = Math.max(100, options.tickMs ?? 1000);
  const statsEveryMs = options.statsEveryMs ?? 15 * 60_000;
  const simulation = createCitySimulation({
    agency: options.agency,
    params: options.params,
    seed: options.seed ?? 'harbor-city',
    rateMultiplier: options.rateMultiplier ?? 1,
    ...(options.unitsPerDistrict !== undefined
      ? { unitsPerDistrict: options.unitsPerDistrict }
      : {}),
  });
  const feed = createIngestFeed({
    baseUrl: options.baseUrl,
    token: options.token,
    source: options.source ?? 'demo-cad',
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  // Units are registered (and the warm-up history sent) before any position.
  const initial = simulation.start(now(), { warmupMs: (options.warmupMinutes ?? 60) * 60_000 });
  feed.push({ events: initial.events, positions: [] });
  feed.holdPositionsUntil(feed.eventsSettled());
  feed.push({ events: [], positions: initial.positions });
  logger.info(
    {
      units: simulation.callSigns.length,
      rateMultiplier: options.rateMultiplier ?? 1,
      openCalls: simulation.stats().openCalls,
      baseUrl: options.baseUrl,
    },
    'demo city started',
  );

  let lastStatsAt = now();
  let stopped = false;
  const timer = setInterval(() => {
    try {
      const at = now();
      feed.push(simulation.advance(at));
      if (statsEveryMs > 0 && at - lastStatsAt >= statsEveryMs) {
        lastStatsAt = at;
        logger.info({ simulation: simulation.stats(), feed: feed.stats() }, 'demo city');
      }
    } catch (error) {
      // A bug in the simulation must not take the server down: stop the city and say why.
      clearInterval(timer);
      logger.error({ err: error }, 'demo city stopped after an error');
    }
  }, tickMs);
  timer.unref();

  return {
    simulation,
    feed,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      try {
        feed.push({ events: simulation.shutdown(now()).events, positions: [] });
      } catch (error) {
        logger.error({ err: error }, 'demo city: shutdown failed');
      }
      const delivered = await feed.flush({ timeoutMs: 5000, positions: false });
      await feed.close();
      logger.info({ delivered, feed: feed.stats() }, 'demo city stopped');
    },
  };
}

/** Reads and validates `demo-params.json`. */
export async function loadDemoParams(file: string): Promise<DemoParams> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`demo parameters: cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseDemoParams(raw);
}
