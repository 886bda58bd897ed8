import { z } from 'zod';
import { intervalMetricSchema, type IntervalMetric } from './agency.ts';

/**
 * The two instants of each interval metric, as call fields (`docs/METRICS.md`):
 * the interval is `end − start`, in seconds.
 */
export const metricInstants = {
  processing: { start: 'receivedAt', end: 'dispatchedAt' },
  travel: { start: 'dispatchedAt', end: 'onsceneAt' },
  response: { start: 'receivedAt', end: 'onsceneAt' },
  onscene: { start: 'onsceneAt', end: 'closedAt' },
  total: { start: 'receivedAt', end: 'closedAt' },
} as const satisfies Record<IntervalMetric, { start: string; end: string }>;

/**
 * Metrics that leave out officer-initiated calls unless asked to include them:
 * an officer who starts a call is already there, so waiting and travel are not
 * the public's experience.
 */
export const officerInitiatedExcludedMetrics: readonly IntervalMetric[] = [
  'processing',
  'travel',
  'response',
];

/** What statistics can be grouped by; the time dimensions are local to the agency. */
export const statsDimensions = [
  'priority',
  'district',
  'beat',
  'callType',
  'unit',
  'hour',
  'weekday',
  'shift',
  'day',
  'week',
  'month',
] as const;
export const statsDimensionSchema = z.enum(statsDimensions);
export type StatsDimension = z.infer<typeof statsDimensionSchema>;

/** Longest period one request may cover: a year, leap day included. */
export const maxStatsPeriodDays = 366;

const instant = z.string().datetime({ offset: true });

const commaSeparated = (value: string | undefined) => value?.split(',').filter(Boolean);

const groupBySchema = z
  .string()
  .optional()
  .transform(commaSeparated)
  .pipe(
    z
      .array(statsDimensionSchema)
      // A refinement rather than .max(2): a failed length check would hide the period's issues.
      .refine((dimensions) => dimensions.length <= 2, {
        message: 'Group by at most two dimensions',
      })
      .refine((dimensions) => new Set(dimensions).size === dimensions.length, {
        message: 'Group by a dimension only once',
      })
      .default([]),
  )
  .describe(`One or two comma-separated dimensions (${statsDimensions.join(', ')})`);

const dayMs = 86_400_000;

export const responseTimeQuerySchema = z
  .object({
    metric: intervalMetricSchema,
    from: instant.describe('Start of the period (inclusive), by the time the call was received'),
    to: instant.describe('End of the period (exclusive)'),
    groupBy: groupBySchema,
    district: z
      .string()
      .optional()
      .transform(commaSeparated)
      .describe('Comma-separated district codes'),
    priority: z
      .string()
      .optional()
      .transform((value) => commaSeparated(value)?.map(Number))
      .pipe(z.array(z.number().int().min(1).max(9)).optional())
      .describe('Comma-separated priority levels (1–9)'),
    callType: z
      .string()
      .optional()
      .transform(commaSeparated)
      .describe('Comma-separated call type codes'),
    includeOfficerInitiated: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true')
      .describe('Include officer-initiated calls in processing, travel and response'),
  })
  .superRefine(
    (query, context) => {
      const span = Date.parse(query.to) - Date.parse(query.from);
      if (span <= 0)
        context.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from' });
      else if (span > maxStatsPeriodDays * dayMs)
        context.addIssue({
          code: 'custom',
          path: ['to'],
          message: `The period may not exceed ${maxStatsPeriodDays} days`,
        });
    },
    // Checked whenever both instants are valid, so other bad fields are reported alongside.
    {
      when: ({ issues }) =>
        !issues.some((issue) => ['from', 'to'].includes(String(issue.path?.[0]))),
    },
  );
export type ResponseTimeQuery = z.output<typeof responseTimeQuerySchema>;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The value of each dimension a group was formed by; the others are absent. */
export const statsGroupKeySchema = z.object({
  priority: z.number().int().optional(),
  district: z.string().nullable().optional().describe('null: the call is outside every district'),
  beat: z.string().nullable().optional(),
  callType: z.string().optional(),
  unit: z
    .string()
    .nullable()
    .optional()
    .describe('Call sign of the first unit assigned; null when none was'),
  hour: z.number().int().min(0).max(23).optional(),
  weekday: z.number().int().min(1).max(7).optional().describe('ISO: 1 Monday … 7 Sunday'),
  shift: z.string().optional(),
  day: localDate.optional(),
  week: localDate.optional().describe('The Monday starting the ISO week'),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});
export type StatsGroupKey = z.infer<typeof statsGroupKeySchema>;

const count = z.number().int().min(0);
const seconds = z.number().nullable().describe('Seconds; null when no call is included');

export const responseTimeGroupSchema = z.object({
  key: statsGroupKeySchema,
  n: count.describe('Calls included in the figures'),
  excluded: z.object({
    missing: count.describe('Lacking one of the two instants'),
    negative: count.describe('End before start'),
    officerInitiated: count.describe('Officer-initiated, left out of this metric'),
  }),
  mean: seconds,
  median: seconds,
  p90: seconds,
  min: seconds,
  max: seconds,
  target: z
    .number()
    .nullable()
    .describe('Target of the group’s priority for this metric, in seconds; null without one'),
  withinTarget: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('Share of included calls at or under the target; null without a target or calls'),
});
export type ResponseTimeGroup = z.infer<typeof responseTimeGroupSchema>;

export const responseTimeStatsSchema = z.object({
  metric: intervalMetricSchema,
  from: instant,
  to: instant,
  groupBy: z.array(statsDimensionSchema),
  includeOfficerInitiated: z.boolean(),
  groups: z.array(responseTimeGroupSchema),
});
export type ResponseTimeStats = z.infer<typeof responseTimeStatsSchema>;
