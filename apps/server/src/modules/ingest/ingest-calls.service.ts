import {
  ingestCallEventSchema,
  type IngestCallEvent,
  type IngestItemResult,
  type IngestResponse,
} from '@watchfloor/contracts';
import { callStatusRank, isFinalCallStatus, type CallStatus } from '@watchfloor/domain';
import type { Database } from '../../db/client.ts';
import { HttpError } from '../../http/errors.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import type { AgencyDirectory } from '../agency/agency-directory.ts';
import type { Actor } from '../audit/actor.ts';
import type { CallChanges, CallRow, CallsRepo } from '../calls/calls.repo.ts';
import { announceCallChange, recordCallChange, statusChanges } from '../calls/call-workflow.ts';
import type { UnitRow, UnitsRepo } from '../units/units.repo.ts';
import {
  changeUnitStatus,
  DuplicateEventError,
  releaseUnitFromCall,
} from '../units/unit-workflow.ts';
import { parseItems, refusedByDatabase, rejected, summarise } from './ingest-results.ts';

const itemError = (path: string, message: string) =>
  new HttpError(422, 'item_rejected', message, { issues: [{ path, message }] });

/** The order in which a unit works a call. */
const onCallProgress = ['dispatched', 'enroute', 'onscene'];

interface Applied {
  outcome: 'applied' | 'history';
  call: CallRow;
  before: CallRow | undefined;
  units: UnitRow[];
}

/** The instants a status implies, stamped with the event time where still missing. */
function forwardChanges(call: CallRow, to: CallStatus, at: Date): CallChanges {
  return statusChanges(call, to, at);
}

/**
 * CAD call events. Each item is its own transaction (never half-applied);
 * `(source, sourceEventId)` makes repeats duplicates; events apply in event-time
 * order and a call's status only ever moves forward.
 */
