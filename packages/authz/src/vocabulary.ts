/**
 * The permission vocabulary. Everything else (server checks, web navigation, tests)
 * imports these lists; nothing redeclares them.
 */
export const roles = ['dispatcher', 'supervisor', 'analyst', 'admin', 'integration'] as const;
export type Role = (typeof roles)[number];

/** Roles a person can hold; `integration` belongs to machine tokens only. */
export const personRoles = ['dispatcher', 'supervisor', 'analyst', 'admin'] as const;

/**
 * Roles whose grants can name districts, which then limit what they see and work.
 * The others reach the whole agency (analysts, history only) or no calls at all.
 */
export const districtLimitedRoles = ['dispatcher', 'supervisor'] as const;

export const actions = [
  'read',
  'create',
  'update',
  'delete',
  'assign',
  'close',
  'ingest',
  'export',
] as const;
export type Action = (typeof actions)[number];

/**
 * - `Call`: a call for service. Field rules hide caller data from some roles.
 * - `Unit`: a patrol unit and its status.
 * - `UnitPosition`: live AVL positions (read) and their ingest.
 * - `ResponseStats`: response-time analytics.
 * - `User`: accounts and their grants.
 * - `AgencyConfig`: districts, beats, call types, targets.
 * - `AuditEvent`: the append-only audit log.
 * - `IntegrationToken`: a machine client's credential for the ingest API.
 */
export const subjects = [
  'Call',
  'Unit',
  'UnitPosition',
  'ResponseStats',
  'User',
  'AgencyConfig',
  'AuditEvent',
  'IntegrationToken',
] as const;
export type SubjectName = (typeof subjects)[number];

/** Fields of a call that identify or describe the caller: personal data. */
export const personalCallFields = ['callerName', 'callerPhone', 'narrative', 'notes'] as const;

/** Every field of a call as presented outside the server. */
export const callFields = [
  'id',
  'incidentNumber',
  'source',
  'sourceId',
  'callType',
  'callTypeDescription',
  'priority',
  'originalPriority',
  'officerInitiated',
  'lat',
  'lon',
  'address',
  'beat',
  'district',
  'status',
  'receivedAt',
  'dispatchedAt',
  'enrouteAt',
  'onsceneAt',
  'closedAt',
  'disposition',
  'assignedUnits',
  'version',
  ...personalCallFields,
] as const;
export type CallField = (typeof callFields)[number];

/** Call statuses after which a call is history rather than live work. */
export const finishedCallStatuses = ['closed', 'cancelled'] as const;
