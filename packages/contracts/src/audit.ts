import { z } from 'zod';

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export const auditOutcomeSchema = z.enum(auditOutcomes);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

export const auditEventViewSchema = z.object({
  id: z.number().int(),
  at: z.string().datetime({ offset: true }),
  actorUsername: z.string().nullable(),
  action: z.string().describe('`domain.verb`, e.g. `auth.login`, `user.create`'),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  outcome: auditOutcomeSchema,
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

export const auditListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Page size'),
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Only events with a smaller id: the last id of the previous page (newest first)'),
});

export const auditListResponseSchema = z.object({ events: z.array(auditEventViewSchema) });
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;
