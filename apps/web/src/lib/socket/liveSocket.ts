import type { ServerToClientEventName } from '@watchfloor/contracts';
import { io } from 'socket.io-client';

/** What a live socket reports; server payloads stay `unknown` until validated. */
export interface LiveSocketEvents {
  connect: () => void;
  /** `reason` is Socket.IO's, e.g. "io server disconnect" when the server cut the socket. */
  disconnect: (reason: string) => void;
  connect_error: (error: Error) => void;
  'calls:changed': (payload: unknown) => void;
  'units:changed': (payload: unknown) => void;
  'units:positions': (payload: unknown) => void;
  'live:resync': (payload: unknown) => void;
}

// Every server event has a listener type above; a new one in the contracts fails to compile.
type _EveryServerEventListed = Pick<LiveSocketEvents, ServerToClientEventName>;

/**
 * The part of a Socket.IO client the app uses, so tests can hand in an event emitter instead
 * of a network connection.
 */
export interface LiveSocket {
  /**
   * Whether the client will keep reconnecting by itself. False after the server refused the
   * connection or cut it: only a new `connect()` tries again.
   */
  readonly active: boolean;
  connect(): void;
  disconnect(): void;
  on<E extends keyof LiveSocketEvents>(event: E, listener: LiveSocketEvents[E]): void;
  off<E extends keyof LiveSocketEvents>(event: E, listener: LiveSocketEvents[E]): void;
}

export type LiveSocketFactory = () => LiveSocket;

/**
 * A Socket.IO connection to the server that served the page. The session cookie
 * authenticates it and the server chooses its rooms; nothing is sent. Created unconnected:
 * the caller connects once its listeners are in place.
 */
export function createLiveSocket(): LiveSocket {
  const socket = io({
    path: '/socket.io',
    withCredentials: true,
    // WebSocket first; long-polling when a proxy on the way refuses the upgrade. Without
    // `tryAllTransports` the client would give up on polling after a failed WebSocket.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
    // A manager of its own: one socket per signed-in shell, never shared across sessions.
    forceNew: true,
  });
  // Socket.IO's generic listener types cannot follow a union of event names; this view of the
  // socket takes any listener, and the listeners validate their payloads anyway.
  const events = socket as unknown as {
    on(event: string, listener: (...args: never[]) => void): unknown;
    off(event: string, listener: (...args: never[]) => void): unknown;
  };
  return {
    get active() {
      return socket.active;
    },
    connect: () => void socket.connect(),
    disconnect: () => void socket.disconnect(),
    on: (event, listener) => void events.on(event, listener),
    off: (event, listener) => void events.off(event, listener),
  };
}
