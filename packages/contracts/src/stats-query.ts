import { z } from 'zod';
import { intervalMetricSchema, type IntervalMetric } from './agency.ts';
import { acceptedInstant } from './instant.ts';

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

/** An instant with its offset, as responses carry them (requests use `acceptedInstant`). */
export const statsInstant = z.string().datetime({ offset: true });

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

/** The value that stands for "none" in a list or key: a call without a district, beat or unit. */
export const statsNullKey = '~none';

const district = z
  .string()
  .optional()
  .transform((value) => commaSeparated(value)?.map((code) => (code === statsNullKey ? null : code)))
  .describe(`Comma-separated district codes; \`${statsNullKey}\` for calls outside every district`);

/**
 * The fields every response-time request shares (aggregate, drill-down,
 * histogram): the metric, the period and the filters.
 */
export const responseTimeQueryFields = {
  metric: intervalMetricSchema,
  from: acceptedInstant.describe(
    'Start of the period (inclusive), by the time the call was received',
  ),
  to: acceptedInstant.describe('End of the period (exclusive)'),
  groupBy: groupBySchema,
  district,
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
};

/** `to` after `from` and at most {@link maxStatsPeriodDays} later. */
export function checkPeriod(query: { from: string; to: string }, context: z.RefinementCtx): void {
  const span = Date.parse(query.to) - Date.parse(query.from);
  if (span <= 0) context.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from' });
  else if (span > maxStatsPeriodDays * dayMs)
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `The period may not exceed ${maxStatsPeriodDays} days`,
    });
}

/** Runs a refinement whenever the named fields parsed, so other bad fields are reported alongside. */
export const whenParsed = (fields: readonly string[]) => ({
  when: ({ issues }: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !issues.some((issue) => fields.includes(String(issue.path?.[0]))),
});

export const responseTimeQuerySchema = z
  .object(responseTimeQueryFields)
  .superRefine(checkPeriod, whenParsed(['from', 'to']));
export type ResponseTimeQuery = z.output<typeof responseTimeQuerySchema>;

/** Why a call is left out of a metric, in the order the reasons are checked (`docs/METRICS.md`). */
export const exclusionReasons = ['officerInitiated', 'missing', 'negative'] as const;
export const exclusionReasonSchema = z.enum(exclusionReasons);
export type ExclusionReason = z.infer<typeof exclusionReasonSchema>;

const count = z.number().int().min(0);

/** Calls left out of a metric, by reason. */
export const excludedCountsSchema = z.object({
  missing: count.describe('Lacking one of the two instants'),
  negative: count.describe('End before start'),
  officerInitiated: count.describe('Officer-initiated, left out of this metric'),
});
export type ExcludedCounts = z.infer<typeof excludedCountsSchema>;
