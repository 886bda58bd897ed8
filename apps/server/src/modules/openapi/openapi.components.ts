import { z } from 'zod';
import {
  callExportEstimateSchema,
  exportTimeZoneHeader,
  addNoteRequestSchema,
  agencyConfigSchema,
  apiErrorSchema,
  assignedUnitSchema,
  assignUnitRequestSchema,
  auditEventViewSchema,
  auditListResponseSchema,
  auditChainReportSchema,
  callChangedMessageSchema,
  callReplaySchema,
  callDetailSchema,
  callEventSchema,
  callListResponseSchema,
  callSchema,
  cancelCallRequestSchema,
  closeCallRequestSchema,
  createCallRequestSchema,
  CSRF_HEADER,
  csrfResponseSchema,
  authProvidersSchema,
  historicalCallSchema,
  historicalUnitSchema,
  historyChangeSchema,
  historyEventsSchema,
  historySnapshotSchema,
  hotspotCellCallsSchema,
  hotspotResponseSchema,
  ingestCallBatchSchema,
  ingestCallEventSchema,
  ingestItemResultSchema,
  ingestPositionBatchSchema,
  ingestPositionSchema,
  ingestResponseSchema,
  ingestUnitBatchSchema,
  ingestUnitEventSchema,
  issueSchema,
  livePositionSchema,
  liveResyncMessageSchema,
  loginRequestSchema,
  createIntegrationTokenRequestSchema,
  createIntegrationTokenResponseSchema,
  integrationTokenListResponseSchema,
  integrationTokenViewSchema,
  mfaResetResponseSchema,
  mfaStatusSchema,
  mfaVerifyRequestSchema,
  secondFactorPendingSchema,
  totpConfirmRequestSchema,
  webauthnOptionsSchema,
  webauthnRegisterRequestSchema,
  enrolmentConfirmedSchema,
  totpEnrollResponseSchema,
  loginResponseSchema,
  meResponseSchema,
  positionBatchSchema,
  positionSchema,
  replayUnitSchema,
  responseTimeCallSchema,
  responseTimeCallsSchema,
  responseTimeGroupSchema,
  responseTimeHistogramSchema,
  responseTimeStatsSchema,
  unassignUnitRequestSchema,
  unitChangedMessageSchema,
  unitListResponseSchema,
  unitSchema,
  unitStatusRequestSchema,
  updateCallRequestSchema,
  userAdminViewSchema,
  createUserRequestSchema,
  updateGrantsRequestSchema,
  changePasswordRequestSchema,
  oneTimePasswordResponseSchema,
  userSessionListResponseSchema,
  userListResponseSchema,
} from '@watchfloor/contracts';
import { SESSION_COOKIE } from '../auth/session.ts';
import { eidoDocumentSchema } from '../ingest/eido.mapper.ts';
import {
  eidoLocationByValueSchema,
  healthSchema,
  ifMatchSchema,
  notReadySchema,
  readySchema,
  resourceIdSchema,
  versionConflictErrorSchema,
} from './openapi.schemas.ts';
import {
  type HeaderObject,
  type HttpMethod,
  type JsonSchema,
  type ParameterObject,
  type Reference,
  type ResponseObject,
  type SecurityRequirement,
} from './openapi.types.ts';

// --- Schemas ------------------------------------------------------------------

/** Request bodies, converted as zod reads them (`io: 'input'`: defaults optional, extra keys stripped). */
export const requestSchemas = {
  LoginRequest: loginRequestSchema,
  CreateIntegrationTokenRequest: createIntegrationTokenRequestSchema,
  CreateUserRequest: createUserRequestSchema,
  UpdateGrantsRequest: updateGrantsRequestSchema,
  ChangePasswordRequest: changePasswordRequestSchema,
  MfaVerifyRequest: mfaVerifyRequestSchema,
  TotpConfirmRequest: totpConfirmRequestSchema,
  WebauthnRegisterRequest: webauthnRegisterRequestSchema,
  CreateCallRequest: createCallRequestSchema,
  UpdateCallRequest: updateCallRequestSchema,
  AssignUnitRequest: assignUnitRequestSchema,
  UnassignUnitRequest: unassignUnitRequestSchema,
  AddNoteRequest: addNoteRequestSchema,
  CloseCallRequest: closeCallRequestSchema,
  CancelCallRequest: cancelCallRequestSchema,
  UnitStatusRequest: unitStatusRequestSchema,
  IngestCallBatch: ingestCallBatchSchema,
  IngestCallEvent: ingestCallEventSchema,
  IngestUnitBatch: ingestUnitBatchSchema,
  IngestUnitEvent: ingestUnitEventSchema,
  IngestPositionBatch: ingestPositionBatchSchema,
  IngestPosition: ingestPositionSchema,
  EidoDocument: eidoDocumentSchema,
  EidoLocationByValue: eidoLocationByValueSchema,
} satisfies Record<string, z.ZodType>;

