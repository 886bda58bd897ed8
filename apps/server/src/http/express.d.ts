import type { AppAbility } from '@watchfloor/authz';
import type { PendingSignIn } from '../modules/auth/pending-sign-in.ts';
import type { SessionUser } from '../modules/auth/session-user.ts';
import type { IssuedChallenge } from '../modules/mfa/webauthn.ts';

declare global {
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
    interface Request {
      /** What the signed-in user may do; empty when signed out. */
      ability: AppAbility;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    /** Epoch ms of sign-in, for the absolute session lifetime. */
    signedInAt?: number;
    /**
     * How this sign-in was proven, in the spirit of OpenID Connect's `amr`: `pwd`, then
     * the second factor (`totp`, `webauthn`, `recovery_code`) when one was asked.
     */
    authenticatedBy?: string[];
    /** Where the sign-in came from, shown when an administrator lists sessions. */
    client?: { ip: string | null; userAgent: string | null };
    /** Between a right password and the second factor: the session has no user yet. */
    pendingSignIn?: PendingSignIn;
    /** A TOTP secret shown for enrolment, sealed, until a code from it confirms it. */
    totpEnrolment?: { sealedSecret: string; startedAt: number };
    /** The WebAuthn challenge last handed to this browser, until it is answered. */
    webauthnChallenge?: IssuedChallenge;
  }
}
