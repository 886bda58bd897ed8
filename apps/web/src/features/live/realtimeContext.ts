import { createContext, use, useCallback, useSyncExternalStore } from 'react';
import type { LivePosition } from '@watchfloor/contracts';
import type { PositionStore } from './positionStore.ts';

export type ConnectionState = 'connecting' | 'live' | 'down';

export interface Connection {
  state: ConnectionState;
  /** Epoch ms of the last message received; what the views were true as of when down. */
  lastUpdateAt: number | null;
  /** Just came back after being down (for a moment, so it can be announced). */
  recovered: boolean;
}

/** The socket's state; changes only on transitions, never per message. */
export const ConnectionContext = createContext<Connection | null>(null);

/** The live positions; the same store for the life of the connection. */
export const PositionStoreContext = createContext<PositionStore | null>(null);

/** The live connection, or `null` for users without live views (no socket at all). */
export function useConnection(): Connection | null {
  return use(ConnectionContext);
}

export function usePositionStore(): PositionStore | null {
  return use(PositionStoreContext);
}

/** One unit's latest live position; re-renders the caller only when that unit moves. */
export function useLivePosition(unitId: string | null): LivePosition | undefined {
  const store = usePositionStore();
  const subscribe = useCallback(
    (onChange: () => void) =>
      store && unitId !== null
        ? store.subscribe((changed) => {
            if (changed.has(unitId)) onChange();
          })
        : () => {},
    [store, unitId],
  );
  const read = () => (store && unitId !== null ? store.get(unitId) : undefined);
  return useSyncExternalStore(subscribe, read);
}
