import { z } from 'zod';
import { callStatuses } from '@watchfloor/domain';
import { callStatusSchema } from './calls.ts';
import { checkPeriod, responseTimeQueryFields, whenParsed } from './stats-query.ts';

/** File formats of a call export. */
export const callExportFormats = ['csv', 'xlsx', 'geojson', 'ndjson', 'eido'] as const;
export const callExportFormatSchema = z.enum(callExportFormats);
export type CallExportFormat = z.infer<typeof callExportFormatSchema>;

/** File formats of a statistics export. */
export const statsExportFormats = ['csv', 'xlsx'] as const;
export const statsExportFormatSchema = z.enum(statsExportFormats);
export type StatsExportFormat = z.infer<typeof statsExportFormatSchema>;

/** Bounds of the reason an export is made: it is written to the audit log. */
export const exportPurposeLength = { min: 10, max: 500 } as const;

/** What every export carries: why it is made, and whether CSV starts with a byte-order mark. */
export const exportAccountability = {
  purpose: z
    .string()
    .trim()
    .min(exportPurposeLength.min)
    .max(exportPurposeLength.max)
    .describe('Why the export is made (10–500 characters); recorded in the audit log'),
  bom: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Start CSV with a UTF-8 byte-order mark, for Excel'),
};

const commaSeparated = (value: string | undefined) => value?.split(',').filter(Boolean);

/** Filters of a call export (and of its estimate): the period by received time, and the lists. */
export const callExportFilterFields = {
  from: responseTimeQueryFields.from,
  to: responseTimeQueryFields.to,
  district: responseTimeQueryFields.district,
  priority: responseTimeQueryFields.priority,
  callType: responseTimeQueryFields.callType,
  status: z
    .string()
    .optional()
    .transform(commaSeparated)
    .pipe(z.array(callStatusSchema).optional())
    .describe(`Comma-separated call statuses (${callStatuses.join(', ')})`),
};

export const callExportEstimateQuerySchema = z
  .object(callExportFilterFields)
  .superRefine(checkPeriod, whenParsed(['from', 'to']));
export type CallExportEstimateQuery = z.output<typeof callExportEstimateQuerySchema>;

export const callExportQuerySchema = z
  .object({ format: callExportFormatSchema, ...callExportFilterFields, ...exportAccountability })
  .superRefine(checkPeriod, whenParsed(['from', 'to']));
export type CallExportQuery = z.output<typeof callExportQuerySchema>;

export const statsExportQuerySchema = z
  .object({
    format: statsExportFormatSchema,
    ...responseTimeQueryFields,
    ...exportAccountability,
  })
  .superRefine(checkPeriod, whenParsed(['from', 'to']));
export type StatsExportQuery = z.output<typeof statsExportQuerySchema>;

/** The estimate counts rows up to this many; above it the count is a lower bound. */
export const estimateRowCap = 2_000_000;

/** Row count a call export with these filters would have, for the UI before it starts one. */
export const callExportEstimateSchema = z.object({
  rows: z.number().int().min(0),
  exact: z
    .boolean()
    .describe('False when counting stopped at the cap: there are at least `rows` rows'),
});
export type CallExportEstimate = z.infer<typeof callExportEstimateSchema>;

/** How an export ended, as its audit event records it. */
export const exportOutcomes = ['completed', 'cancelled', 'failed'] as const;
export type ExportOutcome = (typeof exportOutcomes)[number];

/** Response header naming the agency time zone the instants of an export are rendered in. */
export const exportTimeZoneHeader = 'X-Watchfloor-Time-Zone';
