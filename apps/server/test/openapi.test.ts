import express from 'express';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import * as contracts from '@watchfloor/contracts';
import type { DatabaseHandle } from '../src/db/client.ts';
import { eidoDocumentSchema } from '../src/modules/ingest/eido.mapper.ts';
import { apiVersion, buildOpenApiDocument } from '../src/modules/openapi/openapi.document.ts';
import type { OpenApiDocument } from '../src/modules/openapi/openapi.types.ts';
import { OPENAPI_PATH, openApiRoutes } from '../src/modules/openapi/openapi.routes.ts';
import {
  eidoLocationByValueSchema,
  versionConflictErrorSchema,
} from '../src/modules/openapi/openapi.schemas.ts';
import type * as socketEvents from '../src/realtime/socket-events.ts';
import { callBody } from './support/builders.ts';
import { openTestDatabase } from './support/databases.ts';
import { buildTestApp, buildUser, signIn } from './support/test-app.ts';

type Json = Record<string, unknown>;
type Operation = Json & { responses: Record<string, Json> };

/** Every route the API serves, as `METHOD path` in OpenAPI path syntax. */
const expectedRoutes = [
  'GET /healthz',
  'GET /readyz',
  'GET /api/openapi.json',
  'GET /api/auth/csrf',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  'GET /api/auth/providers',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
  'GET /api/auth/mfa',
  'POST /api/auth/mfa',
  'GET /api/auth/mfa/status',
  'POST /api/auth/mfa/totp/enroll',
  'POST /api/auth/mfa/totp/confirm',
  'POST /api/auth/mfa/webauthn/options',
  'POST /api/auth/mfa/webauthn/register/options',
  'POST /api/auth/mfa/webauthn/register',
  'GET /api/agency',
  'POST /api/auth/password',
  'GET /api/users',
  'POST /api/users',
  'PATCH /api/users/{id}',
  'POST /api/users/{id}/password/reset',
  'GET /api/users/{id}/sessions',
  'POST /api/users/{id}/sessions/{sessionId}/end',
  'POST /api/users/{id}/mfa/reset',
  'POST /api/users/{id}/disable',
  'POST /api/users/{id}/enable',
  'POST /api/users/{id}/unlock',
  'GET /api/tokens',
  'POST /api/tokens',
  'POST /api/tokens/{id}/revoke',
  'GET /api/audit',
  'GET /api/audit/verification',
  'GET /api/audit/export',
  'GET /api/calls',
  'POST /api/calls',
  'GET /api/calls/{id}',
  'PATCH /api/calls/{id}',
  'POST /api/calls/{id}/assign',
  'POST /api/calls/{id}/unassign',
  'POST /api/calls/{id}/notes',
  'POST /api/calls/{id}/close',
  'POST /api/calls/{id}/cancel',
  'GET /api/units',
  'POST /api/units/{id}/status',
  'GET /api/stats/response-times',
  'GET /api/hotspots',
  'GET /api/hotspots/cells/{cell}/calls',
  'GET /api/hotspots/export',
  'GET /api/stats/response-times/calls',
  'GET /api/stats/response-times/histogram',
  'GET /api/history/snapshot',
  'GET /api/history/events',
  'GET /api/history/calls/{id}/replay',
  'GET /api/exports/calls',
  'GET /api/exports/calls/estimate',
  'GET /api/exports/stats',
  'POST /api/ingest/calls',
  'POST /api/ingest/units',
  'POST /api/ingest/positions',
  'POST /api/ingest/eido',
];
const publicRoutes = [
  'GET /healthz',
  'GET /readyz',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'GET /api/auth/providers',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
];
const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `z.toJSONSchema` without the dialect line, which the document leaves out. */
function generated(
  schema: z.ZodType,
  io: 'input' | 'output',
  options: z.core.ToJSONSchemaParams = {},
) {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, ...options });
  return rest;
}

/** The value a local JSON pointer (`#/a/b`) names, or undefined. */
function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

