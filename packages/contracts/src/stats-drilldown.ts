import { z } from 'zod';
import { intervalMetricSchema } from './agency.ts';
import {
  checkPeriod,
  excludedCountsSchema,
  exclusionReasons,
  exclusionReasonSchema,
  responseTimeQueryFields,
  statsDimensions,
  statsInstant,
  statsNullKey,
  whenParsed,
  type StatsDimension,
} from './stats-query.ts';

/** A whole number from the query string (`z.coerce` would read an empty value as 0). */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'Expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const isCalendarDate = (date: string) => {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
};
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected YYYY-MM-DD')
  .refine(isCalendarDate, 'Not a calendar date');

const codeOrNone = (what: string) =>
  z
    .string()
    .min(1)
    .optional()
    .transform((value) => (value === statsNullKey ? null : value))
    .describe(`${what}; \`${statsNullKey}\` for calls without one`);

/**
 * The group keys of the dimensions that are not filters, one parameter each,
 * valued as the aggregate's `key` gives them. `district`, `priority` and
 * `callType` are already filters: one value is the key.
 */
const groupKeyFields = {
  beat: codeOrNone('Beat code'),
  unit: codeOrNone('Call sign of the first unit assigned'),
  hour: wholeNumber(0, 23).optional().describe('Local hour, 0–23'),
  weekday: wholeNumber(1, 7).optional().describe('ISO weekday, 1 Monday … 7 Sunday'),
  shift: z.string().min(1).optional().describe('Shift name, as the agency lists it'),
  day: calendarDate.optional().describe('Local date, YYYY-MM-DD'),
  week: calendarDate
    .refine((date) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1, 'Expected a Monday')
    .optional()
    .describe('The local Monday starting the ISO week, YYYY-MM-DD'),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected YYYY-MM')
    .optional()
    .describe('Local month, YYYY-MM'),
};

/** Dimensions whose key has its own parameter (the others are the filters). */
export const groupKeyDimensions = Object.keys(groupKeyFields) as (keyof typeof groupKeyFields)[];

/** Dimensions whose key is given through the filter of the same name. */
const filterDimensions: readonly StatsDimension[] = ['district', 'priority', 'callType'];

/** With `groupBy`, every dimension of it needs its key, so a drill-down is never wider than its group. */
function checkGroupKeys(
  query: { groupBy: StatsDimension[] } & Partial<Record<StatsDimension, unknown>>,
  context: z.RefinementCtx,
): void {
  for (const dimension of query.groupBy) {
    const value = query[dimension];
    if (filterDimensions.includes(dimension)) {
      if (!Array.isArray(value) || value.length !== 1)
        context.addIssue({
          code: 'custom',
          path: [dimension],
          message: 'Give exactly one value: the key of the group',
        });
    } else if (value === undefined)
      context.addIssue({ code: 'custom', path: [dimension], message: 'Give the key of the group' });
  }
}

const keyedQueryFields = { ...responseTimeQueryFields, ...groupKeyFields };
const checkedFields = ['from', 'to', 'groupBy', ...statsDimensions];

export const drillDownStatuses = ['included', ...exclusionReasons, 'all'] as const;
export const drillDownStatusSchema = z.enum(drillDownStatuses);
export type DrillDownStatus = z.infer<typeof drillDownStatusSchema>;

/** Most calls one drill-down page may list. */
export const maxDrillDownLimit = 1000;

export const responseTimeCallsQuerySchema = z
  .object({
    ...keyedQueryFields,
    status: drillDownStatusSchema
      .default('all')
      .describe('Which calls: the included ones, one exclusion reason, or all'),
    limit: wholeNumber(1, maxDrillDownLimit).default(100).describe('Page size'),
    cursor: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('`nextCursor` of the previous page, with the same query'),
  })
  .superRefine(checkPeriod, whenParsed(['from', 'to']))
  .superRefine(checkGroupKeys, whenParsed(checkedFields));
export type ResponseTimeCallsQuery = z.output<typeof responseTimeCallsQuerySchema>;

/** Most buckets a histogram may have, besides its overflow bucket. */
export const maxHistogramBuckets = 500;

export const responseTimeHistogramQuerySchema = z
  .object({
    ...keyedQueryFields,
    bucketSeconds: wholeNumber(1, 86_400).default(60).describe('Width of each bucket, in seconds'),
    maxBuckets: wholeNumber(1, maxHistogramBuckets)
      .default(60)
      .describe('Buckets before the overflow bucket'),
  })
  .superRefine(checkPeriod, whenParsed(['from', 'to']))
  .superRefine(checkGroupKeys, whenParsed(checkedFields));
export type ResponseTimeHistogramQuery = z.output<typeof responseTimeHistogramQuerySchema>;

const count = z.number().int().min(0);
const instantOrNull = statsInstant.nullable();

/** One call behind a statistic: its instants, where it was, and what the metric made of it. */
export const responseTimeCallSchema = z.object({
  id: z.string(),
  incidentNumber: z.string(),
  receivedAt: statsInstant,
  dispatchedAt: instantOrNull,
  onsceneAt: instantOrNull,
  closedAt: instantOrNull,
  priority: z.number().int(),
  district: z.string().nullable(),
  beat: z.string().nullable(),
  callType: z.string(),
  unit: z.string().nullable().describe('Call sign of the first unit assigned; null when none was'),
  seconds: z
    .number()
    .nullable()
    .describe('The interval, in seconds; null when an instant is missing'),
  exclusion: exclusionReasonSchema
    .nullable()
    .describe('Why the call is left out of the figures; null when it is included'),
});
export type ResponseTimeCall = z.infer<typeof responseTimeCallSchema>;

const requestEcho = {
  metric: intervalMetricSchema,
  from: statsInstant,
  to: statsInstant,
  includeOfficerInitiated: z.boolean(),
};

export const responseTimeCallsSchema = z.object({
  ...requestEcho,
  status: drillDownStatusSchema,
  counts: excludedCountsSchema
    .extend({ included: count.describe('Included in the figures') })
    .describe('The drilled calls by outcome, whatever `status` asks for'),
  total: count.describe('Calls matching `status`, over every page'),
  calls: z
    .array(responseTimeCallSchema)
    .describe('Longest interval first; calls without an interval last; ties by id'),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null at the end'),
});
export type ResponseTimeCalls = z.infer<typeof responseTimeCallsSchema>;

export const histogramBucketSchema = z.object({
  from: z.number().describe('Seconds, inclusive'),
  to: z.number().describe('Seconds, exclusive'),
  count,
});

export const responseTimeHistogramSchema = z.object({
  ...requestEcho,
  bucketSeconds: z.number().int(),
  n: count.describe('Calls included: the buckets and the overflow add up to it'),
  excluded: excludedCountsSchema,
  buckets: z
    .array(histogramBucketSchema)
    .describe('From 0 s up to the last non-empty bucket, empty ones included'),
  overflow: z
    .object({ from: z.number().describe('maxBuckets × bucketSeconds'), count })
    .describe('Included calls at or over the last bucket'),
});
export type ResponseTimeHistogram = z.infer<typeof responseTimeHistogramSchema>;
