/*
 * Which errors mean "the database cannot be reached right now" rather than "this
 * request or this code is wrong". Those are answered 503 with Retry-After: retrying
 * later is the right move for a client, and the pool reconnects by itself.
 */

/** Socket errors from reaching the server (Node's `code`). */
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or full: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now,
 * 53300 too_many_connections.
 */
const unavailableSqlState = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** What `pg` and `pg-pool` throw when a connection breaks, times out or is gone (no code). */
const driverMessages = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Cannot use a pool after calling end/,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * True when `error`, or anything it wraps (`cause`, as drizzle wraps driver errors;
 * `errors`, as Node reports a refused dual-stack connect), says the database is
 * unreachable, shutting down, or out of connections.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== 'object') return false;
  const { code, message, cause, errors } = error as ErrorLike;
  if (typeof code === 'string' && (networkCodes.has(code) || unavailableSqlState.test(code))) {
    return true;
  }
  if (typeof message === 'string' && driverMessages.some((pattern) => pattern.test(message))) {
    return true;
  }
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) {
    return true;
  }
  return isDatabaseUnavailable(cause, depth + 1);
}
