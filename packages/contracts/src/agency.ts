import { z } from 'zod';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z
  .array(position)
  .min(4, 'A polygon ring needs at least 4 positions')
  .refine(
    (positions) => {
      const first = positions[0];
      const last = positions[positions.length - 1];
      return (
        first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1]
      );
    },
    { message: 'A polygon ring must end where it starts' },
  );
const polygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
const multiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1)).min(1),
});
const areaGeometry = z.discriminatedUnion('type', [polygonGeometry, multiPolygonGeometry]);

function areaCollection<P extends z.ZodType>(properties: P) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), properties, geometry: areaGeometry })),
  });
}

export const districtPropertiesSchema = z.object({ code: z.string().min(1), name: z.string() });
export const beatPropertiesSchema = z.object({
  code: z.string().min(1),
  name: z.string(),
  district: z.string().min(1),
});

export const intervalMetrics = ['processing', 'travel', 'response', 'onscene', 'total'] as const;
export const intervalMetricSchema = z.enum(intervalMetrics);
export type IntervalMetric = z.infer<typeof intervalMetricSchema>;

const seconds = z.number().int().positive();

export const prioritySchema = z.object({
  level: z.number().int().min(1).max(9),
  label: z.string(),
  /** Target per interval metric, in seconds (e.g. response within 600 s). */
  targets: z.partialRecord(intervalMetricSchema, seconds),
});

export const callTypeSchema = z.object({
  code: z.string().min(1).max(16),
  description: z.string().min(1),
  defaultPriority: z.number().int().min(1).max(9),
  /** True for self-initiated activity such as car stops and security checks. */
  officerInitiated: z.boolean().default(false),
});

export const dispositionSchema = z.object({ code: z.string().min(1), description: z.string() });

const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a local time as HH:MM (00:00–23:59)');

/** A named shift; it runs from its `start` until the next shift's start (wrapping past midnight). */
export const shiftSchema = z.object({
  name: z.string().min(1).max(32),
  start: localTime.describe('Local start time, HH:MM in the agency time zone'),
});
export type Shift = z.infer<typeof shiftSchema>;

const shiftsSchema = z
  .array(shiftSchema)
  .min(1)
  .max(12)
  .refine((shifts) => new Set(shifts.map((shift) => shift.name)).size === shifts.length, {
    message: 'Shift names must be unique',
  })
  .refine((shifts) => new Set(shifts.map((shift) => shift.start)).size === shifts.length, {
    message: 'Shift start times must be unique',
  });

/**
 * Shifts used when an agency file defines none: day 07–15, swing 15–23, night
 * 23–07 local time. Kept out of the schema's default so `AgencyConfig` literals
 * elsewhere need not list them; the statistics apply it.
 */
export const defaultShifts: readonly Shift[] = [
  { name: 'day', start: '07:00' },
  { name: 'swing', start: '15:00' },
  { name: 'night', start: '23:00' },
];

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const agencyConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  timeZone: z.string().refine(isTimeZone, 'Unknown IANA time zone'),
  map: z.object({
    center: position,
    zoom: z.number().min(0).max(22),
    /** A MapLibre style URL for agencies with their own tile server; none means no basemap. */
    styleUrl: z.string().nullable().default(null),
  }),
  districts: areaCollection(districtPropertiesSchema),
  beats: areaCollection(beatPropertiesSchema),
  priorities: z.array(prioritySchema).min(1),
  callTypes: z.array(callTypeSchema).min(1),
  dispositions: z.array(dispositionSchema).min(1),
  /** Shifts for statistics grouped by shift; `defaultShifts` when absent. */
  shifts: shiftsSchema.optional(),
});
export type AgencyConfig = z.infer<typeof agencyConfigSchema>;
export type AgencyConfigInput = z.input<typeof agencyConfigSchema>;

/**
 * Boundaries kept in a separate GeoJSON FeatureCollection (e.g. a city's published
 * file), named by path relative to the agency file and read when the agency loads.
 * `name` is a template: `{property}` is replaced by that feature property; the
 * default is the code.
 */
const boundaryFileFields = {
  file: z.string().min(1).describe('GeoJSON FeatureCollection, relative to the agency file'),
  codeProperty: z.string().min(1).describe('Feature property holding the code'),
  name: z.string().min(1).optional().describe('Name template, e.g. "Area {POL_DIST}"'),
};
export const districtFileSchema = z.object(boundaryFileFields);
export const beatFileSchema = z.object({
  ...boundaryFileFields,
  districtProperty: z.string().min(1).describe('Feature property holding the district code'),
  /** Corrections from the file's district values to the agency's district codes. */
  districtMap: z.record(z.string(), z.string()).optional(),
});
export type DistrictFile = z.infer<typeof districtFileSchema>;
export type BeatFile = z.infer<typeof beatFileSchema>;

/** An agency file as written: districts and beats inline or as boundary files. */
export const agencyFileSchema = agencyConfigSchema.extend({
  districts: z.union([agencyConfigSchema.shape.districts, districtFileSchema]),
  beats: z.union([agencyConfigSchema.shape.beats, beatFileSchema]),
});
export type AgencyFile = z.infer<typeof agencyFileSchema>;
