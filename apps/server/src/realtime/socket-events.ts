import type { Server, Socket } from 'socket.io';
import type {
  CallChangedMessage,
  LiveResyncMessage,
  PositionBatch,
  UnitChangedMessage,
} from '@watchfloor/contracts';

// The payloads are the shared contracts (zod, in @watchfloor/contracts), so the web
// validates exactly what the gateway sends.
export type {
  CallChangedMessage,
  LivePosition,
  LiveResyncMessage,
  PositionBatch,
  UnitChangedMessage,
} from '@watchfloor/contracts';
import type { Role } from '@watchfloor/authz';

/** What the server sends (payload schemas in @watchfloor/contracts). Names follow `domain:verb`. */
export interface ServerToClientEvents {
  'calls:changed': (message: CallChangedMessage) => void;
  'units:changed': (message: UnitChangedMessage) => void;
  'units:positions': (batch: PositionBatch) => void;
  'live:resync': (message: LiveResyncMessage) => void;
}

/** Clients send nothing: every room is chosen by the server. */
export type ClientToServerEvents = Record<string, never>;

export type InterServerEvents = Record<string, never>;

/** Who a socket belongs to, and the grants its rooms were derived from. */
export interface SocketData {
  userId: string;
  sessionId: string;
  role: Role;
  /** Sorted, so the revocation sweep can compare with the database cheaply. */
  districts: string[];
  /** Epoch ms of the session's sign-in, for the absolute session lifetime. */
  signedInAt: number | undefined;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
