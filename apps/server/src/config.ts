import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseGroupRoles } from './modules/auth/oidc-claims.ts';
import type { OidcSettings, PasswordSignIn } from './modules/auth/oidc-settings.ts';
import { exportDefaults } from './modules/exports/exports.limits.ts';
import {
  minimumAuditDays,
  retentionDefaults,
  type RetentionPolicy,
} from './modules/retention/retention.policy.ts';

/** The repository root, for assets that ship with the code (web build, agency files). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const positiveInt = z.coerce.number({ message: 'must be a number' }).int().positive();

/** Whole days; `min` with the reason a shorter period is refused. */
const days = (min: number, defaultDays: number, why?: string) =>
  z.coerce
    .number({ message: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(min, why ?? `must be ${min} or more`)
    .default(defaultDays);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** The schema owner's URL, used only to apply pending migrations (docs/SECURITY.md). */
  DATABASE_MIGRATION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Every person must prove a second factor (CJIS IA-2). Default: on in production,
   * off in demo mode.
   */
  MFA_REQUIRED: booleanFlag.optional(),
  /**
   * Seals TOTP secrets and keys recovery-code digests. Default: derived from the session
   * secret; set it to rotate the session secret without re-enrolling everyone.
   */
  MFA_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Signs the audit chain's checkpoints (`audit:verify`). Default: derived from the MFA
   * key's secret. Keep it outside the database's reach: whoever holds it can re-sign.
   */
  AUDIT_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How often the server signs a checkpoint of the audit chain (when it has moved). */
  AUDIT_CHECKPOINT_MINUTES: positiveInt.default(15),
  /**
   * The origin browsers reach the server at (e.g. https://watchfloor.example.gov), which
   * passkeys are bound to. Default: each request's own; set it behind a proxy.
   */
  WEBAUTHN_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/]+$/, 'must be an origin: scheme and host, no path')
    .optional(),
  /**
   * Single sign-on through the agency's OpenID Connect identity provider (docs/SECURITY.md,
   * "Single sign-on"). Off unless OIDC_ISSUER and OIDC_CLIENT_ID are both set.
   */
  OIDC_ISSUER: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Absent for a public client (PKCE alone). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Default: `/api/auth/oidc/callback` on WEBAUTHN_ORIGIN, else on each request's origin. */
  OIDC_REDIRECT_URI: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, 'must include openid')
    .default('openid profile email'),
  /** The button's label: "Sign in with …". */
  OIDC_DISPLAY_NAME: z.string().min(1).max(60).default('single sign-on'),
  /** The claim naming the Watchfloor role (dispatcher, supervisor, analyst, admin). */
  OIDC_ROLE_CLAIM: z.string().min(1).default('watchfloor_role'),
  /** The claim listing the person's groups, read when OIDC_GROUP_ROLES is set. */
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /** Groups to roles, as JSON (`{"cad-dispatchers":"dispatcher"}`); used when the role claim is absent. */
  OIDC_GROUP_ROLES: z.string().min(2).optional(),
  /** The claim listing district codes (an array, or a space- or comma-separated string). */
  OIDC_DISTRICTS_CLAIM: z.string().min(1).default('watchfloor_districts'),
  OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
  /** `amr` values (RFC 8176) that prove the identity provider asked for a second factor. */
  OIDC_MFA_AMR: z.string().min(1).default('mfa'),
  /** Whether people may sign in with a Watchfloor password. */
  LOCAL_SIGN_IN: booleanFlag.default(true),
  /** With LOCAL_SIGN_IN=false: administrators may still sign in with a password. */
  LOCAL_SIGN_IN_ADMINS: booleanFlag.default(false),
  TRUST_PROXY: z
    .string()
    // `true` would trust every X-Forwarded-For entry, letting a client pick its own
    // address (past the sign-in rate limit, into the audit log): hops or addresses only.
    .refine((value) => value !== 'true', {
      message:
        'true trusts any X-Forwarded-For a client sends; give the hop count of your proxies (e.g. 1) or their addresses',
    })
    .regex(/^(false|\d+|[\d.:/, a-z]+)$/, 'must be false, a hop count or a list of addresses')
    .default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AGENCY_CONFIG: z.string().min(1).default(path.join(repoRoot, 'config/agencies/demo.json')),
  WEB_DIST: z.string().min(1).default(path.join(repoRoot, 'apps/web/dist')),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  SESSION_IDLE_MINUTES: positiveInt.default(30),
  SESSION_MAX_HOURS: positiveInt.default(12),
  LOGIN_RATE_LIMIT: positiveInt.default(20),
  TOKEN_FAILURE_LIMIT: positiveInt.default(30),
  LOCKOUT_THRESHOLD: positiveInt.default(5),
  LOCKOUT_MINUTES: positiveInt.default(10),
  /** NIST SP 800-63B: 12 by default; never below 8, whatever an agency prefers. */
  PASSWORD_MIN_LENGTH: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(8, 'must be at least 8 (NIST SP 800-63B)')
    .max(64, 'must be at most 64')
    .default(12),
  /** CJIS basic password rules, for agencies that still need them: days until a password expires. */
  PASSWORD_MAX_AGE_DAYS: positiveInt.optional(),
  /** CJIS basic password rules: earlier passwords that may not be reused (CJIS: 10). */
  PASSWORD_HISTORY: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(24, 'must be at most 24')
    .default(0),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  /** Exports one user may run at once (429 beyond). */
  EXPORT_CONCURRENCY_PER_USER: positiveInt.default(exportDefaults.perUser),
  /** Exports the process runs at once (503 beyond); keep it below the pool size (10). */
  EXPORT_CONCURRENCY_TOTAL: positiveInt.default(exportDefaults.total),
  /** `statement_timeout` of export queries; the whole CSV COPY is one statement. */
  EXPORT_STATEMENT_TIMEOUT_MS: positiveInt.default(exportDefaults.statementTimeoutMs),
  /** Retention (docs/PRIVACY.md): unit position history (AVL) older than this is deleted. */
  RETENTION_POSITIONS_DAYS: days(1, retentionDefaults.positionsDays),
  /** Caller name, phone, narrative, notes and cancel reasons of calls closed this long ago are removed. */
  RETENTION_CALLER_DATA_DAYS: days(1, retentionDefaults.callerDataDays),
  /** Audit rows older than this are deleted; CJIS AU-11 asks for at least a year. */
  RETENTION_AUDIT_DAYS: days(
    minimumAuditDays,
    retentionDefaults.auditDays,
    `must be at least ${minimumAuditDays}: CJIS AU-11 requires audit records to be kept for at least one year`,
  ),
  /** Expired sessions are deleted this many days after they expire (0: at the next purge). */
  RETENTION_SESSIONS_DAYS: days(0, retentionDefaults.sessionsDays),
  /** How often the server runs the purge; 0 leaves it to `pnpm watchfloor retention:purge`. */
  RETENTION_PURGE_INTERVAL_MINUTES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .default(60),
  /** Rows per purge transaction: small batches keep each lock short. */
  RETENTION_BATCH_SIZE: positiveInt
    .max(50_000, 'must be at most 50000')
    .default(retentionDefaults.batchSize),
  DEMO: booleanFlag.optional(),
  /** Live demo city volume relative to Oakland's ~1,100 calls a day. */
  DEMO_RATE: z.coerce
    .number({ message: 'must be a number' })
    .gt(0, 'must be above 0')
    .max(20, 'must be at most 20')
    .default(1),
  DEMO_SEED: z.string().min(1).default('harbor-city'),
  /** Days of generated, finished calls written before the boot on a fresh demo database; 0 = none. */
  DEMO_HISTORY_DAYS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(366, 'must be at most 366')
    // 62: enough for the whole previous calendar month on any day ("last month" is full).
    .default(62),
});

