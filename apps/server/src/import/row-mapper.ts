import type { Issue } from '@watchfloor/contracts';
import type { CallStatus } from '@watchfloor/domain';
import type { ImportMapping, InstantColumn } from './mapping.schema.ts';
import { instantOfWallClock, parseLocalIso } from './zoned-time.ts';

export type CsvRow = Record<string, string>;

/** A call as an export row describes it, before any database or agency checks. */
export interface MappedCall {
  sourceCallId: string;
  callType: string;
  callTypeText: string | null;
  priority: number | null;
  /** False when the priority is the mapping's default, not a value of the row. */
  priorityFromSource: boolean;
  officerInitiated: boolean;
  status: CallStatus;
  lat: number | null;
  lon: number | null;
  address: string | null;
  beat: string | null;
  district: string | null;
  receivedAt: Date;
  dispatchedAt: Date | null;
  enrouteAt: Date | null;
  onsceneAt: Date | null;
  closedAt: Date | null;
  disposition: string | null;
}

export type RowResult = { ok: true; call: MappedCall } | { ok: false; issues: Issue[] };

function parseInstant(value: string, spec: InstantColumn, timeZone: string): Date | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (spec.format === 'iso') {
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
    const date = hasZone ? new Date(text) : parseLocalIso(text, timeZone);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const number = Number(text);
  if (spec.format === 'epoch-s') return new Date(number * 1000);
  if (spec.format === 'epoch-ms') return new Date(number);
  // A wall-clock time stored as if it were UTC.
  return instantOfWallClock(number, timeZone);
}

function parseCoordinates(
  row: CsvRow,
  mapping: ImportMapping,
): { lat: number; lon: number } | 'missing' | 'invalid' {
  const spec = mapping.columns.coordinates;
  if (!spec) return 'missing';
  let lat: number;
  let lon: number;
  if ('lonLatText' in spec) {
    const text = row[spec.lonLatText]?.trim() ?? '';
    if (text === '') return 'missing';
    const match = /^\[\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\]$/.exec(text);
    if (!match) return 'invalid';
    lon = Number(match[1]);
    lat = Number(match[2]);
  } else {
    const latText = row[spec.lat]?.trim() ?? '';
    const lonText = row[spec.lon]?.trim() ?? '';
    if (latText === '' && lonText === '') return 'missing';
    lat = Number(latText);
    lon = Number(lonText);
  }
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return 'invalid';
  return { lat, lon };
}

const blankToNull = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? null : value.trim();

/**
 * Maps one export row to a call, or explains (column and reason) why it
 * cannot. Pure: agency checks (known call types, beats) happen later.
 */
export function mapRow(row: CsvRow, mapping: ImportMapping): RowResult {
  const { columns } = mapping;
  const issues: Issue[] = [];
  const column = (name: string | undefined) => (name === undefined ? undefined : row[name]);

  const sourceCallId = blankToNull(column(columns.sourceCallId));
  if (!sourceCallId) issues.push({ path: columns.sourceCallId, message: 'empty call id' });
  const sourceType = blankToNull(column(columns.callType));
  if (!sourceType) issues.push({ path: columns.callType, message: 'empty call type' });

  const instant = (spec: InstantColumn | undefined, required: boolean): Date | null => {
    if (!spec) return null;
    if (spec.when && !spec.when.in.includes(row[spec.when.column] ?? '')) return null;
    const raw = row[spec.column] ?? '';
    const value = parseInstant(raw, spec, mapping.timeZone);
    if (!value && (required || raw.trim() !== ''))
      issues.push({
        path: spec.column,
        message: raw.trim() === '' ? 'empty time' : `unreadable time "${raw}"`,
      });
    return value ?? null;
  };
  const receivedAt = instant(columns.receivedAt, true);
  const times = {
    dispatchedAt: instant(columns.dispatchedAt, false),
    enrouteAt: instant(columns.enrouteAt, false),
    onsceneAt: instant(columns.onsceneAt, false),
    closedAt: instant(columns.closedAt, false),
  };

  let status: CallStatus = times.closedAt
    ? 'closed'
    : times.onsceneAt
      ? 'onscene'
      : times.enrouteAt
        ? 'enroute'
        : times.dispatchedAt
          ? 'dispatched'
          : 'pending';
  if (columns.status && mapping.statusMap) {
    const raw = row[columns.status] ?? '';
    const mapped = mapping.statusMap[raw];
    if (mapped) status = mapped;
    else issues.push({ path: columns.status, message: `unmapped status "${raw}"` });
  }

  let priority: number | null = mapping.defaultPriority ?? null;
  let priorityFromSource = false;
  if (columns.priority) {
    const raw = row[columns.priority]?.trim() ?? '';
    const mapped = mapping.priorityMap ? mapping.priorityMap[raw] : Number(raw);
    if (mapped !== undefined && Number.isInteger(mapped) && mapped >= 1 && mapped <= 9) {
      priority = mapped;
      priorityFromSource = true;
    } else if (raw !== '')
      issues.push({ path: columns.priority, message: `unmapped priority "${raw}"` });
  }

  const point = parseCoordinates(row, mapping);
  if (point === 'invalid') {
    const spec = columns.coordinates!;
    issues.push({
      path: 'lonLatText' in spec ? spec.lonLatText : spec.lat,
      message: 'unreadable coordinates',
    });
  }

  if (issues.length > 0 || !sourceCallId || !sourceType || !receivedAt)
    return { ok: false, issues };
  const callType = mapping.callTypeMap?.[sourceType] ?? sourceType;
  return {
    ok: true,
    call: {
      sourceCallId,
      callType,
      callTypeText: blankToNull(column(columns.callTypeText)),
      priority,
      priorityFromSource,
      officerInitiated: mapping.officerInitiatedTypes?.includes(callType) ?? false,
      status,
      lat: typeof point === 'object' ? point.lat : null,
      lon: typeof point === 'object' ? point.lon : null,
      address: blankToNull(column(columns.address)),
      beat: blankToNull(column(columns.beat)),
      district: blankToNull(column(columns.district)),
      receivedAt,
      ...times,
      disposition: blankToNull(column(columns.disposition)),
    },
  };
}
