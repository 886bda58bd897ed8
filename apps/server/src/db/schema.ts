import { sql } from 'drizzle-orm';
import { roles } from '@watchfloor/authz';
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    districts: text('districts')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lastFailedLoginAt: instant('last_failed_login_at'),
    lockedUntil: instant('locked_until'),
    lastLoginAt: instant('last_login_at'),
    /** Set by an administrator's one-time password: the next sign-in must choose a new one. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** When the password was last set, for an agency that makes passwords expire (CJIS IA-5). */
    passwordChangedAt: instant('password_changed_at').notNull().defaultNow(),
    /** Hashes of earlier passwords, newest first, for an agency that forbids reusing them. */
    passwordHistory: text('password_history')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * An account of the agency's identity provider (single sign-on): its issuer and its
     * `sub`, which never changes. Null for a local account, which signs in with a password.
     */
    identityIssuer: text('identity_issuer'),
    identitySubject: text('identity_subject'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('users_username_lower_key').on(sql`lower(${table.username})`),
    check('users_role_check', sql.raw(`role in (${roles.map((role) => `'${role}'`).join(', ')})`)),
    uniqueIndex('users_identity_key').on(table.identityIssuer, table.identitySubject),
    check(
      'users_identity_check',
      sql`(${table.identityIssuer} is null) = (${table.identitySubject} is null)`,
    ),
  ],
);

/**
 * A person's TOTP authenticator (RFC 6238). The shared secret is sealed with the MFA key
 * (AES-256-GCM), so a copy of the database alone cannot mint codes.
 */
export const userTotp = pgTable('user_totp', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  sealedSecret: text('sealed_secret').notNull(),
  /** The time step of the last accepted code: a code of that step or earlier is a replay. */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }).notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** One-time recovery codes, kept only as keyed digests; a used code stays, marked used. */
export const userRecoveryCodes = pgTable(
  'user_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeDigest: text('code_digest').notNull(),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('user_recovery_codes_digest_key').on(table.userId, table.codeDigest)],
);

/** WebAuthn credentials (passkeys and security keys) a person registered as a second factor. */
export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    /** The credential id, base64url, as the authenticator reports it. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    /** The authenticator's signature counter; a value that goes backwards suggests a clone. */
    signCount: bigint('sign_count', { mode: 'number' }).notNull(),
    transports: text('transports')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    name: text('name').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastUsedAt: instant('last_used_at'),
  },
  (table) => [index('webauthn_credentials_user_id_idx').on(table.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    sid: text('sid').primaryKey(),
    userId: uuid('user_id'),
    data: jsonb('data').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (table) => [
    index('sessions_expires_at_idx').on(table.expiresAt),
    index('sessions_user_id_idx').on(table.userId),
  ],
);

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. No foreign
 * keys, so removing a user or a call never removes what they did.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorUsername: text('actor_username'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    outcome: text('outcome').notNull(),
    ip: text('ip'),
    /** The client's `User-Agent`, the "where" beside the address; null for the CLI and the server itself. */
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    details: jsonb('details')
      .notNull()
      .default(sql`'{}'::jsonb`),
    /**
     * The chain (`modules/audit/audit-chain.ts`): the previous row's hash, and this row's,
     * over its content and that link. Null only on rows written before the chain began.
     */
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (table) => [
    index('audit_events_at_idx').on(table.at),
    index('audit_events_actor_idx').on(table.actorUserId, table.at),
  ],
);

/**
 * The head of the audit chain: the last row's id and hash. Locked by each audit write
 * until its transaction ends, so rows are chained in the order they commit.
 */
export const auditChainHead = pgTable('audit_chain_head', {
  chain: text('chain').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});

/**
 * Signed checkpoints of the chain: whoever can rewrite the database cannot sign, so a
 * chain recomputed after tampering no longer matches them. Append-only like the log.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: instant('at').notNull().defaultNow(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  signature: text('signature').notNull(),
});

/**
 * Where the audit chain starts once retention removed its oldest rows: the first kept
 * row's id and the link it carries, signed like a checkpoint. Written before the rows
 * go; the purge function deletes only below the latest one. Append-only like the log.
 */
export const auditChainStarts = pgTable('audit_chain_starts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: instant('at').notNull().defaultNow(),
  firstEventId: bigint('first_event_id', { mode: 'number' }).notNull(),
  prevHash: text('prev_hash').notNull(),
  signature: text('signature').notNull(),
});

const coordinate = (name: string) => doublePrecision(name);

