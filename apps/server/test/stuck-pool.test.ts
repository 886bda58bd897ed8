import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testAgency } from './support/agency-fixture.ts';
import { eventually } from './support/eventually.ts';
import { openTestDatabase } from './support/databases.ts';
import { buildTestApp, buildUser, testPassword } from './support/test-app.ts';

const mainTs = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const shutdownTimeoutMs = 1_000;

/**
 * A real server process (`node src/main.ts`, pool of 10) whose every pooled
 * connection waits on a lock an operator holds: the state issue 10's probe left
 * behind. Readiness must still answer, and SIGTERM must still end the process.
 */
describe.runIf(inject('postgresUrl'))('a server whose pool is stuck', { timeout: 90_000 }, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let child: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  let admin: pg.Client;
  const base = `http://127.0.0.1:${20_000 + Math.floor(Math.random() * 1000)}`;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    const harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'alex', role: 'analyst' });
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stuck-pool-'));
    const agencyFile = path.join(dataDir, 'agency.json');
    await fs.writeFile(agencyFile, JSON.stringify(testAgency));
    child = spawn(process.execPath, [mainTs], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: new URL(base).port,
        DATABASE_URL: database.url!,
        SESSION_SECRET: randomBytes(32).toString('hex'),
        AGENCY_CONFIG: agencyFile,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
      },
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    }, 60_000);

    // Sign-in reads users; with the table locked, every sign-in holds a pooled connection.
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('begin');
    await admin.query('lock table users in access exclusive mode');
    for (let attempt = 0; attempt < 12; attempt += 1) {
      // A connection each (no agent): these requests never get an answer while the lock holds.
      const request = http.request(`${base}/api/auth/login`, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json' },
      });
      request.on('error', () => undefined);
      request.end(JSON.stringify({ username: 'alex', password: testPassword }));
    }
    await eventually(async () => {
      // pg_locks, not pg_stat_activity: that view is a snapshot within the lock's transaction.
      const { rows } = await admin.query<{ waiting: number }>(
        `select count(*)::int as waiting from pg_locks
          where relation = 'users'::regclass and not granted`,
      );
      expect(rows[0]!.waiting).toBe(10);
    }, 30_000);
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await admin?.query('rollback').catch(() => undefined);
    await admin?.end();
    await database?.close();
  });

  it('answers /readyz with 503 within its deadline', async () => {
    const started = Date.now();
    const ready = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) });
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'database_unavailable' });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('exits on SIGTERM by its hard deadline, though the pool never drains', async () => {
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000)),
    ]);
    expect(code, output).toBe(1);
    // The in-flight deadline, then at most the grace for closing the database.
    expect(Date.now() - started).toBeLessThan(shutdownTimeoutMs + 7_000);
    expect(output).toMatch(/shutdown deadline/);
  });
});
