import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildTestApp, buildUser, signIn, testPassword } from './support/test-app.ts';

describe.each(testDrivers())('administering accounts from the product on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database, {
      lockout: { threshold: 2, windowMinutes: 15, lockMinutes: 10 },
    });
  });
  afterAll(() => database?.close());

  it('disables (ending sessions), enables and unlocks an account; never the administrator’s own', async () => {
    const admin = await buildUser(harness.services, { role: 'admin' });
    const person = await buildUser(harness.services, { role: 'supervisor' });
    const adminSession = await signIn(harness.app, admin.username);
    const personSession = await signIn(harness.app, person.username);
    const post = (path: string) =>
      adminSession.agent.post(path).set('X-CSRF-Token', adminSession.csrfToken);

    const own = await post(`/api/users/${admin.id}/disable`).expect(409);
    expect(own.body.error.code).toBe('own_account');

    const disabled = await post(`/api/users/${person.id}/disable`).expect(200);
    expect(disabled.body).toMatchObject({ username: person.username, disabled: true });
    await personSession.agent.get('/api/me').expect(401);
    const enabled = await post(`/api/users/${person.id}/enable`).expect(200);
    expect(enabled.body.disabled).toBe(false);

    for (let attempt = 0; attempt < 2; attempt += 1) {
      await supertest(harness.app)
        .post('/api/auth/login')
        .send({ username: person.username, password: 'wrong password here' })
        .expect(401);
    }
    const listed = await adminSession.agent.get('/api/users').expect(200);
    expect(
      (listed.body.users as { id: string; locked: boolean }[]).find((u) => u.id === person.id)
        ?.locked,
    ).toBe(true);
    const unlocked = await post(`/api/users/${person.id}/unlock`).expect(200);
    expect(unlocked.body.locked).toBe(false);
    await signIn(harness.app, person.username, testPassword);

    const audit = await adminSession.agent.get('/api/audit?limit=100').expect(200);
    const actions = (audit.body.events as { action: string; subjectId: string }[])
      .filter((event) => event.subjectId === person.id)
      .map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['user.disable', 'user.enable', 'user.unlock']));
  });
});
