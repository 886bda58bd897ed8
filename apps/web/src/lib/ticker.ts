import { createContext, use, useSyncExternalStore } from 'react';

/**
 * A clock that ticks for whoever listens. Components showing an age subscribe to one shared
 * ticker rather than each running a timer, and only they re-render on a tick, never the list
 * around them.
 */
export interface Ticker {
  subscribe: (listener: () => void) => () => void;
  /** The time of the current tick (epoch ms, a multiple of the interval): stable between ticks. */
  now: () => number;
}

export function createTicker(intervalMs: number): Ticker {
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const now = () => Math.floor(Date.now() / intervalMs) * intervalMs;

  // Ticks land on interval boundaries, so every age in view changes at the same moment.
  function schedule() {
    timer = setTimeout(
      () => {
        for (const listener of listeners) listener();
        schedule();
      },
      intervalMs - (Date.now() % intervalMs),
    );
  }

  return {
    now,
    subscribe: (listener) => {
      listeners.add(listener);
      if (listeners.size === 1) schedule();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) clearTimeout(timer);
      };
    },
  };
}

let secondTicker: Ticker | undefined;

// The app's ticker is made on first use (not at import); tests may provide their own.
function defaultTicker(): Ticker {
  secondTicker ??= createTicker(1000);
  return secondTicker;
}

export const TickerContext = createContext<Ticker | null>(null);

/** The current second, re-rendering the caller (only) once a second while mounted. */
export function useNow(): number {
  const ticker = use(TickerContext) ?? defaultTicker();
  return useSyncExternalStore(ticker.subscribe, ticker.now);
}
