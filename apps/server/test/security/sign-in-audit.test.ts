import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser } from '../support/test-app.ts';

/*
 * A failed sign-in is audited with who tried. What was typed as a username is
 * often a password typed in the wrong box: it is stored only when it names an
 * existing account.
 */
describe.each(testDrivers())('the audit of a failed sign-in on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;

  const failSignIn = (username: string) =>
    harness.request().post('/api/auth/login').send({ username, password: 'wrong' }).expect(401);
  const lastFailure = async () => {
    const [row] = await queryRows<{ actor_username: string; details: string }>(
      database.db,
      sql`select actor_username, details::text as details from audit_events
          where action = 'auth.login' and outcome = 'failure' order by id desc limit 1`,
    );
    return row!;
  };

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'kim.lee', role: 'analyst' });
  });
  afterAll(() => database.close());

  it('keeps no trace of a username that names no account', async () => {
    const typed = 'Tr0ub4dor&3-my-password';
    await failSignIn(typed);
    const row = await lastFailure();
    expect(row.actor_username).toMatch(/^unknown user #[0-9a-f]{8}$/);
    expect(JSON.stringify(row)).not.toContain('Tr0ub4dor');
    expect(JSON.parse(row.details)).toEqual({ reason: 'unknown_user' });
  });

  it('marks the same unknown name alike and different names apart, to show repeated attempts', async () => {
    await failSignIn('nobody-here');
    const first = (await lastFailure()).actor_username;
    await failSignIn('nobody-here');
    expect((await lastFailure()).actor_username).toBe(first);
    await failSignIn('someone-else');
    expect((await lastFailure()).actor_username).not.toBe(first);
  });

  it('records an existing account by its stored name, however it was typed', async () => {
    await failSignIn('KIM.LEE');
    expect(await lastFailure()).toMatchObject({ actor_username: 'kim.lee' });
  });
});