/** What the server sends (`io: 'output'`), REST bodies and socket payloads alike. */
export const responseSchemas = {
  ApiError: apiErrorSchema,
  Issue: issueSchema,
  VersionConflictError: versionConflictErrorSchema,
  Health: healthSchema,
  Ready: readySchema,
  NotReady: notReadySchema,
  CsrfResponse: csrfResponseSchema,
  AuthProviders: authProvidersSchema,
  LoginResponse: loginResponseSchema,
  MeResponse: meResponseSchema,
  AgencyConfig: agencyConfigSchema,
  UserListResponse: userListResponseSchema,
  SecondFactorPending: secondFactorPendingSchema,
  MfaStatus: mfaStatusSchema,
  TotpEnrollResponse: totpEnrollResponseSchema,
  EnrolmentConfirmed: enrolmentConfirmedSchema,
  MfaResetResponse: mfaResetResponseSchema,
  IntegrationTokenListResponse: integrationTokenListResponseSchema,
  IntegrationToken: integrationTokenViewSchema,
  CreateIntegrationTokenResponse: createIntegrationTokenResponseSchema,
  WebauthnOptions: webauthnOptionsSchema,
  UserAdminView: userAdminViewSchema,
  OneTimePasswordResponse: oneTimePasswordResponseSchema,
  UserSessionListResponse: userSessionListResponseSchema,
  AuditListResponse: auditListResponseSchema,
  AuditChainReport: auditChainReportSchema,
  AuditEvent: auditEventViewSchema,
  CallListResponse: callListResponseSchema,
  Call: callSchema,
  CallDetail: callDetailSchema,
  CallEvent: callEventSchema,
  AssignedUnit: assignedUnitSchema,
  UnitListResponse: unitListResponseSchema,
  Unit: unitSchema,
  UnitPosition: positionSchema,
  IngestResponse: ingestResponseSchema,
  IngestItemResult: ingestItemResultSchema,
  CallChangedMessage: callChangedMessageSchema,
  UnitChangedMessage: unitChangedMessageSchema,
  PositionBatch: positionBatchSchema,
  LiveResyncMessage: liveResyncMessageSchema,
  LivePosition: livePositionSchema,
  ResponseTimeStats: responseTimeStatsSchema,
  CallExportEstimate: callExportEstimateSchema,
  ResponseTimeGroup: responseTimeGroupSchema,
  ResponseTimeCalls: responseTimeCallsSchema,
  ResponseTimeCall: responseTimeCallSchema,
  ResponseTimeHistogram: responseTimeHistogramSchema,
  HistorySnapshot: historySnapshotSchema,
  Hotspots: hotspotResponseSchema,
  HotspotCellCalls: hotspotCellCallsSchema,
  HistoricalCall: historicalCallSchema,
  HistoricalUnit: historicalUnitSchema,
  HistoryEvents: historyEventsSchema,
  HistoryChange: historyChangeSchema,
  CallReplay: callReplaySchema,
  ReplayUnit: replayUnitSchema,
} satisfies Record<string, z.ZodType>;

export type RequestSchemaName = keyof typeof requestSchemas;
export type ResponseSchemaName = keyof typeof responseSchemas;
export type SchemaName = RequestSchemaName | ResponseSchemaName;

export const schemaRef = (name: SchemaName): Reference => ({
  $ref: `#/components/schemas/${name}`,
});

/** The schema the EIDO mapper accepts as anything, documented with the forms it reads. */
export const eidoLocationByValue =
  eidoDocumentSchema.shape.locationComponent.unwrap().options[0].element.shape.locationByValue;

/**
 * Converts named zod schemas with `z.toJSONSchema` in one pass, so a named schema
 * nested in another becomes a `$ref` to its component. `$schema` and `$id` are
 * dropped: OpenAPI 3.1 schemas are JSON Schema 2020-12 already, and the ids are
 * the component names.
 */
