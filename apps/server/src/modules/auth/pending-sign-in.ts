import type { Request } from 'express';
import type { MfaMethod } from '@watchfloor/contracts';
import { HttpError } from '../../http/errors.ts';
import type { IssuedChallenge } from '../mfa/webauthn.ts';

/** A sign-in whose password was right and whose second factor is still owed. */
export interface PendingSignIn {
  userId: string;
  startedAt: number;
  methods: MfaMethod[];
  enrollmentRequired: boolean;
  /** What proved the first step: the password, or the identity provider (`oidc`). */
  firstFactor?: 'pwd' | 'oidc';
}

/** Long enough to open an app or find a recovery sheet; the password is asked again after. */
export const pendingSignInMinutes = 5;
/** Scanning a QR code and typing the first code, with time to spare. */
export const totpEnrolmentMinutes = 10;

const expired = (startedAt: number, minutes: number) => Date.now() - startedAt > minutes * 60_000;

export const noPendingSignIn = () =>
  new HttpError(
    401,
    'no_pending_sign_in',
    'No sign-in is waiting for a second factor, or it took too long; sign in with your password again',
  );

/** The pending sign-in of this session, or 401 when there is none (or it expired). */
export function pendingSignInOf(req: Request): PendingSignIn {
  const pending = req.session.pendingSignIn;
  if (!pending || expired(pending.startedAt, pendingSignInMinutes)) {
    delete req.session.pendingSignIn;
    throw noPendingSignIn();
  }
  return pending;
}

/** The sealed TOTP secret this session was shown, or 409 when enrolment was not started. */
export function totpEnrolmentOf(req: Request): string {
  const enrolment = req.session.totpEnrolment;
  if (!enrolment || expired(enrolment.startedAt, totpEnrolmentMinutes)) {
    delete req.session.totpEnrolment;
    throw new HttpError(
      409,
      'no_enrolment',
      'Start the enrolment first (POST /api/auth/mfa/totp/enroll); it expires after 10 minutes',
    );
  }
  return enrolment.sealedSecret;
}

/** A passkey ceremony has as long as the browser gives it (5 minutes by default). */
export const webauthnChallengeMinutes = 5;

/**
 * The challenge this session was last given for `purpose`, taken (it answers once), or
 * 409 when none is outstanding.
 */
export function takeWebauthnChallenge(req: Request, purpose: IssuedChallenge['purpose']): string {
  const issued = req.session.webauthnChallenge;
  delete req.session.webauthnChallenge;
  if (
    !issued ||
    issued.purpose !== purpose ||
    expired(issued.startedAt, webauthnChallengeMinutes)
  ) {
    throw new HttpError(
      409,
      'no_challenge',
      'Ask for WebAuthn options first; a challenge answers once, within 5 minutes',
    );
  }
  return issued.challenge;
}
