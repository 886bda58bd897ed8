import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callFields,
  defineAbilityFor,
  permittedFields,
  personalCallFields,
  type AppAbility,
} from '@watchfloor/authz';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { toSessionUser } from '../../src/modules/auth/session-user.ts';
import type { UserRow } from '../../src/modules/users/users.repo.ts';
import { buildUnit, callBody } from '../support/builders.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { routeKeys } from '../support/route-table.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import { buildPrincipalUsers } from './matrix-principals.ts';
import {
  principals,
  routeMatrix,
  type MatrixFixtures,
  type MatrixRow,
  type Principal,
} from './route-matrix.table.ts';

type Harness = Awaited<ReturnType<typeof buildTestApp>>;
type Session = Awaited<ReturnType<typeof signIn>>;
type Json = unknown;

/** Every object in a JSON body that presents a call (it carries an incident number). */
function presentedCalls(body: Json, found: Record<string, unknown>[] = []) {
  if (Array.isArray(body)) for (const item of body) presentedCalls(item, found);
  else if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    // A presented call has a string incident number (the OpenAPI document's schemas do not).
    if (typeof record.incidentNumber === 'string') found.push(record);
    for (const value of Object.values(record)) presentedCalls(value, found);
  }
  return found;
}

/**
 * The shape check of a 2xx answer: no call field outside what the principal's
 * ability permits on that very call, and no personal field name at all for a role
 * whose rules never show one.
 */
function expectPermittedShape(ability: AppAbility, route: string, body: Json) {
  // History shows a finished call's past states, whose status is not the call's status
  // now (the service checked that); those, and rows without a status, are judged by
  // the fields any of the principal's rules may show.
  const historical = route.includes('/history/');
  for (const call of presentedCalls(body)) {
    const record = 'status' in call && !historical ? call : undefined;
    const allowed = new Set<string>(permittedFields(ability, 'read', 'Call', callFields, record));
    const shown = Object.keys(call).filter((key) =>
      (callFields as readonly string[]).includes(key),
    );
    expect(
      shown.filter((key) => !allowed.has(key)),
      `${route}: fields beyond the rules`,
    ).toEqual([]);
  }
  const seesPersonal = personalCallFields.some((field) =>
    permittedFields(ability, 'read', 'Call', callFields).includes(field),
  );
  if (!seesPersonal) {
    for (const field of personalCallFields) {
      expect(JSON.stringify(body), `${route}: ${field}`).not.toContain(`"${field}"`);
    }
  }
}

describe.each(testDrivers())('route × role matrix on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Harness;
  let fixtures: MatrixFixtures;
  const users = {} as Record<Principal, UserRow | undefined>;
  const sessions = {} as Record<Principal, Session | undefined>;
  let token = '';

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    Object.assign(users, await buildPrincipalUsers(harness.services));
    for (const principal of principals) {
      const user = users[principal];
      if (user) sessions[principal] = await signIn(harness.app, user.username);
    }
    await harness.services.usersRepo.update(users.disabledUser!.id, { disabled: true });
    token = (await harness.services.tokensService.create(cliActor, 'matrix-feed')).token;

    const dispatcherAbility = defineAbilityFor(toSessionUser(users.dispatcher!));
    const work = harness.services.callsService;
    const freshCall = async () => (await work.create(dispatcherAbility, cliActor, callBody())).id;
    const openCallId = await freshCall();
    const finishedCallId = await freshCall();
    await work.close(dispatcherAbility, cliActor, finishedCallId, 'RPT');
    const unitId = (await buildUnit(database.db, { homeDistrict: '1' })).id;
    const target = await buildUser(harness.services, { username: 'matrix-target' });
    const revocable = await harness.services.tokensService.create(cliActor, 'matrix-revocable');
    fixtures = {
      targetUserId: target.id,
      revocableTokenId: revocable.row.id,
      openCallId,
      finishedCallId,
      unitId,
      assignedUnitId: unitId,
      freshCall,
      async freshUserSession() {
        const person = await buildUser(harness.services);
        await signIn(harness.app, person.username);
        const [session] = await harness.services.userSessionsService.list(
          defineAbilityFor(toSessionUser(users.admin!)),
          person.id,
          undefined,
        );
        return { userId: person.id, handle: session!.id };
      },
      async freshAssignedCall() {
        const callId = await freshCall();
        const unit = await buildUnit(database.db, { homeDistrict: '1' });
        await work.assign(dispatcherAbility, cliActor, callId, unit.id);
        return { callId, unitId: unit.id };
      },
    };
  });
  afterAll(() => database?.close());

  async function send(route: string, row: MatrixRow, principal: Principal) {
    const [method, , ...rest] = [...route.split(' '), ''];
    void rest;
    const request = await row.request(fixtures);
    let session = sessions[principal];
    if (row.freshSession && users[principal] && principal !== 'disabledUser') {
      session = await signIn(harness.app, users[principal].username);
    }
    const client = session ? session.agent : supertest(harness.app);
    const verb = method.toLowerCase() as 'get' | 'post' | 'patch';
    let pending = client[verb](request.path).query(request.query ?? {});
    if (session && verb !== 'get') pending = pending.set('X-CSRF-Token', session.csrfToken);
    if (principal === 'integrationToken') pending = pending.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      pending = pending.set(name, value);
    }
    return request.body === undefined ? pending : pending.send(request.body as object);
  }

  it('has a row for every route the app serves, and none for a route it does not', () => {
    expect(Object.keys(routeMatrix).sort()).toEqual(routeKeys(harness.app));
  });

  it.each(Object.keys(routeMatrix))('%s', async (route) => {
    const row = routeMatrix[route]!;
    const outcomes: string[] = [];
    for (const principal of principals) {
      const response = await send(route, row, principal);
      const expected = row.expected[principal];
      outcomes.push(
        `${principal}: ${response.status}${response.status === expected ? '' : ` (expected ${expected})`}`,
      );
      if (response.status !== expected) continue;
      const user = users[principal];
      // The OpenAPI document names every field in its schemas; it presents no data.
      const presentsData = route !== 'GET /api/openapi.json';
      if (response.status < 300 && user && presentsData && response.type === 'application/json') {
        const ability = defineAbilityFor(toSessionUser(user));
        expectPermittedShape(ability, `${route} as ${principal}`, response.body as Json);
        // Nothing of a call in district 1 reaches someone limited to district 2.
        if (principal.endsWith('OfOtherDistrict')) {
          expect(response.text, `${route} as ${principal}`).not.toContain(fixtures.openCallId);
        }
      }
    }
    expect(
      outcomes.filter((line) => line.includes('expected')),
      outcomes.join('\n'),
    ).toEqual([]);
  });
});
