import {
  addNoteRequestSchema,
  assignUnitRequestSchema,
  auditExportQuerySchema,
  auditListQuerySchema,
  callExportEstimateQuerySchema,
  callExportQuerySchema,
  callListQuerySchema,
  callReplayQuerySchema,
  cancelCallRequestSchema,
  changePasswordRequestSchema,
  createUserRequestSchema,
  updateGrantsRequestSchema,
  closeCallRequestSchema,
  createCallRequestSchema,
  historyEventsQuerySchema,
  historySnapshotQuerySchema,
  hotspotExportSchema,
  hotspotQuerySchema,
  ingestCallBatchSchema,
  ingestCallEventSchema,
  ingestPositionBatchSchema,
  ingestPositionSchema,
  ingestUnitBatchSchema,
  ingestUnitEventSchema,
  loginRequestSchema,
  mfaVerifyRequestSchema,
  webauthnRegisterRequestSchema,
  oidcCallbackQuerySchema,
  oidcLoginQuerySchema,
  createIntegrationTokenRequestSchema,
  totpConfirmRequestSchema,
  responseTimeCallsQuerySchema,
  responseTimeHistogramQuerySchema,
  responseTimeQuerySchema,
  statsDimensions,
  statsExportQuerySchema,
  unassignUnitRequestSchema,
  unitStatusRequestSchema,
  updateCallRequestSchema,
} from '@watchfloor/contracts';
import { callStatuses } from '@watchfloor/domain';
import fc from 'fast-check';
import { z } from 'zod';
import { eidoDocumentSchema } from '../../src/modules/ingest/eido.mapper.ts';
import { eidoLocationByValueSchema } from '../../src/modules/openapi/openapi.schemas.ts';
import type { Hints, JsonSchema } from './hostile-values.ts';

/** Who sends a request: a signed-in role, a feed's token, nobody, or a session made for one request. */
export type Persona =
  'admin' | 'dispatcher' | 'analyst' | 'integration' | 'anonymous' | 'throwaway';
/** What a path parameter names. */
export type ParamKind = 'call' | 'unit' | 'cell' | 'user' | 'token' | 'session' | 'webPath';

export interface RouteInput {
  personas: readonly Persona[];
  params?: Record<string, ParamKind>;
  query?: JsonSchema;
  body?: JsonSchema;
  /** Batch members validated one by one (`z.unknown()` in the batch schema): their own schema. */
  items?: Record<string, JsonSchema>;
}

const jsonSchema = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

const people = ['admin', 'dispatcher', 'analyst', 'anonymous'] as const;
const feeds = ['integration', 'anonymous', 'dispatcher'] as const;
const open = ['anonymous'] as const;
const session = (input: Omit<RouteInput, 'personas'> = {}): RouteInput => ({
  personas: people,
  ...input,
});
const query = (schema: z.ZodType) => session({ query: jsonSchema(schema) });
const onCall = (body?: z.ZodType) =>
  session({ params: { id: 'call' }, ...(body ? { body: jsonSchema(body) } : {}) });
const hotspotExportQuery = jsonSchema(
  z.object({ ...hotspotQuerySchema.shape, ...hotspotExportSchema.shape }),
);

/**
 * Every route of the app and the schemas its input is generated from, in one table.
 * The suite fails when a route of the app is missing here or a row names no route.
 */
