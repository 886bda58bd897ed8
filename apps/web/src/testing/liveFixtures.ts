import type { Call, LivePosition, Unit } from '@watchfloor/contracts';

let sequence = 0;

/** A uuid-shaped id that differs per call of this function (the contracts check the shape). */
export function testId(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
}

/** An open call, pending, version 1; override what the test is about. */
export function buildCall(overrides: Partial<Call> = {}): Call {
  return {
    id: testId(),
    incidentNumber: `I-${sequence}`,
    source: 'cad',
    sourceId: null,
    callType: 'THEFT',
    callTypeDescription: 'Theft',
    priority: 3,
    originalPriority: 3,
    officerInitiated: false,
    lat: 41.85,
    lon: -87.65,
    address: '100 Main St',
    beat: 'B11',
    district: 'D1',
    status: 'pending',
    receivedAt: '2026-01-15T18:00:00.000Z',
    dispatchedAt: null,
    enrouteAt: null,
    onsceneAt: null,
    closedAt: null,
    disposition: null,
    assignedUnits: [],
    version: 1,
    ...overrides,
  };
}

/** An available unit without a position, version 1. */
export function buildUnit(overrides: Partial<Unit> = {}): Unit {
  const id = overrides.id ?? testId();
  return {
    id,
    callSign: `1A${sequence}`,
    type: 'patrol',
    homeDistrict: 'D1',
    status: 'available',
    statusSince: '2026-01-15T17:00:00.000Z',
    currentCallId: null,
    position: null,
    lastHeardAt: null,
    version: 1,
    ...overrides,
  };
}

/** A live position report for `unitId`. */
export function buildPosition(unitId: string, overrides: Partial<LivePosition> = {}): LivePosition {
  return {
    unitId,
    callSign: '1A1',
    lat: 41.86,
    lon: -87.66,
    heading: 90,
    speed: 10,
    at: '2026-01-15T18:00:00.000Z',
    ...overrides,
  };
}