/** Every `$ref` string in the document with where it was found. (`$ref` as an EIDO property name is an object, not a reference.) */
function collectRefs(node: unknown, at = '#', found: { at: string; ref: string }[] = []) {
  if (Array.isArray(node))
    node.forEach((item, index) => collectRefs(item, `${at}/${index}`, found));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push({ at, ref: value });
      else collectRefs(value, `${at}/${key}`, found);
    }
  }
  return found;
}

/** Inlines every `$ref` (merging sibling keywords), to compare with a standalone conversion. */
function deref(document: unknown, node: unknown, trail: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => deref(document, item, trail));
  if (node === null || typeof node !== 'object') return node;
  const { $ref, ...rest } = node as Json;
  const siblings = Object.fromEntries(
    Object.entries(typeof $ref === 'string' ? rest : (node as Json)).map(([key, value]) => [
      key,
      deref(document, value, trail),
    ]),
  );
  if (typeof $ref !== 'string') return siblings;
  if (trail.includes($ref)) throw new Error(`Cyclic $ref ${$ref}`);
  const target = resolvePointer(document, $ref);
  if (target === undefined) throw new Error(`Unresolved $ref ${$ref}`);
  return { ...(deref(document, target, [...trail, $ref]) as Json), ...siblings };
}

describe('OpenAPI document', () => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let served: express.Express;
  let document: OpenApiDocument;
  const request = () => supertest(served);

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Json)
        .filter(([method]) => httpMethods.includes(method))
        .map(([method, operation]) => ({
          key: `${method.toUpperCase()} ${path}`,
          method,
          path,
          operation: operation as Operation,
        })),
    );
  const operation = (key: string): Operation => {
    const found = operations().find((entry) => entry.key === key);
    if (!found) throw new Error(`${key} is not documented`);
    return found.operation;
  };
  const resolve = <T = Json>(node: unknown): T =>
    (node !== null && typeof node === 'object' && typeof (node as Json).$ref === 'string'
      ? resolvePointer(document, (node as Json).$ref as string)
      : node) as T;
  const bodySchema = (key: string) => {
    const body = operation(key).requestBody as { content: Record<string, { schema: unknown }> };
    return body.content['application/json']!.schema;
  };
  const responseSchema = (key: string, status: string) => {
    const response = resolve<{ content: Record<string, { schema: unknown }> }>(
      operation(key).responses[status],
    );
    return response.content['application/json']!.schema;
  };

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    harness = await buildTestApp(database);
    // Until app.ts mounts openApiRoutes(), serve it in front of the real app.
    served = express();
    served.use(openApiRoutes());
    served.use(harness.app);
    await buildUser(harness.services, { username: 'dana', role: 'dispatcher' });
    const response = await request().get(OPENAPI_PATH).expect(200);
    document = response.body as OpenApiDocument;
  });
  afterAll(() => database.close());

  describe('serving', () => {
    it('serves the built document publicly as cacheable JSON', async () => {
      const response = await request()
        .get(OPENAPI_PATH)
        .expect('Content-Type', /application\/json/)
        .expect(200);
      expect(response.body).toEqual(
        JSON.parse(JSON.stringify(buildOpenApiDocument({ version: apiVersion }))),
      );
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      const etag = response.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      await request().get(OPENAPI_PATH).set('If-None-Match', etag).expect(304);
    });

    it('is served by the app itself once app.ts mounts it', async () => {
      const response = await harness.request().get(OPENAPI_PATH);
      // 404 `not_found` until the lead adds `app.use(openApiRoutes())` to app.ts.
      if (response.status === 404) expect(response.body.error.code).toBe('not_found');
      else expect(response.body).toEqual(document);
    });
  });

  describe('structure', () => {
    it('declares OpenAPI 3.1.0 with info and only known top-level fields', () => {
      expect(document.openapi).toBe('3.1.0');
      expect(document.info.title).toBe('Watchfloor API');
      expect(document.info.version).toBe(apiVersion);
      const allowed = [
        'openapi',
        'info',
        'jsonSchemaDialect',
        'servers',
        'paths',
        'webhooks',
        'components',
        'security',
        'tags',
        'externalDocs',
      ];
      for (const key of Object.keys(document)) {
        expect(allowed.includes(key) || key.startsWith('x-'), key).toBe(true);
      }
    });

    it('documents every route with the right method, and nothing else', () => {
      expect(
        operations()
          .map((entry) => entry.key)
          .sort(),
      ).toEqual([...expectedRoutes].sort());
    });

    it('resolves every $ref', () => {
      const refs = collectRefs(document);
      expect(refs.length).toBeGreaterThan(50);
      for (const { at, ref } of refs) {
        expect(resolvePointer(document, ref), `${ref} at ${at}`).toBeDefined();
      }
    });

    it('gives every operation a unique id, a summary, known tags and described responses', () => {
      const tagNames = new Set(document.tags.map((tag) => tag.name));
      const ids = new Set<string>();
      for (const { key, operation: op } of operations()) {
        expect(typeof op.operationId, key).toBe('string');
        expect(ids.has(op.operationId as string), `${key} operationId`).toBe(false);
        ids.add(op.operationId as string);
        expect(typeof op.summary, key).toBe('string');
        for (const tag of op.tags as string[])
          expect(tagNames.has(tag), `${key} tag ${tag}`).toBe(true);
        const statuses = Object.keys(op.responses);
        expect(statuses.length, key).toBeGreaterThan(0);
        // Single sign-on's browser navigations succeed with a redirect.
        expect(
          statuses.some((status) => /^[23]\d\d$/.test(status)),
          `${key} success`,
        ).toBe(true);
        for (const status of statuses) {
          expect(status, key).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
          const response = resolve<{ description?: unknown; content?: Json; headers?: Json }>(
            op.responses[status],
          );
          expect(typeof response.description, `${key} ${status}`).toBe('string');
          for (const media of Object.values(response.content ?? {})) {
            expect((media as Json).schema, `${key} ${status}`).toBeTypeOf('object');
          }
          for (const header of Object.values(response.headers ?? {})) {
            expect(resolve(header).schema, `${key} ${status} header`).toBeTypeOf('object');
          }
        }
        const known = [
          'tags',
          'summary',
          'description',
          'externalDocs',
          'operationId',
          'parameters',
          'requestBody',
          'responses',
          'callbacks',
          'deprecated',
          'security',
          'servers',
        ];
        for (const field of Object.keys(op)) {
          expect(known.includes(field) || field.startsWith('x-'), `${key}.${field}`).toBe(true);
        }
        if (op.requestBody) {
          const body = op.requestBody as { content?: Record<string, { schema?: unknown }> };
          expect(body.content?.['application/json']?.schema, `${key} body`).toBeTypeOf('object');
        }
      }
    });

    it('declares each path template parameter once, as a required path parameter', () => {
      for (const { key, path, operation: op } of operations()) {
        const params = ((op.parameters as unknown[] | undefined) ?? []).map((parameter) =>
          resolve<{ name: string; in: string; required?: boolean; schema?: unknown }>(parameter),
        );
        const pairs = params.map((parameter) => `${parameter.in}:${parameter.name}`);
        expect(new Set(pairs).size, `${key} duplicate parameters`).toBe(pairs.length);
        for (const parameter of params) {
          expect(['query', 'header', 'path', 'cookie'], key).toContain(parameter.in);
          expect(parameter.schema, `${key} ${parameter.name}`).toBeTypeOf('object');
        }
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
        const inPath = params.filter((parameter) => parameter.in === 'path');
        expect(inPath.map((parameter) => parameter.name).sort(), key).toEqual(templated.sort());
        for (const parameter of inPath) expect(parameter.required, key).toBe(true);
      }
    });

    it('defines the security schemes, and every requirement names one', () => {
      expect(document.components.securitySchemes).toMatchObject({
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'watchfloor.sid' },
        csrfToken: { type: 'apiKey', in: 'header', name: contracts.CSRF_HEADER },
        bearerAuth: { type: 'http', scheme: 'bearer' },
      });
      for (const { key, operation: op } of operations()) {
        expect(Array.isArray(op.security), key).toBe(true);
        for (const requirement of op.security as Record<string, string[]>[]) {
          for (const name of Object.keys(requirement)) {
            expect(document.components.securitySchemes, key).toHaveProperty(name);
          }
        }
      }
    });

    it('keeps component schemas plain 2020-12 schemas under their component names', () => {
      for (const [name, schema] of Object.entries(document.components.schemas)) {
        expect(schema, name).toBeTypeOf('object');
        expect(schema, name).not.toHaveProperty('$schema');
        expect(schema, name).not.toHaveProperty('$id');
      }
    });
  });

  describe('generated from the shared zod contracts', () => {
    const requestBodies: [string, z.ZodType][] = [
      ['POST /api/auth/login', contracts.loginRequestSchema],
      ['POST /api/calls', contracts.createCallRequestSchema],
      ['PATCH /api/calls/{id}', contracts.updateCallRequestSchema],
      ['POST /api/calls/{id}/assign', contracts.assignUnitRequestSchema],
      ['POST /api/calls/{id}/unassign', contracts.unassignUnitRequestSchema],
      ['POST /api/calls/{id}/notes', contracts.addNoteRequestSchema],
      ['POST /api/calls/{id}/close', contracts.closeCallRequestSchema],
      ['POST /api/calls/{id}/cancel', contracts.cancelCallRequestSchema],
      ['POST /api/units/{id}/status', contracts.unitStatusRequestSchema],
    ];

    it.each(requestBodies)(
      '%s takes exactly z.toJSONSchema of its request schema',
      (key, schema) => {
        expect(deref(document, bodySchema(key))).toEqual(generated(schema, 'input'));
      },
    );

    const batches: [string, z.ZodType, 'events' | 'positions', z.ZodType][] = [
      [
        'POST /api/ingest/calls',
        contracts.ingestCallBatchSchema,
        'events',
        contracts.ingestCallEventSchema,
      ],
      [
        'POST /api/ingest/units',
        contracts.ingestUnitBatchSchema,
        'events',
        contracts.ingestUnitEventSchema,
      ],
      [
        'POST /api/ingest/positions',
        contracts.ingestPositionBatchSchema,
        'positions',
        contracts.ingestPositionSchema,
      ],
    ];

    it.each(batches)('%s documents the batch and its item schema', (key, batch, list, item) => {
      const schema = bodySchema(key) as { allOf: [unknown, { properties: Record<string, Json> }] };
      expect(deref(document, schema.allOf[0])).toEqual(generated(batch, 'input'));
      expect(deref(document, schema.allOf[1].properties[list]!.items)).toEqual(
        generated(item, 'input'),
      );
    });

    it('documents the EIDO subset from the mapper’s schema, with the location forms it reads', () => {
      const location = generated(eidoLocationByValueSchema, 'input');
      const locationByValue =
        eidoDocumentSchema.shape.locationComponent.unwrap().options[0].element.shape
          .locationByValue;
      const expected = generated(eidoDocumentSchema, 'input', {
        override: ({ zodSchema, jsonSchema }) => {
          if (zodSchema === locationByValue) Object.assign(jsonSchema, location);
        },
      });
      const documented = deref(document, bodySchema('POST /api/ingest/eido')) as Json;
      expect(documented).toEqual(expected);
      const incident = (documented.properties as Json).incidentComponent as { anyOf: Json[] };
      const fields = Object.keys((incident.anyOf[1]!.properties as Json) ?? {});
      expect(fields).toEqual(
        expect.arrayContaining([
          'incidentTrackingIdentifier',
          'incidentTypeInternalCode',
          'incidentTypeCommonRegistryText',
          'incidentStatusCommonRegistryText',
          'incidentCommonPriorityNumber',
          'lastUpdateTimeStamp',
          'locationReference',
        ]),
      );
      const forms = (location.anyOf as Json[]).map((form) => Object.keys(form.properties as Json));
      expect(forms).toEqual([
        ['latitude', 'longitude', 'civicAddressText'],
        ['point', 'civicAddressText'],
        ['geometry', 'civicAddressText'],
        ['gml:Point', 'civicAddressText'],
      ]);
    });

    const responses: [string, string, z.ZodType][] = [
      ['GET /api/auth/csrf', '200', contracts.csrfResponseSchema],
      ['POST /api/auth/login', '200', contracts.loginResponseSchema],
      ['GET /api/me', '200', contracts.meResponseSchema],
      ['GET /api/agency', '200', contracts.agencyConfigSchema],
      ['GET /api/users', '200', contracts.userListResponseSchema],
      ['POST /api/users', '201', contracts.oneTimePasswordResponseSchema],
      ['GET /api/users/{id}/sessions', '200', contracts.userSessionListResponseSchema],
      ['GET /api/audit', '200', contracts.auditListResponseSchema],
      ['GET /api/calls', '200', contracts.callListResponseSchema],
      ['POST /api/calls', '201', contracts.callSchema],
      ['GET /api/calls/{id}', '200', contracts.callDetailSchema],
      ['PATCH /api/calls/{id}', '200', contracts.callSchema],
      ['POST /api/calls/{id}/notes', '201', contracts.callSchema],
      ['GET /api/units', '200', contracts.unitListResponseSchema],
      ['POST /api/units/{id}/status', '200', contracts.unitSchema],
      ['POST /api/ingest/eido', '200', contracts.ingestResponseSchema],
      ['POST /api/calls', '400', contracts.apiErrorSchema],
      ['POST /api/ingest/calls', '503', contracts.apiErrorSchema],
    ];

    it.each(responses)(
      '%s answers %s with z.toJSONSchema of its response schema',
      (key, status, schema) => {
        expect(deref(document, responseSchema(key, status))).toEqual(generated(schema, 'output'));
      },
    );

    it('takes query parameters from the query schemas as zod reads the query string', () => {
      for (const [key, schema] of [
        ['GET /api/calls', contracts.callListQuerySchema],
        ['GET /api/audit', contracts.auditListQuerySchema],
      ] as const) {
        const expected = generated(schema, 'input') as { properties: Json };
        const query = (operation(key).parameters as Json[]).filter((p) => p.in === 'query');
        expect(
          query.map((p) => p.name),
          key,
        ).toEqual(Object.keys(expected.properties));
        for (const parameter of query) {
          expect(parameter.schema).toEqual(expected.properties[parameter.name as string]);
          expect(parameter.required).toBe(false);
        }
      }
    });

    it('documents the Socket.IO events with payloads from the realtime contracts', () => {
      const events = document['x-socket-events'];
      expect(Object.keys(events.serverToClient).sort()).toEqual(
        Object.keys(contracts.serverToClientEventSchemas).sort(),
      );
      for (const [name, schema] of Object.entries(contracts.serverToClientEventSchemas)) {
        const event = events.serverToClient[name as contracts.ServerToClientEventName];
        expect(deref(document, event.payload), name).toEqual(generated(schema, 'output'));
      }
      expect(events.serverToClient['calls:changed'].delivery).toBe('reliable');
      expect(events.serverToClient['units:changed'].delivery).toBe('reliable');
      expect(events.serverToClient['units:positions'].delivery).toBe('volatile');
      expect(events.clientToServer).toEqual({});
      expect(events.rooms).toMatch(/never name rooms/);
      expect(events.authentication.security).toEqual([{ sessionCookie: [] }]);
    });

    it('shares the realtime payload types with the gateway', () => {
      expectTypeOf<contracts.CallChangedMessage>().toEqualTypeOf<socketEvents.CallChangedMessage>();
      expectTypeOf<contracts.UnitChangedMessage>().toEqualTypeOf<socketEvents.UnitChangedMessage>();
      expectTypeOf<contracts.PositionBatch>().toEqualTypeOf<socketEvents.PositionBatch>();
      const message: contracts.CallChangedMessage = {
        seq: 3,
        callId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        removed: true,
      };
      expect(contracts.callChangedMessageSchema.parse(message)).toEqual(message);
    });
  });

  describe('authentication and concurrency', () => {
    it('puts ingest behind bearerAuth and browser routes behind the session (and CSRF to change state)', () => {
      for (const { key, method, path, operation: op } of operations()) {
        if (publicRoutes.includes(key)) expect(op.security, key).toEqual([]);
        else if (path.startsWith('/api/ingest/'))
          expect(op.security, key).toEqual([{ bearerAuth: [] }]);
        else if (method === 'get') expect(op.security, key).toEqual([{ sessionCookie: [] }]);
        else expect(op.security, key).toEqual([{ sessionCookie: [], csrfToken: [] }]);
      }
    });

    it('matches what the running app does without credentials, route by route', async () => {
      const someId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
      for (const { key, method, path, operation: op } of operations()) {
        const url = path.replace('{id}', someId);
        const response = await request()[method as 'get' | 'post' | 'patch'](url).send({});
        // Every documented route exists: no "No such API route".
        expect(response.body?.error?.message, key).not.toBe('No such API route');
        const security = op.security as Record<string, string[]>[];
        if (security.length === 0) {
          expect(response.status, key).not.toBe(401);
        } else if ('bearerAuth' in security[0]!) {
          expect(response.status, key).toBe(401);
          expect(response.headers['www-authenticate'], key).toBe('Bearer');
        } else if ('csrfToken' in security[0]!) {
          // The CSRF check runs before the session check.
          expect([401, 403], key).toContain(response.status);
          expect(op.responses, key).toHaveProperty('403');
        } else {
          expect(response.status, key).toBe(401);
        }
        if (response.status >= 400)
          expect(op.responses, key).toHaveProperty(String(response.status));
      }
    });

    it('requires If-Match on PATCH /api/calls/{id}, with 428 without it and the current call on 409', async () => {
      const patch = operation('PATCH /api/calls/{id}');
      const ifMatch = (patch.parameters as unknown[])
        .map((parameter) => resolve<Json>(parameter))
        .find((parameter) => parameter.name === 'If-Match');
      expect(ifMatch).toMatchObject({ in: 'header', required: true });
      expect(patch.responses).toHaveProperty('428');
      const conflict = responseSchema('PATCH /api/calls/{id}', '409') as { oneOf: unknown[] };
      expect(deref(document, conflict.oneOf[0])).toEqual(
        generated(versionConflictErrorSchema, 'output'),
      );
      expect(
        ((deref(document, conflict.oneOf[0]) as Json).properties as { error: Json }).error,
      ).toMatchObject({ properties: { current: generated(contracts.callSchema, 'output') } });
      expect(resolve(patch.responses['200']).headers).toHaveProperty('ETag');
      expect(resolve(operation('GET /api/calls/{id}').responses['200']).headers).toHaveProperty(
        'ETag',
      );

      // And the running app behaves as documented.
      const dana = await signIn(harness.app, 'dana');
      const created = await dana.agent
        .post('/api/calls')
        .set(contracts.CSRF_HEADER, dana.csrfToken)
        .send(callBody())
        .expect(201);
      const url = `/api/calls/${created.body.id}`;
      const missing = await dana.agent
        .patch(url)
        .set(contracts.CSRF_HEADER, dana.csrfToken)
        .send({ priority: 2 })
        .expect(428);
      expect(contracts.apiErrorSchema.parse(missing.body).error.code).toBe('precondition_required');
      const stale = await dana.agent
        .patch(url)
        .set(contracts.CSRF_HEADER, dana.csrfToken)
        .set('If-Match', '"99"')
        .send({ priority: 2 })
        .expect(409);
      expect(versionConflictErrorSchema.parse(stale.body).error.current.id).toBe(created.body.id);
    });
  });
});
