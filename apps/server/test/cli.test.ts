import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { queryRows } from '../src/db/client.ts';
import { openConfiguredDatabase } from '../src/db/open-configured.ts';
import { createUsersRepo } from '../src/modules/users/users.repo.ts';
import { verifyPassword } from '../src/modules/users/passwords.ts';
import { openTestDatabase } from './support/databases.ts';
import { testPassword } from './support/test-app.ts';

const cliMain = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

function runCli(args: string[], env: Record<string, string>, stdin = '') {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cliMain, ...args], {
      // DATA_DIR points nowhere useful so a missing DATABASE_URL fails instead of writing ./data.
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'silent',
        DATA_DIR: '/nonexistent/watchfloor',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe.runIf(inject('postgresUrl'))('watchfloor CLI on PostgreSQL', { timeout: 90_000 }, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let env: Record<string, string>;
  const osUser = os.userInfo().username;
  /** `action actor` of the audit rows about one user, oldest first. */
  const auditedActors = async (username: string) =>
    (
      await queryRows<{ row: string }>(
        database.db,
        sql`select action || ' ' || actor_username as row from audit_events
            where subject_id = (select id::text from users where username = ${username}) order by id`,
      )
    ).map(({ row }) => row);
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    env = { DATABASE_URL: database.url! };
  });
  afterAll(() => database.close());

  it('creates a user with the password from stdin, never from argv, and lists it', async () => {
    const created = await runCli(
      [
        'users:create',
        '--username',
        'kim',
        '--role',
        'supervisor',
        '--district',
        '1',
        '--district',
        '3',
      ],
      env,
      `${testPassword}\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^Created supervisor kim \(/);
    const user = await createUsersRepo(database.db).findByUsername('kim');
    expect(user?.districts).toEqual(['1', '3']);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user!.passwordHash, testPassword)).toBe(true);

    const listed = await runCli(['users:list'], env);
    expect(listed.stdout).toMatch(/kim.*supervisor.*1 3.*active/);
  });

  it('explains bad input and exits non-zero', async () => {
    const badRole = await runCli(
      ['users:create', '--username', 'x1', '--role', 'chief'],
      env,
      `${testPassword}\n`,
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/role: Invalid option/);
    const weak = await runCli(
      ['users:create', '--username', 'x2', '--role', 'analyst'],
      env,
      'password1234\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(
      /password: This password is too common|password: This password appears in lists of breached/,
    );
    expect(weak.stderr).not.toMatch(/\n\s+at /);
    const unknown = await runCli(['users:disable', '--username', 'ghost'], env);
    expect(unknown.stderr).toBe('watchfloor: User not found\n');
  });

  it('disables and unlocks accounts', async () => {
    await runCli(
      ['users:create', '--username', 'lee', '--role', 'analyst'],
      env,
      `${testPassword}\n`,
    );
    const disabled = await runCli(['users:disable', '--username', 'lee'], env);
    expect(disabled.stdout).toBe('disable: lee\n');
    expect((await createUsersRepo(database.db).findByUsername('lee'))?.disabled).toBe(true);
    // No operator named: the OS account still says who ran it.
    expect(await auditedActors('lee')).toEqual([
      `user.create cli:${osUser}`,
      `user.disable cli:${osUser}`,
    ]);
  });

  it('audits the operator: the OS account, and the name given with --operator or WATCHFLOOR_OPERATOR', async () => {
    await runCli(
      ['users:create', '--username', 'ops', '--role', 'analyst'],
      { ...env, WATCHFLOOR_OPERATOR: 'Robin Ops' },
      `${testPassword}\n`,
    );
    await runCli(['--operator', 'sam.k', 'users:disable', '--username', 'ops'], env);
    expect(await auditedActors('ops')).toEqual([
      `user.create cli:Robin Ops (os user ${osUser})`,
      `user.disable cli:sam.k (os user ${osUser})`,
    ]);
  });
  it('purges what is past its retention, counting first with --dry-run, audited as the operator', async () => {
    const keyed = { ...env, AUDIT_SIGNING_KEY: 'cli-test-audit-signing-key-0123456789' };
    await database.db.execute(
      sql`insert into sessions (sid, data, expires_at) values ('cli-expired', '{}', now() - interval '1 day')`,
    );
    await database.db.execute(
      sql`insert into unit_positions (unit_id, at, lat, lon)
          values (gen_random_uuid(), now() - interval '100 days', 0, 0)`,
    );
    const refused = await runCli(['retention:purge'], { ...keyed, RETENTION_AUDIT_DAYS: '90' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /RETENTION_AUDIT_DAYS: must be at least 365: CJIS AU-11 requires audit records to be kept for at least one year/,
    );

    const dry = await runCli(['retention:purge', '--dry-run', '--json'], keyed);
    expect(dry.stderr).toBe('');
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      counts: { positions: 1, sessions: 1, auditEvents: 0 },
    });
    const purged = await runCli(['retention:purge'], keyed);
    expect(purged.stderr).toBe('');
    expect(purged.stdout).toMatch(/^removed 1 unit positions/m);
    expect(purged.stdout).toMatch(/^removed 1 expired sessions/m);
    const audited = await queryRows<{ actor: string; positions: number }>(
      database.db,
      sql`select actor_username as actor, (details->>'positions')::int as positions
          from audit_events where action = 'retention.purge'`,
    );
    expect(audited).toEqual([{ actor: `cli:${osUser}`, positions: 1 }]);
  });

  it('verifies the audit chain, signs a checkpoint, and names the row a superuser changed', async () => {
    const keyed = { ...env, AUDIT_SIGNING_KEY: 'cli-test-audit-signing-key-0123456789' };
    const withoutKey = await runCli(['audit:verify'], env);
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.stderr).toMatch(/AUDIT_SIGNING_KEY/);

    expect((await runCli(['audit:checkpoint'], keyed)).stdout).toBe('checkpoint signed\n');
    const clean = await runCli(['audit:verify'], keyed);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^chain verified through #\d+/);
    expect(clean.stdout).toMatch(/1 signed checkpoints match/);

    const [row] = await queryRows<{ id: string }>(
      database.db,
      sql`select id::text as id from audit_events order by audit_events.id limit 1`,
    );
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_events set outcome = 'failure' where id = ${row!.id}`);
    });
    const broken = await runCli(['audit:verify', '--json'], keyed);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      ok: false,
      problem: { eventId: Number(row!.id), reason: expect.stringMatching(/content was changed/) },
    });
  });
});

