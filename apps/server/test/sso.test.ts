import { sql } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../src/db/client.ts';
import type { OidcSettings } from '../src/modules/auth/oidc-settings.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import {
  ProviderBrowser,
  startTestProvider,
  testClientId,
  testClientSecret,
  testRedirectUri,
  type ProviderAccount,
} from './support/oidc-provider.ts';
import { buildTestApp, buildUser, signIn, testPassword } from './support/test-app.ts';
import { toSessionUser } from '../src/modules/auth/session-user.ts';
import { auditDetailClass } from '@watchfloor/authz';

const person = (
  username: string,
  extra: Record<string, unknown>,
  amr: string[] = ['pwd'],
): ProviderAccount => ({
  claims: { preferred_username: username, name: `${username} at the IdP`, ...extra },
  amr,
});

/** The people the identity provider knows, by `sub`. */
const accounts: Record<string, ProviderAccount> = {
  'sub-alice': person('alice', { watchfloor_role: 'dispatcher', watchfloor_districts: ['1'] }, [
    'pwd',
    'mfa',
  ]),
  'sub-bob': person('bob', { watchfloor_role: 'supervisor', watchfloor_districts: '2' }),
  'sub-grace': person('grace', { groups: ['staff', 'cad-analysts'] }, ['pwd', 'mfa']),
  'sub-mallory': person('mallory', { watchfloor_role: 'superuser' }),
  'sub-eve': person('eve', { watchfloor_role: 'dispatcher', watchfloor_districts: ['99'] }),
  'sub-dana': person('dana', { watchfloor_role: 'analyst' }, ['pwd', 'mfa']),
};

let provider: Awaited<ReturnType<typeof startTestProvider>>;
beforeAll(async () => {
  provider = await startTestProvider(accounts);
});
afterAll(() => provider.close());

function settings(): OidcSettings {
  return {
    issuer: new URL(provider.issuer),
    clientId: testClientId,
    clientSecret: testClientSecret,
    redirectUri: testRedirectUri,
    scopes: 'openid profile email',
    displayName: 'County IdP',
    claims: {
      roleClaim: 'watchfloor_role',
      groupsClaim: 'groups',
      groupRoles: new Map([['cad-analysts', 'analyst']]),
      districtsClaim: 'watchfloor_districts',
      usernameClaim: 'preferred_username',
      mfaAmr: new Set(['mfa']),
    },
  };
}

type Harness = Awaited<ReturnType<typeof buildTestApp>>;

/**
 * One browser through the whole flow: our login redirect, the provider's sign-in, back to
 * our callback (`tamper` may change the callback URL first). Answers the browser (signed
 * in or not) and where our callback sent it.
 */
async function ssoSignIn(
  harness: Harness,
  accountId: string,
  options: { returnTo?: string; tamper?: (callback: URL) => void } = {},
) {
  const browser = supertest.agent(harness.app);
  const start = await browser
    .get('/api/auth/oidc/login')
    .query(options.returnTo ? { returnTo: options.returnTo } : {})
    .expect(303);
  const authorization = new URL(start.headers.location!);
  expect(authorization.origin).toBe(provider.issuer);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(authorization.searchParams.get('nonce')).toBeTruthy();
  const callback = await new ProviderBrowser().signIn(authorization.href, accountId);
  options.tamper?.(callback);
  const landed = await browser.get(`${callback.pathname}${callback.search}`).expect(303);
  return { browser, location: landed.headers.location! };
}

