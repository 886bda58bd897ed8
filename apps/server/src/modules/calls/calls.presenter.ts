import { subject } from '@casl/ability';
import {
  callFields,
  permittedCallEventData,
  permittedFields,
  pickPermitted,
  type AppAbility,
} from '@watchfloor/authz';
import type { Call, CallEvent } from '@watchfloor/contracts';
import type { CallStatus, UnitStatus } from '@watchfloor/domain';
import type { AssignedUnitRow, CallEventRow, CallRow } from './calls.repo.ts';

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** The record conditions are checked against (district, status). */
export function callSubject(row: Pick<CallRow, 'district' | 'status'>) {
  const conditionFields: Record<string, unknown> = { district: row.district, status: row.status };
  return subject('Call', conditionFields);
}

function notesFrom(events: CallEventRow[]): NonNullable<Call['notes']> {
  return events
    .filter((event) => event.type === 'note_added')
    .map((event) => ({
      at: event.at.toISOString(),
      author: event.actor,
      text:
        typeof (event.data as { text?: unknown }).text === 'string'
          ? (event.data as { text: string }).text
          : '',
    }));
}

/**
 * What a reader may see of a call: every field, then only those the field rules
 * permit for this reader and this call. Absent, not null, when hidden.
 */
export function presentCall(
  row: CallRow,
  assigned: AssignedUnitRow[],
  ability: AppAbility,
  events: CallEventRow[] = [],
): Call {
  const full: Required<Call> = {
    id: row.id,
    incidentNumber: row.incidentNumber,
    source: row.source,
    sourceId: row.sourceId,
    callType: row.callType,
    callTypeDescription: row.callTypeDescription,
    priority: row.priority,
    originalPriority: row.originalPriority,
    officerInitiated: row.officerInitiated,
    lat: row.lat,
    lon: row.lon,
    address: row.address,
    beat: row.beat,
    district: row.district,
    status: row.status as CallStatus,
    receivedAt: row.receivedAt.toISOString(),
    dispatchedAt: iso(row.dispatchedAt),
    enrouteAt: iso(row.enrouteAt),
    onsceneAt: iso(row.onsceneAt),
    closedAt: iso(row.closedAt),
    disposition: row.disposition,
    assignedUnits: assigned
      .filter((unit) => unit.callId === row.id)
      .map((unit) => ({ id: unit.id, callSign: unit.callSign, status: unit.status as UnitStatus })),
    version: row.version,
    callerName: row.callerName,
    callerPhone: row.callerPhone,
    narrative: row.narrative,
    notes: notesFrom(events),
  };
  const fields = permittedFields(ability, 'read', 'Call', callFields, {
    district: row.district,
    status: row.status,
  });
  return pickPermitted(full, fields);
}

/**
 * A timeline entry. Its data keeps only what the payload classification lets a
 * reader without caller data see, unless `readsCallerData` (see `mayReadCallerData`).
 */
export function presentCallEvent(event: CallEventRow, readsCallerData: boolean): CallEvent {
  const data = permittedCallEventData(event.data as Record<string, unknown>, readsCallerData);
  return {
    id: event.id,
    callId: event.callId,
    version: event.version,
    type: event.type as CallEvent['type'],
    at: event.at.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    actor: event.actor,
    data,
  };
}
