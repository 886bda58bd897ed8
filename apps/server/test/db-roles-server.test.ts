import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../src/config.ts';
import {
  appliedMigrationCount,
  openDatabase,
  queryRows,
  shippedMigrationCount,
  type DatabaseHandle,
} from '../src/db/client.ts';
import { openConfiguredDatabase } from '../src/db/open-configured.ts';
import { connectedRoleCanRewriteHistory } from '../src/db/roles/history-exposure.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { defineAbilityFor } from '@watchfloor/authz';
import { testAgency } from './support/agency-fixture.ts';
import { ageAuditRows } from './support/aged-audit.ts';
import { callBody } from './support/builders.ts';
import { openRolesFixture, type RolesFixture } from './support/database-roles.ts';
import { buildTestApp, buildUser, signIn } from './support/test-app.ts';

type Agent = Awaited<ReturnType<typeof signIn>>;

const openAs = (env: Record<string, string>) => openConfiguredDatabase(loadConfig(env, []));

/** Set-up spawns the CLI, which takes many seconds on a loaded machine. */
const setupTimeout = 180_000;

describe.runIf(inject('postgresUrl'))(
  'the server on PostgreSQL as the runtime role',
  { timeout: 120_000 },
  () => {
    let fixture: RolesFixture;
    let database: string;
    let runtime: DatabaseHandle;

    beforeAll(async () => {
      fixture = openRolesFixture();
      // A fresh install: an empty database, roles and schema from one db:roles run.
      database = await fixture.createDatabase();
      const result = await fixture.runDbRoles(database);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      runtime = await openAs({ DATABASE_URL: fixture.urlAs(database, fixture.runtime) });
    }, setupTimeout);
    afterAll(async () => {
      await runtime?.close();
      await fixture?.close();
    });

    it('starts without applying anything: db:roles migrated the database as the owner', async () => {
      const [who] = await queryRows<{ user: string }>(runtime.db, sql`select current_user as user`);
      expect(who?.user).toBe(fixture.runtime);
      expect(await appliedMigrationCount(runtime.db)).toBe(await shippedMigrationCount());
      const [owner] = await queryRows<{ owner: string }>(
        runtime.db,
        sql`select tableowner as owner from pg_tables where tablename = 'audit_events'`,
      );
      expect(owner?.owner).toBe(fixture.owner);
    });

    it('signs in, works a call, takes positions, exports, reads the audit log and signs out', async () => {
      const harness = await buildTestApp(runtime);
      await buildUser(harness.services, { username: 'dana', role: 'dispatcher' });
      await buildUser(harness.services, { username: 'alex', role: 'analyst' });
      await buildUser(harness.services, { username: 'ari', role: 'admin' });
      const dispatcher: Agent = await signIn(harness.app, 'dana');
      const post = (path: string, body: object = {}) =>
        dispatcher.agent.post(path).set('X-CSRF-Token', dispatcher.csrfToken).send(body);

      const { token } = await harness.services.tokensService.create(cliActor, 'avl-roles');
      const ingest = (kind: string, body: object) =>
        harness
          .request()
          .post(`/api/ingest/${kind}`)
          .set('Authorization', `Bearer ${token}`)
          .send(body)
          .expect(200);
      const at = new Date().toISOString();
      const roster = await ingest('units', {
        source: 'cad',
        events: [{ sourceEventId: 'u-1', callSign: '1A10', homeDistrict: '1', at }],
      });
      expect(roster.body.results[0].outcome).toBe('applied');
      const positions = await ingest('positions', {
        positions: [{ unit: '1A10', lat: 0.005, lon: 0.005, at }],
      });
      expect(positions.body.results[0].outcome).toBe('applied');

      const { body: call } = await post('/api/calls', callBody()).expect(201);
      const units = await dispatcher.agent.get('/api/units').expect(200);
      const unit = (units.body.units as { id: string; callSign: string }[]).find(
        (row) => row.callSign === '1A10',
      )!;
      await post(`/api/calls/${call.id}/assign`, { unitId: unit.id }).expect(200);
      await post(`/api/units/${unit.id}/status`, { status: 'onscene' }).expect(200);
      await post(`/api/calls/${call.id}/close`, { disposition: 'RPT' }).expect(200);

      const analyst = await signIn(harness.app, 'alex');
      const hour = 3_600_000;
      const csv = await analyst.agent
        .get('/api/exports/calls')
        .query({
          from: new Date(Date.now() - hour).toISOString(),
          to: new Date(Date.now() + hour).toISOString(),
          purpose: 'database roles test export',
          format: 'csv',
        })
        .expect(200);
      expect(csv.text).toContain(call.incidentNumber);

      const admin = await signIn(harness.app, 'ari');
      const audit = await admin.agent.get('/api/audit').expect(200);
      const actions = (audit.body.events as { action: string }[]).map((event) => event.action);
      expect(actions).toEqual(
        expect.arrayContaining(['call.create', 'call.assign', 'call.close', 'call.export']),
      );

      await post('/api/auth/logout').expect(204);
      await harness.sessionStore.prune();
      await harness.request().get('/readyz').expect(200);
    });

    it('purges what is past its retention as the runtime role, the chain still verifying', async () => {
      const { services } = await buildTestApp(runtime);
      const old = new Date(Date.now() - 400 * 86_400_000);
      await runtime.db.execute(
        sql`insert into unit_positions (unit_id, at, lat, lon) values (gen_random_uuid(), ${old}, 0, 0)`,
      );
      const [call] = await queryRows<{ id: string }>(
        runtime.db,
        sql`insert into calls (incident_number, source, call_type, call_type_description, priority,
              original_priority, status, received_at, closed_at, caller_name)
            values ('RET-1', 'test', 'DIST', 'Disturbance', 2, 2, 'closed', ${old}, ${old}, 'Pat')
            returning id`,
      );
      await runtime.db.execute(
        sql`insert into call_events (call_id, version, type, at, data)
            values (${call!.id}, 1, 'created', ${old}, '{"callerName":"Pat","callType":"DIST"}')`,
      );
      await services.auditService.record(cliActor, { action: 'token.create', outcome: 'success' });
      const admin = await openDatabase({ driver: 'postgres', url: fixture.urlAs(database) });
      try {
        const [rows] = await queryRows<{ n: number }>(
          admin.db,
          sql`select count(*)::int as n from audit_events`,
        );
        await ageAuditRows(admin.db, testAgency.id, rows!.n - 1);
      } finally {
        await admin.close();
      }
      const run = await services.retentionService.purge({ actor: cliActor });
      expect(run.counts).toMatchObject({ positions: 1, callerData: 1, callEvents: 1 });
      expect(run.counts.auditEvents).toBeGreaterThan(0);
      const [event] = await queryRows<{ data: unknown }>(
        runtime.db,
        sql`select data from call_events where call_id = ${call!.id}`,
      );
      expect(event?.data).toEqual({ callType: 'DIST' });
      const auditor = defineAbilityFor({ id: 'auditor', role: 'admin', districts: [] });
      expect((await services.auditService.verify(auditor)).problem).toBeNull();
    });

    it('tells the runtime role from one that could switch the append-only triggers off', async () => {
      expect(await connectedRoleCanRewriteHistory(runtime.db)).toBe(false);
      for (const role of [fixture.owner, undefined]) {
        const other = await openDatabase({
          driver: 'postgres',
          url: fixture.urlAs(database, role),
        });
        try {
          expect(await connectedRoleCanRewriteHistory(other.db), role ?? 'admin').toBe(true);
        } finally {
          await other.close();
        }
      }
    });

    describe('when migrations are pending', () => {
      let upgraded: string;
      beforeAll(async () => {
        // A database the owner holds but nothing has migrated: what a new release looks like.
        upgraded = await fixture.createDatabase(fixture.owner);
      });

      it('refuses to start as the runtime role alone, and says what to do', async () => {
        await expect(
          openAs({ DATABASE_URL: fixture.urlAs(upgraded, fixture.runtime) }),
        ).rejects.toThrow(/\d+ database migrations are pending.*DATABASE_MIGRATION_URL.*db:roles/s);
      });

      it('applies them as the owner from DATABASE_MIGRATION_URL and serves as the runtime role', async () => {
        const handle = await openAs({
          DATABASE_URL: fixture.urlAs(upgraded, fixture.runtime),
          DATABASE_MIGRATION_URL: fixture.urlAs(upgraded, fixture.owner),
        });
        try {
          expect(await appliedMigrationCount(handle.db)).toBe(await shippedMigrationCount());
          await handle.db.execute(
            sql`insert into audit_events (action, outcome) values ('user.login', 'success')`,
          );
          await expect(handle.db.execute(sql`delete from audit_events`)).rejects.toMatchObject({
            cause: { message: 'permission denied for table audit_events' },
          });
        } finally {
          await handle.close();
        }
      });
    });
  },
);