describe.each(testDrivers())('OpenID Connect sign-in on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Harness;

  const ssoAudit = (reason: string) =>
    queryRows<{ details: string }>(
      database.db,
      sql`select details::text as details from audit_events
          where action = 'auth.sso' and outcome = 'failure'
            and details->>'reason' = ${reason}`,
    );
  const userNamed = (username: string) =>
    queryRows<{ role: string; districts: string[]; identity_subject: string | null }>(
      database.db,
      sql`select role, districts, identity_subject from users where username = ${username}`,
    );

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database, { signIn: { password: 'enabled', oidc: settings() } });
    await buildUser(harness.services, { username: 'dana', role: 'dispatcher' });
  });
  afterAll(() => database.close());

  it('tells the sign-in page both ways in', async () => {
    const { body } = await harness.request().get('/api/auth/providers').expect(200);
    expect(body).toEqual({
      password: 'enabled',
      sso: { name: 'County IdP', loginUrl: '/api/auth/oidc/login' },
    });
  });

  it('signs a new person in end to end, with the role and districts of their claims', async () => {
    const { browser, location } = await ssoSignIn(harness, 'sub-alice', { returnTo: '/calls' });
    expect(location).toBe('/calls');
    const me = await browser.get('/api/me').expect(200);
    expect(me.body).toMatchObject({
      username: 'alice',
      displayName: 'alice at the IdP',
      role: 'dispatcher',
      districts: ['1'],
    });
    expect(await userNamed('alice')).toEqual([
      { role: 'dispatcher', districts: ['1'], identity_subject: 'sub-alice' },
    ]);
    const { csrfToken } = (await browser.get('/api/auth/csrf').expect(200)).body as {
      csrfToken: string;
    };
    await browser.post('/api/auth/logout').set('X-CSRF-Token', csrfToken).expect(204);
  });

  it('reads districts from a string claim (userinfo) and a role from groups', async () => {
    const bob = await ssoSignIn(harness, 'sub-bob');
    expect(bob.location).toBe('/');
    expect((await bob.browser.get('/api/me').expect(200)).body).toMatchObject({
      role: 'supervisor',
      districts: ['2'],
    });
    const grace = await ssoSignIn(harness, 'sub-grace');
    expect((await grace.browser.get('/api/me').expect(200)).body).toMatchObject({
      role: 'analyst',
      districts: [],
    });
  });

  it('never lets an SSO account sign in with a password', async () => {
    await harness
      .request()
      .post('/api/auth/login')
      .send({ username: 'alice', password: '!sso' })
      .expect(401);
  });

  it('has no password here to reset or expire', async () => {
    const admin = await buildUser(harness.services, { role: 'admin' });
    const session = await signIn(harness.app, admin.username);
    const [alice] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from users where username = 'alice'`,
    );
    const refused = await session.agent
      .post(`/api/users/${alice!.id}/password/reset`)
      .set('X-CSRF-Token', session.csrfToken)
      .expect(409);
    expect(refused.body.error.code).toBe('sso_account');
    const listed = await session.agent.get('/api/users').expect(200);
    expect(
      (listed.body.users as { id: string; identityProvider: string | null }[]).find(
        (user) => user.id === alice!.id,
      )?.identityProvider,
    ).toMatch(new RegExp(`^${provider.issuer}/?$`));
    // Even an ancient password date asks nothing of an SSO account.
    await harness.services.usersRepo.update(alice!.id, { passwordChangedAt: new Date(0) });
    const row = await harness.services.usersRepo.findById(alice!.id);
    const policy = { minLength: 12, maxAgeDays: 1, historySize: 0 };
    expect(toSessionUser(row!, policy).passwordChangeRequired).toBe(false);
  });

  it('refuses an answer whose state was tampered with, and audits it', async () => {
    const { browser, location } = await ssoSignIn(harness, 'sub-alice', {
      tamper: (callback) => callback.searchParams.set('state', 'forged-state'),
    });
    expect(location).toBe('/sign-in?sso_error=sso_state_mismatch');
    await browser.get('/api/me').expect(401);
    expect(await ssoAudit('state_mismatch')).toHaveLength(1);
  });

  it('refuses a callback that this browser did not start', async () => {
    const response = await harness
      .request()
      .get('/api/auth/oidc/callback?code=stolen&state=whatever')
      .expect(303);
    expect(response.headers.location).toBe('/sign-in?sso_error=sso_expired');
  });

  it('refuses a role it cannot map or a district the agency lacks, creating nobody', async () => {
    const mallory = await ssoSignIn(harness, 'sub-mallory');
    expect(mallory.location).toBe('/sign-in?sso_error=sso_unmapped_role');
    await mallory.browser.get('/api/me').expect(401);
    const eve = await ssoSignIn(harness, 'sub-eve');
    expect(eve.location).toBe('/sign-in?sso_error=sso_invalid_grants');
    expect(await userNamed('mallory')).toEqual([]);
    expect(await userNamed('eve')).toEqual([]);
    expect(await ssoAudit('unmapped_role:watchfloor_role')).toHaveLength(1);
    const [invalid] = await ssoAudit('invalid_grants');
    expect(JSON.parse(invalid!.details)).toEqual({
      issuer: `${provider.issuer}/`,
      reason: 'invalid_grants',
    });
  });

  it('never joins an IdP person to a local account of the same name', async () => {
    const { location } = await ssoSignIn(harness, 'sub-dana');
    expect(location).toBe('/sign-in?sso_error=sso_username_taken');
    expect(await userNamed('dana')).toEqual([
      { role: 'dispatcher', districts: [], identity_subject: null },
    ]);
  });

  it('refuses an SSO account disabled here, whatever the provider says', async () => {
    await database.db.execute(sql`update users set disabled = true where username = 'grace'`);
    const { browser, location } = await ssoSignIn(harness, 'sub-grace');
    expect(location).toBe('/sign-in?sso_error=sso_account_disabled');
    await browser.get('/api/me').expect(401);
    expect(await ssoAudit('disabled')).toHaveLength(1);
  });

  it('refuses a return path on another site before anything starts', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const response = await harness
        .request()
        .get('/api/auth/oidc/login')
        .query({ returnTo })
        .expect(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  describe('where MFA is required', () => {
    let strict: Harness;
    beforeAll(async () => {
      strict = await buildTestApp(database, {
        mfaRequired: true,
        signIn: { password: 'enabled', oidc: settings() },
      });
    });

    it('takes the provider’s amr=mfa as the second factor', async () => {
      const { browser, location } = await ssoSignIn(strict, 'sub-alice');
      expect(location).toBe('/');
      expect((await browser.get('/api/me').expect(200)).body.username).toBe('alice');
    });

    it('asks Watchfloor’s own second factor when the provider reports none', async () => {
      const { browser, location } = await ssoSignIn(strict, 'sub-bob');
      expect(location).toBe('/sign-in?sso=second-factor');
      await browser.get('/api/me').expect(401);
      const pending = await browser.get('/api/auth/mfa').expect(200);
      expect(pending.body).toMatchObject({ mfaRequired: true, enrollmentRequired: true });
    });
  });

  describe('with local sign-in off', () => {
    let ssoOnly: Harness;
    beforeAll(async () => {
      ssoOnly = await buildTestApp(database, {
        signIn: { password: 'disabled', oidc: settings() },
      });
    });

    it('refuses every password with a clear 403, and says so to the sign-in page', async () => {
      const response = await ssoOnly
        .request()
        .post('/api/auth/login')
        .send({ username: 'dana', password: testPassword })
        .expect(403);
      expect(response.body.error.code).toBe('local_sign_in_disabled');
      const { body } = await ssoOnly.request().get('/api/auth/providers').expect(200);
      expect(body.password).toBe('disabled');
    });

    it('still signs people in through the provider', async () => {
      const { browser } = await ssoSignIn(ssoOnly, 'sub-alice');
      await browser.get('/api/me').expect(200);
    });

    it('keeps a password for administrators alone in break-glass mode', async () => {
      const breakGlass = await buildTestApp(database, {
        signIn: { password: 'admins', oidc: settings() },
      });
      await buildUser(harness.services, { username: 'root-admin', role: 'admin' });
      await breakGlass
        .request()
        .post('/api/auth/login')
        .send({ username: 'root-admin', password: testPassword })
        .expect(200);
      await breakGlass
        .request()
        .post('/api/auth/login')
        .send({ username: 'dana', password: testPassword })
        .expect(401);
    });
  });
  it('writes only classified details in its audit rows (payload classification)', async () => {
    const keys = await queryRows<{ action: string; key: string }>(
      database.db,
      sql`select distinct action, jsonb_object_keys(details) as key from audit_events
          where action = 'auth.sso'`,
    );
    expect(keys.length).toBeGreaterThan(0);
    expect(
      keys.filter(({ action, key }) => auditDetailClass(action, key) !== 'operational'),
    ).toEqual([]);
  });
});
