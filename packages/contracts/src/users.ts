import { z } from 'zod';
import { roleSchema, userSummarySchema } from './auth.ts';

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9._-]{2,64}$/, 'Use 2–64 letters, digits, dots, dashes or underscores');

const districtListSchema = z.array(z.string().trim().min(1).max(16)).max(50);
const displayNameSchema = z.string().trim().min(1).max(120);

/**
 * A new account. The server chooses a one-time password and answers it once; its
 * holder must replace it at the first sign-in. (Operators on the command line may
 * set the password themselves.)
 */
export const createUserRequestSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema.optional(),
  role: roleSchema,
  districts: districtListSchema.default([]),
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

/** An operator at the command line (or the demo seeding) chooses the password. */
export const createUserWithPasswordSchema = createUserRequestSchema.extend({
  password: z.string(),
});
export type CreateUserWithPassword = z.input<typeof createUserWithPasswordSchema>;

/** A change of role, districts and/or display name. */
export const updateGrantsRequestSchema = z
  .object({
    role: roleSchema,
    districts: districtListSchema,
    displayName: displayNameSchema,
  })
  .partial()
  .refine(
    (grants) =>
      grants.role !== undefined ||
      grants.districts !== undefined ||
      grants.displayName !== undefined,
    { message: 'Change the role, the districts or the display name' },
  );
export type UpdateGrantsRequest = z.input<typeof updateGrantsRequestSchema>;

/** What an administrator sees of an account. Never the password hash. */
export const userAdminViewSchema = userSummarySchema.extend({
  disabled: z.boolean(),
  locked: z.boolean(),
  /** The next sign-in must choose a new password (one-time password, or expired). */
  mustChangePassword: z.boolean(),
  /** The identity provider the account signs in through (single sign-on); null: a password. */
  identityProvider: z.string().nullable(),
  /** The second factors enrolled. */
  secondFactors: z.object({ totp: z.boolean(), passkeys: z.number().int() }),
  createdAt: z.string().datetime({ offset: true }),
  lastLoginAt: z.string().datetime({ offset: true }).nullable(),
});
export type UserAdminView = z.infer<typeof userAdminViewSchema>;

/** A password handed over once: to the new account's holder, or after a reset. */
export const oneTimePasswordResponseSchema = z.object({
  user: userAdminViewSchema,
  oneTimePassword: z.string(),
});
export type OneTimePasswordResponse = z.infer<typeof oneTimePasswordResponseSchema>;

/** One signed-in session of an account, as an administrator sees it. */
export const userSessionViewSchema = z.object({
  /** A handle for ending the session; not the session's cookie value. */
  id: z.string(),
  signedInAt: z.string().datetime({ offset: true }).nullable(),
  expiresAt: z.string().datetime({ offset: true }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** How the sign-in was proven: pwd, totp, webauthn, recovery_code, sso. */
  authenticatedBy: z.array(z.string()),
  /** The session this request came from. */
  current: z.boolean(),
});
export type UserSessionView = z.infer<typeof userSessionViewSchema>;

export const userSessionListResponseSchema = z.object({
  sessions: z.array(userSessionViewSchema),
});
export type UserSessionListResponse = z.infer<typeof userSessionListResponseSchema>;

/** A person changes their own password; the current one proves it is them. */
export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(1024),
  newPassword: z.string().max(1024),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

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
