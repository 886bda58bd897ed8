import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { openRolesFixture, type RolesFixture } from './support/database-roles.ts';

/** The tables that hold history: rows are added, never changed (migrations 0001 and 0003). */
const appendOnlyTables = [
  'audit_chain_starts',
  'audit_checkpoints',
  'audit_events',
  'call_events',
  'unit_events',
  'unit_positions',
];

/** One row each, so that a row trigger would have something to refuse. */
const seedRows: Record<string, string> = {
  audit_chain_starts: `insert into audit_chain_starts (first_event_id, prev_hash, signature)
    values (0, 'seed', 'seed')`,
  audit_checkpoints: `insert into audit_checkpoints (last_event_id, last_hash, signature)
    values (0, 'seed', 'seed')`,
  audit_events: `insert into audit_events (action, outcome) values ('user.login', 'success')`,
  call_events: `insert into call_events (call_id, version, type, at)
    values (gen_random_uuid(), 1, 'created', now())`,
  unit_events: `insert into unit_events (unit_id, at, to_status)
    values (gen_random_uuid(), now(), 'available')`,
  unit_positions: `insert into unit_positions (unit_id, at, lat, lon)
    values (gen_random_uuid(), now(), 0, 0)`,
};

const notOwner = (table: string) => ({
  code: '42501',
  message: expect.stringMatching(new RegExp(`^must be owner of (table|relation) ${table}$`)),
});
const noPrivilege = (table: string) => ({
  code: '42501',
  message: `permission denied for table ${table}`,
});

/** Set-up spawns the CLI, which takes many seconds on a loaded machine. */
const setupTimeout = 180_000;

