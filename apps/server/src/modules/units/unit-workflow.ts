import { checkUnitTransition, isOnCall, type UnitStatus } from '@watchfloor/domain';
import type { Database } from '../../db/client.ts';
import { illegalTransition } from '../../http/errors.ts';
import type { Actor } from '../audit/actor.ts';
import type { UnitRow, UnitsRepo } from './units.repo.ts';

export interface UnitStatusChange {
  to: UnitStatus;
  at: Date;
  /** The call the unit works after the change; undefined keeps the current one. */
  callId?: string | null;
  actor: Actor;
  /** For ingested changes: `(source, sourceEventId)` makes a repeat a duplicate. */
  source?: string;
  sourceEventId?: string;
}

/** Thrown inside a transaction when an ingested event was already recorded; rolls it back. */
export class DuplicateEventError extends Error {
  constructor() {
    super('duplicate event');
  }
}

/**
 * Moves a unit through its state machine and records the event, inside the
 * caller's transaction. Throws 409 with the reason when the move is illegal.
 */
export async function changeUnitStatus(
  unitsRepo: UnitsRepo,
  tx: Database,
  unit: UnitRow,
  change: UnitStatusChange,
): Promise<UnitRow> {
  const check = checkUnitTransition(unit.status as UnitStatus, change.to);
  if (!check.ok) throw illegalTransition(`${unit.callSign}: ${check.reason}`);
  const currentCallId = change.callId === undefined ? unit.currentCallId : change.callId;
  const updated = await unitsRepo.update(
    unit.id,
    { status: change.to, statusSince: change.at, currentCallId },
    tx,
  );
  const inserted = await unitsRepo.insertEvent(
    {
      unitId: unit.id,
      at: change.at,
      fromStatus: unit.status,
      toStatus: change.to,
      callId: currentCallId,
      actorUserId: change.actor.userId,
      actor: change.actor.username,
      source: change.source ?? null,
      sourceEventId: change.sourceEventId ?? null,
    },
    tx,
  );
  if (!inserted) throw new DuplicateEventError();
  return updated;
}

/**
 * Sends a unit that is still working `callId` back to available; a unit that
 * has already moved on (cleared, or on another call) is left alone.
 */
export async function releaseUnitFromCall(
  unitsRepo: UnitsRepo,
  tx: Database,
  unitId: string,
  callId: string,
  at: Date,
  actor: Actor,
): Promise<UnitRow | undefined> {
  const unit = await unitsRepo.lockById(unitId, tx);
  if (!unit || unit.currentCallId !== callId || !isOnCall(unit.status as UnitStatus))
    return undefined;
  return changeUnitStatus(unitsRepo, tx, unit, { to: 'available', at, callId: null, actor });
}
