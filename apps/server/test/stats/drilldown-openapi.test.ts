import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  responseTimeCallsQuerySchema,
  responseTimeHistogramQuerySchema,
} from '@watchfloor/contracts';
import { apiVersion, buildOpenApiDocument } from '../../src/modules/openapi/openapi.document.ts';

type Json = Record<string, unknown>;

describe.each([
  ['/api/stats/response-times/calls', responseTimeCallsQuerySchema, 'ResponseTimeCalls'],
  [
    '/api/stats/response-times/histogram',
    responseTimeHistogramQuerySchema,
    'ResponseTimeHistogram',
  ],
] as const)('GET %s in the OpenAPI document', (path, querySchema, component) => {
  const document = buildOpenApiDocument({ version: apiVersion });
  const operation = (document.paths[path]?.get ?? {}) as Json;

  it('takes the statistics’ query and the group keys, only from, to and metric required', () => {
    const expected = z.toJSONSchema(querySchema, { io: 'input' }) as { properties: Json };
    const parameters = operation.parameters as { name: string; in: string; required: boolean }[];
    expect(parameters.map((parameter) => parameter.name)).toEqual(Object.keys(expected.properties));
    for (const name of ['groupBy', 'district', 'priority', 'callType', 'hour', 'week', 'unit'])
      expect(parameters.map((parameter) => parameter.name)).toContain(name);
    expect(
      parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    ).toEqual(['metric', 'from', 'to']);
  });

  it(`answers with the ${component} component`, () => {
    const responses = operation.responses as Record<string, Json>;
    expect(responses['200']).toEqual({
      description: expect.any(String),
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${component}` } } },
    });
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403']);
    expect(document.components.schemas[component]).toBeDefined();
    expect(operation.tags).toEqual(['Stats']);
  });
});
