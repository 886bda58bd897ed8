import type { AppAbility } from './ability.ts';
import { permittedFields } from './fields.ts';
import { callFields, personalCallFields } from './vocabulary.ts';

/**
 * What a key of a recorded payload carries, for whoever reads it later:
 * - `personal`: caller data, or free text a dispatcher wrote about a call (a note, a
 *   cancel reason), which in practice names people. Shown only to readers whose field
 *   rules give them the caller data of the call.
 * - `operational`: codes, ids, instants, counts, settings. Shown to whoever may read
 *   the row at all.
 * A key classified nowhere is handled as personal, and the payload-classification
 * suite fails until it is classified.
 */
export type PayloadKeyClass = 'personal' | 'operational';
type KeyClasses = Readonly<Record<string, PayloadKeyClass>>;

const P = 'personal';
const O = 'operational';

/**
 * Every key the `data` of a call event can carry, across event types and writers
 * (dispatcher actions, CAD ingest, the historical importer). A key that is also a
 * call field has the class the Call field rules give it (checked by a test).
 */
export const callEventDataClasses = {
  // The call's own fields, as created, edited or ingested.
  callType: O,
  priority: O,
  lat: O,
  lon: O,
  address: O,
  officerInitiated: O,
  beat: O,
  district: O,
  status: O,
  disposition: O,
  callerName: P,
  callerPhone: P,
  narrative: P,
  // Dispatcher actions.
  unitId: O,
  callSign: O,
  /** A note's text. */
  text: P,
  /** A cancel reason: free text. */
  reason: P,
  // CAD ingest: the item as sent, and whether a late status was applied.
  sourceEventId: O,
  sourceCallId: O,
  at: O,
  units: O,
  applied: O,
  // The historical importer.
  priorityMapped: O,
  reportedStatus: O,
} as const satisfies KeyClasses;
export type CallEventDataKey = keyof typeof callEventDataClasses;
/** The `data` of a call event: only classified keys. */
export type CallEventData = { [K in CallEventDataKey]?: unknown };

/**
 * What every streamed export's audit row holds. Its purpose is free text, but written by
 * the exporter for the audit reader; `reason` says why a place was refused (a code).
 */
const exportRecord = {
  purpose: O,
  filters: O,
  fileName: O,
  rows: O,
  result: O,
  error: O,
  reason: O,
} as const;

/**
 * Every audit action and the keys of its `details`. Per action, because one word can
 * mean two things: a sign-in's `reason` is a refusal code, a cancellation's is free text.
 */
