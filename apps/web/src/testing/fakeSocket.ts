import type { LiveSocket, LiveSocketEvents } from '../lib/socket/liveSocket.ts';

type AnyListener = (...args: never[]) => void;

/**
 * An event emitter standing in for the Socket.IO client: the test plays the server (and the
 * network) by firing events; nothing leaves the process.
 */
export function createFakeSocket() {
  const listeners = new Map<string, Set<AnyListener>>();
  const state = { active: false, connectCalls: 0, disconnectCalls: 0 };

  function fire<E extends keyof LiveSocketEvents>(
    event: E,
    ...args: Parameters<LiveSocketEvents[E]>
  ): void {
    for (const listener of listeners.get(event) ?? []) {
      (listener as (...values: Parameters<LiveSocketEvents[E]>) => void)(...args);
    }
  }

  const socket: LiveSocket = {
    get active() {
      return state.active;
    },
    connect() {
      state.connectCalls += 1;
      state.active = true;
    },
    disconnect() {
      state.disconnectCalls += 1;
      state.active = false;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
    },
    off(event, listener) {
      listeners.get(event)?.delete(listener);
    },
  };

  return {
    socket,
    state,
    fire,
    /** The network dropped: Socket.IO keeps trying by itself. */
    drop() {
      fire('disconnect', 'transport close');
    },
    /** The server cut the socket (sign-out elsewhere, changed grants): no automatic retry. */
    cutByServer() {
      state.active = false;
      fire('disconnect', 'io server disconnect');
    },
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
}
