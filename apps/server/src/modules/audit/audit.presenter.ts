import type { AuditEventView } from '@watchfloor/contracts';
import type { AuditRow } from './audit.repo.ts';

export function presentAuditEvent(row: AuditRow): AuditEventView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorUsername: row.actorUsername,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    outcome: row.outcome as AuditEventView['outcome'],
    ip: row.ip,
    details: row.details as Record<string, unknown>,
  };
}
