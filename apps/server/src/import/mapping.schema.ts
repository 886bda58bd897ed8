import { z } from 'zod';
import { callStatuses } from '@watchfloor/domain';

/**
 * How columns of an agency's CAD export become call fields. One mapping file
 * serves the historical importer and the live replay.
 */
const instantColumn = z.object({
  column: z.string().min(1),
  /**
   * `iso`: ISO 8601 (offset in the text, else `timeZone`); `epoch-ms` / `epoch-s`: real instants;
   * `epoch-ms-local`: local wall-clock time stored as if it were UTC (an ArcGIS quirk).
   */
  format: z.enum(['iso', 'epoch-ms', 'epoch-s', 'epoch-ms-local']),
  /** Use the column only when another column has one of these values (e.g. closed rows). */
  when: z.object({ column: z.string(), in: z.array(z.string()).min(1) }).optional(),
});

const coordinates = z.union([
  z.object({ lat: z.string(), lon: z.string() }),
  /** A single column holding `[lon, lat]` as text. */
  z.object({ lonLatText: z.string() }),
]);

export const importMappingSchema = z.object({
  name: z.string().min(1),
  /** The `source` stored with every call, which with the source id makes imports idempotent. */
  source: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
  timeZone: z.string().min(1),
  columns: z.object({
    sourceCallId: z.string(),
    callType: z.string(),
    callTypeText: z.string().optional(),
    priority: z.string().optional(),
    status: z.string().optional(),
    address: z.string().optional(),
    beat: z.string().optional(),
    district: z.string().optional(),
    coordinates: coordinates.optional(),
    receivedAt: instantColumn,
    dispatchedAt: instantColumn.optional(),
    enrouteAt: instantColumn.optional(),
    onsceneAt: instantColumn.optional(),
    closedAt: instantColumn.optional(),
    disposition: z.string().optional(),
  }),
  /** Source status values → our statuses; rows whose status is not listed are rejected. */
  statusMap: z.record(z.string(), z.enum(callStatuses)).optional(),
  /** Source priority values → priority levels. */
  priorityMap: z.record(z.string(), z.number().int().min(1).max(9)).optional(),
  /** Priority when the export has none (labelled as mapped, not measured). */
  defaultPriority: z.number().int().min(1).max(9).optional(),
  /** Source call-type codes → the agency's codes; unlisted codes pass through unchanged. */
  callTypeMap: z.record(z.string(), z.string()).optional(),
  /** Call types (agency codes) that are officer-initiated in this source. */
  officerInitiatedTypes: z.array(z.string()).optional(),
  /**
   * Find beat and district from the coordinates in the agency's polygons instead
   * of columns. Defaults to true when the mapping names no beat or district column.
   */
  pointInPolygon: z.boolean().optional(),
});

export type ImportMapping = z.infer<typeof importMappingSchema>;
export type InstantColumn = z.infer<typeof instantColumn>;
