import { z } from 'zod';
import { roles } from '@watchfloor/authz';

export const roleSchema = z.enum(roles);

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, 'Username is required').max(64),
  password: z.string().min(1, 'Password is required').max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSummarySchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  districts: z.array(z.string()),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/** Packed CASL rules (`packRules` output): arrays of strings, arrays and objects. */
export const packedRulesSchema = z.array(z.array(z.unknown()));

export const meResponseSchema = userSummarySchema.extend({
  rules: packedRulesSchema,
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const csrfResponseSchema = z.object({ csrfToken: z.string() });
export type CsrfResponse = z.infer<typeof csrfResponseSchema>;

export const loginResponseSchema = z.object({
  user: meResponseSchema,
  csrfToken: z.string(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** The header every state-changing browser request carries. */
export const CSRF_HEADER = 'X-CSRF-Token';
