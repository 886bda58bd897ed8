import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import type { UserRow } from '../../src/modules/users/users.repo.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import {
  sampleCall,
  samplePosition,
  sampleUnit,
  startRealtimeHarness,
  until,
  type RealtimeHarness,
  type ReceivedMessage,
} from '../support/realtime-harness.ts';
import { testAgency } from '../support/agency-fixture.ts';
import { freePort } from '../support/free-port.ts';
import { buildUser } from '../support/test-app.ts';
import {
  createThrowawayRedis,
  redisServerInstalled,
  type ThrowawayRedis,
} from '../support/throwaway-redis.ts';

const installed = redisServerInstalled();
if (!installed && process.env.CI) throw new Error('redis-server is not installed; CI requires it');
if (!installed)
  console.warn('\n⚠ redis-server is not installed: the Redis fault tests are SKIPPED.\n');

/** A local socket must hear of a change this soon, Redis or not. */
const localDeliveryMs = 1_000;
/** A publish Redis does not answer is given up after 1 s (redis-adapter.ts); then local. */
const stalledDeliveryMs = 2_000;
/** Reconnecting backs off to at most 2 s; the resync follows the reconnect. */
const resyncMs = 5_000;
/** A server process boots (migrations already applied) in seconds; far more on a busy machine. */
const bootMs = 45_000;
const mainTs = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

const events = (received: ReceivedMessage[], event: string) =>
  received.filter((message) => message.event === event);

/**
 * Redis carries the live picture between processes. When it is away, each process keeps
 * delivering to its own sockets, says so in /readyz, and once Redis is back tells every
 * client to resync (REST is the truth for whatever crossed no process while it was away).
 * Redis is a throwaway redis-server of the suite's own (the shared one is never stopped);
 * PostgreSQL faults are in faults.test.ts.
 */
describe.skipIf(!installed)('faults: Redis away', () => {
  let database: DatabaseHandle;
  let redis: ThrowawayRedis;
  let a: RealtimeHarness;
  let b: RealtimeHarness;
  let dispatcher: UserRow;

  beforeAll(async () => {
    // Redis faults do not depend on the driver: PostgreSQL when there is one, as it opens
    // several times faster than migrating an in-memory PGlite.
    database = await openTestDatabase(testDrivers().includes('postgres') ? 'postgres' : 'pglite');
    redis = await createThrowawayRedis();
    await redis.start();
    // Two gateways on one Redis stream, as two processes would run; a long sweep, so a
    // socket cut during the outage was cut by the sign-out itself.
    const shared = {
      redisUrl: redis.url,
      redisStreamName: `watchfloor:test:${randomUUID()}`,
      revocationSweepMs: 60_000,
    };
    a = await startRealtimeHarness(database, shared);
    b = await startRealtimeHarness(database, shared);
    dispatcher = await buildUser(a.services, { role: 'dispatcher' });
  });

  afterEach(async () => {
    redis.resume();
    await redis.start();
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.kill();
    await database?.close();
  });

  /** A change, a unit and a batch of positions emitted on A; resolves when all three arrived. */
  async function liveChangesReach(received: ReceivedMessage[], withinMs: number) {
    const call = sampleCall({ id: randomUUID(), version: 7 });
    const unit = sampleUnit({ id: randomUUID() });
    a.directory.calls.set(call.id, call);
    a.directory.units.set(unit.id, unit);
    const started = performance.now();
    a.domainEvents.emit('call:changed', { callId: call.id, version: 7, districts: ['1'] });
    a.domainEvents.emit('unit:changed', { unitId: unit.id, homeDistrict: '1' });
    a.domainEvents.emit('positions:accepted', [samplePosition({ unitId: unit.id })]);
    const arrived = (event: string, id: string) =>
      received.some(
        (message) =>
          message.event === event &&
          (message.payload.call?.id === id ||
            message.payload.unit?.id === id ||
            message.payload.positions?.some((position) => position.unitId === id)),
      );
    await until(
      () =>
        arrived('calls:changed', call.id) &&
        arrived('units:changed', unit.id) &&
        arrived('units:positions', unit.id),
      'the call, unit and positions on the local socket',
      withinMs,
    );
    return performance.now() - started;
  }

  async function readiness(harness: RealtimeHarness) {
    return (await harness.request().get('/readyz')).body as { status: string; redis?: string };
  }

  it('Redis crashes: local sockets keep their live picture, /readyz says degraded, sign-out still cuts, and clients resync when it returns', async () => {
    const onA = await a.connectAs(dispatcher);
    const onB = await b.connectAs(dispatcher);
    await b.barrier(onB, a.gateway.io);
    expect(await readiness(a)).toMatchObject({ status: 'ready', redis: 'ok' });

    await redis.kill();
    const deliveredMs = await liveChangesReach(onA.received, localDeliveryMs);
    expect(deliveredMs).toBeLessThan(localDeliveryMs);
    expect(await readiness(a)).toMatchObject({ status: 'degraded', redis: 'unavailable' });
    expect((await a.request().get('/readyz')).status).toBe(200);

    // Sign-out must still cut this process's sockets while Redis is away.
    const doomed = await a.connectAs(dispatcher);
    await a
      .request()
      .post('/api/auth/logout')
      .set('Cookie', doomed.cookie)
      .set('X-CSRF-Token', doomed.csrfToken)
      .expect(204);
    await until(() => !doomed.socket.connected, 'the signed-out socket cut', localDeliveryMs);

    await redis.start();
    const resyncAfter = await until(
      () => events(onA.received, 'live:resync').length > 0,
      'live:resync on A',
      resyncMs,
    );
    await until(() => events(onB.received, 'live:resync').length > 0, 'live:resync on B', resyncMs);
    expect(resyncAfter).toBeLessThan(resyncMs);
    await until(() => a.gateway.redisStatus() === 'ok', 'A connected to Redis again', resyncMs);
    expect(await readiness(a)).toMatchObject({ status: 'ready', redis: 'ok' });
    // And the processes share one live picture again.
    await b.barrier(onB, a.gateway.io);
    onA.socket.disconnect();
    onB.socket.disconnect();
  });

  it('Redis stalls (no answer, connections open): local delivery resumes within the publish timeout, resync when it answers again', async () => {
    const onA = await a.connectAs(dispatcher);
    await a.barrier(onA);

    redis.pause();
    const deliveredMs = await liveChangesReach(onA.received, stalledDeliveryMs);
    expect(deliveredMs).toBeLessThan(stalledDeliveryMs);
    expect(await readiness(a)).toMatchObject({ status: 'degraded', redis: 'unavailable' });
    // Once given up on, Redis is not waited for again until it answers.
    expect(await liveChangesReach(onA.received, localDeliveryMs)).toBeLessThan(localDeliveryMs);

    redis.resume();
    await until(() => events(onA.received, 'live:resync').length > 0, 'live:resync', resyncMs);
    // The client's own ready flag can trail the first answer by a moment (seen on a
    // loaded machine): /readyz must say ready soon after, not necessarily at once.
    const ready = await eventually(
      async () => {
        const answer = await readiness(a);
        return answer.redis === 'ok' ? answer : undefined;
      },
      'ready again',
      resyncMs,
    );
    expect(ready).toMatchObject({ status: 'ready', redis: 'ok' });
    onA.socket.disconnect();
  });
});