describe.runIf(inject('postgresUrl'))(
  'database roles on PostgreSQL: the runtime role cannot rewrite history',
  { timeout: 120_000 },
  () => {
    let fixture: RolesFixture;
    let database: string;
    let runtime: pg.Client;

    beforeAll(async () => {
      fixture = openRolesFixture();
      // The set-up the probe found: the server's own role created and migrated the database.
      await fixture.createLoginRole(fixture.runtime);
      database = await fixture.createDatabase(fixture.runtime);
      const legacy = await openDatabase({
        driver: 'postgres',
        url: fixture.urlAs(database, fixture.runtime),
      });
      await legacy.migrate();
      await legacy.close();

      const result = await fixture.runDbRoles(database);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);

      runtime = new pg.Client({ connectionString: fixture.urlAs(database, fixture.runtime) });
      await runtime.connect();
      for (const table of appendOnlyTables) await runtime.query(seedRows[table]!);
    }, setupTimeout);
    afterAll(async () => {
      await runtime?.end();
      await fixture?.close();
    });

    const rowCount = async (table: string) =>
      (await runtime.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

    it('attacks every table that carries an append-only trigger', async () => {
      const { rows } = await runtime.query<{ table: string }>(`
        select distinct c.relname as table
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
        where not t.tgisinternal and p.proname like '%refuse_change'
        order by 1`);
      expect(rows.map((row) => row.table)).toEqual(appendOnlyTables);
    });

    describe.each(appendOnlyTables)('%s', (table) => {
      const triggersOf = async () =>
        (
          await runtime.query<{ name: string }>(
            `select tgname as name from pg_trigger
             where tgrelid = $1::regclass and not tgisinternal`,
            [table],
          )
        ).rows.map((row) => row.name);

      it('cannot disable or drop its triggers', async () => {
        const triggers = await triggersOf();
        expect(triggers.length).toBeGreaterThan(0);
        const attempts = [
          `alter table ${table} disable trigger all`,
          `alter table ${table} disable trigger user`,
          ...triggers.flatMap((trigger) => [
            `alter table ${table} disable trigger ${trigger}`,
            `drop trigger ${trigger} on ${table}`,
          ]),
        ];
        for (const statement of attempts) {
          await expect(runtime.query(statement), statement).rejects.toMatchObject(notOwner(table));
        }
        expect(await triggersOf()).toEqual(triggers);
      });

      it('cannot update, delete or truncate its rows: no privilege, before any trigger', async () => {
        const before = await rowCount(table);
        for (const statement of [
          `update ${table} set id = id`,
          `delete from ${table}`,
          `truncate ${table}`,
        ]) {
          await expect(runtime.query(statement), statement).rejects.toMatchObject(
            noPrivilege(table),
          );
        }
        expect(await rowCount(table)).toBe(before);
      });

      it('cannot drop the table, take it over or grant itself more', async () => {
        for (const statement of [
          `drop table ${table}`,
          `alter table ${table} owner to current_user`,
          `alter table ${table} rename to ${table}_old`,
        ]) {
          await expect(runtime.query(statement), statement).rejects.toMatchObject(notOwner(table));
        }
        // PostgreSQL only warns when a GRANT gives nothing; the privileges below prove it gave nothing.
        await runtime.query(`grant update, delete, truncate on ${table} to current_user`);
        await expect(runtime.query(`delete from ${table}`)).rejects.toMatchObject(
          noPrivilege(table),
        );
      });
    });

    it('cannot replace a trigger function, switch triggers off for its session, or create objects', async () => {
      const attempts: [string, RegExp][] = [
        [
          `create or replace function audit_events_refuse_change() returns trigger
           language plpgsql as $$ begin return new; end $$`,
          // Refused twice over: no CREATE on the schema, and not the function's owner.
          /^(permission denied for schema public|must be owner of function .*)$/,
        ],
        [`drop function event_log_refuse_change() cascade`, /^must be owner of function/],
        [`set session_replication_role = replica`, /^permission denied to set parameter/],
        [`create table public.shadow (id int)`, /^permission denied for schema public$/],
        [`create schema shadow`, /^permission denied for database/],
      ];
      for (const [statement, message] of attempts) {
        await expect(runtime.query(statement), statement).rejects.toMatchObject({
          code: '42501',
          message: expect.stringMatching(message),
        });
      }
    });

    it(
      'is safe to re-run: nothing left to migrate, the same privileges after',
      async () => {
        const again = await fixture.runDbRoles(database);
        expect(again.stderr).toBe('');
        expect(again.stdout).toMatch(/\(0 migrations applied now\)/);
      },
      setupTimeout,
    );

    it('holds exactly the privileges the server needs, and owns nothing', async () => {
      const { rows } = await runtime.query<{ table: string; privileges: string }>(`
        select table_schema || '.' || table_name as table,
               string_agg(privilege_type, ' ' order by privilege_type) as privileges
        from information_schema.role_table_grants
        where grantee = current_user
        group by 1 order by 1`);
      expect(Object.fromEntries(rows.map((row) => [row.table, row.privileges]))).toEqual({
        'drizzle.__drizzle_migrations': 'SELECT',
        'public.audit_chain_head': 'INSERT SELECT UPDATE',
        'public.audit_chain_starts': 'INSERT SELECT',
        'public.audit_checkpoints': 'INSERT SELECT',
        'public.audit_events': 'INSERT SELECT',
        'public.call_assignments': 'INSERT SELECT UPDATE',
        'public.call_events': 'INSERT SELECT',
        'public.calls': 'INSERT SELECT UPDATE',
        'public.integration_tokens': 'INSERT SELECT UPDATE',
        'public.sessions': 'DELETE INSERT SELECT UPDATE',
        'public.unit_events': 'INSERT SELECT',
        'public.unit_positions': 'INSERT SELECT',
        'public.units': 'INSERT SELECT UPDATE',
        'public.user_recovery_codes': 'DELETE INSERT SELECT UPDATE',
        'public.user_totp': 'DELETE INSERT SELECT UPDATE',
        'public.users': 'INSERT SELECT UPDATE',
        'public.webauthn_credentials': 'DELETE INSERT SELECT UPDATE',
      });
      const { rows: sequences } = await runtime.query<{ sequence: string; privileges: string }>(`
        select c.relname as sequence,
               concat_ws(' ', case when has_sequence_privilege(c.oid, 'SELECT') then 'SELECT' end,
                              case when has_sequence_privilege(c.oid, 'UPDATE') then 'UPDATE' end,
                              case when has_sequence_privilege(c.oid, 'USAGE') then 'USAGE' end)
                 as privileges
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'S' and n.nspname = 'public' order by 1`);
      expect(sequences).toEqual(
        [
          'audit_chain_starts_id_seq',
          'audit_checkpoints_id_seq',
          'audit_events_id_seq',
          'call_events_id_seq',
          'call_incident_seq',
          'unit_events_id_seq',
          'unit_positions_id_seq',
        ].map((sequence) => ({ sequence, privileges: 'USAGE' })),
      );
      const { rows: owned } = await runtime.query(`
        select 'relation ' || relname as object from pg_class where relowner = current_user::regrole
        union all select 'database ' || datname from pg_database where datdba = current_user::regrole
        union all select 'schema ' || nspname from pg_namespace where nspowner = current_user::regrole
        union all select 'function ' || proname from pg_proc where proowner = current_user::regrole`);
      expect(owned).toEqual([]);
    });

    it('removes history only through the retention functions, never a row younger than their floors', async () => {
      const { rows: executable } = await runtime.query<{ name: string }>(`
        select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and has_function_privilege(p.oid, 'EXECUTE') order by 1`);
      expect(executable.map((row) => row.name)).toEqual([
        'retention_purge_audit_events',
        'retention_purge_unit_positions',
        'retention_redact_call_events',
      ]);
      // Naming the table in the flag the functions set buys nothing: no DELETE privilege.
      await runtime.query('begin');
      await runtime.query(`set local watchfloor.retention = 'audit_events'`);
      await expect(runtime.query('delete from audit_events')).rejects.toMatchObject(
        noPrivilege('audit_events'),
      );
      await runtime.query('rollback');
      // Asked to remove everything, the functions remove nothing this young.
      const before = await rowCount('audit_events');
      await runtime.query(`insert into audit_chain_starts (first_event_id, prev_hash, signature)
        values (1000000, 'x', 'x')`);
      for (const statement of [
        `select retention_purge_audit_events(now() + interval '1 day', 1000)`,
        `select retention_purge_unit_positions(now() + interval '1 day', 1000)`,
      ]) {
        await expect(runtime.query(statement)).resolves.toMatchObject({ rowCount: 1 });
      }
      expect(await rowCount('audit_events')).toBe(before);
      expect(await rowCount('unit_positions')).toBeGreaterThan(0);
    });

    it('refuses a runtime role that could grant itself the owner, and changes nothing', async () => {
      const creator = `${fixture.runtime}_creator`;
      await fixture.createLoginRole(creator, 'createrole');
      const result = await fixture.runDbRoles(database, { runtime: creator });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`runtime role ${creator} has CREATEROLE`));
      const same = await fixture.runDbRoles(database, { runtime: fixture.owner });
      expect(same.stderr).toMatch(/--owner and --runtime must be different roles/);
    });
  },
);
