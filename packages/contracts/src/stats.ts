import { z } from 'zod';
import { intervalMetricSchema } from './agency.ts';
import {
  excludedCountsSchema,
  statsDimensionSchema,
  statsInstant as instant,
} from './stats-query.ts';

export * from './stats-query.ts';
export * from './stats-drilldown.ts';

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
  excluded: excludedCountsSchema,
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