export type Env = z.infer<typeof envSchema>;

/** The RETENTION_* settings as the retention service takes them. */
export function retentionPolicy(config: Env): RetentionPolicy {
  return {
    positionsDays: config.RETENTION_POSITIONS_DAYS,
    callerDataDays: config.RETENTION_CALLER_DATA_DAYS,
    auditDays: config.RETENTION_AUDIT_DAYS,
    sessionsDays: config.RETENTION_SESSIONS_DAYS,
    batchSize: config.RETENTION_BATCH_SIZE,
  };
}

export interface Config extends Env {
  /** True in production: NODE_ENV=production or an external PostgreSQL. */
  production: boolean;
  /** Demo users (and, later, the demo city) are created on an empty database. */
  demo: boolean;
  /** MFA_REQUIRED resolved against the mode. */
  mfaRequired: boolean;
  trustProxy: false | number | string;
  /** Who may sign in with a password, and the identity provider (absent: no SSO). */
  signIn: { password: PasswordSignIn; oidc?: OidcSettings };
}

/** The sign-in rules the server and the command line both apply. */
export function accountPolicies(config: Config) {
  return {
    lockout: {
      threshold: config.LOCKOUT_THRESHOLD,
      windowMinutes: 15,
      lockMinutes: config.LOCKOUT_MINUTES,
    },
    passwordPolicy: {
      minLength: config.PASSWORD_MIN_LENGTH,
      maxAgeDays: config.PASSWORD_MAX_AGE_DAYS ?? null,
      historySize: config.PASSWORD_HISTORY,
    },
  };
}

