import { z } from 'zod';
import { unitStatuses } from '@watchfloor/domain';
import { callEventSchema, callSchema } from './calls.ts';
import { acceptedInstant } from './instant.ts';
import { unitSchema } from './units.ts';

/*
 * The time machine (`docs/TIME-MACHINE.md`): the state of calls and units at a
 * past instant and what changed after it, rebuilt from the event log.
 */

/** Longest window `GET /api/history/events` and a call replay cover. */
export const maxHistoryWindowHours = 6;
/** A unit's last position counts at an instant only when it is at most this old. */
export const historyPositionLookbackSeconds = 600;
/** Most positions one response carries; beyond it the client narrows the window or thins more. */
export const maxHistoryPositions = 100_000;

const instant = z.string().datetime({ offset: true });
const hourMs = 3_600_000;

const positionEverySeconds = z.coerce
  .number()
  .int()
  .min(1)
  .max(300)
  .default(5)
  .describe('At most one position per unit per this many seconds (1–300)');

export const historySnapshotQuerySchema = z.object({
  at: acceptedInstant.describe('The instant to rebuild (ISO 8601 with offset)'),
});
export type HistorySnapshotQuery = z.output<typeof historySnapshotQuerySchema>;

export const historyEventsQuerySchema = z
  .object({
    from: acceptedInstant.describe(
      'Start of the window (exclusive): replay forward from the snapshot at it',
    ),
    to: acceptedInstant.describe('End of the window (inclusive)'),
    positionEverySeconds,
  })
  .superRefine(
    (query, context) => {
      const span = Date.parse(query.to) - Date.parse(query.from);
      if (span <= 0)
        context.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from' });
      else if (span > maxHistoryWindowHours * hourMs)
        context.addIssue({
          code: 'custom',
          path: ['to'],
          message: `The window may not exceed ${maxHistoryWindowHours} hours; fetch longer periods in pieces`,
        });
    },
    // Checked whenever both instants are valid, so other bad fields are reported alongside.
    {
      when: ({ issues }) =>
        !issues.some((issue) => ['from', 'to'].includes(String(issue.path?.[0]))),
    },
  );
export type HistoryEventsQuery = z.output<typeof historyEventsQuerySchema>;

export const callReplayQuerySchema = z.object({
  radiusMeters: z.coerce
    .number()
    .min(50)
    .max(20_000)
    .default(2000)
    .describe('Units that came at least this close to the call (50–20,000 m) are replayed'),
  positionEverySeconds,
});
export type CallReplayQuery = z.output<typeof callReplayQuerySchema>;

/** A unit on a call at the instant; its status is the unit's own (see `HistoricalUnit`). */
export const historicalAssignmentSchema = z.object({
  id: z.string().uuid(),
  callSign: z.string(),
  assignedAt: instant,
});

/**
 * A call as it was at an instant. No caller data: the time machine replays the
 * queue and the map; caller data stays with the call detail and its field rules.
 */
export const historicalCallSchema = callSchema
  .pick({
    id: true,
    incidentNumber: true,
    callType: true,
    callTypeDescription: true,
    priority: true,
    officerInitiated: true,
    lat: true,
    lon: true,
    address: true,
    beat: true,
    district: true,
    status: true,
    receivedAt: true,
    dispatchedAt: true,
    enrouteAt: true,
    onsceneAt: true,
    closedAt: true,
    disposition: true,
    version: true,
  })
  .extend({
    assignedUnits: z
      .array(historicalAssignmentSchema)
      .describe('Units on the call at the instant, by assignment time'),
  });
export type HistoricalCall = z.infer<typeof historicalCallSchema>;

const historicalPositionSchema = unitSchema.shape.position.unwrap();
const unitStatus = z.enum(unitStatuses);

/** A unit as it was at an instant. */
export const historicalUnitSchema = unitSchema
  .pick({ id: true, callSign: true, type: true, homeDistrict: true })
  .extend({
    status: unitStatus.nullable().describe('Null: no status change recorded at or before it'),
    statusSince: instant.nullable(),
    callId: z.string().uuid().nullable().describe('The call the unit was working'),
    position: historicalPositionSchema
      .nullable()
      .describe(
        `Last position at or before the instant, at most ${historyPositionLookbackSeconds} s old; null when none or not readable`,
      ),
  });
export type HistoricalUnit = z.infer<typeof historicalUnitSchema>;

export const historySnapshotSchema = z.object({
  at: instant,
  positionLookbackSeconds: z.number().int(),
  calls: z
    .array(historicalCallSchema)
    .describe('Calls open at the instant (received, not yet closed or cancelled)'),
  units: z.array(historicalUnitSchema),
});
export type HistorySnapshot = z.infer<typeof historySnapshotSchema>;

/** A unit named by a change, so a client can label units absent from its snapshot. */
export const historyUnitRefSchema = unitSchema.pick({
  id: true,
  callSign: true,
  type: true,
  homeDistrict: true,
});

export const historyCallChangeSchema = z.object({
  kind: z.literal('call'),
  at: instant,
  call: historicalCallSchema.describe('The whole call after the change: replace what you hold'),
});
export const historyUnitChangeSchema = z.object({
  kind: z.literal('unit'),
  at: instant,
  unitId: z.string().uuid(),
  status: unitStatus,
  callId: z.string().uuid().nullable(),
});
export const historyPositionChangeSchema = z.object({
  kind: z.literal('position'),
  at: instant,
  unitId: z.string().uuid(),
  lat: z.number(),
  lon: z.number(),
  heading: z.number().nullable(),
  speed: z.number().nullable(),
});
export const historyChangeSchema = z.discriminatedUnion('kind', [
  historyCallChangeSchema,
  historyUnitChangeSchema,
  historyPositionChangeSchema,
]);
export type HistoryChange = z.infer<typeof historyChangeSchema>;

export const historyEventsSchema = z.object({
  from: instant,
  to: instant,
  positionEverySeconds: z.number().int(),
  changes: z
    .array(historyChangeSchema)
    .describe('In time order; apply those with `at` ≤ the playhead to the snapshot at `from`'),
  units: z.array(historyUnitRefSchema).describe('Every unit a change names'),
});
export type HistoryEvents = z.infer<typeof historyEventsSchema>;

export const replayUnitSchema = historyUnitRefSchema.extend({
  assigned: z.boolean().describe('Worked the call during the window'),
  closestMeters: z
    .number()
    .nullable()
    .describe('Closest approach to the call; null without a position'),
  statusAtStart: unitStatus.nullable(),
  statusChanges: z.array(historyUnitChangeSchema.omit({ kind: true, unitId: true })),
  positions: z.array(historyPositionChangeSchema.omit({ kind: true, unitId: true })),
});
export type ReplayUnit = z.infer<typeof replayUnitSchema>;

export const callReplaySchema = z.object({
  window: z.object({
    from: instant.describe('Five minutes before the call was received'),
    to: instant.describe('Five minutes after it closed (now while open), capped'),
    truncated: z
      .boolean()
      .describe(`True when the call lasted longer than the ${maxHistoryWindowHours} h cap`),
  }),
  radiusMeters: z.number(),
  positionEverySeconds: z.number().int(),
  call: historicalCallSchema.describe('The call at the end of the window'),
  timeline: z.array(callEventSchema),
  changes: z.array(historyCallChangeSchema).describe('The call after each change in the window'),
  units: z.array(replayUnitSchema),
});
export type CallReplay = z.infer<typeof callReplaySchema>;
