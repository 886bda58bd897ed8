/**
 * Sorts database errors by what the caller should do about them. Drizzle wraps a
 * driver's error in `cause`, so the whole chain is read.
 */

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
 * SQLSTATE classes that say the database cannot serve now, whatever the data:
 * 08 connection, 40 rollback (serialization, deadlock), 53 resources, 55 lock not
 * available, 57 operator intervention (shutdown, cancel, timeout), 58 system, XX internal.
 */
const unavailableClasses = new Set(['08', '40', '53', '55', '57', '58', 'XX']);
/** The schema is not what this build expects (a migration is missing): retry after it runs. */
const schemaMismatch = new Set(['42P01', '42703', '42883']);
/** A concurrent writer won a race on a unique or foreign key: the retry sees its result. */
const raceLost = new Set(['23505', '23503']);
/** Socket errors of a database that is down, restarting or unreachable. */
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** Driver messages for a lost, closed or exhausted connection (pg, pg-pool, PGlite). */
const lostConnection =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|PGlite is closed/i;

/**
 * True when the database cannot serve right now (down, unreachable, overloaded,
 * shutting down, mid-migration, or a lost race): a retry later can succeed, so
 * clients are told 503 with Retry-After.
 */
export function isStorageUnavailable(error: unknown): boolean {
  const state = sqlState(error);
  if (state)
    return (
      unavailableClasses.has(state.slice(0, 2)) || schemaMismatch.has(state) || raceLost.has(state)
    );
  for (const link of chain(error)) {
    if (typeof link.code === 'string' && networkCodes.has(link.code)) return true;
    if (typeof link.message === 'string' && lostConnection.test(link.message)) return true;
  }
  return false;
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
