import { z } from 'zod';
import { callSchema } from './calls.ts';
import { acceptedInstant } from './instant.ts';

/**
 * Calls counted on an H3 hexagon grid. Community-generated and officer-initiated calls are
 * counted apart: patrol's own stops would otherwise make the places patrol already goes look
 * like demand, and send patrol back there.
 */
export const hotspotOrigins = ['community', 'officer'] as const;
export const hotspotOriginSchema = z.enum(hotspotOrigins);
export type HotspotOrigin = z.infer<typeof hotspotOriginSchema>;

/** Coarsest and finest grid offered: ~250 km² to ~0.015 km² per hexagon. */
export const hotspotResolutions = { min: 5, max: 10, default: 8 } as const;

/** Longest window one request may cover. */
export const maxHotspotPeriodDays = 366;

const instant = z.string().datetime({ offset: true });
const list = (value: string | undefined) => value?.split(',').filter(Boolean);

export const hotspotQuerySchema = z
  .object({
    from: acceptedInstant.describe('Start of the window (inclusive), by time received'),
    to: acceptedInstant.describe('End of the window (exclusive)'),
    resolution: z.coerce
      .number()
      .int()
      .min(hotspotResolutions.min)
      .max(hotspotResolutions.max)
      .default(hotspotResolutions.default)
      .describe('H3 resolution; the map picks it from its zoom'),
    origin: hotspotOriginSchema.default('community'),
    callType: z.string().optional().transform(list).describe('Comma-separated call type codes'),
    priority: z
      .string()
      .optional()
      .transform((value) => list(value)?.map(Number))
      .pipe(z.array(z.number().int().min(1).max(9)).optional())
      .describe('Comma-separated priority levels'),
    hour: z
      .string()
      .optional()
      .transform((value) => list(value)?.map(Number))
      .pipe(
        z
          .array(z.number().int().min(0).max(23))
          // An empty list would match no call at all: say so rather than answer nothing.
          .refine((hours) => hours.length > 0, 'Give at least one hour, or leave hour out')
          .optional(),
      )
      .describe('Comma-separated local hours of the day (0–23) the call was received in'),
    district: z.string().optional().transform(list).describe('Comma-separated district codes'),
  })
  .superRefine(
    (query, context) => {
      const span = Date.parse(query.to) - Date.parse(query.from);
      if (span <= 0)
        context.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from' });
      else if (span > maxHotspotPeriodDays * 86_400_000)
        context.addIssue({
          code: 'custom',
          path: ['to'],
          message: `The window may not exceed ${maxHotspotPeriodDays} days`,
        });
    },
    // Checked whenever both instants are valid, so other bad fields are reported alongside.
    {
      when: ({ issues }) =>
        !issues.some((issue) => ['from', 'to'].includes(String(issue.path?.[0]))),
    },
  );
export type HotspotQuery = z.output<typeof hotspotQuerySchema>;

export const hotspotCellSchema = z.object({
  cell: z.string().describe('H3 cell index'),
  count: z.number().int().min(0),
  /** Calls in the same cell in the previous window of equal length. */
  previousCount: z.number().int().min(0),
  /** (count − previous) / previous; null when the previous window had none. */
  change: z.number().nullable(),
});
export type HotspotCell = z.infer<typeof hotspotCellSchema>;

export const hotspotResponseSchema = z.object({
  from: instant,
  to: instant,
  previous: z.object({ from: instant, to: instant }),
  resolution: z.number().int(),
  origin: hotspotOriginSchema,
  total: z.number().int().min(0),
  previousTotal: z.number().int().min(0),
  /** Calls without a location, which no hexagon can hold. */
  unlocated: z.number().int().min(0),
  /** Busiest first. */
  cells: z.array(hotspotCellSchema),
});
export type HotspotResponse = z.infer<typeof hotspotResponseSchema>;

export const hotspotCellCallsSchema = z.object({
  cell: z.string(),
  calls: z.array(callSchema),
  /** True when more calls matched than were returned. */
  truncated: z.boolean(),
});
export type HotspotCellCalls = z.infer<typeof hotspotCellCallsSchema>;

/** Why a hexagon table is being downloaded; kept in the audit log with the filters. */
export const hotspotExportSchema = z.object({
  purpose: z
    .string()
    .trim()
    .min(10, 'Say why, in at least 10 characters')
    .max(500)
    .describe('Why the table is exported (kept in the audit log)'),
});
