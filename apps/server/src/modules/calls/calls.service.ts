import { and } from 'drizzle-orm';
import { mayReadCallerData, personalCallFields, type AppAbility } from '@watchfloor/authz';
import {
  callListQuerySchema,
  createCallRequestSchema,
  updateCallRequestSchema,
  type Call,
  type CallDetail,
} from '@watchfloor/contracts';
import { checkCallTransition, type CallStatus } from '@watchfloor/domain';
import { inArray } from 'drizzle-orm';
import { abilityFilter } from '../../authz/ability-sql.ts';
import type { Database } from '../../db/client.ts';
import { calls } from '../../db/schema.ts';
import {
  forbidden,
  HttpError,
  illegalTransition,
  notFound,
  parseInput,
} from '../../http/errors.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import type { AgencyDirectory } from '../agency/agency-directory.ts';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { callColumns, type CallRow, type CallsRepo } from './calls.repo.ts';
import { callSubject, presentCall, presentCallEvent } from './calls.presenter.ts';
import {
  announceCallChange,
  recordCallChange,
  statusChanges,
  versionConflict,
} from './call-workflow.ts';
import type { ActionResult, CallActions } from './call-actions.ts';
import type { UnitRow } from '../units/units.repo.ts';
import { isUuid } from '../../db/uuid.ts';

export interface CallsServiceDeps {
  db: Database;
  callsRepo: CallsRepo;
  auditService: AuditService;
  directory: AgencyDirectory;
  domainEvents: DomainEvents;
  actions: CallActions;
}

const invalid = (path: string, message: string) =>
  new HttpError(400, 'validation_failed', 'The request is invalid', {
    issues: [{ path, message }],
  });

/** The caller fields a presented call carries: what its reader was shown of the caller. */
const callerFieldsOf = (call: Call) => personalCallFields.filter((field) => field in call);

