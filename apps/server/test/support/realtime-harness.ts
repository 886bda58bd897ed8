import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  callFields,
  permittedFields,
  pickPermitted,
  type AppAbility,
  type CallField,
} from '@watchfloor/authz';
import type { Call, CallChangedMessage, LivePosition, Unit } from '@watchfloor/contracts';
import {
  io as connectClient,
  type ManagerOptions,
  type Socket,
  type SocketOptions,
} from 'socket.io-client';
import supertest from 'supertest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { createLogger } from '../../src/logger.ts';
import type { DependencyStatus } from '../../src/modules/health/health.routes.ts';
import type { SessionPolicy } from '../../src/modules/auth/session.ts';
import type { UserRow } from '../../src/modules/users/users.repo.ts';
import {
  attachRealtime,
  type RealtimeDeps,
  type RealtimeGateway,
} from '../../src/realtime/gateway.ts';
import type { PositionUpdate } from '../../src/realtime/domain-events.ts';
import { userRoom } from '../../src/realtime/rooms.ts';
import type { ServerToClientEvents } from '../../src/realtime/socket-events.ts';
import { buildTestApp, testPassword } from './test-app.ts';

/** Typed for what the server sends; anything may be sent, as a hostile client would. */
export type ClientSocket = Socket<
  ServerToClientEvents,
  Record<string, (...args: unknown[]) => void>
>;

/** Whatever the server sends, every field optional, so tests can read any message. */
export type ReceivedPayload = Partial<{
  seq: number;
  call: Call;
  callId: string;
  removed: true;
  unit: Unit;
  at: string;
  positions: LivePosition[];
}>;
export interface ReceivedMessage {
  event: string;
  payload: ReceivedPayload;
}

/** Waits for `predicate` by polling, so a test waits only as long as it must. */
export async function until(
  predicate: () => boolean,
  what: string,
  timeoutMs = 2_000,
): Promise<number> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}

/** A call with every presented field set, caller data included. */
export function sampleCall(overrides: Partial<Call> & Pick<Call, 'id'>): Call {
  return {
    incidentNumber: `T-${overrides.id.slice(0, 8)}`,
    source: 'test',
    sourceId: null,
    callType: 'DIST',
    callTypeDescription: 'Disturbance',
    priority: 1,
    originalPriority: 1,
    officerInitiated: false,
    lat: 0.005,
    lon: 0.005,
    address: '1 Main St',
    beat: '1A',
    district: '1',
    status: 'dispatched',
    receivedAt: '2026-01-01T10:00:00.000Z',
    dispatchedAt: '2026-01-01T10:01:00.000Z',
    enrouteAt: null,
    onsceneAt: null,
    closedAt: null,
    disposition: null,
    assignedUnits: [],
    version: 1,
    callerName: 'Pat Caller',
    callerPhone: '555-0100',
    narrative: 'Loud party',
    notes: [],
    ...overrides,
  };
}

export function sampleUnit(overrides: Partial<Unit> & Pick<Unit, 'id'>): Unit {
  return {
    callSign: `U-${overrides.id.slice(0, 4)}`,
    type: 'patrol',
    homeDistrict: '1',
    status: 'available',
    statusSince: '2026-01-01T10:00:00.000Z',
    currentCallId: null,
    position: null,
    lastHeardAt: null,
    version: 1,
    ...overrides,
  };
}

export function samplePosition(overrides: Partial<PositionUpdate> = {}): PositionUpdate {
  return {
    unitId: crypto.randomUUID(),
    callSign: '1A10',
    homeDistrict: '1',
    lat: 0.005,
    lon: 0.005,
    heading: 90,
    speed: 10,
    at: new Date().toISOString(),
    ...overrides,
  };
}

/**
 * Stand-ins for the calls and units presenters: they apply the field rules of the
 * ability they are handed to a stored call, exactly as the real presenter must, and
 * log every load so tests can check who loaded what with which ability.
 */
export function createFakeDirectory() {
  const calls = new Map<string, Call>();
  const units = new Map<string, Unit>();
  const callLoads: { callId: string; ability: AppAbility; fields: CallField[] }[] = [];

  const loadCall = (callId: string, ability: AppAbility): Promise<Call | null> => {
    const call = calls.get(callId);
    if (!call) return Promise.resolve(null);
    const fields = permittedFields(ability, 'read', 'Call', callFields, call);
    callLoads.push({ callId, ability, fields });
    return Promise.resolve(fields.length === 0 ? null : (pickPermitted(call, fields) as Call));
  };
  const loadUnit = (unitId: string) => Promise.resolve(units.get(unitId) ?? null);
  return { calls, units, callLoads, loadCall, loadUnit };
}

const barrierPrefix = 'barrier:';

/** Everything a client socket received, in order, less the harness's barrier markers. */
export function recordMessages(socket: ClientSocket) {
  const messages: ReceivedMessage[] = [];
  socket.onAny((event: string, payload: ReceivedPayload) => {
    if (payload.callId?.startsWith(barrierPrefix)) return;
    messages.push({ event, payload });
  });
  return messages;
}

