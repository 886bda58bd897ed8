import { z } from 'zod';
import {
  addNoteRequestSchema,
  agencyConfigSchema,
  apiErrorSchema,
  assignedUnitSchema,
  assignUnitRequestSchema,
  auditEventViewSchema,
  auditListQuerySchema,
  auditListResponseSchema,
  callChangedMessageSchema,
  callDetailSchema,
  callEventSchema,
  callListQuerySchema,
  callListResponseSchema,
  callSchema,
  cancelCallRequestSchema,
  closeCallRequestSchema,
  createCallRequestSchema,
  CSRF_HEADER,
  csrfResponseSchema,
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
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  positionBatchSchema,
  positionSchema,
  unassignUnitRequestSchema,
  unitChangedMessageSchema,
  unitListResponseSchema,
  unitSchema,
  unitStatusRequestSchema,
  updateCallRequestSchema,
  userAdminViewSchema,
  userListResponseSchema,
  type ServerToClientEventName,
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

/** The contract's version; bump it when a route or schema changes incompatibly. */
export const apiVersion = '1.0.0';

export type JsonSchema = z.core.JSONSchema.BaseSchema;
// A type alias, not an interface, so a reference is also a JSON Schema.
export type Reference = { $ref: string };

export interface HeaderObject {
  description?: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface ParameterObject extends HeaderObject {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
}

export interface MediaTypeObject {
  schema: JsonSchema;
}

export interface RequestBodyObject {
  description?: string;
  required: boolean;
  content: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | Reference>;
  content?: Record<string, MediaTypeObject>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: SecurityRequirement[];
  parameters?: (ParameterObject | Reference)[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject | Reference>;
}

export type HttpMethod = 'get' | 'post' | 'patch';
export type PathItemObject = Partial<Record<HttpMethod, OperationObject>>;

export interface SocketEventObject {
  summary: string;
  delivery: 'reliable' | 'volatile';
  ordering: string;
  payload: Reference;
}

/** Socket.IO has no OpenAPI vocabulary; this extension describes the realtime channel. */
export interface SocketEventsExtension {
  description: string;
  transport: { library: 'socket.io'; version: string; path: string; namespace: string };
  authentication: { security: SecurityRequirement[]; description: string };
  rooms: string;
  clientToServer: Record<string, never>;
  serverToClient: Record<ServerToClientEventName, SocketEventObject>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
    parameters: Record<string, ParameterObject>;
    headers: Record<string, HeaderObject>;
    securitySchemes: Record<string, Record<string, string>>;
  };
  'x-socket-events': SocketEventsExtension;
}

// --- Schemas ------------------------------------------------------------------

/** Request bodies, converted as zod reads them (`io: 'input'`: defaults optional, extra keys stripped). */
const requestSchemas = {
  LoginRequest: loginRequestSchema,
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
const responseSchemas = {
  ApiError: apiErrorSchema,
  Issue: issueSchema,
  VersionConflictError: versionConflictErrorSchema,
  Health: healthSchema,
  Ready: readySchema,
  NotReady: notReadySchema,
  CsrfResponse: csrfResponseSchema,
  LoginResponse: loginResponseSchema,
  MeResponse: meResponseSchema,
  AgencyConfig: agencyConfigSchema,
  UserListResponse: userListResponseSchema,
  UserAdminView: userAdminViewSchema,
  AuditListResponse: auditListResponseSchema,
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
  LivePosition: livePositionSchema,
} satisfies Record<string, z.ZodType>;

type RequestSchemaName = keyof typeof requestSchemas;
type ResponseSchemaName = keyof typeof responseSchemas;
type SchemaName = RequestSchemaName | ResponseSchemaName;

const schemaRef = (name: SchemaName): Reference => ({ $ref: `#/components/schemas/${name}` });

/** The schema the EIDO mapper accepts as anything, documented with the forms it reads. */
const eidoLocationByValue =
  eidoDocumentSchema.shape.locationComponent.unwrap().options[0].element.shape.locationByValue;

/**
 * Converts named zod schemas with `z.toJSONSchema` in one pass, so a named schema
 * nested in another becomes a `$ref` to its component. `$schema` and `$id` are
 * dropped: OpenAPI 3.1 schemas are JSON Schema 2020-12 already, and the ids are
 * the component names.
 */
function convert(
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
function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

/** One query parameter per property of a zod query schema, as zod reads the query string. */
function queryParameters(schema: z.ZodObject): ParameterObject[] {
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

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const errorContent = json(schemaRef('ApiError'));
const responseRef = (name: string): Reference => ({ $ref: `#/components/responses/${name}` });
const parameterRef = (name: string): Reference => ({ $ref: `#/components/parameters/${name}` });
const headerRef = (name: string): Reference => ({ $ref: `#/components/headers/${name}` });

const headers: Record<string, HeaderObject> = {
  ETag: {
    description:
      'The call’s version as a strong entity tag, e.g. `"7"`. Send it back as `If-Match` to edit.',
    schema: { type: 'string' },
  },
  RetryAfter: {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer', minimum: 0 },
  },
};

const parameters: Record<string, ParameterObject> = {
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
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: true,
    description:
      'The version of the call you edited, as the `ETag` gave it (`"7"`; `W/"7"` and `7` are accepted). Without it the edit is refused with 428.',
    schema: toJsonSchema(ifMatchSchema),
  },
};

const responses: Record<string, ResponseObject> = {
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

const securitySchemes: Record<string, Record<string, string>> = {
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

type Auth = 'public' | 'session' | 'session+csrf' | 'bearer';
const securityFor: Record<Auth, SecurityRequirement[]> = {
  public: [],
  session: [{ sessionCookie: [] }],
  'session+csrf': [{ sessionCookie: [], csrfToken: [] }],
  bearer: [{ bearerAuth: [] }],
};

// --- Routes ----------------------------------------------------------------------

type ErrorStatus = 400 | 401 | 403 | 404 | 428 | 503;

interface RouteSpec {
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

function errorResponse(status: ErrorStatus, auth: Auth): Reference {
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

const ok = (name: ResponseSchemaName, description: string): ResponseObject => ({
  description,
  content: json(schemaRef(name)),
});
const withEtag = (response: ResponseObject): ResponseObject => ({
  ...response,
  headers: { ETag: headerRef('ETag') },
});
const conflict = (description: string): ResponseObject => ({ description, content: errorContent });
const illegalTransition = conflict(
  '`illegal_transition`: the call’s or unit’s state does not allow this; `error.message` says why.',
);
const body = (name: RequestSchemaName, description?: string) => ({
  schema: schemaRef(name),
  ...(description ? { description } : {}),
});

/**
 * An ingest batch: the batch schema (which accepts any item, because items are
 * validated one by one) and the schema every item must meet to be applied.
 */
const batchOf = (
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

const ingestResponse = ok(
  'IngestResponse',
  'What happened to each item, in request order, and a count per outcome.',
);
const ingestErrors: ErrorStatus[] = [400, 401, 403, 503];
const callAction: ErrorStatus[] = [400, 401, 403, 404];

const routes: RouteSpec[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    summary: 'Liveness: the process is up',
    tag: 'Health',
    auth: 'public',
    responses: { 200: ok('Health', 'The process is alive.') },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    summary: 'Readiness: the database answers and every migration is applied',
    tag: 'Health',
    auth: 'public',
    responses: {
      200: ok('Ready', 'Ready for traffic.'),
      503: ok('NotReady', 'Migrations are missing or the database does not answer.'),
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI document',
    description: 'Generated from the shared zod contracts at boot.',
    tag: 'Meta',
    auth: 'public',
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document.',
        content: json({ type: 'object', description: 'An OpenAPI 3.1 document' }),
      },
    },
  },
  {
    method: 'get',
    path: '/api/auth/csrf',
    operationId: 'getCsrfToken',
    summary: 'The session’s CSRF token',
    description: `Send it as \`${CSRF_HEADER}\` on every state-changing request, e.g. after a page reload.`,
    tag: 'Auth',
    auth: 'public',
    responses: { 200: ok('CsrfResponse', 'The token bound to the current session.') },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    operationId: 'login',
    summary: 'Sign in with username and password',
    description:
      'Starts a new session (the id is regenerated) and returns the user, their packed permission rules and a fresh CSRF token. Exempt from CSRF. Repeated failures lock the account; a locked or disabled account gets the same 401 as a wrong password.',
    tag: 'Auth',
    auth: 'public',
    body: body('LoginRequest'),
    responses: {
      200: {
        description: 'Signed in.',
        headers: {
          'Set-Cookie': {
            description: `The \`${SESSION_COOKIE}\` session cookie (HttpOnly, SameSite=Strict).`,
            schema: { type: 'string' },
          },
        },
        content: json(schemaRef('LoginResponse')),
      },
      401: {
        description:
          '`invalid_credentials`: wrong username or password, or the account is locked or disabled.',
        content: errorContent,
      },
      429: {
        description: '`rate_limited`: too many sign-in attempts from this address; wait and retry.',
        headers: {
          'Retry-After': headerRef('RetryAfter'),
          RateLimit: {
            description: 'IETF draft-8 rate-limit state.',
            schema: { type: 'string' },
          },
          'RateLimit-Policy': {
            description: 'IETF draft-8 rate-limit policy.',
            schema: { type: 'string' },
          },
        },
        content: errorContent,
      },
    },
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    operationId: 'logout',
    summary: 'Sign out',
    description: 'Destroys the session, clears the cookie and disconnects the session’s sockets.',
    tag: 'Auth',
    auth: 'session+csrf',
    responses: { 204: { description: 'Signed out.' } },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/me',
    operationId: 'getMe',
    summary: 'The signed-in user and their packed permission rules',
    tag: 'Auth',
    auth: 'session',
    responses: { 200: ok('MeResponse', 'The signed-in user.') },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/agency',
    operationId: 'getAgency',
    summary: 'The agency configuration: districts, beats, priorities, call types, dispositions',
    tag: 'Agency',
    auth: 'session',
    responses: { 200: ok('AgencyConfig', 'The agency configuration.') },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/users',
    operationId: 'listUsers',
    summary: 'Every account (administrators)',
    tag: 'Users',
    auth: 'session',
    responses: { 200: ok('UserListResponse', 'The accounts, never their password hashes.') },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/audit',
    operationId: 'listAuditEvents',
    summary: 'The audit log, newest first',
    tag: 'Audit',
    auth: 'session',
    query: auditListQuerySchema,
    responses: { 200: ok('AuditListResponse', 'One page of audit events.') },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/api/calls',
    operationId: 'listCalls',
    summary: 'Calls for service the user may read',
    description:
      'Filtered by the user’s districts and role; fields the user may not read (caller data for analysts) are absent.',
    tag: 'Calls',
    auth: 'session',
    query: callListQuerySchema,
    responses: { 200: ok('CallListResponse', 'The calls, by priority then age.') },
    errors: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/api/calls',
    operationId: 'createCall',
    summary: 'Create a call',
    description: 'Beat and district are located from the coordinates.',
    tag: 'Calls',
    auth: 'session+csrf',
    body: body('CreateCallRequest'),
    responses: { 201: ok('Call', 'The new call, pending.') },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/api/calls/{id}',
    operationId: 'getCall',
    summary: 'A call with its timeline',
    tag: 'Calls',
    auth: 'session',
    parameters: [parameterRef('CallId')],
    responses: { 200: withEtag(ok('CallDetail', 'The call and its timeline.')) },
    errors: [401, 404],
  },
  {
    method: 'patch',
    path: '/api/calls/{id}',
    operationId: 'updateCall',
    summary: 'Edit an open call (optimistic concurrency)',
    description:
      'Requires `If-Match` with the version you edited. Status moves to enroute or onscene only; dispatch, close and cancel go through the action routes.',
    tag: 'Calls',
    auth: 'session+csrf',
    parameters: [parameterRef('CallId'), parameterRef('IfMatch')],
    body: body('UpdateCallRequest'),
    responses: {
      200: withEtag(ok('Call', 'The updated call.')),
      409: {
        description:
          '`version_conflict`: someone changed the call since your version; `error.current` is the call as it is now. Or `illegal_transition`: the status move is not allowed.',
        content: json({ oneOf: [schemaRef('VersionConflictError'), schemaRef('ApiError')] }),
      },
    },
    errors: [400, 401, 403, 404, 428],
  },
  {
    method: 'post',
    path: '/api/calls/{id}/assign',
    operationId: 'assignUnit',
    summary: 'Dispatch an available unit to the call',
    tag: 'Calls',
    auth: 'session+csrf',
    parameters: [parameterRef('CallId')],
    body: body('AssignUnitRequest'),
    responses: { 200: ok('Call', 'The updated call.'), 409: illegalTransition },
    errors: callAction,
  },
  {
    method: 'post',
    path: '/api/calls/{id}/unassign',
    operationId: 'unassignUnit',
    summary: 'Take a unit off the call',
    tag: 'Calls',
    auth: 'session+csrf',
    parameters: [parameterRef('CallId')],
    body: body('UnassignUnitRequest'),
    responses: {
      200: ok('Call', 'The updated call.'),
      409: conflict('`not_assigned`: the unit is not on this call; or `illegal_transition`.'),
    },
    errors: callAction,
  },
  {
    method: 'post',
    path: '/api/calls/{id}/notes',
    operationId: 'addCallNote',
    summary: 'Add a note to the call',
    tag: 'Calls',
    auth: 'session+csrf',
    parameters: [parameterRef('CallId')],
    body: body('AddNoteRequest'),
    responses: { 201: ok('Call', 'The call with the note.') },
    errors: callAction,
  },
  {
    method: 'post',
    path: '/api/calls/{id}/close',
    operationId: 'closeCall',
    summary: 'Close the call with a disposition; its units are released',
    tag: 'Calls',
    auth: 'session+csrf',
    parameters: [parameterRef('CallId')],
    body: body('CloseCallRequest'),
    responses: { 200: ok('Call', 'The closed call.'), 409: illegalTransition },
    errors: callAction,
  },
  {
    method: 'post',
    path: '/api/calls/{id}/cancel',
    operationId: 'cancelCall',
    summary: 'Cancel the call; its units are released',
    tag: 'Calls',
    auth: 'session+csrf',
    parameters: [parameterRef('CallId')],
    body: body('CancelCallRequest', 'Optional: an empty body cancels without a reason.'),
    responses: { 200: ok('Call', 'The cancelled call.'), 409: illegalTransition },
    errors: callAction,
  },
  {
    method: 'get',
    path: '/api/units',
    operationId: 'listUnits',
    summary: 'Units the user may read',
    description: 'A unit’s `position` is null when there is none or the user may not read it.',
    tag: 'Units',
    auth: 'session',
    responses: { 200: ok('UnitListResponse', 'The units.') },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/api/units/{id}/status',
    operationId: 'changeUnitStatus',
    summary: 'Change a unit’s status',
    description:
      'En route and on scene carry the unit’s call forward; available releases the unit from its call.',
    tag: 'Units',
    auth: 'session+csrf',
    parameters: [parameterRef('UnitId')],
    body: body('UnitStatusRequest'),
    responses: { 200: ok('Unit', 'The updated unit.'), 409: illegalTransition },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/ingest/calls',
    operationId: 'ingestCalls',
    summary: 'Ingest call events from a CAD',
    description:
      'Idempotent by `(source, sourceEventId)`; events apply in `at` order, so a late event lands in history without undoing a newer state.',
    tag: 'Ingest',
    auth: 'bearer',
    body: batchOf('IngestCallBatch', 'events', 'IngestCallEvent'),
    responses: { 200: ingestResponse },
    errors: ingestErrors,
  },
  {
    method: 'post',
    path: '/api/ingest/units',
    operationId: 'ingestUnits',
    summary: 'Ingest the unit roster and unit status changes',
    description: 'A new call sign creates the unit (it needs `homeDistrict`).',
    tag: 'Ingest',
    auth: 'bearer',
    body: batchOf('IngestUnitBatch', 'events', 'IngestUnitEvent'),
    responses: { 200: ingestResponse },
    errors: ingestErrors,
  },
  {
    method: 'post',
    path: '/api/ingest/positions',
    operationId: 'ingestPositions',
    summary: 'Ingest AVL unit positions',
    description:
      'An older report, or an implausible jump, goes to history without moving the unit.',
    tag: 'Ingest',
    auth: 'bearer',
    body: batchOf('IngestPositionBatch', 'positions', 'IngestPosition'),
    responses: { 200: ingestResponse },
    errors: ingestErrors,
  },
  {
    method: 'post',
    path: '/api/ingest/eido',
    operationId: 'ingestEido',
    summary: 'Ingest one NENA EIDO (NENA-STA-021) incident document',
    description: [
      'Only the subset below is read; other members are ignored, as EIDO allows. It becomes one call event:',
      '- `eidoMessageIdentifier` → `sourceEventId`; `sendingSystemIdentifier` → source `eido-<system>`.',
      '- `incidentComponent[0]`: `incidentTrackingIdentifier` → `sourceCallId`; `incidentTypeInternalCode` or `incidentTypeCommonRegistryText` → call type (matched to the agency’s codes, then descriptions); `incidentStatusCommonRegistryText` → status (e.g. new, dispatched, responding, arrived, cleared, cancelled); `incidentCommonPriorityNumber` → priority; `lastUpdateTimeStamp` (else the document’s, else now) → `at`.',
      '- `locationReference` picks the `locationComponent` whose `$id` or `componentIdentifier` it names (the first one when there is none); its `locationByValue` gives the point.',
      'A component may be sent as one object or a list. Send `Content-Type: application/json`.',
    ].join('\n'),
    tag: 'Ingest',
    auth: 'bearer',
    body: body('EidoDocument'),
    responses: { 200: ingestResponse },
    errors: ingestErrors,
  },
];

const tags = [
  { name: 'Health', description: 'Probes for load balancers and orchestrators.' },
  { name: 'Meta', description: 'This contract.' },
  { name: 'Auth', description: 'Sign-in, session and CSRF token.' },
  { name: 'Agency', description: 'The agency’s configuration.' },
  { name: 'Users', description: 'Accounts (administration).' },
  { name: 'Audit', description: 'The append-only audit log.' },
  { name: 'Calls', description: 'Calls for service and dispatcher actions.' },
  { name: 'Units', description: 'Units and their status.' },
  { name: 'Ingest', description: 'Machine ingest from CAD and AVL systems (bearer token).' },
];

function operationFor(route: RouteSpec): OperationObject {
  const routeParameters = [
    ...(route.parameters ?? []),
    ...(route.query ? queryParameters(route.query) : []),
  ];
  const errorResponses = Object.fromEntries(
    (route.errors ?? []).map((status) => [String(status), errorResponse(status, route.auth)]),
  );
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: securityFor[route.auth],
    ...(routeParameters.length > 0 ? { parameters: routeParameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            ...(route.body.description ? { description: route.body.description } : {}),
            content: json(route.body.schema),
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries({ ...route.responses, ...errorResponses }).sort(([a], [b]) =>
        a.localeCompare(b),
      ),
    ),
  };
}

function socketEvents(): SocketEventsExtension {
  return {
    description:
      'Socket.IO events (server to client). OpenAPI has no vocabulary for them, so this extension lists them; payload schemas are generated from `packages/contracts/src/realtime.ts` like the REST schemas.',
    transport: { library: 'socket.io', version: '4', path: '/socket.io/', namespace: '/' },
    authentication: {
      security: [{ sessionCookie: [] }],
      description: `The handshake carries the same \`${SESSION_COOKIE}\` cookie as the HTTP API; a socket without a signed-in session is refused with \`unauthorized\`. Browsers must connect from the server’s own origin (or a configured one). A socket is cut when its session ends (sign-out, absolute lifetime) or its user’s access changes. There is no connection-state recovery: after a reconnect, refetch over REST.`,
    },
    rooms:
      'Clients never name rooms and send no events. At the handshake the server puts each socket in rooms derived from the user’s ability (all districts, or one room per assigned district they may fully read); roles without live views (analyst, admin, integration) join no data rooms. Every message is shaped for its room’s audience, with fields that audience may not read left out.',
    clientToServer: {},
    serverToClient: {
      'calls:changed': {
        summary:
          'A call changed: `{ seq, call }`, or `{ seq, callId, removed: true }` when this audience may no longer see it. `seq` is the call’s version.',
        delivery: 'reliable',
        ordering: 'Ordered per call. A gap in `seq` means a missed message: refetch the call.',
        payload: schemaRef('CallChangedMessage'),
      },
      'units:changed': {
        summary:
          'A unit’s status or assignment changed: `{ seq, unit }`, `seq` being the unit’s version.',
        delivery: 'reliable',
        ordering: 'Ordered per unit.',
        payload: schemaRef('UnitChangedMessage'),
      },
      'units:positions': {
        summary:
          'Unit positions: `{ at, positions: [{ unitId, callSign, lat, lon, heading, speed, at }] }`, the newest report of every unit that moved.',
        delivery: 'volatile',
        ordering:
          'Coalesced per tick (1 s by default); a dropped batch is superseded by the next one.',
        payload: schemaRef('PositionBatch'),
      },
    },
  };
}

/** The OpenAPI 3.1 document of the HTTP API and the realtime channel. Pure: build it once at boot. */
export function buildOpenApiDocument({ version }: { version: string }): OpenApiDocument {
  const requestComponents = convert(requestSchemas, 'input', ({ zodSchema, jsonSchema }) => {
    if (zodSchema === eidoLocationByValue) jsonSchema.$ref = schemaRef('EidoLocationByValue').$ref;
  });
  const responseComponents = convert(responseSchemas, 'output');
  const clash = Object.keys(requestComponents).find((name) => name in responseComponents);
  if (clash) throw new Error(`OpenAPI schema name ${clash} is used twice`);

  const paths: Record<string, PathItemObject> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`${route.method} ${route.path} is described twice`);
    item[route.method] = operationFor(route);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Watchfloor API',
      version,
      description:
        'The HTTP API of Watchfloor, a role-based police operations dashboard. Browser routes use the session cookie, and state-changing ones the CSRF header too; machine ingest uses bearer tokens. Every error has the `ApiError` shape. Schemas are generated from the shared zod contracts (`@watchfloor/contracts`); Socket.IO events are under `x-socket-events`.',
    },
    tags,
    paths,
    components: {
      schemas: { ...requestComponents, ...responseComponents },
      responses,
      parameters,
      headers,
      securitySchemes,
    },
    'x-socket-events': socketEvents(),
  };
}