export const routeInputs: Record<string, RouteInput> = {
  'GET /healthz': { personas: open },
  'GET /readyz': { personas: open },
  'GET /api/openapi.json': { personas: open },
  'POST /api/ingest/calls': {
    personas: feeds,
    body: jsonSchema(ingestCallBatchSchema),
    items: { events: jsonSchema(ingestCallEventSchema) },
  },
  'POST /api/ingest/units': {
    personas: feeds,
    body: jsonSchema(ingestUnitBatchSchema),
    items: { events: jsonSchema(ingestUnitEventSchema) },
  },
  'POST /api/ingest/positions': {
    personas: feeds,
    body: jsonSchema(ingestPositionBatchSchema),
    items: { positions: jsonSchema(ingestPositionSchema) },
  },
  'POST /api/ingest/eido': {
    personas: feeds,
    body: jsonSchema(eidoDocumentSchema),
    items: { locationByValue: jsonSchema(eidoLocationByValueSchema) },
  },
  'GET /api/auth/csrf': session(),
  // A fresh, cookie-less request each time, so no persona's session is replaced.
  'POST /api/auth/login': { personas: open, body: jsonSchema(loginRequestSchema) },
  // A session signed in for this one request, so no persona is signed out.
  'POST /api/auth/logout': { personas: ['throwaway', 'anonymous'] },
  'GET /api/me': session(),
  'GET /api/auth/providers': { personas: open },
  'GET /api/auth/oidc/login': { personas: open, query: jsonSchema(oidcLoginQuerySchema) },
  'GET /api/auth/oidc/callback': { personas: open, query: jsonSchema(oidcCallbackQuerySchema) },
  'GET /api/auth/mfa': session(),
  'POST /api/auth/mfa': session({ body: jsonSchema(mfaVerifyRequestSchema) }),
  'GET /api/auth/mfa/status': session(),
  'POST /api/auth/mfa/totp/enroll': session(),
  'POST /api/auth/mfa/totp/confirm': session({ body: jsonSchema(totpConfirmRequestSchema) }),
  'POST /api/auth/mfa/webauthn/options': session(),
  'POST /api/auth/mfa/webauthn/register/options': session(),
  'POST /api/auth/mfa/webauthn/register': session({
    body: jsonSchema(webauthnRegisterRequestSchema),
  }),
  'GET /api/tokens': session(),
  'GET /api/audit/verification': session(),
  'POST /api/tokens': session({ body: jsonSchema(createIntegrationTokenRequestSchema) }),
  'POST /api/tokens/:id/revoke': session({ params: { id: 'token' } }),
  'POST /api/users/:id/disable': session({ params: { id: 'user' } }),
  'POST /api/users/:id/enable': session({ params: { id: 'user' } }),
  'POST /api/users/:id/unlock': session({ params: { id: 'user' } }),
  'POST /api/users/:id/mfa/reset': session({ params: { id: 'user' } }),
  'GET /api/agency': session(),
  'GET /api/users': session(),
  'POST /api/users': session({ body: jsonSchema(createUserRequestSchema) }),
  'PATCH /api/users/:id': session({
    params: { id: 'user' },
    body: jsonSchema(updateGrantsRequestSchema),
  }),
  'POST /api/users/:id/password/reset': session({ params: { id: 'user' } }),
  'GET /api/users/:id/sessions': session({ params: { id: 'user' } }),
  'POST /api/users/:id/sessions/:sessionId/end': session({
    params: { id: 'user', sessionId: 'session' },
  }),
  'POST /api/auth/password': session({ body: jsonSchema(changePasswordRequestSchema) }),
  'GET /api/calls': query(callListQuerySchema),
  'POST /api/calls': session({ body: jsonSchema(createCallRequestSchema) }),
  'GET /api/calls/:id': onCall(),
  'PATCH /api/calls/:id': onCall(updateCallRequestSchema),
  'POST /api/calls/:id/assign': onCall(assignUnitRequestSchema),
  'POST /api/calls/:id/unassign': onCall(unassignUnitRequestSchema),
  'POST /api/calls/:id/notes': onCall(addNoteRequestSchema),
  'POST /api/calls/:id/close': onCall(closeCallRequestSchema),
  'POST /api/calls/:id/cancel': onCall(cancelCallRequestSchema),
  'GET /api/units': session(),
  'POST /api/units/:id/status': session({
    params: { id: 'unit' },
    body: jsonSchema(unitStatusRequestSchema),
  }),
  'GET /api/audit': query(auditListQuerySchema),
  'GET /api/audit/export': query(auditExportQuerySchema),
  'GET /api/stats/response-times': query(responseTimeQuerySchema),
  'GET /api/stats/response-times/calls': query(responseTimeCallsQuerySchema),
  'GET /api/stats/response-times/histogram': query(responseTimeHistogramQuerySchema),
  'GET /api/exports/calls/estimate': query(callExportEstimateQuerySchema),
  'GET /api/exports/calls': query(callExportQuerySchema),
  'GET /api/exports/stats': query(statsExportQuerySchema),
  'GET /api/hotspots': query(hotspotQuerySchema),
  'GET /api/hotspots/export': session({ query: hotspotExportQuery }),
  'GET /api/hotspots/cells/:cell/calls': session({
    params: { cell: 'cell' },
    query: jsonSchema(hotspotQuerySchema),
  }),
  'GET /api/history/snapshot': query(historySnapshotQuerySchema),
  'GET /api/history/events': query(historyEventsQuerySchema),
  'GET /api/history/calls/:id/replay': session({
    params: { id: 'call' },
    query: jsonSchema(callReplayQuerySchema),
  }),
  'GET /{*route}': { personas: people, params: { route: 'webPath' } },
};

