import { subject } from '@casl/ability';
import type { AppAbility } from '@watchfloor/authz';
import { unitStatusRequestSchema, type Unit } from '@watchfloor/contracts';
import { isOnCall, type UnitStatus } from '@watchfloor/domain';
import { abilityFilter } from '../../authz/ability-sql.ts';
import type { Database } from '../../db/client.ts';
import { forbidden, notFound, parseInput } from '../../http/errors.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CallActions } from '../calls/call-actions.ts';
import type { CallRow, CallsRepo } from '../calls/calls.repo.ts';
import { presentUnit } from './units.presenter.ts';
import { unitColumns, type UnitRow, type UnitsRepo } from './units.repo.ts';
import { changeUnitStatus } from './unit-workflow.ts';
import { isUuid } from '../../db/uuid.ts';

const scopeOf = (row: Pick<UnitRow, 'homeDistrict'>): Record<string, unknown> => ({
  homeDistrict: row.homeDistrict,
});

export function unitSubject(row: Pick<UnitRow, 'homeDistrict'>) {
  return subject('Unit', scopeOf(row));
}

function mayReadPosition(ability: AppAbility, row: UnitRow): boolean {
  return ability.can('read', subject('UnitPosition', scopeOf(row)));
}

export function createUnitsService(deps: {
  db: Database;
  unitsRepo: UnitsRepo;
  callsRepo: CallsRepo;
  actions: CallActions;
  auditService: AuditService;
  domainEvents: DomainEvents;
}) {
  const { db, unitsRepo, callsRepo, actions, auditService, domainEvents } = deps;

  function present(ability: AppAbility, row: UnitRow): Unit {
    return presentUnit(row, { withPosition: mayReadPosition(ability, row) });
  }

  async function findReadable(ability: AppAbility, id: string): Promise<UnitRow> {
    const row = isUuid(id) ? await unitsRepo.findById(id) : undefined;
    if (!row || ability.cannot('read', unitSubject(row))) throw notFound('Unit');
    return row;
  }

  return {
    present,
    findReadable,

    /** A unit as the live unit rooms see it: only roles allowed live positions join those rooms. */
    async loadForRooms(unitId: string): Promise<Unit | null> {
      const row = await unitsRepo.findById(unitId);
      return row ? presentUnit(row, { withPosition: true }) : null;
    },

    async list(ability: AppAbility): Promise<Unit[]> {
      if (ability.cannot('read', 'Unit')) throw forbidden();
      const rows = await unitsRepo.list(abilityFilter(ability, 'read', 'Unit', unitColumns));
      return rows.map((row) => present(ability, row));
    },

    /**
     * A unit's own status change. Going en route or on scene carries its call
     * forward; going available from a call releases it from that call.
     */
    async changeStatus(
      ability: AppAbility,
      actor: Actor,
      id: string,
      input: unknown,
    ): Promise<Unit> {
      const current = await findReadable(ability, id);
      if (ability.cannot('update', unitSubject(current))) throw forbidden();
      const { status } = parseInput(unitStatusRequestSchema, input);
      const at = new Date();
      const { unit, call } = await db.transaction(async (tx) => {
        const locked = (await unitsRepo.lockById(id, tx))!;
        const leavingCall =
          locked.currentCallId !== null &&
          !isOnCall(status) &&
          isOnCall(locked.status as UnitStatus);
        const callId = leavingCall ? null : undefined;
        if (leavingCall) await callsRepo.clearAssignments(locked.currentCallId!, at, tx, locked.id);
        const unit = await changeUnitStatus(unitsRepo, tx, locked, {
          to: status,
          at,
          callId,
          actor,
        });
        const call: CallRow | undefined = await actions.followUnit(tx, unit, actor, at);
        await auditService.record(
          actor,
          {
            action: 'unit.status',
            outcome: 'success',
            subjectType: 'Unit',
            subjectId: id,
            details: { from: locked.status, to: status },
          },
          tx,
        );
        return { unit, call };
      });
      domainEvents.emit('unit:changed', { unitId: unit.id, homeDistrict: unit.homeDistrict });
      if (call)
        domainEvents.emit('call:changed', {
          callId: call.id,
          version: call.version,
          districts: [call.district],
        });
      return present(ability, unit);
    },
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