export function createIngestCallsService(deps: {
  db: Database;
  callsRepo: CallsRepo;
  unitsRepo: UnitsRepo;
  directory: AgencyDirectory;
  domainEvents: DomainEvents;
}) {
  const { db, callsRepo, unitsRepo, directory, domainEvents } = deps;

  /** Moves units named by the CAD onto the call and along with its status. */
  async function syncUnits(
    tx: Database,
    call: CallRow,
    event: IngestCallEvent,
    at: Date,
    actor: Actor,
  ): Promise<UnitRow[]> {
    const status = call.status as CallStatus;
    const changed: UnitRow[] = [];
    const assigned = await callsRepo.listAssignedUnits([call.id], tx);
    const release = async (unitId: string) => {
      const unit = await releaseUnitFromCall(unitsRepo, tx, unitId, call.id, at, actor);
      if (unit) changed.push(unit);
    };
    if (isFinalCallStatus(status)) {
      await callsRepo.clearAssignments(call.id, at, tx);
      for (const { id } of assigned) await release(id);
      return changed;
    }
    if (event.units) {
      const wanted = await unitsRepo.lockByCallSigns(event.units, tx);
      const missing = event.units.filter(
        (callSign) => !wanted.some((unit) => unit.callSign === callSign),
      );
      if (missing.length > 0) throw itemError('units', `Unknown unit ${missing.join(', ')}`);
      for (const { id } of assigned.filter((unit) => !wanted.some((w) => w.id === unit.id))) {
        await callsRepo.clearAssignments(call.id, at, tx, id);
        await release(id);
      }
      for (const unit of wanted.filter((w) => !assigned.some((a) => a.id === w.id))) {
        if (unit.currentCallId && unit.currentCallId !== call.id)
          throw itemError('units', `${unit.callSign} is on another call`);
        await callsRepo.addAssignment(call.id, unit.id, at, tx);
        if (unit.status === 'available')
          changed.push(
            await changeUnitStatus(unitsRepo, tx, unit, {
              to: 'dispatched',
              at,
              callId: call.id,
              actor,
            }),
          );
      }
    }
    // Units on the call follow it en route and on scene.
    if (status === 'enroute' || status === 'onscene') {
      for (const { id } of await callsRepo.listAssignedUnits([call.id], tx)) {
        const unit = await unitsRepo.lockById(id, tx);
        const behind = unit && onCallProgress.indexOf(unit.status) < onCallProgress.indexOf(status);
        if (unit && behind && unit.currentCallId === call.id) {
          changed.push(
            await changeUnitStatus(unitsRepo, tx, unit, { to: status, at, callId: call.id, actor }),
          );
        }
      }
    }
    return changed;
  }

  function fieldChanges(event: IngestCallEvent): CallChanges {
    const changes: CallChanges = {};
    if (event.callType !== undefined) {
      const type = directory.callType(event.callType);
      if (!type) throw itemError('callType', `Unknown call type ${event.callType}`);
      Object.assign(changes, { callType: type.code, callTypeDescription: type.description });
    }
    if (event.priority !== undefined) changes.priority = event.priority;
    if (event.address !== undefined) changes.address = event.address;
    if (event.lat !== undefined && event.lon !== undefined)
      Object.assign(
        changes,
        { lat: event.lat, lon: event.lon },
        directory.locate(event as { lat: number; lon: number }),
      );
    if (event.callerName !== undefined) changes.callerName = event.callerName;
    if (event.callerPhone !== undefined) changes.callerPhone = event.callerPhone;
    if (event.narrative !== undefined) changes.narrative = event.narrative;
    if (event.disposition !== undefined) {
      if (!directory.isDisposition(event.disposition))
        throw itemError('disposition', `Unknown disposition ${event.disposition}`);
      changes.disposition = event.disposition;
    }
    return changes;
  }

  async function create(
    tx: Database,
    source: string,
    event: IngestCallEvent,
    actor: Actor,
  ): Promise<Applied> {
    if (!event.callType || event.lat === undefined || event.lon === undefined) {
      throw itemError('', 'The first event of a call needs callType, lat and lon');
    }
    const at = new Date(event.at);
    const type = directory.callType(event.callType);
    if (!type) throw itemError('callType', `Unknown call type ${event.callType}`);
    const fields = fieldChanges(event);
    const priority = event.priority ?? type.defaultPriority;
    const status = event.status ?? 'pending';
    const base = await callsRepo.insert(
      {
        incidentNumber: await callsRepo.nextIncidentNumber(tx, at.getUTCFullYear()),
        source,
        sourceId: event.sourceCallId,
        callType: type.code,
        callTypeDescription: type.description,
        priority,
        originalPriority: priority,
        officerInitiated: event.officerInitiated ?? type.officerInitiated,
        lat: event.lat,
        lon: event.lon,
        address: event.address ?? null,
        beat: fields.beat ?? null,
        district: fields.district ?? null,
        status: 'pending',
        receivedAt: at,
        disposition: fields.disposition ?? null,
        callerName: event.callerName ?? null,
        callerPhone: event.callerPhone ?? null,
        narrative: event.narrative ?? null,
        // Version 0 so that recording the creation event makes it version 1.
        version: 0,
      },
      tx,
    );
    const call = await recordCallChange(
      callsRepo,
      tx,
      base,
      status === 'pending' ? {} : forwardChanges(base, status, at),
      {
        type: 'created',
        at,
        actor,
        source,
        sourceEventId: event.sourceEventId,
        data: { ...event },
      },
    );
    const units = await syncUnits(tx, call, event, at, actor);
    return { outcome: 'applied', call, before: undefined, units };
  }

  async function update(
    tx: Database,
    source: string,
    call: CallRow,
    event: IngestCallEvent,
    actor: Actor,
  ): Promise<Applied> {
    const at = new Date(event.at);
    const latest = await callsRepo.latestEventAt(call.id, tx);
    const isNewest = latest === undefined || at >= latest;
    // Older events still fill in instants that are missing, but never overwrite newer fields.
    const changes: CallChanges = isNewest ? fieldChanges(event) : {};
    const target = event.status;
    let moved = false;
    if (
      target &&
      callStatusRank(target) > callStatusRank(call.status as CallStatus) &&
      !isFinalCallStatus(call.status as CallStatus)
    ) {
      Object.assign(changes, forwardChanges(call, target, at));
      moved = true;
    } else if (target && target !== 'pending') {
      Object.assign(changes, { ...forwardChanges(call, target, at), status: call.status });
    }
    const updated = await recordCallChange(callsRepo, tx, call, changes, {
      type: target ? 'status_changed' : 'updated',
      at,
      actor,
      source,
      sourceEventId: event.sourceEventId,
      data: { ...event, ...(target && !moved ? { applied: false } : {}) },
    });
    const units = isNewest ? await syncUnits(tx, updated, event, at, actor) : [];
    const changedState = moved || (isNewest && Object.keys(changes).length > 0) || units.length > 0;
    return { outcome: changedState ? 'applied' : 'history', call: updated, before: call, units };
  }

  async function applyOne(
    source: string,
    index: number,
    event: IngestCallEvent,
    actor: Actor,
  ): Promise<{ result: IngestItemResult; applied?: Applied }> {
    if (await callsRepo.sourceEventExists(source, event.sourceEventId))
      return { result: { index, outcome: 'duplicate' } };
    try {
      const applied = await db.transaction(async (tx) => {
        const call = await callsRepo.lockBySource(source, event.sourceCallId, tx);
        return call ? update(tx, source, call, event, actor) : create(tx, source, event, actor);
      });
      return { result: { index, outcome: applied.outcome, callId: applied.call.id }, applied };
    } catch (error) {
      if (error instanceof DuplicateEventError) return { result: { index, outcome: 'duplicate' } };
      if (error instanceof HttpError && error.status < 500)
        return {
          result: rejected(index, 'events', error.issues ?? [{ path: '', message: error.message }]),
        };
      const refused = refusedByDatabase(index, 'events', error);
      if (refused) return { result: refused };
      throw error;
    }
  }

  function announce({ call, before, units }: Applied) {
    announceCallChange(domainEvents, before, call, units);
  }

  return {
    async ingest(actor: Actor, source: string, items: unknown[]): Promise<IngestResponse> {
      const { valid, invalid } = parseItems(ingestCallEventSchema, items, 'events');
      const results = [...invalid];
      // Event time decides the order; the request order only breaks ties.
      const ordered = [...valid].sort(
        (a, b) => Date.parse(a.item.at) - Date.parse(b.item.at) || a.index - b.index,
      );
      for (const { index, item } of ordered) {
        const { result, applied } = await applyOne(source, index, item, actor);
        results.push(result);
        if (applied) announce(applied);
      }
      return summarise(results);
    },
  };
}

export type IngestCallsService = ReturnType<typeof createIngestCallsService>;
