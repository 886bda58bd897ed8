import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor, type Role } from '@watchfloor/authz';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { HttpError } from '../../src/http/errors.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildUnit, callBody, inDistrict } from '../support/builders.ts';
import { buildTestApp, buildUser, signIn, testPassword } from '../support/test-app.ts';

const admin = defineAbilityFor({ id: 'grants-admin', role: 'admin', districts: [] });

/** The 400 a refused grant answers, with the field at fault. */
async function refusal(attempt: Promise<unknown>) {
  const error = await attempt.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpError);
  const httpError = error as HttpError;
  expect(httpError.status).toBe(400);
  return httpError;
}

// Finding (issue 10, medium 6): grants were accepted whatever they meant.
describe.each(testDrivers())('grants on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
  });
  afterAll(() => database.close());

  const create = (role: Role, districts: string[]) =>
    harness.services.usersService.create(admin, cliActor, {
      username: `${role}-${Math.random().toString(36).slice(2, 8)}`,
      role,
      districts,
      password: testPassword,
    });

  it('refuses a district the agency does not have', async () => {
    const error = await refusal(create('supervisor', ['99']));
    expect(JSON.stringify(error.issues)).toMatch(/districts/);
    expect(JSON.stringify(error.issues)).toMatch(/99/);
  });

  it('refuses the integration role for a person', async () => {
    const error = await refusal(create('integration', []));
    expect(JSON.stringify(error.issues)).toMatch(/role/);
  });

  it('refuses districts for roles that districts do not limit', async () => {
    for (const role of ['analyst', 'admin'] as const) {
      const error = await refusal(create(role, ['1']));
      expect(JSON.stringify(error.issues)).toMatch(/districts/);
    }
  });

  it('checks changed grants the same way', async () => {
    const user = await create('supervisor', ['1']);
    const update = (grants: unknown) =>
      harness.services.usersService.updateGrants(admin, cliActor, user.id, grants);
    await refusal(update({ districts: ['99'] }));
    await refusal(update({ role: 'integration' }));
    await refusal(update({ role: 'analyst' }));
    // Role and districts together make a valid grant.
    const analyst = await update({ role: 'analyst', districts: [] });
    expect(analyst.role).toBe('analyst');
  });

  it('a dispatcher given a district works only that district', async () => {
    const west = await buildUser(harness.services, { role: 'dispatcher', districts: ['1'] });
    const everywhere = await buildUser(harness.services, { role: 'dispatcher' });
    const all = await signIn(harness.app, everywhere.username);
    const eastCall = await all.agent
      .post('/api/calls')
      .set('X-CSRF-Token', all.csrfToken)
      .send(callBody(inDistrict('2')))
      .expect(201);
    const westCall = await all.agent
      .post('/api/calls')
      .set('X-CSRF-Token', all.csrfToken)
      .send(callBody(inDistrict('1')))
      .expect(201);
    const eastUnit = await buildUnit(database.db, { homeDistrict: '2' });

    const { agent, csrfToken } = await signIn(harness.app, west.username);
    const listed = await agent.get('/api/calls').expect(200);
    const ids = (listed.body as { calls: { id: string }[] }).calls.map((call) => call.id);
    expect(ids).toContain(westCall.body.id);
    expect(ids).not.toContain(eastCall.body.id);
    await agent.get(`/api/calls/${eastCall.body.id as string}`).expect(404);
    const units = await agent.get('/api/units').expect(200);
    const callSigns = (units.body as { units: { callSign: string }[] }).units.map(
      (u) => u.callSign,
    );
    expect(callSigns).not.toContain(eastUnit.callSign);
    // Nor may they open a call in another district.
    const created = await agent
      .post('/api/calls')
      .set('X-CSRF-Token', csrfToken)
      .send(callBody(inDistrict('2')));
    expect(created.status).toBe(403);
  });
});
