import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseTimeQuerySchema, responseTimeStatsSchema } from '@watchfloor/contracts';
import { apiVersion, buildOpenApiDocument } from '../../src/modules/openapi/openapi.document.ts';

type Json = Record<string, unknown>;

describe('GET /api/stats/response-times in the OpenAPI document', () => {
  const document = buildOpenApiDocument({ version: apiVersion });
  const operation = (document.paths['/api/stats/response-times']?.get ?? {}) as Json;

  it('takes its query parameters from the query contract, only from, to and metric required', () => {
    const expected = z.toJSONSchema(responseTimeQuerySchema, { io: 'input' }) as {
      properties: Json;
    };
    const parameters = operation.parameters as { name: string; in: string; required: boolean }[];
    expect(parameters.map((parameter) => parameter.name)).toEqual(Object.keys(expected.properties));
    expect(parameters.every((parameter) => parameter.in === 'query')).toBe(true);
    expect(
      parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    ).toEqual(['metric', 'from', 'to']);
  });

  it('answers with the ResponseTimeStats component, generated from the contract', () => {
    const responses = operation.responses as Record<string, Json>;
    expect(responses['200']).toEqual({
      description: expect.any(String),
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/ResponseTimeStats' } },
      },
    });
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403']);
    expect(document.components.schemas.ResponseTimeStats).toBeDefined();
    expect(z.toJSONSchema(responseTimeStatsSchema, { io: 'output' }).properties).toHaveProperty(
      'groups',
    );
    expect(operation.tags).toEqual(['Stats']);
  });
});
