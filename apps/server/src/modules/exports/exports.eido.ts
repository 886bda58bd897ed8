import type { ExportRow } from './exports.repo.ts';

/**
 * The inverse of the ingest mapping (`ingest/eido.mapper.ts`): one call as a
 * NENA EIDO (NENA-STA-021) document, with the members that mapper reads — the
 * message id, one incident component (tracking id, type, status, priority,
 * time) and the location component it references — so an exported call maps
 * back to the same type, status, priority and place. Only the columns the
 * requester may export are read; personal data, when permitted, goes in a
 * person component (caller) and a notes component (narrative and notes).
 */

const statusWords: Record<string, string> = {
  pending: 'Pending',
  dispatched: 'Dispatched',
  enroute: 'Enroute',
  onscene: 'OnScene',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const number = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** Drops members without a value, as EIDO leaves optional members out. */
function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function locationOf(call: ExportRow, locationId: string) {
  const latitude = number(call.lat);
  const longitude = number(call.lon);
  const address = text(call.address);
  if (latitude === undefined && address === undefined) return undefined;
  return {
    $id: locationId,
    componentIdentifier: locationId,
    locationByValue: compact({ latitude, longitude, civicAddressText: address }),
  };
}

function notesOf(call: ExportRow) {
  const narrative = text(call.narrative);
  const notes = Array.isArray(call.notes) ? (call.notes as { at: string; text: string }[]) : [];
  const entries = [
    ...(narrative ? [{ noteText: narrative }] : []),
    ...notes.map((note) => ({ noteDateTimeStamp: note.at, noteText: note.text })),
  ];
  return entries.length > 0 ? entries : undefined;
}

/** One exported call as an EIDO document. */
export function callToEido(
  call: ExportRow,
  context: { agencyId: string; exportedAt: string },
): Record<string, unknown> {
  const tracking = text(call.incidentNumber) ?? text(call.id) ?? 'unknown';
  const updatedAt =
    text(call.closedAt) ??
    text(call.onsceneAt) ??
    text(call.enrouteAt) ??
    text(call.dispatchedAt) ??
    text(call.receivedAt) ??
    context.exportedAt;
  const locationId = `location-${tracking}`;
  const location = locationOf(call, locationId);
  const caller =
    text(call.callerName) || text(call.callerPhone)
      ? [
          compact({
            $id: `caller-${tracking}`,
            personNameText: text(call.callerName),
            contactTelephoneNumber: text(call.callerPhone),
            personRoleText: 'Caller',
          }),
        ]
      : undefined;
  const status = text(call.status);
  return compact({
    eidoMessageIdentifier: `urn:watchfloor:${context.agencyId}:export:${tracking}`,
    sendingSystemIdentifier: `watchfloor-${context.agencyId}`,
    lastUpdateTimeStamp: updatedAt,
    incidentComponent: [
      compact({
        incidentTrackingIdentifier: tracking,
        incidentTypeInternalCode: text(call.callType),
        incidentTypeCommonRegistryText: text(call.callTypeDescription),
        incidentStatusCommonRegistryText: status ? (statusWords[status] ?? status) : undefined,
        incidentCommonPriorityNumber: number(call.priority),
        incidentCreationTimeStamp: text(call.receivedAt),
        lastUpdateTimeStamp: updatedAt,
        incidentDispositionText: text(call.disposition),
        locationReference: location ? [locationId] : undefined,
        agencyDistrictText: text(call.district),
        agencyBeatText: text(call.beat),
        unitCallSignText: Array.isArray(call.assignedUnits) ? call.assignedUnits : undefined,
      }),
    ],
    locationComponent: location ? [location] : undefined,
    personComponent: caller,
    notesComponent: notesOf(call),
  });
}
