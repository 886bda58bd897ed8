import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../logger.ts';
import { startRetentionJob } from './retention.job.ts';
import type { RetentionRun, RetentionService } from './retention.service.ts';

const minute = 60_000;
const emptyRun = { counts: { positions: 0 } } as unknown as RetentionRun;

/** A purge that takes `runMs` and counts how many run at once. */
function slowPurge(runMs: number, fail = false) {
  const seen = { runs: 0, concurrent: 0, most: 0, signals: [] as AbortSignal[] };
  const service = {
    purge: async ({ signal }: { signal?: AbortSignal }) => {
      seen.runs += 1;
      seen.concurrent += 1;
      seen.most = Math.max(seen.most, seen.concurrent);
      if (signal) seen.signals.push(signal);
      await new Promise((resolve) => setTimeout(resolve, runMs));
      seen.concurrent -= 1;
      if (fail) throw new Error('database away');
      return emptyRun;
    },
  } as unknown as RetentionService;
  return { service, seen };
}

describe('the retention job', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const logger = createLogger('silent');

  it('never overlaps itself: the next run is timed from the end of the last', async () => {
    // Each run takes longer than the interval.
    const { service, seen } = slowPurge(3 * minute);
    const job = startRetentionJob({ retentionService: service, intervalMinutes: 1, logger });
    await vi.advanceTimersByTimeAsync(20 * minute);
    expect(seen.most).toBe(1);
    expect(seen.runs).toBe(5);
    await job.stop();
  });

  it('logs a failed run and tries again at the next interval', async () => {
    const { service, seen } = slowPurge(0, true);
    const warn = vi.spyOn(logger, 'warn');
    const job = startRetentionJob({ retentionService: service, intervalMinutes: 10, logger });
    await vi.advanceTimersByTimeAsync(25 * minute);
    expect(seen.runs).toBe(2);
    expect(warn).toHaveBeenCalledTimes(2);
    await job.stop();
  });

  it('stops: the run in progress is told to stop and awaited, no run starts after', async () => {
    const { service, seen } = slowPurge(5 * minute);
    const job = startRetentionJob({ retentionService: service, intervalMinutes: 1, logger });
    await vi.advanceTimersByTimeAsync(2 * minute);
    const stopped = job.stop();
    expect(seen.signals[0]?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(5 * minute);
    await stopped;
    await vi.advanceTimersByTimeAsync(30 * minute);
    expect(seen.runs).toBe(1);
  });

  it('runs nothing when the interval is 0', async () => {
    const { service, seen } = slowPurge(0);
    const job = startRetentionJob({ retentionService: service, intervalMinutes: 0, logger });
    await vi.advanceTimersByTimeAsync(24 * 60 * minute);
    expect(seen.runs).toBe(0);
    await job.stop();
  });
});
