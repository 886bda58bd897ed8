import { z } from 'zod';
import { acceptedInstant, type IngestCallEvent, type Issue } from '@watchfloor/contracts';
import type { CallStatus } from '@watchfloor/domain';
import type { AgencyDirectory } from '../agency/agency-directory.ts';

/**
 * The subset of a NENA EIDO (NENA-STA-021) document we map: the message id,
 * the first incident component (tracking id, type, status, priority, time) and
 * the location component it references. Unknown members are ignored, as EIDO allows.
 */
const componentList = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item).min(1), item.transform((value) => [value])]);

const reference = z
  .union([z.string(), z.array(z.union([z.string(), z.object({ $ref: z.string() })]))])
  .optional();

const incidentComponent = z.object({
  incidentTrackingIdentifier: z.string().min(1),
  incidentTypeInternalCode: z.string().optional(),
  incidentTypeCommonRegistryText: z.union([z.string(), z.array(z.string())]).optional(),
  incidentStatusCommonRegistryText: z.union([z.string(), z.array(z.string())]).optional(),
  incidentCommonPriorityNumber: z.number().int().min(1).max(9).optional(),
  lastUpdateTimeStamp: acceptedInstant.optional(),
  locationReference: reference,
});

const locationComponent = z.object({
  $id: z.string().optional(),
  componentIdentifier: z.string().optional(),
  locationByValue: z.unknown().optional(),
});

export const eidoDocumentSchema = z.object({
  eidoMessageIdentifier: z.string().min(1),
  sendingSystemIdentifier: z.string().optional(),
  lastUpdateTimeStamp: acceptedInstant.optional(),
  incidentComponent: componentList(incidentComponent),
  locationComponent: componentList(locationComponent).optional(),
});

const statusWords: Record<string, CallStatus> = {
  new: 'pending',
  pending: 'pending',
  queued: 'pending',
  received: 'pending',
  dispatched: 'dispatched',
  assigned: 'dispatched',
  enroute: 'enroute',
  responding: 'enroute',
  onscene: 'onscene',
  arrived: 'onscene',
  closed: 'closed',
  completed: 'closed',
  cleared: 'closed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const refIds = (value: z.infer<typeof reference>) =>
  (Array.isArray(value) ? value : value ? [value] : []).map((entry) =>
    (typeof entry === 'string' ? entry : entry.$ref).replace(/^\$ref:/, '').replace(/^#/, ''),
  );

/** Reads a point from the location forms EIDO producers use: lat/lon members, GeoJSON, or GML `pos`. */
function pointOf(value: unknown): { lat: number; lon: number; address?: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const address = typeof record.civicAddressText === 'string' ? record.civicAddressText : undefined;
  if (typeof record.latitude === 'number' && typeof record.longitude === 'number') {
    return { lat: record.latitude, lon: record.longitude, ...(address ? { address } : {}) };
  }
  const geometry = (record.point ?? record.geometry) as { coordinates?: unknown } | undefined;
  if (Array.isArray(geometry?.coordinates) && geometry.coordinates.length >= 2) {
    const [lon, lat] = geometry.coordinates as number[];
    return { lat: lat!, lon: lon!, ...(address ? { address } : {}) };
  }
  const gml = record['gml:Point'] as { 'gml:pos'?: unknown } | undefined;
  if (typeof gml?.['gml:pos'] === 'string') {
    const [lat, lon] = gml['gml:pos'].trim().split(/\s+/).map(Number);
    if (Number.isFinite(lat) && Number.isFinite(lon))
      return { lat: lat!, lon: lon!, ...(address ? { address } : {}) };
  }
  return undefined;
}

export type EidoMapping =
  { ok: true; source: string; event: IngestCallEvent } | { ok: false; issues: Issue[] };

/** Maps an EIDO document to one call event for the CAD ingest pipeline. */
export function mapEido(
  document: z.output<typeof eidoDocumentSchema>,
  directory: AgencyDirectory,
): EidoMapping {
  const incident = document.incidentComponent[0]!;
  const issues: Issue[] = [];
  const typeText = first(incident.incidentTypeCommonRegistryText);
  const callType =
    (incident.incidentTypeInternalCode &&
      directory.callType(incident.incidentTypeInternalCode)?.code) ??
    directory.agency.callTypes.find(
      (type) => type.description.toLowerCase() === typeText?.toLowerCase(),
    )?.code;
  const statusText = first(incident.incidentStatusCommonRegistryText)
    ?.toLowerCase()
    .replace(/[\s_-]/g, '');
  const status = statusText ? statusWords[statusText] : undefined;
  if (statusText && !status)
    issues.push({
      path: 'incidentComponent.0.incidentStatusCommonRegistryText',
      message: `Unknown status ${statusText}`,
    });
  const wanted = refIds(incident.locationReference);
  const location = (document.locationComponent ?? []).find(
    (component) =>
      wanted.length === 0 ||
      wanted.includes(component.$id ?? '') ||
      wanted.includes(component.componentIdentifier ?? ''),
  );
  const point = pointOf(location?.locationByValue);
  if (location && !point)
    issues.push({ path: 'locationComponent', message: 'No readable point in locationByValue' });
  if (issues.length > 0) return { ok: false, issues };
  const at =
    incident.lastUpdateTimeStamp ?? document.lastUpdateTimeStamp ?? new Date().toISOString();
  const source =
    `eido-${(document.sendingSystemIdentifier ?? 'unknown').toLowerCase().replace(/[^a-z0-9._-]/g, '-')}`.slice(
      0,
      64,
    );
  return {
    ok: true,
    source,
    event: {
      sourceEventId: document.eidoMessageIdentifier,
      sourceCallId: incident.incidentTrackingIdentifier,
      at,
      ...(callType ? { callType } : {}),
      ...(typeText && !callType ? { callType: incident.incidentTypeInternalCode ?? typeText } : {}),
      ...(status ? { status } : {}),
      ...(incident.incidentCommonPriorityNumber
        ? { priority: incident.incidentCommonPriorityNumber }
        : {}),
      ...(point
        ? { lat: point.lat, lon: point.lon, ...(point.address ? { address: point.address } : {}) }
        : {}),
    },
  };
}