/** Dispatcher-facing call operations. Every method checks the ability first. */
export function createCallsService(deps: CallsServiceDeps) {
  const { db, callsRepo, auditService, directory, domainEvents, actions } = deps;

  /** Loads a call the reader may see; anything else is 404, so existence does not leak. */
  async function findReadable(ability: AppAbility, id: string): Promise<CallRow> {
    const row = isUuid(id) ? await callsRepo.findById(id) : undefined;
    if (!row || ability.cannot('read', callSubject(row))) throw notFound('Call');
    return row;
  }

  async function present(ability: AppAbility, row: CallRow): Promise<Call> {
    const assigned = await callsRepo.listAssignedUnits([row.id]);
    const events = await callsRepo.listEvents(row.id);
    return presentCall(row, assigned, ability, events);
  }

  function announce(before: CallRow | undefined, after: CallRow, units: UnitRow[] = []) {
    announceCallChange(domainEvents, before, after, units);
  }

  /** Runs a transactional action, then announces what it changed. */
  async function act(
    ability: AppAbility,
    before: CallRow,
    action: Promise<ActionResult>,
  ): Promise<Call> {
    const { call, units } = await action;
    announce(before, call, units);
    return present(ability, call);
  }

  return {
    findReadable,
    present,

    /** A call as a live room may see it (field rules applied), or null when it may not. */
    async loadForAbility(callId: string, ability: AppAbility): Promise<Call | null> {
      const row = await callsRepo.findById(callId);
      if (!row || ability.cannot('read', callSubject(row))) return null;
      const assigned = await callsRepo.listAssignedUnits([row.id]);
      return presentCall(row, assigned, ability);
    },

    async create(ability: AppAbility, actor: Actor, input: unknown): Promise<Call> {
      if (ability.cannot('create', 'Call')) throw forbidden();
      const request = parseInput(createCallRequestSchema, input);
      const type = directory.callType(request.callType);
      if (!type) throw invalid('callType', `Unknown call type ${request.callType}`);
      const area = directory.locate(request);
      // A dispatcher limited to districts may open calls in those districts only.
      if (ability.cannot('create', callSubject({ district: area.district, status: 'pending' }))) {
        throw forbidden();
      }
      const receivedAt = new Date();
      const priority = request.priority ?? type.defaultPriority;
      const created = await db.transaction(async (tx) => {
        const call = await callsRepo.insert(
          {
            incidentNumber: await callsRepo.nextIncidentNumber(tx, receivedAt.getUTCFullYear()),
            source: 'watchfloor',
            callType: type.code,
            callTypeDescription: type.description,
            priority,
            originalPriority: priority,
            officerInitiated: request.officerInitiated ?? type.officerInitiated,
            lat: request.lat,
            lon: request.lon,
            address: request.address ?? null,
            beat: area.beat,
            district: area.district,
            status: 'pending',
            receivedAt,
            callerName: request.callerName ?? null,
            callerPhone: request.callerPhone ?? null,
            narrative: request.narrative ?? null,
          },
          tx,
        );
        await callsRepo.insertEvent(
          {
            callId: call.id,
            version: call.version,
            type: 'created',
            at: receivedAt,
            actorUserId: actor.userId,
            actor: actor.username,
            data: { ...request, priority, beat: area.beat, district: area.district },
          },
          tx,
        );
        await auditService.record(
          actor,
          { action: 'call.create', outcome: 'success', subjectType: 'Call', subjectId: call.id },
          tx,
        );
        return call;
      });
      announce(undefined, created);
      return present(ability, created);
    },

    async list(ability: AppAbility, actor: Actor, query: unknown): Promise<Call[]> {
      if (ability.cannot('read', 'Call')) throw forbidden();
      const filters = parseInput(callListQuerySchema, query);
      const where = and(
        abilityFilter(ability, 'read', 'Call', callColumns),
        filters.status ? inArray(calls.status, filters.status) : undefined,
        filters.district ? inArray(calls.district, filters.district) : undefined,
        filters.priority ? inArray(calls.priority, filters.priority) : undefined,
      );
      const rows = await callsRepo.list(where!, { limit: filters.limit });
      const assigned = await callsRepo.listAssignedUnits(rows.map((row) => row.id));
      const presented = rows.map((row) => presentCall(row, assigned, ability));
      // One row per list that showed caller data, with how many of its calls carried it.
      const withCallerData = presented.filter((call) => callerFieldsOf(call).length > 0).length;
      if (withCallerData > 0) {
        await auditService.record(actor, {
          action: 'call.view',
          outcome: 'success',
          details: { calls: withCallerData, route: 'GET /api/calls' },
        });
      }
      return presented;
    },

    /** One call; opening it with its caller data is audited (`call.view`). */
    async get(ability: AppAbility, actor: Actor, id: string): Promise<CallDetail> {
      const row = await findReadable(ability, id);
      const assigned = await callsRepo.listAssignedUnits([row.id]);
      const events = await callsRepo.listEvents(row.id);
      const call = presentCall(row, assigned, ability, events);
      const readsCallerData = mayReadCallerData(ability, {
        district: row.district,
        status: row.status,
      });
      const fields = callerFieldsOf(call);
      if (fields.length > 0) {
        await auditService.record(actor, {
          action: 'call.view',
          outcome: 'success',
          subjectType: 'Call',
          subjectId: row.id,
          details: { fields },
        });
      }
      return { ...call, timeline: events.map((event) => presentCallEvent(event, readsCallerData)) };
    },

    async update(
      ability: AppAbility,
      actor: Actor,
      id: string,
      expectedVersion: number,
      input: unknown,
    ): Promise<Call> {
      const current = await findReadable(ability, id);
      if (ability.cannot('update', callSubject(current))) throw forbidden();
      const request = parseInput(updateCallRequestSchema, input);
      const { status, ...fields } = request;
      const changes: Partial<CallRow> = { ...fields };
      if (fields.callType !== undefined) {
        const type = directory.callType(fields.callType);
        if (!type) throw invalid('callType', `Unknown call type ${fields.callType}`);
        changes.callTypeDescription = type.description;
      }
      if (fields.lat !== undefined || fields.lon !== undefined) {
        const lat = fields.lat ?? current.lat;
        const lon = fields.lon ?? current.lon;
        // An imported call may have no location yet: it needs both halves at once.
        if (lat === null || lon === null)
          throw invalid(
            fields.lat === undefined ? 'lat' : 'lon',
            'The call has no location yet; give lat and lon',
          );
        Object.assign(changes, directory.locate({ lat, lon }));
      }
      const now = new Date();
      if (status) {
        const check = checkCallTransition(current.status as CallStatus, status);
        if (!check.ok) throw illegalTransition(check.reason);
        Object.assign(changes, statusChanges(current, status, now));
      }
      if (current.version !== expectedVersion)
        throw versionConflict(await present(ability, current));
      let updated: CallRow;
      try {
        updated = await db.transaction(async (tx) => {
          const row = await recordCallChange(
            callsRepo,
            tx,
            { ...current, version: expectedVersion },
            changes,
            {
              type: status ? 'status_changed' : 'updated',
              at: now,
              actor,
              data: request,
            },
          );
          await auditService.record(
            actor,
            {
              action: 'call.update',
              outcome: 'success',
              subjectType: 'Call',
              subjectId: id,
              details: { fields: Object.keys(request) },
            },
            tx,
          );
          return row;
        });
      } catch (error) {
        if (error instanceof HttpError && error.code === 'version_conflict') {
          throw versionConflict(await present(ability, await findReadable(ability, id)));
        }
        throw error;
      }
      announce(current, updated);
      return present(ability, updated);
    },

    async assign(ability: AppAbility, actor: Actor, id: string, unitId: string): Promise<Call> {
      const current = await findReadable(ability, id);
      if (ability.cannot('assign', callSubject(current))) throw forbidden();
      return act(ability, current, actions.assign(actor, current.id, unitId));
    },

    async unassign(ability: AppAbility, actor: Actor, id: string, unitId: string): Promise<Call> {
      const current = await findReadable(ability, id);
      if (ability.cannot('assign', callSubject(current))) throw forbidden();
      return act(ability, current, actions.unassign(actor, current.id, unitId));
    },

    async addNote(ability: AppAbility, actor: Actor, id: string, text: string): Promise<Call> {
      const current = await findReadable(ability, id);
      if (ability.cannot('update', callSubject(current))) throw forbidden();
      return act(ability, current, actions.addNote(actor, current.id, text));
    },

    async close(ability: AppAbility, actor: Actor, id: string, disposition: string): Promise<Call> {
      const current = await findReadable(ability, id);
      if (ability.cannot('close', callSubject(current))) throw forbidden();
      if (!directory.isDisposition(disposition))
        throw invalid('disposition', `Unknown disposition ${disposition}`);
      return act(ability, current, actions.finish(actor, current.id, 'closed', { disposition }));
    },

    async cancel(
      ability: AppAbility,
      actor: Actor,
      id: string,
      reason: string | undefined,
    ): Promise<Call> {
      const current = await findReadable(ability, id);
      if (ability.cannot('close', callSubject(current))) throw forbidden();
      return act(
        ability,
        current,
        actions.finish(actor, current.id, 'cancelled', { reason: reason ?? null }),
      );
    },
  };
}

export type CallsService = ReturnType<typeof createCallsService>;