/** Thrown when the environment is invalid; carries one line per bad variable. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

function parseTrustProxy(value: string): false | number | string {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Reads and validates the environment. Empty strings count as unset so that a
 * blank line in `.env` does not override a default.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production' || values.DATABASE_URL !== undefined;
  if (values.DATABASE_MIGRATION_URL && !values.DATABASE_URL) {
    throw new ConfigError([
      'DATABASE_MIGRATION_URL: needs DATABASE_URL (the role the server runs as)',
    ]);
  }
  if (values.NODE_ENV === 'production' && !values.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: is required when NODE_ENV=production']);
  }
  // Production gets demo users only when explicitly asked on the command line.
  const demo = argv.includes('--demo') || (!production && values.DEMO !== false);
  const mfaRequired = values.MFA_REQUIRED ?? (production && !demo);
  return {
    ...values,
    production,
    demo,
    mfaRequired,
    trustProxy: parseTrustProxy(values.TRUST_PROXY),
    signIn: resolveSignIn(values),
  };
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The OIDC_* and LOCAL_SIGN_IN* variables, checked against each other. */
function resolveSignIn(values: Env): Config['signIn'] {
  const password: PasswordSignIn = values.LOCAL_SIGN_IN
    ? 'enabled'
    : values.LOCAL_SIGN_IN_ADMINS
      ? 'admins'
      : 'disabled';
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId } = values;
  if (!issuer || !clientId) {
    const problems = [
      ...(issuer || clientId ? ['OIDC_ISSUER and OIDC_CLIENT_ID: set both, or neither'] : []),
      ...(password === 'enabled'
        ? []
        : ['LOCAL_SIGN_IN: false needs single sign-on (OIDC_ISSUER and OIDC_CLIENT_ID)']),
    ];
    if (problems.length > 0) throw new ConfigError(problems);
    return { password };
  }
  const issuerUrl = new URL(issuer);
  // Tokens over plain HTTP only on this machine (a provider in the same host or a test).
  if (issuerUrl.protocol === 'http:' && !loopbackHosts.has(issuerUrl.hostname)) {
    throw new ConfigError(['OIDC_ISSUER: must be https:// (http only on localhost)']);
  }
  const groupRoles = parseGroupRoles(values.OIDC_GROUP_ROLES);
  if (typeof groupRoles === 'string') throw new ConfigError([`OIDC_GROUP_ROLES: ${groupRoles}`]);
  return {
    password,
    oidc: {
      issuer: issuerUrl,
      clientId,
      clientSecret: values.OIDC_CLIENT_SECRET,
      redirectUri: values.OIDC_REDIRECT_URI,
      scopes: values.OIDC_SCOPES,
      displayName: values.OIDC_DISPLAY_NAME,
      claims: {
        roleClaim: values.OIDC_ROLE_CLAIM,
        groupsClaim: values.OIDC_GROUPS_CLAIM,
        groupRoles,
        districtsClaim: values.OIDC_DISTRICTS_CLAIM,
        usernameClaim: values.OIDC_USERNAME_CLAIM,
        mfaAmr: new Set(values.OIDC_MFA_AMR.split(/[\s,]+/).filter(Boolean)),
      },
    },
  };
}
