import type { AuditOutcome } from '@watchfloor/contracts';
import { storableAuditDetails, type AppAbility, type AuditAction } from '@watchfloor/authz';
import type { Database } from '../../db/client.ts';
import { forbidden } from '../../http/errors.ts';
import type { Actor } from './actor.ts';
import type { AuditRepo, AuditRow } from './audit.repo.ts';
import { storableDetails } from './audit.text.ts';

export interface AuditEntry {
  /** Classified in `@watchfloor/authz` (payloads.ts) with the keys of its details. */
  action: AuditAction;
  outcome: AuditOutcome;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

export function createAuditService({ auditRepo }: { auditRepo: AuditRepo }) {
  return {
    /**
     * Writes one audit row; pass the transaction of the change it records. Personal
     * details are left out: the audit log is kept for good and read by people who
     * may not see caller data.
     */
    record(actor: Actor, entry: AuditEntry, tx?: Database): Promise<void> {
      return auditRepo.insert(
        {
          actorUserId: actor.userId,
          actorUsername: actor.username,
          ip: actor.ip,
          requestId: actor.requestId,
          action: entry.action,
          outcome: entry.outcome,
          subjectType: entry.subjectType ?? null,
          subjectId: entry.subjectId ?? null,
          // Classified first (personal keys never stored), then made storable: details
          // carry caller-supplied and error text, and none of it may lose the row.
          details: storableDetails(storableAuditDetails(entry.action, entry.details ?? {})),
        },
        tx,
      );
    },

    list(
      ability: AppAbility,
      options: { limit: number; before?: number | undefined },
    ): Promise<AuditRow[]> {
      if (ability.cannot('read', 'AuditEvent')) throw forbidden();
      return auditRepo.list(options);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