/** Polls `probe` until it returns something, or fails after `timeoutMs`. */
async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs: number,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A real `node src/main.ts` started while its Redis is down: it must serve, say degraded,
 * and pick Redis up by itself. PostgreSQL only, so boot does not migrate a PGlite.
 */
describe.runIf(installed && inject('postgresUrl'))(
  'faults: starting while Redis is down',
  { timeout: bootMs + 15_000 },
  () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('listens, /readyz says degraded, turns ready once Redis answers, and stops on SIGTERM', async () => {
      const database = await openTestDatabase('postgres');
      cleanups.push(() => database.close());
      const redis = await createThrowawayRedis();
      cleanups.push(() => redis.kill());
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'faults-boot-'));
      cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
      const agencyFile = path.join(dataDir, 'agency.json');
      await fs.writeFile(agencyFile, JSON.stringify(testAgency));
      const port = await freePort();
      const child = spawn(process.execPath, [mainTs], {
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: database.url!,
          REDIS_URL: redis.url,
          SESSION_SECRET: randomBytes(32).toString('hex'),
          AGENCY_CONFIG: agencyFile,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
        },
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      cleanups.push(async () => {
        if (child.exitCode === null) child.kill('SIGKILL');
        await exited;
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

      const readyz = async () => {
        if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
        const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        return (
          response && {
            status: response.status,
            body: (await response.json()) as { status?: string },
          }
        );
      };
      const first = await eventually(readyz, 'the server to listen', bootMs);
      expect(first).toEqual({
        status: 200,
        body: expect.objectContaining({ status: 'degraded', redis: 'unavailable' }),
      });

      await redis.start();
      const back = await eventually(
        async () => {
          const answer = await readyz();
          return answer?.body.status === 'ready' ? answer : undefined;
        },
        '/readyz to say ready once Redis answers',
        resyncMs,
      );
      expect(back).toEqual({ status: 200, body: expect.objectContaining({ redis: 'ok' }) });

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    });
  },
);
