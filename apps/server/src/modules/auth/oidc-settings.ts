import type { ClaimMapping } from './oidc-claims.ts';

/**
 * Who may sign in with a Watchfloor password: everyone, only administrators (break-glass
 * while single sign-on is the way in), or nobody.
 */
export type PasswordSignIn = 'enabled' | 'admins' | 'disabled';

/** The agency's OpenID Connect identity provider and how its claims map to grants. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  /** Absent for a public client, which PKCE alone protects. */
  clientSecret?: string;
  /** Default: `/api/auth/oidc/callback` on the public origin (WEBAUTHN_ORIGIN or the request's). */
  redirectUri?: string;
  scopes: string;
  displayName: string;
  claims: ClaimMapping;
}

/** What `authenticatedBy` holds when the provider's `amr` shows a second factor. */
export const providerSecondFactor = 'oidc_mfa';

/** Where the identity provider sends the browser back to. */
export const oidcCallbackPath = '/api/auth/oidc/callback';