// Each command is a fresh Node process (~3 s to start on 2 cores), so these tests get more time.
describe.runIf(inject('postgresUrl'))(
  'watchfloor CLI grants on PostgreSQL',
  { timeout: 90_000 },
  () => {
    it('changes a role and districts, audited with before and after', async () => {
      const database = await openTestDatabase('postgres');
      try {
        const env = { DATABASE_URL: database.url! };
        await runCli(
          ['users:create', '--username', 'rae', '--role', 'supervisor', '--district', '1'],
          env,
          `${testPassword}\n`,
        );
        const changed = await runCli(
          ['users:grants', '--username', 'rae', '--district', '2', '--district', '3'],
          env,
        );
        expect(changed.stdout).toBe('rae: supervisor, districts 2 3\n');
        const widened = await runCli(['users:grants', '--username', 'rae', '--all-districts'], env);
        expect(widened.stdout).toBe('rae: supervisor, districts (all)\n');
        const nothing = await runCli(['users:grants', '--username', 'rae'], env);
        expect(nothing.stderr).toMatch(/Change the role, the districts or the display name/);
        const user = await createUsersRepo(database.db).findByUsername('rae');
        expect(user?.districts).toEqual([]);
      } finally {
        await database.close();
      }
    });
  },
);

describe('watchfloor CLI on the embedded database', { timeout: 90_000 }, () => {
  it('refuses to open the embedded database while another process holds it', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'watchfloor-cli-'));
    const held = await openConfiguredDatabase(loadConfig({ DATA_DIR: dataDir }, []));
    try {
      const result = await runCli(['users:list'], { DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /is in use by another Watchfloor process\. Stop the server first/,
      );
    } finally {
      await held.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
