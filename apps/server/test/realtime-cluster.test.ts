import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/db/client.ts';
import type { UserRow } from '../src/modules/users/users.repo.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import {
  sampleCall,
  samplePosition,
  startRealtimeHarness,
  until,
  type RealtimeHarness,
} from './support/realtime-harness.ts';
import { buildUser } from './support/test-app.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

const redisUp = await redisAnswers(redisUrl);
if (!redisUp && process.env.CI)
  throw new Error(`Redis at ${redisUrl} is unreachable; CI requires it`);
if (!redisUp)
  console.warn(`\n⚠ Redis at ${redisUrl} is unreachable: the cluster tests are SKIPPED.\n`);
// Two processes must share one PostgreSQL database; PGlite lives inside one process.
const postgresAvailable = testDrivers().includes('postgres');

/**
 * Two gateways, as two processes would run them: each has its own HTTP server, app,
 * Socket.IO server, Redis adapter (own connections) and database pool, sharing only
 * PostgreSQL and Redis. Events are emitted on A; the sockets are connected to B.
 */
describe.skipIf(!redisUp || !postgresAvailable)('realtime across processes', () => {
  const streamName = `watchfloor:test:${randomUUID()}`;
  let database: DatabaseHandle & { url?: string };
  let secondPool: DatabaseHandle;
  let a: RealtimeHarness;
  let b: RealtimeHarness;
  let dispatcher: UserRow;
  let supervisorOne: UserRow;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    secondPool = await openDatabase({ driver: 'postgres', url: database.url!, poolSize: 5 });
    // A sweep period far beyond any wait here: a socket cut on B was cut by an event
    // that crossed Redis, not by B's own look at the database.
    const shared = { redisUrl, redisStreamName: streamName, revocationSweepMs: 60_000 };
    a = await startRealtimeHarness(database, shared);
    b = await startRealtimeHarness(secondPool, shared);
    dispatcher = await buildUser(a.services, { role: 'dispatcher' });
    supervisorOne = await buildUser(a.services, { role: 'supervisor', districts: ['1'] });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await secondPool?.close();
    await database?.close();
    const client = createClient({ url: redisUrl });
    await client.connect();
    await client.del(streamName);
    await client.close();
  });

  /** A socket on B, signed in through A's HTTP (the session lives in the shared database). */
  async function connectToB(user: UserRow) {
    const client = await b.connectAs(user);
    // Until a marker sent from A arrives, B's stream reader may not be running yet.
    await b.barrier(client, a.gateway.io);
    return client;
  }

  it('a call change on A reaches the right rooms on B, presented once, by A', async () => {
    const [dispatcherClient, supervisorClient] = await Promise.all([
      connectToB(dispatcher),
      connectToB(supervisorOne),
    ]);
    const inTwo = sampleCall({ id: randomUUID(), district: '2', version: 2 });
    const inOne = sampleCall({ id: randomUUID(), district: '1', version: 3 });
    a.directory.calls.set(inTwo.id, inTwo);
    a.directory.calls.set(inOne.id, inOne);

    a.domainEvents.emit('call:changed', { callId: inTwo.id, version: 2, districts: ['2'] });
    await until(() => dispatcherClient.received.length === 1, 'the district 2 call on B');
    a.domainEvents.emit('call:changed', { callId: inOne.id, version: 3, districts: ['1'] });
    await until(() => supervisorClient.received.length === 1, 'the district 1 call on B');
    await until(() => dispatcherClient.received.length === 2, 'the district 1 call on B');

    expect(dispatcherClient.received.map((m) => m.payload)).toEqual([
      { seq: 2, call: inTwo },
      { seq: 3, call: inOne },
    ]);
    expect(supervisorClient.received.map((m) => m.payload)).toEqual([{ seq: 3, call: inOne }]);
    // Only the process where the change happened presents it.
    expect(b.directory.callLoads).toEqual([]);
    dispatcherClient.socket.disconnect();
    supervisorClient.socket.disconnect();
  });

  it('positions accepted on A reach B as one coalesced batch per room', async () => {
    const [dispatcherClient, supervisorClient] = await Promise.all([
      connectToB(dispatcher),
      connectToB(supervisorOne),
    ]);
    const unitId = randomUUID();
    const east = samplePosition({ homeDistrict: '2' });
    a.domainEvents.emit('positions:accepted', [samplePosition({ unitId, lat: 0.001 }), east]);
    a.domainEvents.emit('positions:accepted', [
      samplePosition({ unitId, lat: 0.002, at: new Date(Date.now() + 1_000).toISOString() }),
    ]);
    await until(() => supervisorClient.received.length === 1, 'a batch on B');
    await until(() => dispatcherClient.received.length === 1, 'a batch on B');
    expect(supervisorClient.received[0]!.payload.positions).toEqual([
      expect.objectContaining({ unitId, lat: 0.002 }),
    ]);
    expect(dispatcherClient.received[0]!.payload.positions).toHaveLength(2);
    dispatcherClient.socket.disconnect();
    supervisorClient.socket.disconnect();
  });

  it('signing out through A cuts the socket on B within a second', async () => {
    const client = await connectToB(dispatcher);
    await a
      .request()
      .post('/api/auth/logout')
      .set('Cookie', client.cookie)
      .set('X-CSRF-Token', client.csrfToken)
      .expect(204);
    const elapsed = await until(() => !client.socket.connected, 'the cut on B', 1_000);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('user:access-changed on A cuts the user’s sockets on B at once', async () => {
    const client = await connectToB(supervisorOne);
    a.domainEvents.emit('user:access-changed', { userId: supervisorOne.id });
    await until(() => !client.socket.connected, 'the cut on B', 400);
  });
});
