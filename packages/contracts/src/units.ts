import { z } from 'zod';
import { unitStatuses } from '@watchfloor/domain';

export const unitStatusSchema = z.enum(unitStatuses);
const instant = z.string().datetime({ offset: true });

export const positionSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  heading: z.number().min(0).lt(360).nullable(),
  speed: z.number().min(0).describe('metres per second').nullable(),
  accuracy: z.number().min(0).describe('metres').nullable(),
  at: instant,
});
export type Position = z.infer<typeof positionSchema>;

export const unitSchema = z.object({
  id: z.string().uuid(),
  callSign: z.string(),
  type: z.string(),
  homeDistrict: z.string(),
  status: unitStatusSchema,
  statusSince: instant,
  currentCallId: z.string().uuid().nullable(),
  position: positionSchema.nullable(),
  lastHeardAt: instant.nullable(),
  version: z.number().int().positive(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitListResponseSchema = z.object({ units: z.array(unitSchema) });
export const unitStatusRequestSchema = z.object({ status: unitStatusSchema });
