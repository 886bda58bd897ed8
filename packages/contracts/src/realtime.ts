import { z } from 'zod';
import { callSchema } from './calls.ts';
import { unitSchema } from './units.ts';

/*
 * Socket.IO messages, server to client. Clients send nothing: the server puts each
 * socket in its rooms from the user's ability at the handshake, which carries the
 * same session cookie as the HTTP API.
 */

const instant = z.string().datetime({ offset: true });
const version = z.number().int().positive();

/** `calls:changed` when the audience may see the call: the whole call, presented for it. */
export const callChangedUpsertSchema = z.object({
  seq: version.describe('The call’s version; per call, each message has a higher one'),
  call: callSchema,
});

/** `calls:changed` when the audience may no longer see the call (closed out of view, moved district). */
export const callChangedRemovalSchema = z.object({
  seq: version.describe('The call’s version; per call, each message has a higher one'),
  callId: z.string().uuid(),
  removed: z.literal(true),
});

/**
 * `calls:changed`: reliable and ordered per call. A jump of more than one in `seq`
 * means a missed message (refetch the call over REST); a `seq` already seen is ignored.
 */
export const callChangedMessageSchema = z
  .union([callChangedUpsertSchema, callChangedRemovalSchema])
  .describe(
    'A call changed. `seq` is the call’s version: a jump of more than one means a missed message (refetch over REST); a `seq` already seen is ignored. `removed` means this audience may no longer see the call.',
  );
export type CallChangedMessage = z.infer<typeof callChangedMessageSchema>;

/** `units:changed`: a unit's status or assignment changed; reliable and ordered per unit. */
export const unitChangedMessageSchema = z
  .object({
    seq: version.describe('The unit’s version'),
    unit: unitSchema,
  })
  .describe('A unit’s status or assignment changed. `seq` is the unit’s version.');
export type UnitChangedMessage = z.infer<typeof unitChangedMessageSchema>;

/** A unit's newest position in a batch. */
export const livePositionSchema = z.object({
  unitId: z.string().uuid(),
  callSign: z.string(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  heading: z.number().min(0).lt(360).nullable().describe('Degrees clockwise from north'),
  speed: z.number().min(0).nullable().describe('metres per second'),
  at: instant.describe('When the unit reported it'),
});
export type LivePosition = z.infer<typeof livePositionSchema>;

/**
 * `units:positions`: volatile (a batch may be dropped; the next one supersedes it),
 * coalesced per tick to the newest report of every unit that moved since the last batch.
 */
export const positionBatchSchema = z
  .object({
    at: instant.describe('When the batch left the server'),
    positions: z.array(livePositionSchema),
  })
  .describe(
    'Every unit that moved since the previous batch, one entry each (its newest report). Volatile: a dropped batch is superseded by the next.',
  );
export type PositionBatch = z.infer<typeof positionBatchSchema>;

/**
 * `live:resync`: messages between server processes may have been lost (their relay, Redis,
 * was away and is back); reload the calls and units from REST, as after a reconnect.
 */
export const liveResyncMessageSchema = z
  .object({
    reason: z.enum(['relay_restored']).describe('Why: the relay between processes is back'),
  })
  .describe(
    'Changes made on other server processes may have been missed: reload calls and units over REST, as after a reconnect.',
  );
export type LiveResyncMessage = z.infer<typeof liveResyncMessageSchema>;

/** Event name → payload schema, for every event the server emits. */
export const serverToClientEventSchemas = {
  'calls:changed': callChangedMessageSchema,
  'units:changed': unitChangedMessageSchema,
  'units:positions': positionBatchSchema,
  'live:resync': liveResyncMessageSchema,
} as const;
export type ServerToClientEventName = keyof typeof serverToClientEventSchemas;
