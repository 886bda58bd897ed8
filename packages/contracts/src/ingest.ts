import { z } from 'zod';
import { callStatuses, unitStatuses } from '@watchfloor/domain';
import { latitudeSchema, longitudeSchema } from './coordinates.ts';
import { issueSchema } from './errors.ts';
import { acceptedInstant as instant } from './instant.ts';
const sourceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, . _ -');

/**
 * One change reported by an external CAD. `(source, sourceEventId)` makes it
 * idempotent; `sourceCallId` names the call in the source system; `at` is when
 * it happened there, and decides the order in which events apply.
 */
export const ingestCallEventSchema = z.object({
  sourceEventId: z.string().min(1).max(128),
  sourceCallId: z.string().min(1).max(128),
  at: instant,
  status: z.enum(callStatuses).optional(),
  callType: z.string().min(1).max(16).optional(),
  priority: z.number().int().min(1).max(9).optional(),
  officerInitiated: z.boolean().optional(),
  lat: latitudeSchema.optional(),
  lon: longitudeSchema.optional(),
  address: z.string().max(200).optional(),
  disposition: z.string().max(32).optional(),
  /** Call signs of the units working the call after this event. */
  units: z.array(z.string().min(1).max(32)).max(50).optional(),
  callerName: z.string().max(120).optional(),
  callerPhone: z.string().max(40).optional(),
  narrative: z.string().max(4000).optional(),
});
export type IngestCallEvent = z.infer<typeof ingestCallEventSchema>;

/**
 * A batch of events from one sending system. Items stay `unknown` here: each is
 * validated on its own, so a bad item does not sink the batch.
 */
function sourcedBatch(what: string) {
  return z.object({
    source: sourceName.describe(
      'The sending system; with `sourceEventId` it makes ingest idempotent',
    ),
    events: z
      .array(z.unknown())
      .min(1)
      .max(1000)
      .describe(`${what}; each is validated on its own, so a bad item does not sink the batch`),
  });
}

export const ingestCallBatchSchema = sourcedBatch('Call events');

export const ingestPositionSchema = z.object({
  unit: z.string().min(1).max(32).describe('Call sign'),
  lat: latitudeSchema,
  lon: longitudeSchema,
  heading: z.number().min(0).lt(360).optional(),
  speed: z.number().min(0).max(100).describe('metres per second').optional(),
  accuracy: z.number().min(0).max(10_000).describe('metres').optional(),
  at: instant,
});
export type IngestPosition = z.infer<typeof ingestPositionSchema>;

export const ingestPositionBatchSchema = z.object({
  positions: z
    .array(z.unknown())
    .min(1)
    .max(10_000)
    .describe('Position reports; each is validated on its own'),
});

export const ingestItemOutcomes = ['applied', 'duplicate', 'history', 'rejected'] as const;

/** What happened to each item, in request order. */
export const ingestItemResultSchema = z.object({
  index: z.number().int(),
  outcome: z.enum(ingestItemOutcomes),
  callId: z.string().uuid().optional(),
  /** Why an item was rejected, or what was noted about an applied one. */
  issues: z.array(issueSchema).optional(),
});
export type IngestItemResult = z.infer<typeof ingestItemResultSchema>;

export const ingestResponseSchema = z.object({
  results: z.array(ingestItemResultSchema),
  summary: z.record(z.enum(ingestItemOutcomes), z.number().int()),
});
export type IngestResponse = z.infer<typeof ingestResponseSchema>;

/**
 * A unit reported by the CAD roster: creates the unit when its call sign is new,
 * and moves its status forward when `status` is given.
 */
export const ingestUnitEventSchema = z.object({
  sourceEventId: z.string().min(1).max(128),
  callSign: z.string().min(1).max(32),
  at: instant,
  type: z.string().min(1).max(32).optional(),
  homeDistrict: z.string().min(1).max(16).optional(),
  status: z.enum(unitStatuses).optional(),
});
export type IngestUnitEvent = z.infer<typeof ingestUnitEventSchema>;

export const ingestUnitBatchSchema = sourcedBatch('Unit events');
