import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';

/** CJIS AC-11 / SC-10: a session left alone ends; one in use does not. */
describe.each(testDrivers())('session inactivity limit on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  // 3 s of inactivity instead of 30 minutes: the rule, not the number, is under test
  // (whole seconds, as cookies count them).
  const idleMs = 3_000;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database, { sessionPolicy: { idleMinutes: idleMs / 60_000 } });
  });
  afterAll(() => database?.close());

  it('ends a session idle for longer than the limit, and keeps one in use alive past it', async () => {
    const user = await buildUser(harness.services, { role: 'analyst' });
    const idle = await signIn(harness.app, user.username);
    const busy = await signIn(harness.app, user.username);
    // The busy session is used every second for twice the limit.
    for (let elapsed = 0; elapsed < idleMs * 2; elapsed += 1_000) {
      await delay(1_000);
      await busy.agent.get('/api/me').expect(200);
    }
    // The idle one was left alone all that time: the server no longer knows it, even
    // when the browser sends the old cookie.
    await idle.agent.get('/api/me').expect(401);
  });
});
