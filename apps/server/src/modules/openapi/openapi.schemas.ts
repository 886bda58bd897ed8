import { z } from 'zod';
import { apiErrorSchema, callSchema } from '@watchfloor/contracts';

/*
 * zod schemas for what the API sends or reads that has no shared contract: the
 * health probes, the version-conflict body, the EIDO location forms the mapper
 * reads, and path and header parameters. They only feed the OpenAPI document;
 * nothing validates with them.
 */

export const healthSchema = z.object({ status: z.literal('ok') });

export const readySchema = z.object({
  status: z
    .enum(['ready', 'degraded'])
    .describe(
      '`degraded`: Redis is away; this process serves HTTP and its own sockets, live updates do not cross processes',
    ),
  migrations: z.number().int().describe('Applied migrations'),
  redis: z.enum(['ok', 'unavailable']).optional().describe('Absent when no Redis is configured'),
});

export const notReadySchema = z.union([
  z.object({
    status: z.literal('migrating'),
    applied: z.number().int(),
    expected: z.number().int(),
  }),
  z.object({ status: z.literal('database_unavailable') }),
]);

/** The 409 body of `PATCH /api/calls/{id}` when the version sent is not the current one. */
export const versionConflictErrorSchema = z.object({
  error: apiErrorSchema.shape.error.extend({
    code: z.literal('version_conflict'),
    current: callSchema,
  }),
});

const civicAddressText = z
  .string()
  .optional()
  .describe('Free-text address; becomes the call address');

const geoJsonPoint = z.object({
  type: z.literal('Point').optional(),
  coordinates: z
    .array(z.number())
    .min(2)
    .describe('GeoJSON order: [longitude, latitude, …altitude]'),
});

/**
 * The point forms `mapEido` reads from `locationByValue`, tried in this order. The
 * server's own schema accepts any value here; an unreadable one is a 400 only
 * when the incident references that location.
 */
export const eidoLocationByValueSchema = z
  .union([
    z
      .object({
        latitude: z.number(),
        longitude: z.number(),
        civicAddressText,
      })
      .describe('WGS 84 `latitude` and `longitude` members'),
    z.object({ point: geoJsonPoint, civicAddressText }).describe('A GeoJSON Point under `point`'),
    z
      .object({ geometry: geoJsonPoint, civicAddressText })
      .describe('A GeoJSON Point under `geometry`'),
    z
      .object({
        'gml:Point': z.object({
          'gml:pos': z.string().describe('"latitude longitude", separated by white space'),
        }),
        civicAddressText,
      })
      .describe('A GML Point (PIDF-LO style)'),
  ])
  .describe(
    'The location, by value. Read in this order: `latitude`/`longitude`, GeoJSON `point` or `geometry`, then `gml:Point`/`gml:pos`. Other members are ignored.',
  );

/** Call and unit ids; anything that is not a UUID is answered with 404. */
export const resourceIdSchema = z.string().uuid();

/** `If-Match` as `PATCH /api/calls/{id}` reads it: the version, quoted or weak or bare. */
export const ifMatchSchema = z.string().regex(/^(?:W\/)?"?\d+"?$/);
