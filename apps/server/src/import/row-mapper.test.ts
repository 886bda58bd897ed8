import { describe, expect, it } from 'vitest';
import type { ImportMapping } from './mapping.schema.ts';
import { mapRow } from './row-mapper.ts';

const oakland: ImportMapping = {
  name: 'Oakland CFS',
  source: 'oakland-cfs',
  timeZone: 'America/Los_Angeles',
  columns: {
    sourceCallId: 'I_EVENTNUMBER',
    callType: 'CALL_ID',
    callTypeText: 'CALL_DESC',
    status: 'I_STATUSID',
    address: 'LOCATION',
    beat: 'ILO_BEAT',
    district: 'POL_DIST',
    coordinates: { lonLatText: 'COORDS' },
    receivedAt: { column: 'CALL_DATE', format: 'epoch-ms-local' },
    closedAt: {
      column: 'TIMEUPDATE',
      format: 'epoch-ms-local',
      when: { column: 'I_STATUSID', in: ['C'] },
    },
  },
  statusMap: { C: 'closed', P: 'pending', A: 'dispatched', I: 'pending' },
  callTypeMap: { '415SS': 'SHOTS' },
};

// A real row's values (the README's first example: 00:00:32 local on 2024-01-01).
const row = {
  I_EVENTNUMBER: 'LOP240101000001',
  LOCATION: '3554 65TH AV',
  CALL_ID: '415SS',
  CALL_DESC: '415 SHOT SPOTTER GUN',
  CALL_DATE: '1704067232000',
  COORDS: '[-122.1759143, 37.7748159]',
  I_STATUSID: 'C',
  ILO_BEAT: '29X',
  TIMEUPDATE: '1704084112000',
  POL_DIST: '5',
};

describe('mapRow', () => {
  it('reads epoch values that hold local wall-clock time as true instants', () => {
    const result = mapRow(row, oakland);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    // 00:00:32 in Los Angeles (PST, UTC−8) is 08:00:32 UTC.
    expect(result.call.receivedAt.toISOString()).toBe('2024-01-01T08:00:32.000Z');
    expect(result.call.closedAt!.getTime() - result.call.receivedAt.getTime()).toBe(
      1704084112000 - 1704067232000,
    );
    expect(result.call).toMatchObject({
      status: 'closed',
      callType: 'SHOTS',
      lat: 37.7748159,
      lon: -122.1759143,
      beat: '29X',
      district: '5',
    });
  });

  it('takes the close time only from closed rows and tolerates missing coordinates', () => {
    const result = mapRow({ ...row, I_STATUSID: 'A', COORDS: '' }, oakland);
    expect(result.ok && result.call).toMatchObject({
      status: 'dispatched',
      closedAt: null,
      lat: null,
      lon: null,
    });
  });

  it('names the column and the reason of every problem', () => {
    const result = mapRow(
      { ...row, CALL_DATE: 'soon', I_STATUSID: 'Z', COORDS: '[north]', CALL_ID: '' },
      oakland,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      { path: 'CALL_ID', message: 'empty call type' },
      { path: 'CALL_DATE', message: 'unreadable time "soon"' },
      { path: 'I_STATUSID', message: 'unmapped status "Z"' },
      { path: 'COORDS', message: 'unreadable coordinates' },
    ]);
  });

  it('reads separate interval columns in local ISO time across a DST change', () => {
    const sf: ImportMapping = {
      name: 'SF style',
      source: 'sf',
      timeZone: 'America/Los_Angeles',
      columns: {
        sourceCallId: 'cad_number',
        callType: 'call_type',
        priority: 'priority',
        coordinates: { lat: 'lat', lon: 'lon' },
        receivedAt: { column: 'received', format: 'iso' },
        dispatchedAt: { column: 'dispatched', format: 'iso' },
        enrouteAt: { column: 'enroute', format: 'iso' },
        onsceneAt: { column: 'onscene', format: 'iso' },
        closedAt: { column: 'closed', format: 'iso' },
      },
      priorityMap: { A: 1, B: 2, C: 3 },
    };
    const result = mapRow(
      {
        cad_number: '1',
        call_type: 'DIST',
        priority: 'B',
        lat: '37.7',
        lon: '-122.4',
        received: '2024-03-10T01:59:00',
        dispatched: '2024-03-10T03:01:00',
        enroute: '',
        onscene: '2024-03-10T03:10:00Z',
        closed: '',
      },
      sf,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    // 01:59 PST → 03:01 PDT is 2 minutes of real time.
    expect(result.call.dispatchedAt!.getTime() - result.call.receivedAt.getTime()).toBe(2 * 60_000);
    expect(result.call).toMatchObject({ priority: 2, status: 'onscene', enrouteAt: null });
    expect(result.call.onsceneAt!.toISOString()).toBe('2024-03-10T03:10:00.000Z');
  });
});
