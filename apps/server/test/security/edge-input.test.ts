import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { callBody } from '../support/builders.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

/**
 * Input PostgreSQL cannot store, or that is not what it says it is, is refused at the
 * edge with 400 (or 415) naming where and why, before any route touches the database.
 */
describe.each(testDrivers())('hostile input at the edge on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let dispatcher: Agent;
  let csrfToken: string;
  let analyst: Agent;
  const callCount = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from calls`))[0]!.n;
  /** Sends the body as given: supertest would otherwise serialise a Buffer as JSON. */
  const createCall = (body: string | Buffer | object, type = 'application/json') =>
    dispatcher
      .post('/api/calls')
      .set('X-CSRF-Token', csrfToken)
      .set('Content-Type', type)
      .serialize((raw: unknown) => (Buffer.isBuffer(raw) ? raw : JSON.stringify(raw)) as string)
      .send(typeof body === 'string' ? Buffer.from(body) : body);

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    const user = await buildUser(harness.services, { role: 'dispatcher' });
    ({ agent: dispatcher, csrfToken } = await signIn(harness.app, user.username));
    const reader = await buildUser(harness.services, { role: 'analyst' });
    ({ agent: analyst } = await signIn(harness.app, reader.username));
  });
  afterAll(() => database.close());

  it('refuses NUL and lone surrogates anywhere in a JSON body, naming each field', async () => {
    const before = await callCount();
    const response = await createCall(
      callBody({
        narrative: 'a\u0000b',
        callerName: 'x\ud800',
        ['extra\u0000']: [{ a: '\udfff' }],
      }),
    ).expect(400);
    expect(response.body.error).toEqual({
      code: 'validation_failed',
      message: 'The request body has text that cannot be stored',
      issues: [
        { path: 'callerName', message: expect.stringMatching(/lone UTF-16 surrogate/) },
        { path: 'extra\ufffd', message: expect.stringMatching(/^Key: .*NUL/) },
        { path: 'narrative', message: expect.stringMatching(/NUL/) },
      ],
    });
    expect(await callCount()).toBe(before);
  });

  it('refuses NUL in a query string and invalid percent-encoding, naming the parameter', async () => {
    const nul = await dispatcher.get('/api/calls?district=1,%00').expect(400);
    expect(nul.body.error.message).toBe('The query string has text that cannot be stored');
    expect(nul.body.error.issues).toEqual([
      { path: 'district', message: expect.stringMatching(/NUL/) },
    ]);
    const key = await dispatcher.get('/api/calls?%00=1').expect(400);
    expect(key.body.error.issues).toEqual([
      { path: '\ufffd', message: expect.stringMatching(/^Key: .*NUL/) },
    ]);
    const invalid = await analyst.get('/api/hotspots?district=%FF&from=x').expect(400);
    expect(invalid.body.error.issues).toEqual([
      { path: 'district', message: 'Not valid percent-encoded UTF-8' },
    ]);
  });

  it('refuses a path segment that is not valid UTF-8 or holds a NUL', async () => {
    for (const [url, reason] of [
      ['/api/calls/%FF', /not valid percent-encoded UTF-8/],
      ['/api/calls/%ED%A0%80/notes', /not valid percent-encoded UTF-8/],
      ['/api/hotspots/cells/%00/calls', /NUL/],
    ] as const) {
      const response = await dispatcher.get(url).expect(400);
      expect(response.body.error.message, url).toBe('The URL path has text that cannot be stored');
      expect(response.body.error.issues, url).toEqual([
        { path: 'path', message: expect.stringMatching(reason) },
      ]);
    }
  });

  it('refuses a body whose bytes are not what its headers say', async () => {
    const before = await callCount();
    const badUtf8 = Buffer.concat([
      Buffer.from('{"callType":"DIST","lat":0.005,"lon":0.005,"narrative":"'),
      Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    const utf8 = await createCall(badUtf8).expect(400);
    expect(utf8.body.error).toMatchObject({
      code: 'validation_failed',
      message: 'The request body is not valid UTF-8',
    });
    const gzip = await createCall(JSON.stringify(callBody()))
      .set('Content-Encoding', 'gzip')
      .expect(400);
    expect(gzip.body.error.message).toBe('The request body does not match its Content-Encoding');
    await createCall(gzipSync(JSON.stringify(callBody())))
      .set('Content-Encoding', 'gzip')
      .expect(201);
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const response = await createCall(JSON.stringify(callBody()), type).expect(415);
      expect(response.body.error, type).toEqual({
        code: 'unsupported_media_type',
        message: 'Send the body as application/json',
      });
    }
    expect(await callCount()).toBe(before + 1);
  });

  it('refuses a 10,000-deep body without exhausting the stack', async () => {
    const deep = `{"narrative":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const response = await createCall(deep).expect(400);
    expect(response.body.error.issues).toEqual([
      {
        path: expect.stringMatching(/^narrative(\.0)+$/),
        message: 'Nested more than 64 levels deep',
      },
    ]);
  });

  it('refuses before authentication: a stranger gets 400, never 500', async () => {
    await harness.request().get('/api/calls/%FF').expect(400);
    await harness.request().get('/api/calls?status=%00').expect(400);
  });

  it('refuses a sign-in with unstorable text, and audits it as a rejected sign-in', async () => {
    const response = await harness
      .request()
      .post('/api/auth/login')
      .send({ username: 'adm\u0000in', password: 'x\ud800' })
      .expect(400);
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'password',
      'username',
    ]);
    const [audit] = await queryRows<{ actor_username: string; outcome: string; details: object }>(
      database.db,
      sql`select actor_username, outcome, details from audit_events
          where action = 'auth.login' order by id desc limit 1`,
    );
    // What was typed is kept only as the keyed digest every failed sign-in uses.
    expect(audit).toEqual({
      actor_username: expect.stringMatching(/^unknown user #[0-9a-f]{8}$/),
      outcome: 'failure',
      details: { reason: 'invalid_request', fields: ['password', 'username'] },
    });
    // One the login schema refuses is on record the same way.
    await harness
      .request()
      .post('/api/auth/login')
      .send({ username: ' ', password: 'x' })
      .expect(400);
    const [schemaRefusal] = await queryRows<{ details: object }>(
      database.db,
      sql`select details from audit_events where action = 'auth.login' order by id desc limit 1`,
    );
    expect(schemaRefusal!.details).toEqual({ reason: 'invalid_request', fields: ['username'] });
  });
});
