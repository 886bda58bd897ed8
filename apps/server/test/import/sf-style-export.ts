import type { ImportMapping } from '../../src/import/mapping.schema.ts';

/**
 * A DataSF-style export (San Francisco's dispatched calls): one column per
 * stage, local ISO-like text times, a lettered priority and a disposition.
 * The rows below have known answers, written out in the tests.
 */
const columns = [
  'cad_number',
  'received_datetime',
  'dispatch_datetime',
  'enroute_datetime',
  'onscene_datetime',
  'close_datetime',
  'call_type_final',
  'call_type_final_desc',
  'priority_final',
  'call_status',
  'disposition',
  'intersection_name',
  'latitude',
  'longitude',
] as const;

export type SfRow = Partial<Record<(typeof columns)[number], string>>;

export const sfMapping: ImportMapping = {
  name: 'SF-style dispatched calls',
  source: 'sf-test',
  timeZone: 'America/Los_Angeles',
  columns: {
    sourceCallId: 'cad_number',
    callType: 'call_type_final',
    callTypeText: 'call_type_final_desc',
    priority: 'priority_final',
    status: 'call_status',
    address: 'intersection_name',
    coordinates: { lat: 'latitude', lon: 'longitude' },
    receivedAt: { column: 'received_datetime', format: 'iso' },
    dispatchedAt: { column: 'dispatch_datetime', format: 'iso' },
    enrouteAt: { column: 'enroute_datetime', format: 'iso' },
    onsceneAt: { column: 'onscene_datetime', format: 'iso' },
    closedAt: { column: 'close_datetime', format: 'iso' },
    disposition: 'disposition',
  },
  statusMap: {
    PENDING: 'pending',
    DISPATCHED: 'dispatched',
    ENROUTE: 'enroute',
    ONSCENE: 'onscene',
    CLOSED: 'closed',
    CANCELLED: 'cancelled',
  },
  priorityMap: { A: 1, B: 2, C: 3 },
};

const quoted = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** Writes rows as CSV with CRLF line endings, as exports from Windows CAD systems come. */
export function sfCsv(rows: readonly SfRow[]): string {
  const lines = [
    columns.join(','),
    ...rows.map((row) => columns.map((column) => quoted(row[column] ?? '')).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

const near = { latitude: '0.005', longitude: '0.005' }; // test agency beat 1A, district 1
const east = { latitude: '0.005', longitude: '0.015' }; // beat 2A, district 2

/** The rows, in file order; the comment gives the line each starts on (header = 1). */
export const sfRows: SfRow[] = [
  // 2: a call worked to the end, every stage timed.
  {
    cad_number: '240010001',
    received_datetime: '2024-03-09T10:00:00.000',
    dispatch_datetime: '2024-03-09T10:02:30.000',
    enroute_datetime: '2024-03-09 10:03:00',
    onscene_datetime: '2024-03-09 10:11:15',
    close_datetime: '2024-03-09 10:45:00',
    call_type_final: 'DIST',
    call_type_final_desc: 'FIGHT NO WEAPON',
    priority_final: 'A',
    call_status: 'CLOSED',
    disposition: 'RPT',
    intersection_name: 'MARKET ST \\ 5TH ST',
    ...near,
  },
  // 3–4: an address on two lines; received before and dispatched after the DST change.
  {
    cad_number: '240010002',
    received_datetime: '2024-03-10 01:55:00',
    dispatch_datetime: '2024-03-10 03:05:00',
    call_type_final: 'ZZZ',
    call_type_final_desc: 'SOMETHING NEW',
    priority_final: 'B',
    call_status: 'DISPATCHED',
    intersection_name: 'MISSION ST\r\nNEAR 16TH ST, "BART"',
    ...east,
  },
  // 5: a queued officer-initiated call the CAD could not geocode.
  {
    cad_number: '240010003',
    received_datetime: '2024-03-10T12:00:00',
    call_type_final: 'TRAF',
    priority_final: 'C',
    call_status: 'PENDING',
  },
  // 6: no receive time.
  { cad_number: '240010004', call_type_final: 'DIST', priority_final: 'A', call_status: 'PENDING' },
  // 7: a coordinate that is not a number.
  {
    cad_number: '240010005',
    received_datetime: '2024-03-10T12:00:00',
    call_type_final: 'DIST',
    priority_final: 'A',
    call_status: 'PENDING',
    latitude: 'abc',
    longitude: '0.005',
  },
  // 8: a status the mapping does not know.
  {
    cad_number: '240010006',
    received_datetime: '2024-03-10T12:00:00',
    call_type_final: 'DIST',
    priority_final: 'A',
    call_status: 'ZZ',
    ...near,
  },
  // 9: a date that does not exist.
  {
    cad_number: '240010007',
    received_datetime: '2024-03-10T12:00:00',
    dispatch_datetime: '2024-13-45 99:00:00',
    call_type_final: 'DIST',
    priority_final: 'A',
    call_status: 'DISPATCHED',
    ...near,
  },
  // 10: the first call again (a repeated export row): the first row wins.
  {
    cad_number: '240010001',
    received_datetime: '2024-03-09T11:00:00',
    call_type_final: 'TRAF',
    priority_final: 'C',
    call_status: 'PENDING',
    ...east,
  },
  // 11: cancelled, outside every beat.
  {
    cad_number: '240010008',
    received_datetime: '2024-03-11T08:00:00',
    close_datetime: '2024-03-11T08:20:00',
    call_type_final: 'DIST',
    priority_final: 'A',
    call_status: 'CANCELLED',
    disposition: 'CAN',
    latitude: '1',
    longitude: '1',
  },
  // 12: no priority in the row: the call type's default, labelled as mapped.
  {
    cad_number: '240010010',
    received_datetime: '2024-03-11T09:00:00',
    call_type_final: 'DIST',
    call_status: 'PENDING',
    ...near,
  },
];

/** What the importer must report for the bad rows. */
export const sfRejections = [
  { line: 6, column: 'received_datetime', reason: 'empty time' },
  { line: 7, column: 'latitude', reason: 'unreadable coordinates' },
  { line: 8, column: 'call_status', reason: 'unmapped status "ZZ"' },
  { line: 9, column: 'dispatch_datetime', reason: 'unreadable time "2024-13-45 99:00:00"' },
];