export function convert(
  entries: Record<string, z.ZodType>,
  io: 'input' | 'output',
  override?: (ctx: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }) => void,
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(entries)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    uri: (id) => `#/components/schemas/${id}`,
    ...(override ? { override } : {}),
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );
}

/** A standalone conversion, for parameters. */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

/** One query parameter per property of a zod query schema, as zod reads the query string. */
export function queryParameters(schema: z.ZodObject): ParameterObject[] {
  const json = toJsonSchema(schema, 'input');
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const propertySchema: JsonSchema = typeof property === 'boolean' ? {} : property;
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(propertySchema.description ? { description: propertySchema.description } : {}),
      schema: propertySchema,
    };
  });
}

// --- Shared components -----------------------------------------------------------

export const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
export const errorContent = json(schemaRef('ApiError'));
export const responseRef = (name: string): Reference => ({
  $ref: `#/components/responses/${name}`,
});
export const parameterRef = (name: string): Reference => ({
  $ref: `#/components/parameters/${name}`,
});
export const headerRef = (name: string): Reference => ({ $ref: `#/components/headers/${name}` });

export const headers: Record<string, HeaderObject> = {
  ETag: {
    description:
      'The call’s version as a strong entity tag, e.g. `"7"`. Send it back as `If-Match` to edit.',
    schema: { type: 'string' },
  },
  RetryAfter: {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer', minimum: 0 },
  },
  ExportDisposition: {
    description:
      "`attachment` with the file name (ASCII and `filename*=UTF-8''…`): agency, kind, period (local dates, end exclusive), export time with offset and time zone, e.g. `oakland_calls_2024-01-01_to_2024-02-01_exported-20240203T101500-0800_tz-America-Los_Angeles.csv`.",
    schema: { type: 'string' },
  },
  ExportTimeZone: {
    description: `\`${exportTimeZoneHeader}\`: the IANA time zone the file’s instants are rendered in (ISO 8601 with its offset).`,
    schema: { type: 'string' },
  },
};

/** A streamed export file: one of `contentTypes`, with its name and time zone in headers. */
export const exportFile = (description: string, contentTypes: string[]): ResponseObject => ({
  description,
  headers: {
    'Content-Disposition': headerRef('ExportDisposition'),
    [exportTimeZoneHeader]: headerRef('ExportTimeZone'),
  },
  content: Object.fromEntries(
    contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
  ),
});

export const parameters: Record<string, ParameterObject> = {
  HotspotCell: {
    name: 'cell',
    in: 'path',
    required: true,
    description: 'An H3 cell index (hexadecimal), as `GET /api/hotspots` gives it.',
    schema: { type: 'string' },
  },
  CallId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The call’s id. Anything that is not a readable call’s id is a 404.',
    schema: toJsonSchema(resourceIdSchema),
  },
  UnitId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The unit’s id. Anything that is not a readable unit’s id is a 404.',
    schema: toJsonSchema(resourceIdSchema),
  },
  TokenId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The integration token’s id (never the token itself).',
    schema: toJsonSchema(resourceIdSchema),
  },
  UserId: {
    name: 'id',
    in: 'path',
    required: true,
    description:
      'The account’s id. Anything that is not an account an administrator can see is a 404.',
    schema: toJsonSchema(resourceIdSchema),
  },
  SessionHandle: {
    name: 'sessionId',
    in: 'path',
    required: true,
    description:
      'A session’s handle as `GET /api/users/{id}/sessions` lists it (64 hex digits); never the session cookie.',
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: true,
    description:
      'The version of the call you edited, as the `ETag` gave it (`"7"`; `W/"7"` and `7` are accepted). Without it the edit is refused with 428.',
    schema: toJsonSchema(ifMatchSchema),
  },
};

