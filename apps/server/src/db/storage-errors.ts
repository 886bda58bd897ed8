/*
 * Sorts database errors by what the caller should do about them. Drizzle wraps a
 * driver's error in `cause`, so the whole chain is read.
 */
import { isDatabaseUnavailable } from './unavailable.ts';

interface ErrorFields {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

function* chain(error: unknown): Generator<ErrorFields> {
  let current = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const link: ErrorFields = current;
    yield link;
    current = link.cause;
  }
}

/** The SQLSTATE of a PostgreSQL (or PGlite) error, if the chain carries one. */
function sqlState(error: unknown): string | undefined {
  for (const link of chain(error))
    if (typeof link.code === 'string' && /^[0-9A-Z]{5}$/.test(link.code)) return link.code;
  return undefined;
}

/*
 * Beyond an unreachable database (`isDatabaseUnavailable`), SQLSTATE classes that
 * say the database cannot serve this now, whatever the data: 40 rollback
 * (serialization, deadlock), 53 resources, 55 lock not available, 57 operator
 * intervention (cancel, statement timeout), 58 system, XX internal.
 */
const busyClasses = new Set(['40', '53', '55', '57', '58', 'XX']);
/** The schema is not what this build expects (a migration is missing): retry after it runs. */
const schemaMismatch = new Set(['42P01', '42703', '42883']);
/** A concurrent writer won a race on a unique or foreign key: the retry sees its result. */
const raceLost = new Set(['23505', '23503']);
/** An embedded database that was closed under the request. */
const closedEmbedded = /PGlite is closed/;

/**
 * True when the database cannot serve right now (down, unreachable, overloaded,
 * shutting down, mid-migration, or a lost race): a retry later can succeed, so a
 * feed is told 503 with Retry-After.
 */
export function isStorageUnavailable(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  const state = sqlState(error);
  if (state)
    return busyClasses.has(state.slice(0, 2)) || schemaMismatch.has(state) || raceLost.has(state);
  return [...chain(error)].some(
    (link) => typeof link.message === 'string' && closedEmbedded.test(link.message),
  );
}

/**
 * True when the database refused this data (a data exception, or a NOT NULL or
 * CHECK constraint): the same data fails every time, so retrying cannot help.
 */
export function isDataRejection(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && (state.startsWith('22') || state === '23502' || state === '23514');
}

/** The database's own words for a refusal, without the SQL text drizzle adds. */
export function rejectionReason(error: unknown): string {
  const messages = [...chain(error)]
    .map((link) => link.message)
    .filter((message): message is string => typeof message === 'string');
  return messages.at(-1) ?? 'Refused by the database';
}