/** Current state of every call; its history lives in `call_events`. */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentNumber: text('incident_number').notNull(),
    source: text('source').notNull(),
    sourceId: text('source_id'),
    callType: text('call_type').notNull(),
    callTypeDescription: text('call_type_description').notNull(),
    priority: integer('priority').notNull(),
    originalPriority: integer('original_priority').notNull(),
    officerInitiated: boolean('officer_initiated').notNull().default(false),
    /** Null when the CAD could not geocode the call (seen in historical exports). */
    lat: coordinate('lat'),
    lon: coordinate('lon'),
    address: text('address'),
    beat: text('beat'),
    district: text('district'),
    status: text('status').notNull(),
    receivedAt: instant('received_at').notNull(),
    dispatchedAt: instant('dispatched_at'),
    enrouteAt: instant('enroute_at'),
    onsceneAt: instant('onscene_at'),
    closedAt: instant('closed_at'),
    disposition: text('disposition'),
    callerName: text('caller_name'),
    callerPhone: text('caller_phone'),
    narrative: text('narrative'),
    /** When retention blanked the caller data of this closed call (fields and events). */
    callerDataRemovedAt: instant('caller_data_removed_at'),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('calls_incident_number_key').on(table.incidentNumber),
    uniqueIndex('calls_source_key').on(table.source, table.sourceId),
    index('calls_open_idx').on(table.status, table.district),
    index('calls_received_at_idx').on(table.receivedAt),
    // Retention finds closed calls whose caller data is still there, a batch at a time.
    index('calls_caller_data_due_idx')
      .on(table.closedAt)
      .where(sql`${table.callerDataRemovedAt} is null and ${table.closedAt} is not null`),
    check('calls_location_pair_check', sql`(${table.lat} is null) = (${table.lon} is null)`),
  ],
);

/** Append-only: every change of a call, with the version it produced. */
export const callEvents = pgTable(
  'call_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    callId: uuid('call_id').notNull(),
    version: integer('version').notNull(),
    type: text('type').notNull(),
    at: instant('at').notNull(),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actor: text('actor'),
    source: text('source'),
    sourceEventId: text('source_event_id'),
    data: jsonb('data')
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (table) => [
    index('call_events_call_idx').on(table.callId, table.id),
    uniqueIndex('call_events_source_key').on(table.source, table.sourceEventId),
    index('call_events_at_idx').on(table.at),
  ],
);

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callSign: text('call_sign').notNull(),
    type: text('type').notNull().default('patrol'),
    homeDistrict: text('home_district').notNull(),
    status: text('status').notNull().default('available'),
    statusSince: instant('status_since').notNull().defaultNow(),
    currentCallId: uuid('current_call_id'),
    lat: coordinate('lat'),
    lon: coordinate('lon'),
    heading: doublePrecision('heading'),
    speed: doublePrecision('speed'),
    accuracy: doublePrecision('accuracy'),
    positionAt: instant('position_at'),
    lastHeardAt: instant('last_heard_at'),
    version: integer('version').notNull().default(1),
  },
  (table) => [uniqueIndex('units_call_sign_key').on(table.callSign)],
);

/** Append-only: every status change of a unit. */
export const unitEvents = pgTable(
  'unit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    unitId: uuid('unit_id').notNull(),
    at: instant('at').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    callId: uuid('call_id'),
    actorUserId: uuid('actor_user_id'),
    actor: text('actor'),
    source: text('source'),
    sourceEventId: text('source_event_id'),
  },
  (table) => [
    uniqueIndex('unit_events_source_key').on(table.source, table.sourceEventId),
    index('unit_events_unit_idx').on(table.unitId, table.at),
    index('unit_events_at_idx').on(table.at),
  ],
);

/** Append-only AVL history; `(unit_id, at)` makes a repeated report a duplicate. */
export const unitPositions = pgTable(
  'unit_positions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    unitId: uuid('unit_id').notNull(),
    at: instant('at').notNull(),
    lat: coordinate('lat').notNull(),
    lon: coordinate('lon').notNull(),
    heading: doublePrecision('heading'),
    speed: doublePrecision('speed'),
    accuracy: doublePrecision('accuracy'),
    /** Why the position is suspect (e.g. an implausible jump); null when it looks fine. */
    flag: text('flag'),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('unit_positions_unit_at_key').on(table.unitId, table.at),
    index('unit_positions_at_idx').on(table.at),
  ],
);

/** Which units work which call; `cleared_at` set when a unit leaves the call. */
export const callAssignments = pgTable(
  'call_assignments',
  {
    callId: uuid('call_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    assignedAt: instant('assigned_at').notNull(),
    clearedAt: instant('cleared_at'),
  },
  (table) => [
    primaryKey({ columns: [table.callId, table.unitId, table.assignedAt] }),
    index('call_assignments_unit_idx').on(table.unitId),
    // The time machine asks which assignments changed in a window.
    index('call_assignments_assigned_at_idx').on(table.assignedAt),
    index('call_assignments_cleared_at_idx')
      .on(table.clearedAt)
      .where(sql`${table.clearedAt} is not null`),
  ],
);

/** Machine clients (CAD, AVL feeds). Only a SHA-256 of the token is stored. */
export const integrationTokens = pgTable(
  'integration_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    revokedAt: instant('revoked_at'),
    lastUsedAt: instant('last_used_at'),
  },
  (table) => [
    uniqueIndex('integration_tokens_hash_key').on(table.tokenHash),
    uniqueIndex('integration_tokens_name_key').on(table.name),
  ],
);