/** What the seeded database holds, for values that reach past "not found". */
export interface World {
  unitIds: string[];
  callSigns: string[];
  usernames: string[];
}

const list = <T>(values: readonly T[]) =>
  fc
    .uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 })
    .map((picked) => picked.join(','));

/**
 * Plausible values by field name, shared by every route (the contracts name a field
 * the same everywhere). Instants come from a few days around the seeded calls, so
 * `from`/`to` pairs often make a valid window.
 */
export function fieldHints(world: World): Hints {
  const starts = fc.constantFrom(
    '2026-01-05T09:00:00Z',
    '2026-01-05T10:00:00Z',
    '2026-01-05T03:30:00-06:00',
    '2026-01-01T00:00:00Z',
  );
  const ends = fc.constantFrom(
    '2026-01-05T12:00:00Z',
    '2026-01-05T13:00:00.5Z',
    '2026-01-06T00:00:00Z',
    '2026-02-01T00:00:00Z',
  );
  const instants = fc.oneof(starts, ends);
  const day = fc.constantFrom('2026-01-05', '2026-01-04', '2026-01-06', '0000-01-03', '2026-13-01');
  return {
    instant: instants,
    at: instants,
    from: starts,
    to: ends,
    callType: fc.oneof(list(['DIST', 'TRAF']), fc.constantFrom('DIST', 'NOPE')),
    district: fc.oneof(list(['1', '2', '~none']), fc.constant('1')),
    homeDistrict: fc.constantFrom('1', '2'),
    beat: fc.constantFrom('1A', '2A', '~none'),
    status: list(callStatuses),
    priority: fc.oneof(list(['1', '2', '9']), fc.integer({ min: 1, max: 9 })),
    hour: fc.oneof(list(['0', '10', '23']), fc.integer({ min: 0, max: 23 }).map(String)),
    weekday: fc.integer({ min: 1, max: 7 }).map(String),
    groupBy: fc
      .uniqueArray(fc.constantFrom(...statsDimensions), { minLength: 1, maxLength: 2 })
      .map((dimensions) => dimensions.join(',')),
    day,
    week: fc.constantFrom('2026-01-05', '2026-01-06', '0000-01-03'),
    month: fc.constantFrom('2026-01', '0000-01', '2026-13'),
    shift: fc.constantFrom('day', 'swing', 'night'),
    metric: fc.constantFrom('response', 'travel', 'total'),
    purpose: fc.constantFrom('Quarterly review of response times', 'short'),
    disposition: fc.constantFrom('RPT', 'NOPE'),
    unitId: fc.oneof(fc.constantFrom(...world.unitIds), fc.uuid()),
    unit: fc.constantFrom(...world.callSigns),
    units: fc.array(fc.constantFrom(...world.callSigns), { maxLength: 2 }),
    callSign: fc.oneof(
      fc.constantFrom(...world.callSigns),
      fc.string({ minLength: 1, maxLength: 8 }),
    ),
    source: fc.constantFrom('cad', 'cad-2'),
    sourceEventId: fc.uuid(),
    sourceCallId: fc.constantFrom('H1', 'H2', 'H3'),
    username: fc.constantFrom(...world.usernames, 'nobody'),
    lat: fc.double({ min: 0, max: 0.01, noNaN: true }),
    lon: fc.double({ min: 0, max: 0.02, noNaN: true }),
    format: fc.constantFrom('csv', 'xlsx', 'geojson', 'ndjson', 'eido'),
  };
}
