import type { AgencyConfig } from '@watchfloor/contracts';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../../logger.ts';
import { createCityMap } from '../city/geometry.ts';
import type { DemoParams } from '../city/params.ts';
import { createRng, seedFrom } from '../city/rng.ts';
import { historyIdPrefix, planHistory, type HistoryCall } from './history-plan.ts';
import { planTrail } from './history-trail.ts';
import {
  ensureRoster,
  storedHistory,
  writeHistoryCalls,
  writePositions,
  writeUnitEvents,
} from './history-writer.ts';

/**
 * Gives a fresh demo database a past: `days` of finished calls before the boot,
 * and unit status history with an AVL trail for the last `trailHours`. Written
 * newest first in small batches with a pause between them, so the live city
 * and requests keep their turn on the (single-connection) embedded database;
 * the oldest call goes last and marks the history complete. A restart finds
 * it complete and adds nothing, or finds it interrupted and resumes with the
 * same ids (every write is idempotent).
 */

export interface HistoryBackfillOptions {
  db: Database;
  agency: AgencyConfig;
  params: DemoParams;
  seed: string;
  rateMultiplier: number;
  /** Days of history before the boot; 0 writes nothing. */
  days: number;
  /** The boot instant. */
  nowMs: number;
  logger: Logger;
  /** Hours (before the live city's warm-up) with unit events and positions. Default 26. */
  trailHours?: number;
  /** The live city replays this much itself at start, so history stops before it. Default 60. */
  warmupMinutes?: number;
  /** Calls per statement. Default 250. */
  batchSize?: number;
  /** Shortest pause between statements, in ms (otherwise as long as the statement took). Default 15. */
  pauseMs?: number;
  /** Most of the time the backfill may keep the database (and the event loop) busy. Default 0.5. */
  databaseShare?: number;
  /** Checked between batches: true stops the backfill (a restart resumes it). */
  stopped?: () => boolean;
}

export type HistoryBackfillResult =
  | { outcome: 'disabled' | 'present' | 'stopped' }
  | {
      outcome: 'written';
      calls: number;
      callEvents: number;
      unitEvents: number;
      positions: number;
      doubleBooked: number;
      ms: number;
    };

const positionsPerStatement = 3_000;
const unitEventsPerStatement = 2_000;
const dayMs = 86_400_000;

/** The id prefix of the stored history when it is ours and unfinished; null when complete or foreign. */
function resumePrefix(firstSourceId: string, seed: string): string | null {
  const match = /^(HH([0-9a-z]+)\.([0-9a-z]+))-(\d+)$/.exec(firstSourceId);
  if (!match || match[2] !== seedFrom(seed).toString(36)) return null;
  return Number(match[4]) === 1 ? null : match[1]!;
}

const anchorOf = (prefix: string) => parseInt(prefix.split('.')[1]!, 36) * 1000;

export async function backfillDemoHistory(
  options: HistoryBackfillOptions,
): Promise<HistoryBackfillResult> {
  const { db, logger } = options;
  if (options.days <= 0) return { outcome: 'disabled' };
  const started = performance.now();
  // Scaled to the time the last statement took, so the backfill holds the database at most
  // `databaseShare` of the time, however loaded the machine is.
  const share = options.databaseShare ?? 0.5;
  let statementStart = performance.now();
  const pause = async () => {
    const took = performance.now() - statementStart;
    const ms = Math.max(options.pauseMs ?? 15, (took * (1 - share)) / share);
    await new Promise((resolve) => setTimeout(resolve, ms));
    statementStart = performance.now();
  };
  const stored = await storedHistory(db);
  let prefix: string;
  if (stored.calls === 0 || stored.firstSourceId === null) {
    prefix = historyIdPrefix(options.seed, Math.floor(options.nowMs / 60_000) * 60_000);
  } else {
    const resume = resumePrefix(stored.firstSourceId, options.seed);
    if (resume === null) {
      logger.info({ stored: stored.calls }, 'demo history: present, nothing to add');
      return { outcome: 'present' };
    }
    prefix = resume;
    logger.info({ stored: stored.calls }, 'demo history: resuming an interrupted backfill');
  }
  const anchor = anchorOf(prefix);
  const historyEnd = anchor - (options.warmupMinutes ?? 60) * 60_000;
  const trailFrom = historyEnd - (options.trailHours ?? 26) * 3_600_000;
  const map = createCityMap(options.agency);
  const plan = planHistory({
    map,
    agency: options.agency,
    params: options.params,
    seed: options.seed,
    rateMultiplier: options.rateMultiplier,
    fromMs: anchor - options.days * dayMs,
    toMs: historyEnd,
    nowMs: anchor,
    idPrefix: prefix,
  });
  await pause();
  const trail = planTrail({
    calls: plan.calls,
    roster: plan.roster,
    map,
    fromMs: trailFrom,
    toMs: historyEnd,
    idPrefix: prefix,
    rng: createRng(`${options.seed}:history-trail`),
  });
  logger.info(
    {
      days: options.days,
      calls: plan.calls.length,
      unitEvents: trail.events.length,
      positions: trail.positions.length,
      planMs: Math.round(performance.now() - started),
    },
    'demo history: writing',
  );

  const batchSize = options.batchSize ?? 250;
  const totals = { calls: 0, callEvents: 0, unitEvents: 0, positions: 0 };
  let lastLog = performance.now();
  const writeCalls = async (calls: HistoryCall[]): Promise<boolean> => {
    // Newest first: the recent past is usable first, and the oldest call marks completion.
    for (let end = calls.length; end > 0; end -= batchSize) {
      if (options.stopped?.()) return false;
      const written = await writeHistoryCalls(db, calls.slice(Math.max(0, end - batchSize), end));
      totals.calls += written.calls;
      totals.callEvents += written.events;
      if (performance.now() - lastLog > 5_000) {
        lastLog = performance.now();
        logger.info({ ...totals, of: plan.calls.length }, 'demo history: progress');
      }
      await pause();
    }
    return true;
  };
  const firstRecent = plan.calls.findIndex(
    (call) => call.receivedAt.getTime() >= trailFrom - dayMs / 4,
  );
  // The oldest call is always written last, after the trail.
  const split = Math.max(1, firstRecent < 0 ? plan.calls.length : firstRecent);
  const recent = plan.calls.slice(split);
  const older = plan.calls.slice(0, split);
  await ensureRoster(db, plan.roster, trailFrom);
  if (!(await writeCalls(recent))) return { outcome: 'stopped' };
  for (let i = 0; i < trail.events.length; i += unitEventsPerStatement) {
    if (options.stopped?.()) return { outcome: 'stopped' };
    totals.unitEvents += await writeUnitEvents(
      db,
      trail.events.slice(i, i + unitEventsPerStatement),
    );
    await pause();
  }
  for (let i = 0; i < trail.positions.length; i += positionsPerStatement) {
    if (options.stopped?.()) return { outcome: 'stopped' };
    totals.positions += await writePositions(
      db,
      trail.positions.slice(i, i + positionsPerStatement),
    );
    await pause();
  }
  if (!(await writeCalls(older))) return { outcome: 'stopped' };
  const result = {
    outcome: 'written' as const,
    ...totals,
    doubleBooked: plan.doubleBooked,
    ms: Math.round(performance.now() - started),
  };
  logger.info(result, 'demo history: done');
  return result;
}