type Overrides = Partial<
  Pick<
    RealtimeDeps,
    | 'loadCall'
    | 'loadUnit'
    | 'positionTickMs'
    | 'redisUrl'
    | 'redisStreamName'
    | 'allowedOrigins'
    | 'revocationSweepMs'
    | 'sessionMaxAgeMs'
    | 'secondFactorRequired'
  >
>;

const sessionPolicy: SessionPolicy = {
  secret: 'realtime-harness-secret-realtime-harness-42',
  idleMinutes: 30,
  maxHours: 12,
};

/**
 * The real app from `buildTestApp` on a listening HTTP server (port 0), with the
 * gateway attached to it, listening on the same domain events the services emit.
 */
export async function startRealtimeHarness(
  database: DatabaseHandle,
  overrides: Overrides & { realPresenters?: boolean } = {},
) {
  const { realPresenters, ...gatewayOverrides } = overrides;
  // As in main.ts: /readyz asks the gateway, attached once the app exists.
  let redisStatus: () => DependencyStatus | undefined = () => undefined;
  const testApp = await buildTestApp(database, {
    sessionPolicy,
    redisStatus: () => redisStatus(),
    // MFA_REQUIRED reaches both sides, as in main.ts.
    mfaRequired: gatewayOverrides.secondFactorRequired ?? false,
  });
  const directory = createFakeDirectory();
  // The real presenters, exactly as main.ts wires them, for suites that check what
  // really leaves the server; the stand-ins otherwise.
  const loaders: Pick<RealtimeDeps, 'loadCall' | 'loadUnit'> = realPresenters
    ? {
        loadCall: (callId, ability) =>
          testApp.services.callsService.loadForAbility(callId, ability),
        loadUnit: (unitId) => testApp.services.unitsService.loadForRooms(unitId),
      }
    : { loadCall: directory.loadCall, loadUnit: directory.loadUnit };
  const server = http.createServer(testApp.app);
  const domainEvents = testApp.services.domainEvents;
  // The app's own instances, exactly as main.ts shares them with the gateway.
  const { sessionMiddleware, passport } = testApp;
  const gateway = attachRealtime(server, {
    sessionMiddleware,
    passport,
    domainEvents,
    db: database.db,
    logger: createLogger('silent'),
    ...loaders,
    positionTickMs: 100,
    ...gatewayOverrides,
  });
  redisStatus = gateway.redisStatus;
  await gateway.ready;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];

  /** Signs in over HTTP and returns the session cookie and CSRF token. */
  async function signInCookie(username: string) {
    const response = await supertest(server)
      .post('/api/auth/login')
      .send({ username, password: testPassword })
      .expect(200);
    const cookie = (response.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    return { cookie, csrfToken: (response.body as { csrfToken: string }).csrfToken };
  }

  function connect(
    cookie: string | undefined,
    options: Partial<ManagerOptions & SocketOptions> = {},
  ): ClientSocket {
    const socket: ClientSocket = connectClient(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: cookie ? { cookie } : {},
      ...options,
    });
    clients.push(socket);
    return socket;
  }

  /** Resolves on `connect`; rejects with the server's reason on `connect_error`. */
  function connected(socket: ClientSocket): Promise<ClientSocket> {
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  /** A signed-in user's connected socket, and everything it receives. */
  async function connectAs(user: UserRow) {
    const session = await signInCookie(user.username);
    const socket = await connected(connect(session.cookie));
    return { ...session, user, socket, received: recordMessages(socket) };
  }

  /**
   * Proves a socket has been sent everything emitted before this call: a marker to
   * the user's own room arrives after anything emitted earlier on the same socket.
   * Through another process's `io`, the marker is repeated until the adapter
   * delivers one (a new process's stream reader starts a moment after it attaches).
   */
  async function barrier(
    client: { socket: ClientSocket; user: UserRow; received: ReceivedMessage[] },
    via: RealtimeGateway['io'] = gateway.io,
  ) {
    const marker = `${barrierPrefix}${crypto.randomUUID()}`;
    let arrived = false;
    const listener = (message: CallChangedMessage) => {
      if ('callId' in message && message.callId === marker) arrived = true;
    };
    client.socket.on('calls:changed', listener);
    const send = () =>
      via
        .to(userRoom(client.user.id))
        .emit('calls:changed', { seq: 0, callId: marker, removed: true });
    send();
    const repeat = via === gateway.io ? undefined : setInterval(send, 100);
    try {
      await until(() => arrived, 'the barrier marker', 5_000);
    } finally {
      clearInterval(repeat);
      client.socket.off('calls:changed', listener);
    }
    return [...client.received];
  }

  return {
    testApp,
    services: testApp.services,
    server,
    url,
    /** HTTP against this server: the app and the gateway's handshake both answer. */
    request: () => supertest(server),
    gateway,
    domainEvents,
    directory,
    signInCookie,
    connect,
    connected,
    connectAs,
    barrier,
    async close() {
      for (const socket of clients) socket.disconnect();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type RealtimeHarness = Awaited<ReturnType<typeof startRealtimeHarness>>;
