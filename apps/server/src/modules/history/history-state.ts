import {
  callStatuses,
  callStatusInstant,
  callStatusRank,
  isFinalCallStatus,
  type CallStatus,
} from '@watchfloor/domain';

/*
 * How a call looked at an instant, folded from its events in event time. Pure,
 * so the snapshot, the window of changes and the call replay all answer with
 * the same rules (`docs/TIME-MACHINE.md`).
 */

/** The current row of a call: attributes no event carries fall back to it. */
export interface CallRowNow {
  id: string;
  incidentNumber: string;
  callType: string;
  callTypeDescription: string;
  originalPriority: number;
  officerInitiated: boolean;
  lat: number | null;
  lon: number | null;
  address: string | null;
  beat: string | null;
  district: string | null;
  status: string;
}

export interface LoggedCallEvent {
  id: number;
  version: number;
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

export interface LoggedAssignment {
  unitId: string;
  callSign: string;
  assignedAt: Date;
  clearedAt: Date | null;
}

/** A call with its log: events sorted by `(at, id)`, assignments in any order. */
export interface CallHistory {
  row: CallRowNow;
  events: LoggedCallEvent[];
  assignments: LoggedAssignment[];
}

export interface CallState {
  id: string;
  incidentNumber: string;
  callType: string;
  callTypeDescription: string;
  priority: number;
  officerInitiated: boolean;
  lat: number | null;
  lon: number | null;
  address: string | null;
  beat: string | null;
  district: string | null;
  status: CallStatus;
  receivedAt: Date;
  dispatchedAt: Date | null;
  enrouteAt: Date | null;
  onsceneAt: Date | null;
  closedAt: Date | null;
  disposition: string | null;
  version: number;
  assignedUnits: { id: string; callSign: string; assignedAt: Date }[];
}

/** What the fold may ask the agency: call type names and the areas of a point. */
export interface AgencyLookup {
  callTypeDescription(code: string): string | undefined;
  locate(point: { lat: number; lon: number }): { beat: string | null; district: string | null };
}

const isCallStatus = (value: unknown): value is CallStatus =>
  typeof value === 'string' && (callStatuses as readonly string[]).includes(value);
const text = (value: unknown): string | null | undefined =>
  typeof value === 'string' || value === null ? value : undefined;
const number = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * The status an event puts the call in, or undefined when it leaves it alone.
 * A CAD event the ingest did not apply (`applied: false`) still tells what the
 * CAD saw at its event time, but, as in ingest, a CAD event never moves a call
 * backwards. A final status is final: nothing after it reopens the call.
 */
function statusAfter(current: CallStatus | undefined, event: LoggedCallEvent) {
  const status = event.data.status;
  if (!isCallStatus(status)) return undefined;
  if (current && isFinalCallStatus(current)) return undefined;
  if (event.data.applied === false && current && callStatusRank(status) <= callStatusRank(current))
    return undefined;
  return status;
}

function applyStatus(state: CallState, status: CallStatus, at: Date): void {
  state.status = status;
  const field = callStatusInstant[status];
  if (field !== 'receivedAt' && state[field] === null) state[field] = at;
}

/** Where the location came from: the event that last set it, if any. */
type LocationSource = Record<string, unknown> | undefined;

function placeCall(
  state: CallState,
  row: CallRowNow,
  source: LocationSource,
  agency: AgencyLookup,
): void {
  if (state.lat === null || state.lon === null) return;
  // The live row's areas are authoritative for its own location (an import may carry its own).
  if (state.lat === row.lat && state.lon === row.lon) {
    state.beat = row.beat;
    state.district = row.district;
    return;
  }
  const beat = text(source?.beat);
  const district = text(source?.district);
  if (beat !== undefined && district !== undefined) Object.assign(state, { beat, district });
  else Object.assign(state, agency.locate({ lat: state.lat, lon: state.lon }));
}

function initialState(history: CallHistory, created: LoggedCallEvent): CallState {
  const { row } = history;
  const data = created.data;
  // Live creations (UI, CAD) carry the location; the importer's created event only the type.
  const live = number(data.lat) !== undefined;
  return {
    id: row.id,
    incidentNumber: row.incidentNumber,
    callType: row.callType,
    callTypeDescription: row.callTypeDescription,
    priority: row.originalPriority,
    officerInitiated:
      typeof data.officerInitiated === 'boolean' ? data.officerInitiated : row.officerInitiated,
    lat: row.lat,
    lon: row.lon,
    address: live ? null : row.address,
    beat: row.beat,
    district: row.district,
    status: 'pending',
    receivedAt: created.at,
    dispatchedAt: null,
    enrouteAt: null,
    onsceneAt: null,
    closedAt: null,
    disposition: null,
    version: created.version,
    assignedUnits: [],
  };
}

function applyFields(
  state: CallState,
  event: LoggedCallEvent,
  agency: AgencyLookup,
): LocationSource | undefined {
  const { data } = event;
  if (typeof data.callType === 'string' && data.callType !== state.callType) {
    state.callType = data.callType;
    state.callTypeDescription = agency.callTypeDescription(data.callType) ?? data.callType;
  }
  const priority = number(data.priority);
  if (priority !== undefined) state.priority = priority;
  const address = text(data.address);
  if (address !== undefined) state.address = address;
  const disposition = text(data.disposition);
  if (disposition !== undefined) state.disposition = disposition;
  const lat = number(data.lat);
  const lon = number(data.lon);
  if (lat === undefined && lon === undefined) return undefined;
  // An edit may move one coordinate; the other stays as it was.
  state.lat = lat ?? state.lat;
  state.lon = lon ?? state.lon;
  return data;
}

/**
 * The call as it was at `at`: its events up to `at` folded in event time, and
 * the units on it then. Undefined before the call was created.
 */
export function callStateAt(
  history: CallHistory,
  at: Date,
  agency: AgencyLookup,
): CallState | undefined {
  const events = history.events.filter((event) => event.at <= at);
  const created = events.find((event) => event.type === 'created') ?? events[0];
  if (!created) return undefined;
  const state = initialState(history, created);
  let located: LocationSource;
  for (const event of events) {
    located = applyFields(state, event, agency) ?? located;
    const status = statusAfter(event === created ? undefined : state.status, event);
    if (status) applyStatus(state, status, event.at);
    state.version = Math.max(state.version, event.version);
  }
  placeCall(state, history.row, located, agency);
  state.assignedUnits = history.assignments
    .filter((unit) => unit.assignedAt <= at && (unit.clearedAt === null || unit.clearedAt > at))
    .sort((a, b) => a.assignedAt.getTime() - b.assignedAt.getTime())
    .map((unit) => ({ id: unit.unitId, callSign: unit.callSign, assignedAt: unit.assignedAt }));
  return state;
}

/** Every instant in `(from, to]` at which something about the call changed, ascending. */
export function changeInstants(history: CallHistory, from: Date, to: Date): Date[] {
  const instants = new Map<number, Date>();
  const add = (instant: Date | null) => {
    if (instant && instant > from && instant <= to) instants.set(instant.getTime(), instant);
  };
  for (const event of history.events) add(event.at);
  for (const unit of history.assignments) {
    add(unit.assignedAt);
    add(unit.clearedAt);
  }
  return [...instants.values()].sort((a, b) => a.getTime() - b.getTime());
}

/** The call after each change in `(from, to]`, in time order. */
export function callChanges(
  history: CallHistory,
  from: Date,
  to: Date,
  agency: AgencyLookup,
): { at: Date; state: CallState }[] {
  return changeInstants(history, from, to).flatMap((at) => {
    const state = callStateAt(history, at, agency);
    return state ? [{ at, state }] : [];
  });
}

export const isOpen = (state: CallState) => !isFinalCallStatus(state.status);
