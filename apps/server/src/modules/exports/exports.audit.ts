import type { AuditAction } from '@watchfloor/authz';
import type { ExportOutcome } from '@watchfloor/contracts';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { forbidden, type HttpError } from '../../http/errors.ts';
import type { ExportProgress } from './exports.formats.ts';
import type { ExportSlots } from './exports.limits.ts';

/** Longest failure message kept in an audit row. */
const maxMessageLength = 500;

/**
 * The database's own words for a failure. drizzle wraps them as "Failed query:
 * <sql> params: <values>", which is long and repeats the caller's filter values;
 * the innermost cause is what went wrong.
 */
export function failureMessage(error: unknown): string {
  let cause = error;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.slice(0, maxMessageLength);
}

/** A 403 whose refusal already has its own audit row. */
function auditedDenial(): HttpError {
  const error = forbidden();
  error.audited = true;
  return error;
}

/** The audit rows of exports: one when an export ends, one when it is refused. */
export function createExportAudit(auditService: AuditService) {
  const refused = (actor: Actor, action: AuditAction, details?: Record<string, unknown>) =>
    auditService.record(actor, { action, outcome: 'denied', ...(details ? { details } : {}) });
  return {
    /**
     * The writer of an export's one audit row, for when it ends: rows sent, and
     * whether it completed, was cancelled or failed (with why). Later calls do nothing.
     */
    ending(
      actor: Actor,
      action: AuditAction,
      details: Record<string, unknown>,
      progress: ExportProgress,
    ) {
      let recorded = false;
      return async (outcome: ExportOutcome, error?: unknown) => {
        if (recorded) return;
        recorded = true;
        await auditService.record(actor, {
          action,
          outcome: outcome === 'completed' ? 'success' : 'failure',
          details: {
            ...details,
            rows: progress.rows,
            result: outcome,
            ...(error && outcome === 'failed' ? { error: failureMessage(error) } : {}),
          },
        });
      };
    },

    /** A refused export: no permission, or (with `reason`) no free place. */
    refused,

    /** The two ways an export is turned away, each audited before it is answered. */
    gate(slots: ExportSlots) {
      return {
        /** No permission: audited here, so the 403 is not audited again as `access.denied`. */
        denied: async (actor: Actor, action: AuditAction): Promise<never> => {
          await refused(actor, action);
          throw auditedDenial();
        },
        /** A place for the export, or the refusal, audited, as the error to answer. */
        placeFor: async (actor: Actor, action: AuditAction, details: Record<string, unknown>) => {
          const place = slots.take(actor.userId ?? actor.username ?? '');
          if ('release' in place) return place;
          await refused(actor, action, { ...details, reason: place.refusal });
          throw slots.refusalError(place.refusal);
        },
      };
    },
  };
}
