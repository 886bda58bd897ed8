import type { NextFunction, Request, Response } from 'express';
import type { SignedInResponse } from '@watchfloor/contracts';
import type { createPassport } from './passport.ts';
import type { PasswordAccepted } from './auth.service.ts';
import { presentMe } from './auth.presenter.ts';
import type { SessionUser } from './session-user.ts';

export type Authenticator = ReturnType<typeof createPassport>;
export type GenerateCsrfToken = (req: Request, overwrite?: boolean) => string;

const toError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** Runs passport's local strategy: the accepted password's result, or false. */
export function authenticatePassword(
  passport: Authenticator,
  req: Request,
  res: Response,
  next: NextFunction,
) {
  return new Promise<PasswordAccepted | false>((resolve, reject) => {
    const handler = passport.authenticate(
      'local',
      (error: unknown, user: SessionUser | false, info?: Pick<PasswordAccepted, 'secondFactor'>) =>
        error
          ? reject(toError(error))
          : resolve(user ? { user, secondFactor: info?.secondFactor ?? null } : false),
    ) as (req: Request, res: Response, next: NextFunction) => void;
    handler(req, res, next);
  });
}

/** A new session id for a new stage of trust, so an id seen before it is worthless. */
export function regenerateSession(req: Request) {
  return new Promise<void>((resolve, reject) =>
    req.session.regenerate((error) => (error ? reject(toError(error)) : resolve())),
  );
}

/**
 * Makes the session the user's: passport regenerates the id (no session fixation),
 * then the sign-in time and the factors that proved it are kept with it.
 */
export async function startSession(
  req: Request,
  user: SessionUser,
  authenticatedBy: string[],
  generateCsrfToken: GenerateCsrfToken,
): Promise<SignedInResponse> {
  await new Promise<void>((resolve, reject) =>
    req.login(user, (error) => (error ? reject(toError(error)) : resolve())),
  );
  req.session.signedInAt = Date.now();
  req.session.authenticatedBy = authenticatedBy;
  // Shown to administrators beside the session, so they can tell which one to end.
  req.session.client = {
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
  };
  return { mfaRequired: false, user: presentMe(user), csrfToken: generateCsrfToken(req, true) };
}

export function endSession(req: Request) {
  return new Promise<void>((resolve, reject) =>
    req.logout((error) => (error ? reject(toError(error)) : resolve())),
  ).then(
    () =>
      new Promise<void>((resolve, reject) =>
        req.session.destroy((error) => (error ? reject(toError(error)) : resolve())),
      ),
  );
}
