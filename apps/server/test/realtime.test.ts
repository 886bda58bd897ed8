import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFields, personalCallFields, subjectRecord, type Role } from '@watchfloor/authz';
import type { DatabaseHandle } from '../src/db/client.ts';
import { sessions, users } from '../src/db/schema.ts';
import type { UserRow } from '../src/modules/users/users.repo.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import {
  sampleCall,
  samplePosition,
  sampleUnit,
  startRealtimeHarness,
  until,
  type RealtimeHarness,
  type ReceivedMessage,
} from './support/realtime-harness.ts';
import { buildUser } from './support/test-app.ts';

type Received = ReceivedMessage[];
const callIdsIn = (messages: Received) =>
  messages
    .filter((m) => m.event === 'calls:changed')
    .map((m) => m.payload.call?.id ?? m.payload.callId);
const positionBatches = (messages: Received) =>
  messages.filter((m) => m.event === 'units:positions').map((m) => m.payload);

/** Cut within this long by the events; the sweep adds up to one period and a query. */
const eventCutMs = 1_000;
const sweepCutMs = 1_200;

describe.each(testDrivers())('realtime gateway on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: RealtimeHarness;
  let dispatcher: UserRow;
  let supervisorOne: UserRow;
  let supervisorAll: UserRow;
  let analyst: UserRow;
  let admin: UserRow;
  let integration: UserRow;
  let dispatcherOne: UserRow;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await startRealtimeHarness(database, { allowedOrigins: ['https://console.example'] });
    const build = (role: Role, districts: string[] = []) =>
      buildUser(harness.services, { role, districts });
    [dispatcher, dispatcherOne, supervisorOne, supervisorAll, analyst, admin] = await Promise.all([
      build('dispatcher'),
      build('dispatcher', ['1']),
      build('supervisor', ['1']),
      build('supervisor'),
      build('analyst'),
      build('admin'),
    ]);
    // People can no longer be given the integration role; an account from before that
    // rule still must not reach any live room.
    integration = await harness.services.usersRepo.insert({
      username: 'legacy-integration',
      displayName: 'legacy-integration',
      role: 'integration',
      districts: [],
      passwordHash: dispatcher.passwordHash,
    });
  });
  afterAll(async () => {
    await harness?.close();
    await database?.close();
  });

  describe('handshake', () => {
    it('refuses a socket without a session, or with a forged one', async () => {
      await expect(harness.connected(harness.connect(undefined))).rejects.toThrow('unauthorized');
      await expect(
        harness.connected(harness.connect('watchfloor.sid=s%3Aforged.signature')),
      ).rejects.toThrow('unauthorized');
    });

    it('connects with the session cookie of an HTTP sign-in, over WebSocket and polling', async () => {
      const { cookie } = await harness.signInCookie(dispatcher.username);
      const overWebSocket = await harness.connected(harness.connect(cookie));
      expect(overWebSocket.connected).toBe(true);
      const overPolling = await harness.connected(
        harness.connect(cookie, { transports: ['polling'] }),
      );
      expect(overPolling.connected).toBe(true);
      overWebSocket.disconnect();
      overPolling.disconnect();
    });

    it('refuses a session that has signed out', async () => {
      const { cookie, csrfToken } = await harness.signInCookie(dispatcher.username);
      await harness
        .request()
        .post('/api/auth/logout')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', csrfToken)
        .expect(204);
      await expect(harness.connected(harness.connect(cookie))).rejects.toThrow('unauthorized');
    });

    it('refuses a cross-site Origin, and accepts its own and configured origins', async () => {
      const { cookie } = await harness.signInCookie(dispatcher.username);
      const handshake = (origin?: string) => {
        const request = harness
          .request()
          .get('/socket.io/?EIO=4&transport=polling')
          .set('Cookie', cookie);
        return origin ? request.set('Origin', origin) : request;
      };
      await handshake('https://evil.example').expect(403);
      await handshake('null').expect(403);
      await expect(
        harness.connected(
          harness.connect(cookie, { extraHeaders: { cookie, origin: 'https://evil.example' } }),
        ),
      ).rejects.toThrow();

      const sameSite = await harness.connected(
        harness.connect(cookie, { extraHeaders: { cookie, origin: harness.url } }),
      );
      const configured = await harness.connected(
        harness.connect(cookie, { extraHeaders: { cookie, origin: 'https://console.example' } }),
      );
      expect([sameSite.connected, configured.connected]).toEqual([true, true]);
      sameSite.disconnect();
      configured.disconnect();
    });
  });

  describe('rooms come from the ability', () => {
    it.each([
      ['dispatcher', () => dispatcher, ['calls:all', 'units:all']],
      ['dispatcher of district 1', () => dispatcherOne, ['calls:district:1', 'units:district:1']],
      ['supervisor of district 1', () => supervisorOne, ['calls:district:1', 'units:district:1']],
      ['supervisor of every district', () => supervisorAll, ['calls:all', 'units:all']],
      ['analyst', () => analyst, []],
      ['admin', () => admin, []],
      ['integration', () => integration, []],
    ])('%s', async (_label, user, dataRooms) => {
      const client = await harness.connectAs(user());
      const [socket] = await harness.gateway.io.in(client.socket.id!).fetchSockets();
      const rooms = [...socket!.rooms].filter((room) => room !== socket!.id).sort();
      expect(rooms).toEqual(
        [`user:${user().id}`, `session:${socket!.data.sessionId}`, ...dataRooms].sort(),
      );
      client.socket.disconnect();
    });
  });

  describe('calls:changed', () => {
    it('reaches each audience once per change, shaped by the room, never a district it may not see', async () => {
      const [dispatcherClient, supervisorClient, analystClient] = await Promise.all([
        harness.connectAs(dispatcher),
        harness.connectAs(supervisorOne),
        harness.connectAs(analyst),
      ]);
      const inTwo = sampleCall({ id: randomUUID(), district: '2', version: 3 });
      const inOne = sampleCall({ id: randomUUID(), district: '1', version: 7 });
      harness.directory.calls.set(inTwo.id, inTwo);
      harness.directory.calls.set(inOne.id, inOne);

      harness.domainEvents.emit('call:changed', { callId: inTwo.id, version: 3, districts: ['2'] });
      await until(() => callIdsIn(dispatcherClient.received).includes(inTwo.id), 'district 2 call');
      harness.domainEvents.emit('call:changed', { callId: inOne.id, version: 7, districts: ['1'] });
      await until(() => callIdsIn(supervisorClient.received).includes(inOne.id), 'district 1 call');

      expect(callIdsIn(supervisorClient.received)).toEqual([inOne.id]);
      expect(supervisorClient.received[0]!.payload).toEqual({ seq: 7, call: inOne });
      await until(() => callIdsIn(dispatcherClient.received).length === 2, 'both calls');
      expect(dispatcherClient.received.map((m) => m.payload)).toEqual([
        { seq: 3, call: inTwo },
        { seq: 7, call: inOne },
      ]);
      expect(await harness.barrier(analystClient)).toEqual([]);

      // Presented once per room: calls:all and calls:district:1 for the second call.
      const loads = harness.directory.callLoads.filter((load) => load.callId === inOne.id);
      expect(loads).toHaveLength(2);
      for (const client of [dispatcherClient, supervisorClient, analystClient]) {
        client.socket.disconnect();
      }
    });

    it('gives caller data to the rooms whose ability permits it, and only what the room ability permits', async () => {
      const dispatcherClient = await harness.connectAs(dispatcher);
      const call = sampleCall({ id: randomUUID(), district: '1', version: 2 });
      harness.directory.calls.set(call.id, call);
      harness.domainEvents.emit('call:changed', { callId: call.id, version: 2, districts: ['1'] });
      await until(() => dispatcherClient.received.length === 1, 'the call');

      const sent = dispatcherClient.received[0]!.payload.call!;
      for (const field of personalCallFields) expect(sent[field]).toEqual(call[field]);
      // Presented once per room (calls:all, calls:district:1) with the room's ability,
      // never with the dispatcher's own (which, unlike any room's, may create calls).
      const loadsOf = () => harness.directory.callLoads.filter((load) => load.callId === call.id);
      // Rooms are presented one after the other: the second may still be loading.
      await until(() => loadsOf().length >= 2, 'both rooms presented');
      const loads = loadsOf();
      expect(loads).toHaveLength(2);
      expect(loads.some((load) => load.ability.can('create', 'Call'))).toBe(false);
      // The fake presenter applies the field rules of the ability it is handed, so
      // what the dispatcher got is exactly what the calls:all room's ability permits.
      const allRoomLoad = loads.find((load) =>
        load.ability.can('read', subjectRecord('Call', { district: '2', status: 'dispatched' })),
      )!;
      expect(Object.keys(sent).sort()).toEqual([...allRoomLoad.fields].sort());

      // A closed call: the analyst's ability could read it over REST, but without
      // caller data, and analysts are in no live room, so nothing reaches them.
      const analystClient = await harness.connectAs(analyst);
      const closed = sampleCall({ id: randomUUID(), status: 'closed', version: 9 });
      harness.directory.calls.set(closed.id, closed);
      harness.domainEvents.emit('call:changed', {
        callId: closed.id,
        version: 9,
        districts: ['1'],
      });
      await until(() => dispatcherClient.received.length === 2, 'the closed call');
      expect(Object.keys(dispatcherClient.received[1]!.payload.call!)).toEqual(
        expect.arrayContaining([...callFields]),
      );
      expect(await harness.barrier(analystClient)).toEqual([]);
      dispatcherClient.socket.disconnect();
      analystClient.socket.disconnect();
    });

    it('tells a district audience a call left it, and keeps each change in order', async () => {
      const supervisorBoth = await buildUser(harness.services, {
        role: 'supervisor',
        districts: ['1', '2'],
      });
      const [dispatcherClient, supervisorClient, bothClient] = await Promise.all([
        harness.connectAs(dispatcher),
        harness.connectAs(supervisorOne),
        harness.connectAs(supervisorBoth),
      ]);
      const call = sampleCall({ id: randomUUID(), district: '1', version: 4 });
      harness.directory.calls.set(call.id, call);
      harness.domainEvents.emit('call:changed', { callId: call.id, version: 4, districts: ['1'] });
      await until(() => supervisorClient.received.length === 1, 'the call');
      const moved = { ...call, district: '2', beat: '2A', version: 5 };
      harness.directory.calls.set(call.id, moved);
      harness.domainEvents.emit('call:changed', {
        callId: call.id,
        version: 5,
        districts: ['1', '2'],
      });
      await until(() => supervisorClient.received.length === 2, 'the move');
      await until(() => dispatcherClient.received.length === 2, 'the move');
      await until(() => bothClient.received.length === 2, 'the move');
      expect(supervisorClient.received.map((m) => m.payload)).toEqual([
        { seq: 4, call },
        { seq: 5, callId: call.id, removed: true },
      ]);
      // One message per change for everyone else: the dispatcher hears it through
      // calls:all; the supervisor of both districts sits in the room that lost the
      // call and the one that gained it, and must not be told it was removed.
      const expected = [
        { seq: 4, call },
        { seq: 5, call: moved },
      ];
      expect(dispatcherClient.received.map((m) => m.payload)).toEqual(expected);
      expect((await harness.barrier(bothClient)).map((m) => m.payload)).toEqual(expected);
      for (const client of [dispatcherClient, supervisorClient, bothClient]) {
        client.socket.disconnect();
      }
    });

    it('ignores a client asking to join a room, and cuts one that floods', async () => {
      const analystClient = await harness.connectAs(analyst);
      analystClient.socket.emit('join', { room: 'calls:all' });
      analystClient.socket.emit('subscribe', 'calls:all');
      const call = sampleCall({ id: randomUUID(), district: '1' });
      harness.directory.calls.set(call.id, call);
      harness.domainEvents.emit('call:changed', { callId: call.id, version: 1, districts: ['1'] });
      await until(() => harness.directory.callLoads.some((l) => l.callId === call.id), 'the load');
      expect(await harness.barrier(analystClient)).toEqual([]);

      for (let i = 0; i < 30; i += 1) analystClient.socket.emit('noise');
      await until(() => !analystClient.socket.connected, 'the flooding socket to be cut');
    });

    it('cuts a client that sends an oversized message', async () => {
      const client = await harness.connectAs(dispatcher);
      client.socket.emit('big', 'x'.repeat(20 * 1024));
      await until(() => !client.socket.connected, 'the oversized sender to be cut');
    });
  });

  describe('units', () => {
    it('units:changed reaches units:all and the home district room only', async () => {
      const [dispatcherClient, supervisorClient] = await Promise.all([
        harness.connectAs(dispatcher),
        harness.connectAs(supervisorOne),
      ]);
      const east = sampleUnit({ id: randomUUID(), homeDistrict: '2', version: 2 });
      const west = sampleUnit({ id: randomUUID(), homeDistrict: '1', version: 5 });
      harness.directory.units.set(east.id, east);
      harness.directory.units.set(west.id, west);
      harness.domainEvents.emit('unit:changed', { unitId: east.id, homeDistrict: '2' });
      await until(() => dispatcherClient.received.length === 1, 'the east unit');
      harness.domainEvents.emit('unit:changed', { unitId: west.id, homeDistrict: '1' });
      await until(() => supervisorClient.received.length === 1, 'the west unit');
      await until(() => dispatcherClient.received.length === 2, 'the west unit');
      expect(supervisorClient.received).toEqual([
        { event: 'units:changed', payload: { seq: 5, unit: west } },
      ]);
      dispatcherClient.socket.disconnect();
      supervisorClient.socket.disconnect();
    });

    it('coalesces positions to the newest per unit, one batch per room per tick', async () => {
      const [dispatcherClient, supervisorClient, analystClient] = await Promise.all([
        harness.connectAs(dispatcher),
        harness.connectAs(supervisorOne),
        harness.connectAs(analyst),
      ]);
      const unitId = randomUUID();
      const base = Date.now();
      const at = (offsetMs: number) => new Date(base + offsetMs).toISOString();
      const report = (lat: number, offsetMs: number) =>
        samplePosition({ unitId, callSign: '1A10', lat, at: at(offsetMs) });
      const east = samplePosition({ homeDistrict: '2', callSign: '2B20', at: at(0) });
      harness.domainEvents.emit('positions:accepted', [report(0.001, 0), east]);
      harness.domainEvents.emit('positions:accepted', [report(0.002, 1_000)]);
      harness.domainEvents.emit('positions:accepted', [report(0.003, 2_000)]);
      // Late delivery of an older report must not replace the newer one.
      harness.domainEvents.emit('positions:accepted', [report(0.0015, 500)]);

      await until(() => positionBatches(supervisorClient.received).length === 1, 'a batch');
      await until(() => positionBatches(dispatcherClient.received).length === 1, 'a batch');
      const [supervisorBatch] = positionBatches(supervisorClient.received);
      expect(supervisorBatch!.positions).toEqual([
        {
          unitId,
          callSign: '1A10',
          lat: 0.003,
          lon: 0.005,
          heading: 90,
          speed: 10,
          at: at(2_000),
        },
      ]);
      const [allBatch] = positionBatches(dispatcherClient.received);
      expect(allBatch!.positions!.map((position) => position.unitId).sort()).toEqual(
        [unitId, east.unitId].sort(),
      );
      expect(Date.parse(allBatch!.at!)).toBeGreaterThanOrEqual(base);
      expect(await harness.barrier(analystClient)).toEqual([]);
      expect(positionBatches(await harness.barrier(supervisorClient))).toHaveLength(1);
      for (const client of [dispatcherClient, supervisorClient, analystClient]) {
        client.socket.disconnect();
      }
    });
  });

  describe('revocation', () => {
    const disconnected = (client: { socket: { connected: boolean } }) => () =>
      !client.socket.connected;

    it('signing out over HTTP cuts that session’s socket within a second, not others', async () => {
      const [signingOut, otherSession] = await Promise.all([
        harness.connectAs(dispatcher),
        harness.connectAs(dispatcher),
      ]);
      const response = harness
        .request()
        .post('/api/auth/logout')
        .set('Cookie', signingOut.cookie)
        .set('X-CSRF-Token', signingOut.csrfToken);
      await response.expect(204);
      const elapsed = await until(disconnected(signingOut), 'the cut', eventCutMs);
      expect(elapsed).toBeLessThan(eventCutMs);
      expect(otherSession.socket.connected).toBe(true);
      otherSession.socket.disconnect();
    });

    it('session:ended and user:access-changed cut at once, before any sweep could', async () => {
      const [bySession, byUser] = await Promise.all([
        harness.connectAs(supervisorOne),
        harness.connectAs(analyst),
      ]);
      const [serverSide] = await harness.gateway.io.in(bySession.socket.id!).fetchSockets();
      harness.domainEvents.emit('session:ended', { sessionId: serverSide!.data.sessionId });
      harness.domainEvents.emit('user:access-changed', { userId: analyst.id });
      // Nothing changed in the database, so only the events can have done it.
      await until(disconnected(bySession), 'the session cut', 300);
      await until(disconnected(byUser), 'the user cut', 300);
    });

    it('the sweep alone cuts a socket whose session row is gone', async () => {
      const client = await harness.connectAs(dispatcher);
      const [serverSide] = await harness.gateway.io.in(client.socket.id!).fetchSockets();
      await database.db.delete(sessions).where(eq(sessions.sid, serverSide!.data.sessionId));
      await until(disconnected(client), 'the sweep', sweepCutMs);
    });

    it('the sweep cuts a disabled user, and one whose role or districts changed', async () => {
      const disabledUser = await buildUser(harness.services, { role: 'dispatcher' });
      const movedUser = await buildUser(harness.services, { role: 'supervisor', districts: ['1'] });
      const [disabled, moved, untouched] = await Promise.all([
        harness.connectAs(disabledUser),
        harness.connectAs(movedUser),
        harness.connectAs(supervisorOne),
      ]);
      await database.db.update(users).set({ disabled: true }).where(eq(users.id, disabledUser.id));
      await database.db
        .update(users)
        .set({ districts: ['1', '2'] })
        .where(eq(users.id, movedUser.id));
      await until(disconnected(disabled), 'the disabled user', sweepCutMs);
      await until(disconnected(moved), 'the moved supervisor', sweepCutMs);

      // A moved supervisor reconnects into the rooms of the new grants.
      const reconnected = await harness.connected(harness.connect(moved.cookie));
      const [socket] = await harness.gateway.io.in(reconnected.id!).fetchSockets();
      expect([...socket!.rooms].filter((room) => room.startsWith('calls:')).sort()).toEqual([
        'calls:district:1',
        'calls:district:2',
      ]);
      expect(untouched.socket.connected).toBe(true);
      reconnected.disconnect();
      untouched.socket.disconnect();
    });
  });
});
