import { HttpError } from '../../http/errors.ts';
import type { DrillDownPosition } from './stats.drilldown.repo.ts';

/**
 * A drill-down page cursor: the last call's interval and id, as base64url JSON.
 * Opaque to clients; the interval is a double and round-trips exactly through
 * JSON and PostgreSQL's float8 text form.
 */
export function encodeCursor({ seconds, id }: DrillDownPosition): string {
  return Buffer.from(JSON.stringify([seconds, id])).toString('base64url');
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a cursor back, or throws the 400 any other bad parameter gets. */
export function decodeCursor(cursor: string): DrillDownPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2) {
    const [seconds, id] = value as unknown[];
    const secondsOk = seconds === null || (typeof seconds === 'number' && Number.isFinite(seconds));
    if (secondsOk && typeof id === 'string' && uuid.test(id)) return { seconds, id };
  }
  throw new HttpError(400, 'validation_failed', 'The request is invalid', {
    issues: [{ path: 'cursor', message: 'Not a cursor this endpoint gave' }],
  });
}
