import { z } from 'zod';

/**
 * The part of `config/agencies/demo-params.json` the live generator reads
 * (see docs/DEMO-DATA.md). Unknown fields are ignored, so the file can grow.
 */
const quantiles = z.object({ median: z.number().positive(), p90: z.number().positive() });
const share = z.number().min(0).max(1);
const perHour = z.array(z.number().min(0)).length(24);

export const demoParamsSchema = z.object({
  timeZone: z.string().min(1),
  callsPerDay: z.number().positive(),
  hourly: z.object({ meanCallsPerHour: perHour }),
  weekdayHourly: z.object({ meanCallsPerHour: z.array(perHour).length(7) }),
  callTypeMix: z.object({ shares: z.record(z.string(), share) }),
  officerInitiatedShare: share,
  spatial: z.object({
    beatShares: z.record(z.string(), share),
    withinBeat: z.object({
      hotspotsPerBeat: z.number().int().min(0).max(100),
      hotspotShare: share,
      addressesPerCall: share,
    }),
  }),
  timeToClose: z.object({ quickCloseShareByCallType: z.record(z.string(), share) }),
  simulated: z.object({
    processing: z.record(z.string(), quantiles),
    travel: z.record(z.string(), quantiles),
    onScene: z.record(z.string(), quantiles),
    onSceneByCallType: z.record(z.string(), quantiles),
    dispositionShares: z.record(z.string(), share),
  }),
});
export type DemoParams = z.infer<typeof demoParamsSchema>;

/** Validates parsed JSON; throws with every problem listed. */
export function parseDemoParams(raw: unknown): DemoParams {
  const parsed = demoParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`demo parameters are invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
