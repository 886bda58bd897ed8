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
  /**
   * The password must be changed before anything else (a one-time password, or one the
   * agency's policy has expired): until then only the password change is allowed.
   */
  passwordChangeRequired: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const csrfResponseSchema = z.object({ csrfToken: z.string() });
export type CsrfResponse = z.infer<typeof csrfResponseSchema>;

/** The ways a person can prove the second factor. */
export const mfaMethods = ['totp', 'webauthn', 'recovery_code'] as const;
export const mfaMethodSchema = z.enum(mfaMethods);
export type MfaMethod = z.infer<typeof mfaMethodSchema>;

/** Fully signed in: the session carries the user. */
export const signedInResponseSchema = z.object({
  mfaRequired: z.literal(false),
  user: meResponseSchema,
  csrfToken: z.string(),
});
export type SignedInResponse = z.infer<typeof signedInResponseSchema>;

/**
 * The password was right, but the session holds no user until a second factor is
 * proven (`POST /api/auth/mfa`) or, for a person who has none yet, enrolled.
 */
export const secondFactorPendingSchema = z.object({
  mfaRequired: z.literal(true),
  methods: z
    .array(mfaMethodSchema)
    .describe('What this person can prove now; with `enrollmentRequired`, what they can enrol'),
  enrollmentRequired: z
    .boolean()
    .describe('No second factor yet: enrol one (`POST /api/auth/mfa/totp/enroll`) to continue'),
  csrfToken: z.string(),
});
export type SecondFactorPending = z.infer<typeof secondFactorPendingSchema>;

export const loginResponseSchema = z.discriminatedUnion('mfaRequired', [
  signedInResponseSchema,
  secondFactorPendingSchema,
]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/**
 * A WebAuthn credential's answer as the browser library serialises it
 * (`AuthenticationResponseJSON` / `RegistrationResponseJSON`); its inner structure is
 * checked by the WebAuthn verification itself.
 */
export const webauthnResponseSchema = z
  .object({
    id: z.string().min(1).max(1024),
    rawId: z.string().max(1024),
    type: z.literal('public-key'),
    response: z.record(z.string(), z.unknown()),
  })
  .loose();

export const mfaVerifyRequestSchema = z.union([
  z.object({
    code: z
      .string()
      .trim()
      .min(1, 'Enter the code from your authenticator app or a recovery code')
      .max(64)
      .describe('A 6-digit code from the authenticator app, or one unused recovery code'),
  }),
  z.object({
    webauthn: webauthnResponseSchema.describe(
      'The assertion of a passkey for the challenge from `POST /api/auth/mfa/webauthn/options`',
    ),
  }),
]);
export type MfaVerifyRequest = z.infer<typeof mfaVerifyRequestSchema>;

/** Options for `navigator.credentials` (`startRegistration` / `startAuthentication`). */
export const webauthnOptionsSchema = z
  .object({ challenge: z.string() })
  .loose()
  .describe('PublicKeyCredential creation or request options, JSON-encoded (WebAuthn Level 3)');
export type WebauthnOptions = z.infer<typeof webauthnOptionsSchema>;

export const webauthnRegisterRequestSchema = z.object({
  response: webauthnResponseSchema,
  name: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .default('Passkey')
    .describe('What the person calls this key, e.g. "Desk YubiKey"'),
});
export type WebauthnRegisterRequest = z.input<typeof webauthnRegisterRequestSchema>;

export const totpEnrollResponseSchema = z.object({
  secret: z.string().describe('Base32, for typing into an app by hand'),
  otpauthUrl: z.string().describe('The `otpauth://totp/…` URI the QR code encodes'),
  qrSvg: z.string().describe('The QR code as an SVG document, rendered on the server'),
});
export type TotpEnrollResponse = z.infer<typeof totpEnrollResponseSchema>;

export const totpConfirmRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code your authenticator app shows'),
});
export type TotpConfirmRequest = z.infer<typeof totpConfirmRequestSchema>;

export const enrolmentConfirmedSchema = z.object({
  recoveryCodes: z
    .array(z.string())
    .describe(
      'Ten one-time codes, shown only now; each replaces the second factor once. Empty when the person already had codes (a second passkey).',
    ),
  /** Present when this confirmation completed a sign-in. */
  signedIn: signedInResponseSchema.optional(),
});
export type EnrolmentConfirmed = z.infer<typeof enrolmentConfirmedSchema>;

/** What the signed-in person has enrolled. */
export const mfaStatusSchema = z.object({
  required: z.boolean().describe('Whether this deployment requires a second factor'),
  totp: z.boolean(),
  webauthnCredentials: z.number().int(),
  recoveryCodesLeft: z.number().int(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

/** The header every state-changing browser request carries. */
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * How people may sign in here, for the sign-in page: with a password (`enabled`), only
 * administrators with a password (`admins`: the break-glass way in while single sign-on
 * is down), or not at all (`disabled`); and through the agency's identity provider.
 */
export const authProvidersSchema = z.object({
  password: z.enum(['enabled', 'admins', 'disabled']),
  sso: z
    .object({
      name: z.string().describe('The label of the "Sign in with …" button'),
      loginUrl: z.string().describe('Where the browser goes to start single sign-on'),
    })
    .nullable(),
});
export type AuthProviders = z.infer<typeof authProvidersSchema>;

/**
 * Starting single sign-on: where in the web app to land afterwards. Only a path of this
 * site (one leading slash), never another site.
 */
export const oidcLoginQuerySchema = z.object({
  returnTo: z
    .string()
    .max(512)
    .regex(/^\/(?![/\\])[^\\\s]*$/, 'Must be a path of this site, such as /calls')
    .optional(),
});
export type OidcLoginQuery = z.infer<typeof oidcLoginQuerySchema>;

/** The identity provider's answer (OpenID Connect authorization response). */
export const oidcCallbackQuerySchema = z.object({
  code: z.string().max(2048).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(1024).optional(),
  iss: z.string().max(1024).optional(),
  session_state: z.string().max(1024).optional(),
});

/** Why single sign-on failed, as the sign-in page is told (`/sign-in?sso_error=…`). */
export const ssoErrorCodes = [
  'sso_state_mismatch',
  'sso_expired',
  'sso_idp_error',
  'sso_exchange_failed',
  'sso_unmapped_role',
  'sso_invalid_grants',
  'sso_username_taken',
  'sso_missing_claims',
  'sso_account_disabled',
  'sso_unavailable',
] as const;
export type SsoErrorCode = (typeof ssoErrorCodes)[number];
