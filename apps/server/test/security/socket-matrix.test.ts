import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFields, defineAbilityFor, permittedFields, type AppAbility } from '@watchfloor/authz';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { toSessionUser } from '../../src/modules/auth/session-user.ts';
import type { UserRow } from '../../src/modules/users/users.repo.ts';
import type { ServerToClientEvents } from '../../src/realtime/socket-events.ts';
import { buildUnit, callBody, inDistrict } from '../support/builders.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import {
  startRealtimeHarness,
  until,
  type ReceivedMessage,
  type RealtimeHarness,
} from '../support/realtime-harness.ts';
import { buildPrincipalUsers } from './matrix-principals.ts';
import { principals, type Principal } from './route-matrix.table.ts';

type Delivery = 'receives' | 'nothing' | 'refused';

/**
 * The socket side of the matrix: for each event the server sends, about a call and a
 * unit in district 1, what each principal's socket gets. Keyed by the gateway's own
 * event map, so an event added without a row does not typecheck.
 */
const socketMatrix: { [Event in keyof ServerToClientEvents]: Record<Principal, Delivery> } = {
  'calls:changed': deliveries(['dispatcher', 'supervisor']),
  'units:changed': deliveries(['dispatcher', 'supervisor']),
  'units:positions': deliveries(['dispatcher', 'supervisor']),
  // Sent only when the Redis relay comes back (faults-redis.test.ts proves who gets it);
  // it carries no data, and nothing in this workflow may send it.
  'live:resync': deliveries([]),
};

/** Sockets without a live session are refused at the handshake; of the rest, `audience` hears. */
function deliveries(audience: Principal[]): Record<Principal, Delivery> {
  const refused: Principal[] = ['anonymous', 'integrationToken', 'disabledUser'];
  return Object.fromEntries(
    principals.map((principal) => [
      principal,
      refused.includes(principal)
        ? 'refused'
        : audience.includes(principal)
          ? 'receives'
          : 'nothing',
    ]),
  ) as Record<Principal, Delivery>;
}

function expectCallShape(ability: AppAbility, messages: ReceivedMessage[]) {
  for (const { payload } of messages) {
    if (!payload.call) continue;
    const call = payload.call as unknown as Record<string, unknown>;
    const allowed = permittedFields(ability, 'read', 'Call', callFields, call) as string[];
    expect(Object.keys(call).filter((key) => !allowed.includes(key))).toEqual([]);
  }
}

describe.each(testDrivers())('socket × role matrix on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: RealtimeHarness;
  const users = {} as Record<Principal, UserRow | undefined>;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await startRealtimeHarness(database, { realPresenters: true });
    Object.assign(users, await buildPrincipalUsers(harness.services));
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    await database?.close();
  });

  it('delivers each event to exactly the principals its row names', async () => {
    const disabledCookie = (await harness.signInCookie(users.disabledUser!.username)).cookie;
    await harness.services.usersRepo.update(users.disabledUser!.id, { disabled: true });
    const { token } = await harness.services.tokensService.create(cliActor, 'socket-feed');

    const clients = new Map<Principal, Awaited<ReturnType<RealtimeHarness['connectAs']>>>();
    const refusals = new Map<Principal, boolean>();
    for (const principal of principals) {
      const user = users[principal];
      if (
        principal === 'anonymous' ||
        principal === 'integrationToken' ||
        principal === 'disabledUser'
      ) {
        const socket = harness.connect(
          principal === 'disabledUser' ? disabledCookie : undefined,
          principal === 'integrationToken'
            ? { extraHeaders: { authorization: `Bearer ${token}` } }
            : {},
        );
        refusals.set(
          principal,
          await harness.connected(socket).then(
            () => false,
            () => true,
          ),
        );
        continue;
      }
      clients.set(principal, await harness.connectAs(user!));
    }

    const dispatcher = defineAbilityFor(toSessionUser(users.dispatcher!));
    const unit = await buildUnit(database.db, { homeDistrict: '1', callSign: 'SM1' });
    await harness.services.callsService.create(dispatcher, cliActor, callBody());
    await harness.services.unitsService.changeStatus(dispatcher, cliActor, unit.id, {
      status: 'busy',
    });
    await harness
      .request()
      .post('/api/ingest/positions')
      .set('Authorization', `Bearer ${token}`)
      .send({ positions: [{ unit: 'SM1', ...inDistrict('1'), at: new Date().toISOString() }] })
      .expect(200);
    // Positions go out on the batcher's tick: wait until the dispatcher has them, then
    // fence every other socket so whatever was sent to it has arrived.
    await until(
      () => clients.get('dispatcher')!.received.some((m) => m.event === 'units:positions'),
      'positions reach the dispatcher',
      5_000,
    );

    const outcome: string[] = [];
    for (const principal of principals) {
      const client = clients.get(principal);
      const received = client ? await harness.barrier(client) : [];
      if (client) expectCallShape(defineAbilityFor(toSessionUser(client.user)), received);
      for (const event of Object.keys(socketMatrix) as (keyof ServerToClientEvents)[]) {
        const expected = socketMatrix[event][principal];
        const actual: Delivery = refusals.get(principal)
          ? 'refused'
          : client && received.some((message) => message.event === event)
            ? 'receives'
            : 'nothing';
        if (actual !== expected)
          outcome.push(`${event} → ${principal}: ${actual}, expected ${expected}`);
      }
    }
    expect(outcome).toEqual([]);
  });
});
