import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { startRealtimeHarness, until, type RealtimeHarness } from './support/realtime-harness.ts';
import { buildUser } from './support/test-app.ts';

/** An administrator's action reaches the person's live connections within this long. */
const cutWithinMs = 1_000;

describe.each(testDrivers())('administrator actions on live connections on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: RealtimeHarness;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await startRealtimeHarness(database);
  });
  afterAll(async () => {
    await harness?.close();
    await database?.close();
  });

  async function asAdmin() {
    const admin = await buildUser(harness.services, { role: 'admin' });
    const session = await harness.signInCookie(admin.username);
    return {
      post: (path: string) =>
        harness
          .request()
          .post(path)
          .set('Cookie', session.cookie)
          .set('X-CSRF-Token', session.csrfToken),
      get: (path: string) => harness.request().get(path).set('Cookie', session.cookie),
    };
  }

  it('ending a session from the Users page cuts that session’s socket within a second', async () => {
    const { post, get } = await asAdmin();
    const person = await buildUser(harness.services, { role: 'dispatcher' });
    const ended = await harness.connectAs(person);
    const kept = await harness.connectAs(person);
    const [serverSide] = await harness.gateway.io.in(ended.socket.id!).fetchSockets();
    // The listed handle is a digest of the session id: pick the one behind this socket.
    const handle = createHash('sha256').update(serverSide!.data.sessionId).digest('hex');
    const listed = await get(`/api/users/${person.id}/sessions`).expect(200);
    expect((listed.body.sessions as { id: string }[]).map((session) => session.id)).toContain(
      handle,
    );
    const started = Date.now();
    await post(`/api/users/${person.id}/sessions/${handle}/end`).expect(204);
    await until(() => !ended.socket.connected, 'the cut', cutWithinMs);
    expect(Date.now() - started).toBeLessThan(cutWithinMs + 500);
    expect(kept.socket.connected).toBe(true);
    kept.socket.disconnect();
  });

  it('a password reset cuts every socket of the person within a second', async () => {
    const { post } = await asAdmin();
    const person = await buildUser(harness.services, { role: 'supervisor' });
    const [one, two] = await Promise.all([harness.connectAs(person), harness.connectAs(person)]);
    await post(`/api/users/${person.id}/password/reset`).expect(200);
    await until(() => !one.socket.connected && !two.socket.connected, 'the cut', cutWithinMs);
  });

  it('a session that owes a new password gets no socket', async () => {
    const person = await buildUser(harness.services, { role: 'dispatcher' });
    await harness.services.usersRepo.update(person.id, { mustChangePassword: true });
    await expect(harness.connectAs(person)).rejects.toThrow(/unauthorized/);
  });
});
