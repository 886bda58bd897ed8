import { z } from 'zod';
import { callStatuses, unitStatuses } from '@watchfloor/domain';
import { latitudeSchema, longitudeSchema } from './coordinates.ts';

export const callStatusSchema = z.enum(callStatuses);
const instant = z.string().datetime({ offset: true });
const latitude = latitudeSchema;
const longitude = longitudeSchema;
const priority = z.number().int().min(1).max(9);
const personalText = (max: number) => z.string().trim().max(max);

/** A unit as it appears on a call. */
export const assignedUnitSchema = z.object({
  id: z.string().uuid(),
  callSign: z.string(),
  status: z.enum(unitStatuses),
});

/**
 * A call as it leaves the server. Fields the reader may not see (caller data
 * for analysts) are absent, not null: presenters drop them by field rule.
 */
export const callSchema = z.object({
  id: z.string().uuid(),
  incidentNumber: z.string(),
  source: z.string(),
  sourceId: z.string().nullable(),
  callType: z.string(),
  callTypeDescription: z.string(),
  priority,
  originalPriority: priority,
  officerInitiated: z.boolean(),
  /** Null when the CAD could not geocode the call (historical imports); lat and lon are null together. */
  lat: latitude.nullable(),
  lon: longitude.nullable(),
  address: z.string().nullable(),
  beat: z.string().nullable(),
  district: z.string().nullable(),
  status: callStatusSchema,
  receivedAt: instant,
  dispatchedAt: instant.nullable(),
  enrouteAt: instant.nullable(),
  onsceneAt: instant.nullable(),
  closedAt: instant.nullable(),
  disposition: z.string().nullable(),
  assignedUnits: z.array(assignedUnitSchema),
  version: z.number().int().positive(),
  callerName: z.string().nullable().optional(),
  callerPhone: z.string().nullable().optional(),
  narrative: z.string().nullable().optional(),
  notes: z
    .array(z.object({ at: instant, author: z.string().nullable(), text: z.string() }))
    .optional(),
});
export type Call = z.infer<typeof callSchema>;

export const callEventTypes = [
  'created',
  'updated',
  'status_changed',
  'unit_assigned',
  'unit_unassigned',
  'note_added',
] as const;

/** One entry of a call's append-only timeline. */
export const callEventSchema = z.object({
  id: z.number().int(),
  callId: z.string().uuid(),
  version: z.number().int().positive(),
  type: z.enum(callEventTypes),
  at: instant.describe('When it happened (event time; may precede when it was recorded)'),
  recordedAt: instant,
  actor: z.string().nullable().describe('Username, or the ingest source'),
  data: z.record(z.string(), z.unknown()),
});
export type CallEvent = z.infer<typeof callEventSchema>;

export const callDetailSchema = callSchema.extend({ timeline: z.array(callEventSchema) });
export type CallDetail = z.infer<typeof callDetailSchema>;

export const callListQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((value) => value?.split(',').filter(Boolean))
    .pipe(z.array(callStatusSchema).optional())
    .describe(`Comma-separated call statuses (${callStatuses.join(', ')})`),
  district: z
    .string()
    .optional()
    .transform((value) => value?.split(',').filter(Boolean))
    .describe('Comma-separated district codes'),
  priority: z
    .string()
    .optional()
    .transform((value) => value?.split(',').filter(Boolean).map(Number))
    .pipe(z.array(priority).optional())
    .describe('Comma-separated priority levels (1–9)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(1000)
    .describe('At most this many calls, by priority then age'),
});

export const callListResponseSchema = z.object({ calls: z.array(callSchema) });

export const createCallRequestSchema = z.object({
  callType: z.string().min(1),
  priority: priority.optional().describe('Defaults to the call type’s default priority'),
  lat: latitude,
  lon: longitude,
  address: z.string().trim().max(200).optional(),
  officerInitiated: z.boolean().optional(),
  callerName: personalText(120).optional(),
  callerPhone: personalText(40).optional(),
  narrative: personalText(4000).optional(),
});
export type CreateCallRequest = z.input<typeof createCallRequestSchema>;

/** Edits of an open call; status moves go through the unit and action routes. */
export const updateCallRequestSchema = z
  .object({
    callType: z.string().min(1),
    priority,
    lat: latitude,
    lon: longitude,
    address: z.string().trim().max(200).nullable(),
    callerName: personalText(120).nullable(),
    callerPhone: personalText(40).nullable(),
    narrative: personalText(4000).nullable(),
    status: z.enum(['enroute', 'onscene']),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Change at least one field' })
  .describe('Change at least one field. `status` may only move to enroute or onscene here.');
export type UpdateCallRequest = z.input<typeof updateCallRequestSchema>;

export const assignUnitRequestSchema = z.object({ unitId: z.string().uuid() });
export const unassignUnitRequestSchema = z.object({ unitId: z.string().uuid() });
export const addNoteRequestSchema = z.object({ text: z.string().trim().min(1).max(4000) });
export const closeCallRequestSchema = z.object({ disposition: z.string().min(1) });
export const cancelCallRequestSchema = z.object({ reason: z.string().trim().max(500).optional() });
