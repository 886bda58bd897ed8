import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineAbilityFor } from '@watchfloor/authz';
import { queryRows, type Database, type DatabaseHandle } from '../src/db/client.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import {
  createRetentionRepo,
  type RetentionRepo,
} from '../src/modules/retention/retention.repo.ts';
import { retentionDefaults } from '../src/modules/retention/retention.policy.ts';
import { createRetentionService } from '../src/modules/retention/retention.service.ts';
import { createServices, type Services } from '../src/services.ts';
import { testAgency } from './support/agency-fixture.ts';
import { ageAuditRows, asSuperuser } from './support/aged-audit.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { testMfaSecret } from './support/test-app.ts';

const auditor = defineAbilityFor({ id: 'auditor', role: 'admin', districts: [] });
const day = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * day);

const callColumns = sql`(incident_number, source, call_type, call_type_description, priority,
  original_priority, status, received_at, dispatched_at, closed_at, caller_name, caller_phone, narrative)`;

async function insertCall(
  db: Database,
  name: string,
  status: string,
  receivedDaysAgo: number,
  closedDaysAgo: number | null,
) {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into calls ${callColumns} values (${name}, 'test', 'DIST', 'Disturbance', 2, 2, ${status},
          ${daysAgo(receivedDaysAgo)}, ${daysAgo(receivedDaysAgo - 0.01)},
          ${closedDaysAgo === null ? null : daysAgo(closedDaysAgo)}, ${`Caller of ${name}`}, '555-0100',
          ${`Narrative of ${name}`}) returning id`,
  );
  const id = row!.id;
  await db.execute(
    sql`insert into call_events (call_id, version, type, at, data) values
        (${id}, 1, 'created', ${daysAgo(receivedDaysAgo)},
         ${JSON.stringify({ callType: 'DIST', callerName: `Caller of ${name}`, narrative: 'x' })}::jsonb),
        (${id}, 2, 'note', ${daysAgo(receivedDaysAgo)}, ${JSON.stringify({ text: `Note on ${name}` })}::jsonb),
        (${id}, 3, 'status', ${daysAgo(receivedDaysAgo)}, ${JSON.stringify({ status })}::jsonb)`,
  );
  return id;
}

async function insertPositions(db: Database, ageDays: number[]) {
  for (const [index, age] of ageDays.entries()) {
    await db.execute(
      sql`insert into unit_positions (unit_id, at, lat, lon)
          values ('00000000-0000-4000-8000-000000000001', ${new Date(daysAgo(age).getTime() + index)}, 37.8, -122.2)`,
    );
  }
}

/** What the fixture holds past its retention, per kind. */
const pastRetention = { positions: 5, callerData: 1, callEvents: 2, sessions: 1, auditEvents: 5 };

const countOf = async (db: Database, query: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: string }>(db, query))[0]!.n);

/** Everything the purge may touch, to compare before and after. */
const snapshot = async (db: Database) =>
  queryRows<{ t: string }>(
    db,
    sql`select (select json_agg(p order by p.id) from unit_positions p)::text
          || (select json_agg(c order by c.incident_number) from calls c)::text
          || (select json_agg(e order by e.id) from call_events e)::text
          || (select json_agg(s order by s.sid) from sessions s)::text
          || (select json_agg(a order by a.id) from audit_events a)::text as t`,
  );

function build(db: Database) {
  return createServices(db, {
    agency: testAgency,
    lockout: { threshold: 5, windowMinutes: 15, lockMinutes: 10 },
    mfa: { secret: testMfaSecret },
  });
}

describe.each(testDrivers())('retention on %s', (driver) => {
  let database: DatabaseHandle;
  let db: Database;
  let services: Services;
  let calls: { oldClosed: string; youngClosed: string; oldOpen: string };
  let auditIds: number[];

  beforeEach(async () => {
    database = await openTestDatabase(driver);
    db = database.db;
    services = build(db);
    // 5 position reports past 90 days, 2 within.
    await insertPositions(db, [200, 120, 100, 95, 91, 30, 0.5]);
    calls = {
      oldClosed: await insertCall(db, 'OLD-CLOSED', 'closed', 400, 399),
      youngClosed: await insertCall(db, 'YOUNG-CLOSED', 'closed', 30, 29),
      oldOpen: await insertCall(db, 'OLD-OPEN', 'onscene', 400, null),
    };
    await db.execute(
      sql`insert into sessions (sid, data, expires_at) values
          ('expired', '{}', now() - interval '1 hour'), ('live', '{}', now() + interval '1 hour')`,
    );
    for (let i = 0; i < 8; i += 1) {
      await services.auditService.record(cliActor, {
        action: 'token.create',
        outcome: 'success',
        details: { name: `t${i}` },
      });
    }
    auditIds = await ageAuditRows(db, testAgency.id, 5);
    // A checkpoint that will point at a removed row: the signed start must cover it.
    await services.auditService.checkpoint();
    await services.auditService.record(cliActor, { action: 'token.revoke', outcome: 'success' });
  });
  afterEach(() => database?.close());

  /** The default periods, two rows per transaction, through `retentionRepo`. */
  const inBatchesOfTwo = (retentionRepo: RetentionRepo) =>
    createRetentionService({
      retentionRepo,
      auditService: services.auditService,
      policy: { ...retentionDefaults, batchSize: 2 },
    });

  it('removes what is past its retention, keeps the rest, and is audited once', async () => {
    const run = await services.retentionService.purge({ actor: cliActor });
    expect(run.counts).toEqual(pastRetention);
    expect(run.chainStartsAt).toBe(auditIds[5]);

    expect(await countOf(db, sql`select count(*)::text as n from unit_positions`)).toBe(2);
    expect(
      await countOf(
        db,
        sql`select count(*)::text as n from unit_positions where at < now() - interval '90 days'`,
      ),
    ).toBe(0);
    expect(await queryRows(db, sql`select sid from sessions`)).toEqual([{ sid: 'live' }]);

    const byId = Object.fromEntries(
      (
        await queryRows<{
          id: string;
          caller_name: string | null;
          caller_phone: string | null;
          narrative: string | null;
          received_at: unknown;
          closed_at: unknown;
          removed: boolean;
        }>(
          db,
          sql`select id, caller_name, caller_phone, narrative, received_at, closed_at,
                caller_data_removed_at is not null as removed from calls`,
        )
      ).map((row) => [row.id, row]),
    );
    expect(byId[calls.oldClosed]).toMatchObject({
      caller_name: null,
      caller_phone: null,
      narrative: null,
      removed: true,
    });
    // The call stays, with the times statistics are made of.
    expect(byId[calls.oldClosed]!.received_at).not.toBeNull();
    expect(byId[calls.oldClosed]!.closed_at).not.toBeNull();
    expect(byId[calls.youngClosed]).toMatchObject({
      caller_name: 'Caller of YOUNG-CLOSED',
      removed: false,
    });
    expect(byId[calls.oldOpen]).toMatchObject({
      caller_name: 'Caller of OLD-OPEN',
      removed: false,
    });

    const events = await queryRows<{ call_id: string; data: Record<string, unknown> }>(
      db,
      sql`select call_id, data from call_events order by id`,
    );
    const old = events
      .filter((event) => event.call_id === calls.oldClosed)
      .map((event) => event.data);
    expect(old).toEqual([{ callType: 'DIST' }, {}, { status: 'closed' }]);
    const kept = events.filter((event) => event.call_id !== calls.oldClosed);
    // The open call and the young one keep their caller data and notes.
    expect(kept.filter((event) => 'callerName' in event.data)).toHaveLength(2);
    expect(kept.filter((event) => 'text' in event.data)).toHaveLength(2);

    // The chain still verifies from its signed start, though the checkpoint's row is gone.
    const report = await services.auditService.verify(auditor);
    expect(report.problem).toBeNull();
    expect(report.ok).toBe(true);
    const [purge] = await services.auditService.list(auditor, {
      limit: 1,
      action: 'retention.purge',
    });
    expect(purge).toMatchObject({ actorUsername: 'cli', outcome: 'success' });
    expect(purge!.details).toMatchObject({
      positions: 5,
      callerData: 1,
      callEvents: 2,
      sessions: 1,
      auditEvents: 5,
      chainStartsAt: auditIds[5],
    });
    expect(purge!.details).toMatchObject({
      retentionDays: { positions: 90, callerData: 365, auditEvents: 365, sessions: 0 },
    });

    // Nothing left to do: no second audit row.
    const again = await services.retentionService.purge({ actor: cliActor });
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    expect(
      await services.auditService.list(auditor, { limit: 5, action: 'retention.purge' }),
    ).toHaveLength(1);
  });

  it('works in bounded batches, each its own transaction, to the same end', async () => {
    const batchSizes: number[] = [];
    const repo = createRetentionRepo(db);
    const counted: RetentionRepo = {
      ...repo,
      purgePositions: async (cutoff, batch) => {
        const n = await repo.purgePositions(cutoff, batch);
        batchSizes.push(n);
        return n;
      },
      purgeAuditEvents: async (cutoff, batch) => {
        const n = await repo.purgeAuditEvents(cutoff, batch);
        batchSizes.push(n);
        return n;
      },
    };
    const service = inBatchesOfTwo(counted);
    const run = await service.purge({ actor: cliActor });
    // 5 positions then 5 audit rows, two at a time.
    expect(batchSizes).toEqual([2, 2, 1, 2, 2, 1]);
    expect(run.counts.positions).toBe(5);
    expect(run.counts.auditEvents).toBe(5);
    expect((await services.auditService.verify(auditor)).ok).toBe(true);
  });

  it('verifies while a purge is under way, and after it, still catches tampering', async () => {
    // Stopped after the first batch of audit rows: the rest of the purge is still due.
    const stop = new AbortController();
    const repo = createRetentionRepo(db);
    const service = inBatchesOfTwo({
      ...repo,
      purgeAuditEvents: async (cutoff, batch) => {
        stop.abort();
        return repo.purgeAuditEvents(cutoff, batch);
      },
    });
    expect((await service.purge({ actor: cliActor, signal: stop.signal })).counts.auditEvents).toBe(
      2,
    );
    expect((await services.auditService.verify(auditor)).problem).toBeNull();
    await services.retentionService.purge({ actor: cliActor });
    expect((await services.auditService.verify(auditor)).ok).toBe(true);

    const kept = await queryRows<{ id: string }>(
      db,
      sql`select id::text from audit_events order by id`,
    );
    const second = Number(kept[1]!.id);
    await asSuperuser(
      db,
      sql`update audit_events set details = '{"name":"innocent"}' where id = ${second}`,
    );
    const edited = await services.auditService.verify(auditor);
    expect(edited.problem?.eventId).toBe(second);
    expect(edited.problem?.reason).toMatch(/content was changed/);
  });

  it('catches the first kept row removed after the purge, and a forged chain start', async () => {
    await services.retentionService.purge({ actor: cliActor });
    const first = auditIds[5]!;
    await asSuperuser(db, sql`delete from audit_events where id = ${first}`);
    const removed = await services.auditService.verify(auditor);
    expect(removed.ok).toBe(false);
    expect(removed.problem?.eventId).toBe(auditIds[6]);
    expect(removed.problem?.reason).toMatch(/chain start 1 signed/);

    await db.execute(
      sql`insert into audit_chain_starts (first_event_id, prev_hash, signature) values (${auditIds[6]!}, 'x', 'forged')`,
    );
    expect((await services.auditService.verify(auditor)).problem?.reason).toMatch(
      /not signed by this server's key/,
    );
  });

  it('only counts on a dry run: nothing changes, nothing is audited', async () => {
    const before = await snapshot(db);
    const run = await services.retentionService.purge({ actor: cliActor, dryRun: true });
    expect(run).toMatchObject({ dryRun: true, batches: 0, chainStartsAt: null });
    expect(run.counts).toEqual(pastRetention);
    expect(await snapshot(db)).toEqual(before);
    expect(await countOf(db, sql`select count(*)::text as n from audit_chain_starts`)).toBe(0);
  });

  it('never removes an audit row younger than 365 days, whatever the function is asked', async () => {
    const young = await countOf(
      db,
      sql`select count(*)::text as n from audit_events where at > now() - interval '365 days'`,
    );
    await services.auditService.startChainAt(new Date(Date.now() + day));
    await db.execute(sql`select retention_purge_audit_events(now() + interval '1 day', 1000)`);
    expect(await countOf(db, sql`select count(*)::text as n from audit_events`)).toBe(young);
    // And outside the retention functions the log stays append-only.
    await expect(db.execute(sql`delete from audit_events`)).rejects.toThrow();
    await expect(db.execute(sql`delete from unit_positions`)).rejects.toThrow();
    await expect(db.execute(sql`update call_events set data = '{}'`)).rejects.toThrow();
  });
});
