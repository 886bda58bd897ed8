import { mayReadCallerData, permittedAuditDetails, type AppAbility } from '@watchfloor/authz';
import type { AuditEventView } from '@watchfloor/contracts';
import type { AuditRow } from './audit.repo.ts';

/**
 * Audit rows as `ability` may see them: details the payload classification does
 * not call operational (caller data, a cancel reason) only for a reader who may
 * read the caller data of every call — never an admin. Rows written before such
 * details stopped being stored still hold them: this keeps them on the server.
 */
export function auditEventPresenter(ability: AppAbility) {
  const readsCallerData = mayReadCallerData(ability);
  return (row: AuditRow): AuditEventView => ({
    id: row.id,
    at: row.at.toISOString(),
    actorUsername: row.actorUsername,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    outcome: row.outcome as AuditEventView['outcome'],
    ip: row.ip,
    details: permittedAuditDetails(
      row.action,
      row.details as Record<string, unknown>,
      readsCallerData,
    ),
  });
}
