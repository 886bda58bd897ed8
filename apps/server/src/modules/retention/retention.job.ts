import type { Logger } from '../../logger.ts';
import { systemActor } from '../audit/actor.ts';
import type { RetentionService } from './retention.service.ts';

/**
 * Runs the purge every `intervalMinutes` in the server. A run starts only after the
 * previous one ended (a timer re-armed at the end, never an interval), so runs never
 * overlap; a failed run is logged and the next one tries again. `stop` stops between
 * batches and waits for the run in progress.
 */
export function startRetentionJob(deps: {
  retentionService: RetentionService;
  intervalMinutes: number;
  logger: Logger;
}) {
  const { retentionService, intervalMinutes, logger } = deps;
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const runOnce = async () => {
    try {
      const run = await retentionService.purge({ actor: systemActor, signal: abort.signal });
      if (Object.values(run.counts).some((n) => n > 0)) {
        logger.info({ counts: run.counts, seconds: run.seconds }, 'retention purge done');
      }
    } catch (error) {
      logger.warn({ err: error }, 'retention purge failed; trying again at the next interval');
    }
  };
  const arm = () => {
    if (abort.signal.aborted) return;
    timer = setTimeout(() => {
      running = runOnce().finally(() => {
        running = null;
        arm();
      });
    }, intervalMinutes * 60_000);
    timer.unref();
  };
  if (intervalMinutes > 0) arm();

  return {
    async stop() {
      abort.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
