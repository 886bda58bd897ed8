import type { CallEventData } from '@watchfloor/authz';
import { callStatusInstant, type CallStatus } from '@watchfloor/domain';
import type { Database } from '../../db/client.ts';
import { HttpError } from '../../http/errors.ts';
import type { Actor } from '../audit/actor.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import type { UnitRow } from '../units/units.repo.ts';
import type { CallChanges, CallEventRow, CallRow, CallsRepo } from './calls.repo.ts';
import { DuplicateEventError } from '../units/unit-workflow.ts';

export interface CallEventInput {
  type: CallEventRow['type'];
  at: Date;
  actor: Actor;
  /** Only keys classified in `@watchfloor/authz` (payloads.ts), so readers get the right ones. */
  data?: CallEventData;
  source?: string;
  sourceEventId?: string;
}

/** Changes that move a call to `status`, stamping the instant of that status if not yet set. */
export function statusChanges(call: CallRow, status: CallStatus, at: Date): CallChanges {
  const instantField: 'receivedAt' | 'dispatchedAt' | 'enrouteAt' | 'onsceneAt' | 'closedAt' =
    callStatusInstant[status];
  const changes: CallChanges = { status };
  if (instantField !== 'receivedAt' && call[instantField] === null) changes[instantField] = at;
  return changes;
}

export const versionConflict = (current: unknown) =>
  new HttpError(
    409,
    'version_conflict',
    'The call was changed by someone else; review the current state and retry',
    {
      extra: { current },
    },
  );

/**
 * Writes a change of a call and its event in the caller's transaction. The
 * update only applies at `call.version`, so a concurrent writer makes this
 * throw a version conflict instead of losing an update.
 */
export async function recordCallChange(
  callsRepo: CallsRepo,
  tx: Database,
  call: CallRow,
  changes: CallChanges,
  event: CallEventInput,
): Promise<CallRow> {
  const updated = await callsRepo.updateAtVersion(call.id, call.version, changes, tx);
  if (!updated)
    throw new HttpError(409, 'version_conflict', 'The call was changed by someone else; retry');
  const inserted = await callsRepo.insertEvent(
    {
      callId: call.id,
      version: updated.version,
      type: event.type,
      at: event.at,
      actorUserId: event.actor.userId,
      actor: event.actor.username,
      source: event.source ?? null,
      sourceEventId: event.sourceEventId ?? null,
      data: event.data ?? {},
    },
    tx,
  );
  // Only ingested events can collide (on `(source, sourceEventId)`): the change is a repeat.
  if (!inserted) throw new DuplicateEventError();
  return updated;
}

/** Tells the realtime gateway, after commit, what a change touched. */
export function announceCallChange(
  domainEvents: DomainEvents,
  before: Pick<CallRow, 'district'> | undefined,
  after: CallRow,
  units: UnitRow[] = [],
): void {
  domainEvents.emit('call:changed', {
    callId: after.id,
    version: after.version,
    // Both districts, so the audience a call leaves hears that it left.
    districts: [...new Set([before?.district ?? after.district, after.district])],
  });
  for (const unit of units) {
    domainEvents.emit('unit:changed', { unitId: unit.id, homeDistrict: unit.homeDistrict });
  }
}
