import type http from 'node:http';
import type { RequestHandler } from 'express';
import { Server } from 'socket.io';
import type { Database } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { createPassport } from '../modules/auth/passport.ts';
import { createCallBroadcaster, type LoadCall } from './call-broadcaster.ts';
import type { DomainEventMap, DomainEvents } from './domain-events.ts';
import { authenticateHandshake, isOriginAllowed, requireSignedIn } from './handshake.ts';
import { guardInbound } from './inbound-guard.ts';
import { publishPositions } from './position-broadcaster.ts';
import { createPositionBatcher } from './position-batcher.ts';
import { createRedisAdapter, type RedisStatus } from './redis-adapter.ts';
import { createRevocation } from './revocation.ts';
import { liveRoomsFor, sessionRoom, userRoom } from './rooms.ts';
import type { RealtimeServer, RealtimeSocket } from './socket-events.ts';
import { createUnitBroadcaster, type LoadUnit } from './unit-broadcaster.ts';

export interface RealtimeDeps {
  /** The same session middleware and passport instance as the HTTP API. */
  sessionMiddleware: RequestHandler;
  passport: ReturnType<typeof createPassport>;
  domainEvents: DomainEvents;
  db: Database;
  logger: Logger;
  /** Presents a call for an ability (field rules applied); null when it may not read it. */
  loadCall: LoadCall;
  loadUnit: LoadUnit;
  /** How often coalesced positions go out. */
  positionTickMs?: number;
  /** With it, processes share rooms through Redis; without it, this process is alone. */
  redisUrl?: string;
  /** Stream and channel name in Redis; deployments sharing a Redis need different ones. */
  redisStreamName?: string;
  /** Browser origins allowed besides the server's own (e.g. a dev server on another port). */
  allowedOrigins?: string[];
  /** The absolute session lifetime the HTTP side enforces (CJIS); sockets obey it too. */
  sessionMaxAgeMs?: number;
  /** MFA_REQUIRED: a session without a second factor gets no socket. */
  secondFactorRequired?: boolean;
  /** How often live sockets are checked against the database. */
  revocationSweepMs?: number;
}

/** Nothing a client may send is larger; the engine cuts a connection that sends more. */
const maxMessageBytes = 16 * 1024;
/** Clients send nothing meaningful; this many events in the window and the socket is cut. */
const inboundLimit = { events: 20, perMs: 10_000 };

/**
 * The realtime gateway: authenticated sockets on `httpServer`, rooms from each
 * user's ability, and domain events turned into room broadcasts.
 */
export function attachRealtime(httpServer: http.Server, deps: RealtimeDeps) {
  const { domainEvents, logger } = deps;
  const log = logger.child({ module: 'realtime' });
  const allowedOrigins = deps.allowedOrigins ?? [];
  const redis = deps.redisUrl
    ? createRedisAdapter({
        url: deps.redisUrl,
        streamName: deps.redisStreamName ?? 'watchfloor:realtime',
        logger: log,
        // Broadcasts made anywhere while Redis was away reached only their own process.
        // Through the adapter, so every process's clients hear it (each process that was
        // cut off sends one: a client may reload a few times, but never misses a change).
        onRestored: () => io.emit('live:resync', { reason: 'relay_restored' }),
      })
    : null;
  let closing = false;

  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: maxMessageBytes,
    allowRequest: (req, callback) =>
      callback(null, !closing && isOriginAllowed(req, allowedOrigins)),
    // No connection state recovery: a recovered socket would skip the sign-in check.
    // Clients refetch over REST after a reconnect instead.
    ...(redis ? { adapter: redis.adapter } : {}),
  });

  io.engine.use(
    authenticateHandshake({
      sessionMiddleware: deps.sessionMiddleware,
      restoreUser: deps.passport.session() as RequestHandler,
      allowedOrigins,
    }),
  );
  io.engine.on(
    'connection_error',
    (error: { code: number; message: string; req: http.IncomingMessage }) => {
      log.info(
        { code: error.code, reason: error.message, origin: error.req.headers.origin },
        'realtime handshake refused',
      );
    },
  );
  io.use(
    requireSignedIn({
      sessionMaxAgeMs: deps.sessionMaxAgeMs,
      secondFactorRequired: deps.secondFactorRequired,
    }),
  );

  io.on('connection', (socket: RealtimeSocket) => {
    guardInbound(socket, inboundLimit);
    const { userId, sessionId, role, districts } = socket.data;
    // `user:` and `session:` carry no data, only revocation; every socket has them.
    const rooms = [
      userRoom(userId),
      sessionRoom(sessionId),
      ...liveRoomsFor({ id: userId, role, districts }),
    ];
    void socket.join(rooms);
    log.debug({ userId, socketId: socket.id, rooms }, 'socket connected');
  });

  const calls = createCallBroadcaster({ io, loadCall: deps.loadCall, logger: log });
  const units = createUnitBroadcaster({ io, loadUnit: deps.loadUnit, logger: log });
  const positions = createPositionBatcher({
    tickMs: deps.positionTickMs ?? 1000,
    flush: (latest) => publishPositions(io, latest),
  });
  const revocation = createRevocation({
    io,
    db: deps.db,
    logger: log,
    sweepMs: deps.revocationSweepMs ?? 1000,
    sessionMaxAgeMs: deps.sessionMaxAgeMs,
  });

  const listeners: { [E in keyof DomainEventMap]: (...args: DomainEventMap[E]) => void } = {
    'call:changed': (event) => calls.onCallChanged(event),
    'unit:changed': (event) => units.onUnitChanged(event),
    'positions:accepted': (updates) => positions.accept(updates),
    'user:access-changed': (event) => revocation.onAccessChanged(event),
    'session:ended': (event) => revocation.onSessionEnded(event),
  };
  domainEvents.on('call:changed', listeners['call:changed']);
  domainEvents.on('unit:changed', listeners['unit:changed']);
  domainEvents.on('positions:accepted', listeners['positions:accepted']);
  domainEvents.on('user:access-changed', listeners['user:access-changed']);
  domainEvents.on('session:ended', listeners['session:ended']);

  return {
    io,
    /**
     * Resolves once Redis (when configured) is first connected. Nothing needs to wait for
     * it: until then, and whenever Redis is away, this process serves its own sockets.
     */
    ready: redis ? redis.ready : Promise.resolve(),
    /** Whether Redis carries broadcasts to the other processes; undefined without Redis. */
    redisStatus: (): RedisStatus | undefined => redis?.status(),

    /**
     * Stops the gateway and cuts this process's sockets. It leaves the HTTP server
     * to its owner: Socket.IO's own `close()` would close it too, and `main.ts`
     * waits on that close for in-flight requests.
     */
    async close(): Promise<void> {
      if (closing) return;
      closing = true;
      domainEvents.off('call:changed', listeners['call:changed']);
      domainEvents.off('unit:changed', listeners['unit:changed']);
      domainEvents.off('positions:accepted', listeners['positions:accepted']);
      domainEvents.off('user:access-changed', listeners['user:access-changed']);
      domainEvents.off('session:ended', listeners['session:ended']);
      positions.close();
      revocation.close();
      await Promise.all([calls.drain(), units.drain()]);
      // `local`: with an adapter, a plain disconnectSockets would cut every process's sockets.
      io.local.disconnectSockets(true);
      await io.of('/').adapter.close();
      io.engine.close();
      await redis?.close();
    },
  };
}

export type RealtimeGateway = ReturnType<typeof attachRealtime>;
