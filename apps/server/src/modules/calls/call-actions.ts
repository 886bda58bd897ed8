import type { AuditAction } from '@watchfloor/authz';
import { checkCallTransition, isFinalCallStatus, type CallStatus } from '@watchfloor/domain';
import type { Database } from '../../db/client.ts';
import { HttpError, illegalTransition, notFound } from '../../http/errors.ts';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { UnitRow, UnitsRepo } from '../units/units.repo.ts';
import { changeUnitStatus, releaseUnitFromCall } from '../units/unit-workflow.ts';
import type { CallRow, CallsRepo } from './calls.repo.ts';
import { recordCallChange, statusChanges } from './call-workflow.ts';

export interface ActionResult {
  call: CallRow;
  units: UnitRow[];
}

/**
 * The transactional core of working a call: each action locks the call, moves
 * call and units through their state machines, and writes state, events and
 * audit in one transaction. Authorization happens before, in the service.
 */
export function createCallActions(deps: {
  db: Database;
  callsRepo: CallsRepo;
  unitsRepo: UnitsRepo;
  auditService: AuditService;
}) {
  const { db, callsRepo, unitsRepo, auditService } = deps;

  async function lockCall(tx: Database, callId: string): Promise<CallRow> {
    const call = await callsRepo.lockById(callId, tx);
    if (!call) throw notFound('Call');
    return call;
  }

  function audit(
    actor: Actor,
    tx: Database,
    action: AuditAction,
    callId: string,
    details: Record<string, unknown>,
  ) {
    return auditService.record(
      actor,
      { action, outcome: 'success', subjectType: 'Call', subjectId: callId, details },
      tx,
    );
  }

  /** Releases every unit still on the call back to available. */
  async function releaseUnits(
    tx: Database,
    call: CallRow,
    at: Date,
    actor: Actor,
  ): Promise<UnitRow[]> {
    const released: UnitRow[] = [];
    for (const unitId of await callsRepo.clearAssignments(call.id, at, tx)) {
      const unit = await releaseUnitFromCall(unitsRepo, tx, unitId, call.id, at, actor);
      if (unit) released.push(unit);
    }
    return released;
  }

  return {
    async assign(actor: Actor, callId: string, unitId: string): Promise<ActionResult> {
      return db.transaction(async (tx) => {
        const call = await lockCall(tx, callId);
        const unit = await unitsRepo.lockById(unitId, tx);
        if (!unit)
          throw new HttpError(400, 'validation_failed', 'Unknown unit', {
            issues: [{ path: 'unitId', message: 'No such unit' }],
          });
        if (unit.status !== 'available')
          throw illegalTransition(`${unit.callSign} is ${unit.status}, not available`);
        const at = new Date();
        if (isFinalCallStatus(call.status as CallStatus))
          throw illegalTransition(`The call is already ${call.status}`);
        const movesCall = call.status === 'pending';
        const dispatched = await changeUnitStatus(unitsRepo, tx, unit, {
          to: 'dispatched',
          at,
          callId: call.id,
          actor,
        });
        await callsRepo.addAssignment(call.id, unit.id, at, tx);
        const updated = await recordCallChange(
          callsRepo,
          tx,
          call,
          movesCall ? statusChanges(call, 'dispatched', at) : {},
          {
            type: 'unit_assigned',
            at,
            actor,
            data: {
              unitId: unit.id,
              callSign: unit.callSign,
              ...(movesCall ? { status: 'dispatched' } : {}),
            },
          },
        );
        await audit(actor, tx, 'call.assign', call.id, {
          unitId: unit.id,
          callSign: unit.callSign,
        });
        return { call: updated, units: [dispatched] };
      });
    },

    async unassign(actor: Actor, callId: string, unitId: string): Promise<ActionResult> {
      return db.transaction(async (tx) => {
        const call = await lockCall(tx, callId);
        const at = new Date();
        const cleared = await callsRepo.clearAssignments(call.id, at, tx, unitId);
        if (cleared.length === 0)
          throw new HttpError(409, 'not_assigned', 'That unit is not on this call');
        const released = await releaseUnitFromCall(unitsRepo, tx, unitId, call.id, at, actor);
        const units = released ? [released] : [];
        const remaining = await callsRepo.listAssignedUnits([call.id], tx);
        // With nobody left on a call not yet on scene, it goes back to the queue.
        const backToQueue =
          remaining.length === 0 && (call.status === 'dispatched' || call.status === 'enroute');
        const updated = await recordCallChange(
          callsRepo,
          tx,
          call,
          backToQueue ? { status: 'pending' } : {},
          {
            type: 'unit_unassigned',
            at,
            actor,
            data: {
              unitId,
              callSign: released?.callSign ?? null,
              ...(backToQueue ? { status: 'pending' } : {}),
            },
          },
        );
        await audit(actor, tx, 'call.unassign', call.id, { unitId });
        return { call: updated, units };
      });
    },

    async addNote(actor: Actor, callId: string, text: string): Promise<ActionResult> {
      return db.transaction(async (tx) => {
        const call = await lockCall(tx, callId);
        const updated = await recordCallChange(
          callsRepo,
          tx,
          call,
          {},
          { type: 'note_added', at: new Date(), actor, data: { text } },
        );
        await audit(actor, tx, 'call.note', call.id, {});
        return { call: updated, units: [] };
      });
    },

    /** Closes or cancels a call and releases its units. */
    async finish(
      actor: Actor,
      callId: string,
      to: 'closed' | 'cancelled',
      data: { disposition?: string; reason?: string | null },
    ): Promise<ActionResult> {
      return db.transaction(async (tx) => {
        const call = await lockCall(tx, callId);
        const check = checkCallTransition(call.status as CallStatus, to);
        if (!check.ok) throw illegalTransition(check.reason);
        const at = new Date();
        const units = await releaseUnits(tx, call, at, actor);
        const changes = {
          ...statusChanges(call, to, at),
          ...(data.disposition ? { disposition: data.disposition } : {}),
        };
        const updated = await recordCallChange(callsRepo, tx, call, changes, {
          type: 'status_changed',
          at,
          actor,
          data: { status: to, ...data },
        });
        await audit(actor, tx, to === 'closed' ? 'call.close' : 'call.cancel', call.id, data);
        return { call: updated, units };
      });
    },

    /**
     * Follows a unit's own status onto its call: the first unit en route or on
     * scene moves the call forward (never backwards).
     */
    async followUnit(
      tx: Database,
      unit: UnitRow,
      actor: Actor,
      at: Date,
    ): Promise<CallRow | undefined> {
      if (!unit.currentCallId || (unit.status !== 'enroute' && unit.status !== 'onscene'))
        return undefined;
      const call = await lockCall(tx, unit.currentCallId);
      const target = unit.status as CallStatus;
      if (!checkCallTransition(call.status as CallStatus, target).ok) return undefined;
      return recordCallChange(callsRepo, tx, call, statusChanges(call, target, at), {
        type: 'status_changed',
        at,
        actor,
        data: { status: target, callSign: unit.callSign },
      });
    },
  };
}

export type CallActions = ReturnType<typeof createCallActions>;
