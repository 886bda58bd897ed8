import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineAbilityFor } from '@watchfloor/authz';
import { queryRows, type Database, type DatabaseHandle } from '../src/db/client.ts';
import { chainHash } from '../src/modules/audit/audit-chain.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { createAuditRepo } from '../src/modules/audit/audit.repo.ts';
import type { Services } from '../src/services.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildTestApp, buildUser, signIn } from './support/test-app.ts';

const auditor = defineAbilityFor({ id: 'auditor', role: 'admin', districts: [] });

/** Changes the log as a database superuser would: with the append-only triggers off. */
async function asSuperuser(db: Database, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

async function ids(db: Database): Promise<number[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id::text as id from audit_events order by audit_events.id`,
  );
  return rows.map((row) => Number(row.id));
}

/** The rows as stored, newest first. */
const storedRows = (db: Database) => createAuditRepo(db, 'any').list({ limit: 500 });

describe.each(testDrivers())('the audit chain on %s', (driver) => {
  let database: DatabaseHandle;
  let services: Services;

  beforeEach(async () => {
    database = await openTestDatabase(driver);
    const harness = await buildTestApp(database);
    services = harness.services;
    // Real writers: accounts, a sign-in and its failure, and a burst of parallel records.
    const user = await buildUser(services, { role: 'analyst' });
    await signIn(harness.app, user.username);
    await harness
      .request()
      .post('/api/auth/login')
      .send({ username: user.username, password: 'nope' });
    await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        services.auditService.record(
          index % 2 ? cliActor : { ...cliActor, userAgent: 'feed/1.0' },
          {
            action: 'token.create',
            outcome: 'success',
            details: { name: `feed-${index}`, nested: { b: 2, a: [1, 'x'] } },
          },
        ),
      ),
    );
  });
  afterEach(() => database?.close());

  it('verifies a clean log written in parallel, every row linked to the one before it', async () => {
    await services.auditService.checkpoint();
    const report = await services.auditService.verify(auditor);
    expect(report.problem).toBeNull();
    expect(report.ok).toBe(true);
    const all = await ids(database.db);
    expect(report.chainedRows).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(33);
    expect(report.verifiedThrough?.eventId).toBe(all.at(-1));
    expect(report.checkpointsVerified).toBe(1);
    // The stored hashes are what anyone can recompute from the table alone.
    const rows = await storedRows(database.db);
    expect(rows.some((row) => row.userAgent !== null)).toBe(true);
    for (const row of rows) expect(chainHash(row.prevHash!, row)).toBe(row.hash);
  });

  it('names a row whose content was changed', async () => {
    const target = (await ids(database.db))[10]!;
    await asSuperuser(
      database.db,
      sql`update audit_events set details = '{"name":"innocent"}' where id = ${target}`,
    );
    const report = await services.auditService.verify(auditor);
    expect(report.ok).toBe(false);
    expect(report.problem?.eventId).toBe(target);
    expect(report.problem?.reason).toMatch(/content was changed/);
    expect(report.verifiedThrough?.eventId).toBeLessThan(target);
  });

  it('names a row whose user agent was changed or removed', async () => {
    const [withAgent] = await queryRows<{ id: string }>(
      database.db,
      sql`select id::text as id from audit_events where user_agent = 'feed/1.0' order by id limit 1`,
    );
    const target = Number(withAgent!.id);
    await asSuperuser(
      database.db,
      sql`update audit_events set user_agent = null where id = ${target}`,
    );
    const report = await services.auditService.verify(auditor);
    expect(report.problem?.eventId).toBe(target);
    expect(report.problem?.reason).toMatch(/content was changed/);
  });

  it('names the link a removed row leaves broken, and a removed tail', async () => {
    const all = await ids(database.db);
    await asSuperuser(database.db, sql`delete from audit_events where id = ${all[5]!}`);
    const gap = await services.auditService.verify(auditor);
    expect(gap.problem?.eventId).toBe(all[6]);
    expect(gap.problem?.reason).toMatch(/removed, or rows were reordered/);

    const fresh = await openTestDatabase(driver);
    try {
      const other = (await buildTestApp(fresh)).services;
      for (let i = 0; i < 3; i += 1) {
        await other.auditService.record(cliActor, { action: 'token.create', outcome: 'success' });
      }
      const last = (await ids(fresh.db)).at(-1)!;
      await asSuperuser(fresh.db, sql`delete from audit_events where id = ${last}`);
      const tail = await other.auditService.verify(auditor);
      expect(tail.problem?.reason).toMatch(/last rows were removed/);
      expect(tail.problem?.eventId).toBe(last);
    } finally {
      await fresh.close();
    }
  });

  it('names rows whose order was changed', async () => {
    const [, , a, b] = await ids(database.db);
    // Swap two rows' places: each keeps its content and hashes, under the other's id.
    await asSuperuser(
      database.db,
      sql`update audit_events set id = case id when ${a!} then -1 else id end where id = ${a!}`,
    );
    await asSuperuser(database.db, sql`update audit_events set id = ${a!} where id = ${b!}`);
    await asSuperuser(database.db, sql`update audit_events set id = ${b!} where id = -1`);
    const report = await services.auditService.verify(auditor);
    expect(report.problem?.eventId).toBe(a);
  });

  it('catches a chain recomputed after tampering, by its signed checkpoint', async () => {
    await services.auditService.checkpoint();
    const target = (await ids(database.db))[3]!;
    await asSuperuser(
      database.db,
      sql`update audit_events set actor_username = 'someone else' where id = ${target}`,
    );
    // The tamperer recomputes every hash from the changed row on, and the head.
    let previous = (
      await queryRows<{ hash: string }>(
        database.db,
        sql`select hash from audit_events where id < ${target} order by id desc limit 1`,
      )
    )[0]!.hash;
    const rows = (await storedRows(database.db))
      .filter((row) => row.id >= target)
      .sort((x, y) => x.id - y.id);
    for (const row of rows) {
      const hash = chainHash(previous, row);
      await asSuperuser(
        database.db,
        sql`update audit_events set prev_hash = ${previous}, hash = ${hash} where id = ${row.id}`,
      );
      previous = hash;
    }
    await asSuperuser(database.db, sql`update audit_chain_head set last_hash = ${previous}`);
    const report = await services.auditService.verify(auditor);
    expect(report.ok).toBe(false);
    expect(report.problem?.reason).toMatch(/recomputed after tampering/);

    // Nor can the tamperer sign a checkpoint of their own without the key.
    await asSuperuser(
      database.db,
      sql`insert into audit_checkpoints (last_event_id, last_hash, signature) values (${rows.at(-1)!.id}, ${previous}, 'forged')`,
    );
    const forged = await services.auditService.verify(auditor);
    expect(forged.problem?.reason).toMatch(/not signed by this server's key/);
  });

  it('refuses to change or remove the log and its checkpoints as the server would', async () => {
    await services.auditService.checkpoint();
    const refusal = (statement: ReturnType<typeof sql>) =>
      database.db.execute(statement).then(
        () => 'done',
        (error: Error) => `${error.message} ${String((error.cause as Error | undefined)?.message)}`,
      );
    expect(await refusal(sql`update audit_events set action = 'x'`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from audit_checkpoints`)).toMatch(/append-only/);
    expect(await refusal(sql`truncate audit_checkpoints`)).toMatch(/append-only/);
  });
});
