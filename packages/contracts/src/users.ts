import { z } from 'zod';
import { roleSchema, userSummarySchema } from './auth.ts';

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9._-]{2,64}$/, 'Use 2–64 letters, digits, dots, dashes or underscores');

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(120).optional(),
  role: roleSchema,
  districts: z.array(z.string().trim().min(1).max(16)).max(50).default([]),
  password: z.string(),
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

/** A change of role and/or districts. */
export const updateGrantsRequestSchema = z
  .object({
    role: roleSchema,
    districts: z.array(z.string().trim().min(1).max(16)).max(50),
  })
  .partial()
  .refine((grants) => grants.role !== undefined || grants.districts !== undefined, {
    message: 'Change the role or the districts',
  });

/** What an administrator sees of an account. Never the password hash. */
export const userAdminViewSchema = userSummarySchema.extend({
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string().datetime({ offset: true }),
  lastLoginAt: z.string().datetime({ offset: true }).nullable(),
});
export type UserAdminView = z.infer<typeof userAdminViewSchema>;

export const userListResponseSchema = z.object({ users: z.array(userAdminViewSchema) });
export type UserListResponse = z.infer<typeof userListResponseSchema>;

/** What an administrator's MFA reset removed. */
export const mfaResetResponseSchema = z.object({
  removed: z.object({
    totp: z.boolean(),
    webauthnCredentials: z.number().int(),
    recoveryCodesLeft: z.number().int(),
  }),
});
export type MfaResetResponse = z.infer<typeof mfaResetResponseSchema>;
