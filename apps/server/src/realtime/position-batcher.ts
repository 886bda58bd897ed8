import type { PositionUpdate } from './domain-events.ts';

/**
 * Coalesces accepted positions to the newest per unit and hands them over once per
 * tick. Positions go out `volatile`, and a volatile emit drops the newest message
 * while the previous one is still being written: sending every report would lose
 * most of a burst, while a per-tick "latest per unit" batch is superseded by the
 * next one if it is dropped. The timer only runs while something is waiting.
 */
export function createPositionBatcher(options: {
  tickMs: number;
  flush: (latest: PositionUpdate[]) => void;
}) {
  let pending = new Map<string, PositionUpdate>();
  let timer: NodeJS.Timeout | null = null;

  function flushNow() {
    timer = null;
    const latest = [...pending.values()];
    pending = new Map();
    if (latest.length > 0) options.flush(latest);
  }

  return {
    accept(updates: readonly PositionUpdate[]): void {
      for (const update of updates) {
        const held = pending.get(update.unitId);
        // Reports can arrive out of order; an older one must not replace a newer one.
        if (!held || Date.parse(update.at) >= Date.parse(held.at)) {
          pending.set(update.unitId, update);
        }
      }
      if (pending.size > 0 && timer === null) {
        timer = setTimeout(flushNow, options.tickMs);
        timer.unref();
      }
    },

    /** Drops what is waiting; nobody is listening any more. */
    close(): void {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = new Map();
    },
  };
}
