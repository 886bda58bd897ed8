import { mayReadCallerData, permittedAuditDetails, type AppAbility } from '@watchfloor/authz';
import type { AuditEventView } from '@watchfloor/contracts';
import { subjectKey, type AuditLabels, type AuditRow } from './audit.repo.ts';

const noLabels: AuditLabels = { subjects: new Map(), actors: new Map() };

/**
 * Audit rows as `ability` may see them, with the names of their subjects and actors
 * (`labels`, looked up once per page). Details the payload classification does not
 * call operational (caller data, a cancel reason) only for a reader who may read the
 * caller data of every call — never an admin. Rows written before such details
 * stopped being stored still hold them: this keeps them on the server.
 */
export function auditEventPresenter(ability: AppAbility, labels: AuditLabels = noLabels) {
  const readsCallerData = mayReadCallerData(ability);
  return (row: AuditRow): AuditEventView => ({
    id: row.id,
    at: row.at.toISOString(),
    actorUsername: row.actorUsername,
    actorLabel: (row.actorUserId && labels.actors.get(row.actorUserId)) || null,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    subjectLabel:
      (row.subjectType &&
        row.subjectId &&
        labels.subjects.get(subjectKey(row.subjectType, row.subjectId))) ||
      null,
    outcome: row.outcome as AuditEventView['outcome'],
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    details: permittedAuditDetails(
      row.action,
      row.details as Record<string, unknown>,
      readsCallerData,
    ),
    hash: row.hash,
  });
}
