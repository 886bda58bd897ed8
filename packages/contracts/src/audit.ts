import { z } from 'zod';
import { exportAccountability } from './exports.ts';
import { acceptedInstant } from './instant.ts';

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export const auditOutcomeSchema = z.enum(auditOutcomes);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

export const auditEventViewSchema = z.object({
  id: z.number().int(),
  at: z.string().datetime({ offset: true }),
  actorUsername: z.string().nullable(),
  actorLabel: z
    .string()
    .nullable()
    .describe('The acting person’s display name, when the actor is a user that still exists'),
  action: z.string().describe('`domain.verb`, e.g. `auth.login`, `user.create`'),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  subjectLabel: z
    .string()
    .nullable()
    .describe(
      'What a person calls the subject: a call’s incident number, a user’s name, a unit’s call sign, a token’s name',
    ),
  outcome: auditOutcomeSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z
    .string()
    .nullable()
    .describe('The row’s link in the hash chain; null on rows written before the chain began'),
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
  actor: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Who acted: a username, or part of one (case-insensitive)'),
  action: z
    .string()
    .trim()
    .regex(/^[a-z]+(\.[a-z_]*)?$/, 'An action such as auth.login, or a domain such as auth.')
    .optional()
    .describe('`domain.verb` exactly, or `domain.` for every action of a domain'),
  subject: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('The subject’s id (a call, user or token id)'),
  outcome: auditOutcomeSchema.optional(),
  from: acceptedInstant.optional().describe('Events at or after this instant'),
  to: acceptedInstant.optional().describe('Events before this instant'),
});
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

/** The audit log's CSV export: the list's filters (every matching row), and why it is made. */
export const auditExportQuerySchema = auditListQuerySchema
  .omit({ limit: true, before: true })
  .extend(exportAccountability);
export type AuditExportQuery = z.output<typeof auditExportQuerySchema>;

export const auditListResponseSchema = z.object({ events: z.array(auditEventViewSchema) });
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;

const chainPointSchema = z.object({
  eventId: z.number().int(),
  at: z.string().datetime({ offset: true }),
});

/** What `audit:verify` and the audit page report about the audit log's hash chain. */
export const auditChainReportSchema = z.object({
  ok: z.boolean(),
  chainedRows: z.number().int().describe('Rows checked link by link'),
  unchainedRows: z.number().int().describe('Rows written before the chain began'),
  verifiedThrough: chainPointSchema
    .nullable()
    .describe('The last row the chain vouches for, up to the first problem'),
  checkpointsVerified: z.number().int().describe('Signed checkpoints that match the chain'),
  lastCheckpoint: chainPointSchema.nullable(),
  problem: z
    .object({
      eventId: z.number().int().nullable(),
      reason: z.string(),
    })
    .nullable()
    .describe('The first thing wrong: a changed, missing or reordered row, or a bad checkpoint'),
});
export type AuditChainReport = z.infer<typeof auditChainReportSchema>;
