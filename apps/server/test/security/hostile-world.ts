import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import type pg from 'pg';
import type supertest from 'supertest';
import { queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { defineAbilityFor } from '@watchfloor/authz';
import { toSessionUser } from '../../src/modules/auth/session-user.ts';
import { buildUnit, inDistrict } from '../support/builders.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import type { HostileRequest, PathValues } from './hostile-requests.ts';
import type { Persona, World } from './route-inputs.ts';

type Client = ReturnType<typeof supertest.agent>;

/*
 * Columns a refused request may legitimately touch: a wrong password counts
 * towards the lockout, a token records its last use. Their refusals are audited.
 */
const bookkeeping = [
  'failed_login_count',
  'last_failed_login_at',
  'locked_until',
  'last_login_at',
  'last_used_at',
];
/** Tables a refusal may write to: the audit log (audited denials, and its chain's head) and sessions. */
const unfingerprinted = new Set(['audit_events', 'audit_chain_head', 'sessions']);

/** The seeded app the hostile suite runs against, with one client per persona. */
export async function buildHostileWorld(database: DatabaseHandle) {
  const webDist = await mkdtemp(path.join(tmpdir(), 'watchfloor-web-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>Watchfloor</title>');
  await writeFile(path.join(webDist, 'assets', 'app.js'), 'export {};');
  const harness = await buildTestApp(database, { loginRateLimit: 1_000_000, webDist });
  const { token } = await harness.services.tokensService.create(cliActor, 'cad-hostile');
  // Revocable by the admin persona; the feed's own token must keep working.
  const spareToken = await harness.services.tokensService.create(cliActor, 'hostile-spare');
  const [unitA, unitB] = [
    await buildUnit(database.db, { callSign: '1A10', ...inDistrict('1') }),
    await buildUnit(database.db, { callSign: '2B20', homeDistrict: '2', ...inDistrict('2') }),
  ];
  const event = (id: string, call: string, minute: number, extra: object) => ({
    sourceEventId: id,
    sourceCallId: call,
    at: new Date(Date.UTC(2026, 0, 5, 10, minute)).toISOString(),
    ...extra,
  });
  await harness
    .request()
    .post('/api/ingest/calls')
    .set('Authorization', `Bearer ${token}`)
    .send({
      source: 'cad',
      events: [
        event('h1', 'H1', 0, { callType: 'DIST', ...inDistrict('1'), callerName: 'Kim' }),
        event('h2', 'H2', 1, { callType: 'TRAF', ...inDistrict('2'), units: ['1A10'] }),
        event('h3', 'H3', 2, { callType: 'DIST', ...inDistrict('1') }),
        event('h3-close', 'H3', 30, { status: 'closed', disposition: 'RPT' }),
      ],
    })
    .expect(200);

  const users = {
    admin: await buildUser(harness.services, { role: 'admin' }),
    dispatcher: await buildUser(harness.services, { role: 'dispatcher' }),
    analyst: await buildUser(harness.services, { role: 'analyst' }),
    throwaway: await buildUser(harness.services, { role: 'dispatcher' }),
    // Administered by the admin persona (disabled, reset): nobody signs in as it.
    administered: await buildUser(harness.services, { role: 'analyst' }),
  };
  // One session of the administered account, for the admin persona to end.
  await signIn(harness.app, users.administered.username);
  const adminAbility = defineAbilityFor(toSessionUser(users.admin));
  const sessions = {
    admin: await signIn(harness.app, users.admin.username),
    dispatcher: await signIn(harness.app, users.dispatcher.username),
    analyst: await signIn(harness.app, users.analyst.username),
  };
  const callIds = (
    await queryRows<{ id: string }>(database.db, sql`select id from calls order by id`)
  ).map((row) => row.id);
  const world: World & PathValues = {
    unitIds: [unitA.id, unitB.id],
    callSigns: ['1A10', '2B20'],
    // Not the throwaway user's: hostile sign-ins would lock it, and it signs in for every logout.
    usernames: [users.admin, users.dispatcher, users.analyst].map((user) => user.username),
    callIds,
    cells: [5, 8, 10].map((resolution) => latLngToCell(0.005, 0.005, resolution)),
    userIds: [users.administered.id],
    tokenIds: [spareToken.row.id],
    sessionHandles: (
      await harness.services.userSessionsService.list(
        adminAbility,
        users.administered.id,
        undefined,
      )
    ).map((session) => session.id),
  };

  /** The client a persona sends with, and the CSRF token its session expects. */
  async function clientFor(persona: Persona): Promise<{ client: Client; csrfToken?: string }> {
    if (persona === 'anonymous' || persona === 'integration') return { client: harness.request() };
    if (persona === 'throwaway') {
      const { agent, csrfToken } = await signIn(harness.app, users.throwaway.username);
      return { client: agent, csrfToken };
    }
    return { client: sessions[persona].agent, csrfToken: sessions[persona].csrfToken };
  }

  /** Sends a request as its persona, within the deadline, and reads the body as bytes. */
  async function send(request: HostileRequest, deadlineMs: number) {
    const { client, csrfToken } = await clientFor(request.persona);
    const verb = request.method.toLowerCase() as 'get' | 'post' | 'patch';
    let pending = client[verb](request.url)
      .timeout({ deadline: deadlineMs })
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .set(request.headers);
    if (request.persona === 'integration')
      pending = pending.set('Authorization', `Bearer ${token}`);
    else if (csrfToken && request.csrf !== 'missing')
      pending = pending.set('X-CSRF-Token', request.csrf === 'valid' ? csrfToken : 'forged');
    if (request.body)
      pending = pending
        .serialize((raw: unknown) => raw as string)
        .send(request.body as unknown as string);
    return pending;
  }

  const tables = (
    await queryRows<{ name: string }>(
      database.db,
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    )
  )
    .map((row) => row.name)
    .filter((name) => !unfingerprinted.has(name));
  const dropped = `array[${bookkeeping.map((column) => `'${column}'`).join(', ')}]`;
  const fingerprintQuery = sql.raw(
    `select ${tables
      .map(
        (table) =>
          `(select md5(coalesce(string_agg(r, '|' order by r), '')) from (select (to_jsonb(t) - ${dropped})::text as r from "${table}" t) x) as "${table}"`,
      )
      .join(', ')}`,
  );

  /** A digest of every domain table, apart from sign-in bookkeeping, audit and sessions. */
  async function fingerprint(): Promise<Record<string, string>> {
    const [row] = await queryRows<Record<string, string>>(database.db, fingerprintQuery);
    return row!;
  }

  /** Connections of this database idle inside a transaction (PostgreSQL only). */
  async function stuckConnections(): Promise<number> {
    if (database.driver !== 'postgres') return 0;
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and state like 'idle in transaction%'`,
    );
    return row!.n;
  }

  /** The pg pool, to check it is idle; undefined on PGlite. */
  const pool =
    database.driver === 'postgres'
      ? (database.db as unknown as { $client: pg.Pool }).$client
      : undefined;

  return { harness, world, send, fingerprint, stuckConnections, pool };
}