export const auditDetailClasses = {
  /** A full sign-in, or a refused one; `method` names the second factor that completed it. */
  'auth.login': { reason: O, method: O },
  /**
   * Single sign-on: the identity provider's answer accepted (`secondFactor`: `provider` when
   * its `amr` showed one, else what Watchfloor still asks) or refused (`reason`, a code).
   */
  'auth.sso': { issuer: O, reason: O, secondFactor: O },
  /** The password was right and a second factor (or its enrolment) is now asked for. */
  'auth.password': { secondFactor: O },
  'auth.logout': {},
  /** The failure that reached the threshold and locked the account: how many, and until when. */
  'auth.lockout': { failures: O, lockedUntil: O },
  /**
   * Refused by authorization (403), rolled up per person, address, route and minute:
   * `requests` refused in `from`–`to`.
   */
  'access.denied': { method: O, route: O, requests: O, from: O, to: O },
  /**
   * Caller data shown to a person: one call opened (`fields` named, never their values), or
   * a list in which `calls` of the calls carried caller fields.
   */
  'call.view': { fields: O, calls: O, route: O },
  /**
   * An integration token's use, rolled up per token, address, outcome and minute:
   * `requests` and the `items` they carried in `from`–`to`.
   */
  'token.use': { requests: O, items: O, routes: O, from: O, to: O },
  /** A CSV export of the audit log itself: its purpose and filters, and how it ended. */
  'audit.export': exportRecord,
  /** A second-factor attempt: `method` tried, `reason` a refusal code. */
  'auth.mfa': { method: O, reason: O, recoveryCodesLeft: O },
  /** A second factor enrolled (or a failed confirmation of one). */
  'mfa.enroll': { method: O, reason: O },
  /** An administrator removed every second factor of a person. */
  'mfa.reset': { totp: O, webauthnCredentials: O, recoveryCodesLeft: O },
  'user.create': { username: O, role: O, districts: O, oneTimePassword: O },
  'user.disable': {},
  'user.enable': {},
  'user.unlock': {},
  'user.grants': { from: O, to: O },
  /** A person changed their own password (`reason` a refusal code); other sessions ended. */
  'password.change': { reason: O, otherSessionsEnded: O },
  /** An administrator handed out a one-time password; the account's sessions ended. */
  'password.reset': { sessionsEnded: O },
  /** An administrator ended one session; `session` is the start of its public handle. */
  'session.end': { session: O },
  'token.create': { name: O },
  'token.revoke': { name: O },
  'call.create': {},
  /** The names of the fields changed, never their values. */
  'call.update': { fields: O },
  'call.assign': { unitId: O, callSign: O },
  'call.unassign': { unitId: O },
  'call.note': {},
  'call.close': { disposition: O },
  'call.cancel': { reason: P },
  'unit.status': { from: O, to: O },
  // An export's purpose is free text, but written by the exporter for the audit reader.
  'call.export': {
    purpose: O,
    format: O,
    filters: O,
    columns: O,
    fileName: O,
    rows: O,
    result: O,
    error: O,
    // Why a place was refused (too many running exports): a code.
    reason: O,
  },
  'stats.export': { ...exportRecord, format: O },
  'hotspots.export': { purpose: O, format: O, rows: O, filters: O },
  'call.import': {
    source: O,
    files: O,
    mapping: O,
    rowsRead: O,
    imported: O,
    duplicates: O,
    rejected: O,
    events: O,
    unknownCallTypes: O,
    seconds: O,
    rowsPerSecond: O,
  },
  /** One retention purge: counts per kind of data, the periods kept, and how it went. */
  'retention.purge': {
    positions: O,
    callerData: O,
    callEvents: O,
    sessions: O,
    auditEvents: O,
    retentionDays: O,
    batches: O,
    chainStartsAt: O,
    seconds: O,
    error: O,
  },
} as const satisfies Readonly<Record<string, KeyClasses>>;
export type AuditAction = keyof typeof auditDetailClasses;

/** The class of one audit detail, or undefined when it is not classified. */
export function auditDetailClass(action: string, key: string): PayloadKeyClass | undefined {
  const classes: KeyClasses | undefined = (auditDetailClasses as Record<string, KeyClasses>)[
    action
  ];
  return classes && Object.hasOwn(classes, key) ? classes[key] : undefined;
}

/** The class of one call event data key, or undefined when it is not classified. */
export function callEventDataClass(key: string): PayloadKeyClass | undefined {
  const classes: KeyClasses = callEventDataClasses;
  return Object.hasOwn(classes, key) ? classes[key] : undefined;
}

/**
 * Whether the field rules give the reader every personal field of `call` (its
 * district and status). Without a call, only rules that hold for every call count:
 * the answer for a payload not tied to one call's scope, such as an audit row.
 */
export function mayReadCallerData(ability: AppAbility, call: Record<string, unknown> = {}) {
  const fields = permittedFields(ability, 'read', 'Call', callFields, call);
  return personalCallFields.every((field) => fields.includes(field));
}

function keep(
  payload: Record<string, unknown>,
  shown: (key: string) => boolean,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => shown(key)));
}

/** The data of a call event a reader may see: anything not operational needs caller data. */
export function permittedCallEventData(
  data: Record<string, unknown>,
  readsCallerData: boolean,
): Record<string, unknown> {
  return readsCallerData ? { ...data } : keep(data, (key) => callEventDataClass(key) === O);
}

/** The details of an audit row a reader may see: anything not operational needs caller data. */
export function permittedAuditDetails(
  action: string,
  details: Record<string, unknown>,
  readsCallerData: boolean,
): Record<string, unknown> {
  return readsCallerData
    ? { ...details }
    : keep(details, (key) => auditDetailClass(action, key) === O);
}

/**
 * The details worth keeping in the append-only audit log: personal ones never are.
 * The call's own timeline keeps them under the call's field rules; the audit log
 * would keep them past any retention, for readers who may not see them.
 * Unclassified keys are kept, so the payload-classification suite can find them.
 */
export function storableAuditDetails(
  action: string,
  details: Record<string, unknown>,
): Record<string, unknown> {
  return keep(details, (key) => auditDetailClass(action, key) !== P);
}
