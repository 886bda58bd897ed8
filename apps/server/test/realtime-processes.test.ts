import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from './support/databases.ts';
import { callBody, inDistrict } from './support/builders.ts';
import { buildTestApp, buildUser, testPassword } from './support/test-app.ts';
import { testAgency } from './support/agency-fixture.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const mainTs = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server at ${baseUrl} not ready:\n${output()}`);
}

async function signIn(baseUrl: string, username: string) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: testPassword }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/**
 * Two real server processes (`node src/main.ts`) on one PostgreSQL database and
 * one Redis: a call created through A reaches a socket connected to B.
 */
describe.runIf(inject('postgresUrl'))('two server processes', { timeout: 120_000 }, () => {
  const children: ChildProcess[] = [];
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let agencyFile: string;
  const ports = [
    18_000 + Math.floor(Math.random() * 1000),
    19_000 + Math.floor(Math.random() * 1000),
  ];
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    const harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'dana', role: 'dispatcher' });
    await buildUser(harness.services, { username: 'sam', role: 'supervisor', districts: ['2'] });
    agencyFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'agency-')), 'agency.json');
    await fs.writeFile(agencyFile, JSON.stringify(testAgency));
    const secret = randomBytes(32).toString('hex');
    await Promise.all(
      ports.map(async (port, index) => {
        let output = '';
        const child = spawn(process.execPath, [mainTs], {
          env: {
            PATH: process.env.PATH ?? '',
            PORT: String(port),
            DATABASE_URL: database.url!,
            REDIS_URL: redisUrl,
            SESSION_SECRET: secret,
            // Production mode requires a second factor by default; this suite is about
            // delivery across processes (second factors have their own, with sockets).
            MFA_REQUIRED: 'false',
            AGENCY_CONFIG: agencyFile,
            LOG_LEVEL: 'warn',
            DATA_DIR: path.dirname(agencyFile),
          },
        });
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        children.push(child);
        await waitForReady(urls[index]!, child, () => output);
      }),
    );
  });

  afterAll(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
    await database.close();
  });

  it('a change through A reaches a socket on B, and only the rooms that may see it', async () => {
    const [a, b] = urls as [string, string];
    const supervisor = await signIn(b, 'sam');
    const socket: Socket = connectSocket(b, {
      transports: ['websocket'],
      extraHeaders: { cookie: supervisor.cookie },
    });
    const received: { district: string | null; callerName?: string }[] = [];
    socket.on(
      'calls:changed',
      (message: { call?: { district: string | null; callerName?: string } }) => {
        if (message.call) received.push(message.call);
      },
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    // Give B's stream reader a moment to attach before the first publish.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const dispatcher = await signIn(a, 'dana');
    const create = (body: object) =>
      fetch(`${a}/api/calls`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: dispatcher.cookie,
          'x-csrf-token': dispatcher.csrfToken,
        },
        body: JSON.stringify(body),
      });
    expect((await create(callBody({ ...inDistrict('1'), callerName: 'West Caller' }))).status).toBe(
      201,
    );
    expect((await create(callBody({ ...inDistrict('2'), callerName: 'East Caller' }))).status).toBe(
      201,
    );

    const deadline = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.disconnect();
    expect(received.map((call) => call.district)).toEqual(['2']);
    expect(received[0]!.callerName).toBe('East Caller');
  });
});
