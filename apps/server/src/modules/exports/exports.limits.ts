import { HttpError } from '../../http/errors.ts';

/** How many exports may run at once. */
export interface ExportLimits {
  /** Per requester: a second tab is fine, a script firing ten is not. */
  perUser: number;
  /** In all: a CSV export on PostgreSQL holds a pooled connection from start to end. */
  total: number;
}

/** The `EXPORT_*` settings (config.ts). */
export interface ExportSettings extends ExportLimits {
  /** `statement_timeout` of export queries; a CSV export on PostgreSQL is one statement. */
  statementTimeoutMs: number;
}

/** What the `EXPORT_*` settings default to (config.ts), and what tests get without them. */
export const exportDefaults: ExportSettings = {
  perUser: 2,
  total: 4,
  // Ten minutes: a year's calls take well under a minute; a slow download gets the rest.
  statementTimeoutMs: 600_000,
};

/** Seconds a refused requester is told to wait; exports take seconds to minutes. */
const retryAfterSeconds = 10;

/** Why an export was refused a place; the code of the error answer and of its audit row. */
export type ExportRefusal = 'too_many_exports' | 'exports_busy';

/**
 * Places for running exports, counted in this process. An export takes its
 * place when it is prepared and gives it back when it ends, however it ends.
 */
export function createExportSlots(limits: ExportLimits) {
  const runningByUser = new Map<string, number>();
  let running = 0;
  return {
    /** A place for one export of `requester`, or why there is none. */
    take(requester: string): { release: () => void } | { refusal: ExportRefusal } {
      const mine = runningByUser.get(requester) ?? 0;
      if (mine >= limits.perUser) return { refusal: 'too_many_exports' };
      if (running >= limits.total) return { refusal: 'exports_busy' };
      runningByUser.set(requester, mine + 1);
      running += 1;
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          running -= 1;
          const left = (runningByUser.get(requester) ?? 1) - 1;
          if (left > 0) runningByUser.set(requester, left);
          else runningByUser.delete(requester);
        },
      };
    },

    /** The answer to a refusal: 429 for the requester's own limit, 503 for everyone's. */
    refusalError(refusal: ExportRefusal): HttpError {
      const headers = { 'Retry-After': String(retryAfterSeconds) };
      return refusal === 'too_many_exports'
        ? new HttpError(
            429,
            refusal,
            `You already have ${limits.perUser} exports running; wait for one to finish, then try again`,
            { headers },
          )
        : new HttpError(
            503,
            refusal,
            'The server is running as many exports as it allows; try again shortly',
            { headers },
          );
    },
  };
}

export type ExportSlots = ReturnType<typeof createExportSlots>;