export const responses: Record<string, ResponseObject> = {
  ValidationFailed: {
    description:
      '`validation_failed`: the request is invalid; `error.issues` lists every problem with its field path.',
    content: errorContent,
  },
  Unauthenticated: {
    description: '`unauthenticated`: no signed-in session (or it expired); sign in again.',
    content: errorContent,
  },
  Forbidden: {
    description: '`forbidden`: the signed-in user’s role or districts do not allow this.',
    content: errorContent,
  },
  ForbiddenOrCsrf: {
    description: `\`forbidden\`: the role or districts do not allow this; or \`csrf_invalid\`: the \`${CSRF_HEADER}\` header is missing or wrong (fetch \`/api/auth/csrf\`).`,
    content: errorContent,
  },
  NotFound: {
    description: '`not_found`: no such resource, or none the user may read.',
    content: errorContent,
  },
  PreconditionRequired: {
    description: '`precondition_required`: send `If-Match` with the call version you edited.',
    content: errorContent,
  },
  BearerUnauthenticated: {
    description:
      '`unauthenticated`: no `Authorization: Bearer` integration token, or one that is unknown or revoked.',
    headers: {
      'WWW-Authenticate': { description: 'Always `Bearer`.', schema: { type: 'string' } },
    },
    content: errorContent,
  },
  IngestForbidden: {
    description: '`forbidden`: the token’s integration role may not ingest this.',
    content: errorContent,
  },
  StorageUnavailable: {
    description:
      '`storage_unavailable`: storage failed. Items acknowledged before were committed; retry the whole batch after `Retry-After` (ingest is idempotent).',
    headers: { 'Retry-After': headerRef('RetryAfter') },
    content: errorContent,
  },
};

export const securitySchemes: Record<string, Record<string, string>> = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The HttpOnly, SameSite=Strict session cookie set by `POST /api/auth/login`. It expires after inactivity and at the absolute session lifetime.',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description:
      'Synchronizer token for state-changing browser requests, from the login response or `GET /api/auth/csrf`.',
  },
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An integration token (`watchfloor tokens create`), for machine ingest under `/api/ingest/*` only.',
  },
};

export type Auth = 'public' | 'session' | 'session+csrf' | 'bearer';
export const securityFor: Record<Auth, SecurityRequirement[]> = {
  public: [],
  session: [{ sessionCookie: [] }],
  'session+csrf': [{ sessionCookie: [], csrfToken: [] }],
  bearer: [{ bearerAuth: [] }],
};

// --- Routes ----------------------------------------------------------------------

export type ErrorStatus = 400 | 401 | 403 | 404 | 428 | 503;

export interface RouteSpec {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: Auth;
  query?: z.ZodObject;
  parameters?: Reference[];
  body?: { schema: JsonSchema; description?: string };
  /** Success and route-specific responses (a 409's codes, say). */
  responses: Record<string, ResponseObject | Reference>;
  /** Shared error responses; which 401 and 403 depends on `auth`. */
  errors?: ErrorStatus[];
}

export function errorResponse(status: ErrorStatus, auth: Auth): Reference {
  switch (status) {
    case 400:
      return responseRef('ValidationFailed');
    case 401:
      return responseRef(auth === 'bearer' ? 'BearerUnauthenticated' : 'Unauthenticated');
    case 403:
      return responseRef(
        auth === 'bearer'
          ? 'IngestForbidden'
          : auth === 'session+csrf'
            ? 'ForbiddenOrCsrf'
            : 'Forbidden',
      );
    case 404:
      return responseRef('NotFound');
    case 428:
      return responseRef('PreconditionRequired');
    case 503:
      return responseRef('StorageUnavailable');
  }
}

export const ok = (name: ResponseSchemaName, description: string): ResponseObject => ({
  description,
  content: json(schemaRef(name)),
});
export const withEtag = (response: ResponseObject): ResponseObject => ({
  ...response,
  headers: { ETag: headerRef('ETag') },
});
export const conflict = (description: string): ResponseObject => ({
  description,
  content: errorContent,
});
export const illegalTransition = conflict(
  '`illegal_transition`: the call’s or unit’s state does not allow this; `error.message` says why.',
);
export const body = (name: RequestSchemaName, description?: string) => ({
  schema: schemaRef(name),
  ...(description ? { description } : {}),
});

/**
 * An ingest batch: the batch schema (which accepts any item, because items are
 * validated one by one) and the schema every item must meet to be applied.
 */
export const batchOf = (
  batch: RequestSchemaName,
  list: 'events' | 'positions',
  item: RequestSchemaName,
) => ({
  schema: {
    allOf: [
      schemaRef(batch),
      { type: 'object', properties: { [list]: { type: 'array', items: schemaRef(item) } } },
    ],
  } satisfies JsonSchema,
  description: `Each of \`${list}\` must match \`${item}\` to be applied. Items are validated one by one: an invalid item is reported as \`rejected\` with its issues, and the rest of the batch still applies.`,
});

export const ingestResponse = ok(
  'IngestResponse',
  'What happened to each item, in request order, and a count per outcome.',
);
export const ingestErrors: ErrorStatus[] = [400, 401, 403, 503];
export const callAction: ErrorStatus[] = [400, 401, 403, 404];
