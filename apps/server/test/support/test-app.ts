import type { Role } from '@watchfloor/authz';
import { defineAbilityFor } from '@watchfloor/authz';
import type { AgencyConfig } from '@watchfloor/contracts';
import supertest from 'supertest';
import { createApp } from '../../src/app.ts';
import { shippedMigrationCount, type DatabaseHandle } from '../../src/db/client.ts';
import { createLogger } from '../../src/logger.ts';
import type { DependencyStatus } from '../../src/modules/health/health.routes.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { createSessionMiddleware, type SessionPolicy } from '../../src/modules/auth/session.ts';
import { DatabaseSessionStore } from '../../src/modules/auth/session-store.ts';
import type { ExportSettings } from '../../src/modules/exports/exports.limits.ts';
import type { UserRow } from '../../src/modules/users/users.repo.ts';
import type { PasswordPolicy } from '../../src/modules/users/password-policy.ts';
import { createServices, type ServiceOptions, type Services } from '../../src/services.ts';
import { testAgency } from './agency-fixture.ts';

/** The secret test apps derive their MFA keys from. */
export const testMfaSecret = 'test-mfa-secret-test-mfa-secret-42';

/** A password the policy accepts, shared by test users. */
export const testPassword = 'correct horse battery staple 42';

export interface TestAppOptions {
  loginRateLimit?: number;
  sessionPolicy?: Partial<SessionPolicy>;
  agency?: AgencyConfig;
  lockout?: { threshold: number; windowMinutes: number; lockMinutes: number };
  /** MFA_REQUIRED: every person must prove (or first enrol) a second factor. */
  mfaRequired?: boolean;
  /** WEBAUTHN_ORIGIN: supertest's ports change per request, so passkey tests fix one. */
  webauthnOrigin?: string;
  trustProxy?: false | number | string;
  /** Failed bearer-token attempts an address may make per window before 429. */
  tokenFailureLimit?: number;
  /** What /readyz reports for Redis, as main.ts wires it to the gateway. */
  redisStatus?: () => DependencyStatus | undefined;
  exports?: Partial<ExportSettings>;
  /** PASSWORD_* settings; NIST's defaults otherwise. */
  passwordPolicy?: PasswordPolicy;
  /** Who may use a password, and the identity provider (single sign-on tests). */
  signIn?: ServiceOptions['signIn'];
  /** A built web app to serve; by default none, so browser routes answer 503. */
  webDist?: string;
}

/** The real Express app on a test database, as `main.ts` composes it. */
export async function buildTestApp(database: DatabaseHandle, options: TestAppOptions = {}) {
  const agency = options.agency ?? testAgency;
  const services = createServices(database.db, {
    agency,
    lockout: options.lockout ?? { threshold: 5, windowMinutes: 15, lockMinutes: 10 },
    mfa: { required: options.mfaRequired ?? false, secret: testMfaSecret },
    ...(options.exports ? { exports: options.exports } : {}),
    ...(options.passwordPolicy ? { passwordPolicy: options.passwordPolicy } : {}),
    ...(options.signIn ? { signIn: options.signIn } : {}),
  });
  const sessionPolicy: SessionPolicy = {
    secret: 'test-secret-test-secret-test-secret-42',
    idleMinutes: 30,
    maxHours: 12,
    ...options.sessionPolicy,
  };
  const sessionStore = new DatabaseSessionStore(database.db, 30 * 60_000);
  const sessionMiddleware = createSessionMiddleware(sessionStore, sessionPolicy);
  const { app, passport } = createApp({
    db: database.db,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    services,
    agency,
    sessionMiddleware,
    sessionPolicy,
    trustProxy: options.trustProxy ?? false,
    loginRateLimit: options.loginRateLimit ?? 1000,
    tokenFailureLimit: options.tokenFailureLimit ?? 1000,
    expectedMigrations: await shippedMigrationCount(),
    webDist: options.webDist ?? '/nonexistent-web-dist',
    redisStatus: options.redisStatus,
    webauthnOrigin: options.webauthnOrigin,
  });
  return {
    app,
    services,
    sessionStore,
    sessionMiddleware,
    passport,
    request: () => supertest(app),
  };
}

const adminAbility = defineAbilityFor({ id: 'test-admin', role: 'admin', districts: [] });

/** Creates a user through the real service (argon2 hash, audit row). */
export function buildUser(
  services: Services,
  overrides: { username?: string; role?: Role; districts?: string[]; password?: string } = {},
): Promise<UserRow> {
  const role = overrides.role ?? 'dispatcher';
  return services.usersService.create(adminAbility, cliActor, {
    username: overrides.username ?? `${role}-${Math.random().toString(36).slice(2, 8)}`,
    role,
    districts: overrides.districts ?? [],
    password: overrides.password ?? testPassword,
  });
}

/** Signs in with a supertest agent (cookie jar) and returns it with its CSRF token. */
export async function signIn(
  app: Parameters<typeof supertest.agent>[0],
  username: string,
  password = testPassword,
) {
  const agent = supertest.agent(app);
  const response = await agent.post('/api/auth/login').send({ username, password }).expect(200);
  return { agent, csrfToken: (response.body as { csrfToken: string }).csrfToken };
}
