import type { RequestHandler } from 'express';
import { HttpError } from '../../http/errors.ts';
import session from 'express-session';
import { providerSecondFactor } from './oidc-settings.ts';
import type { DatabaseSessionStore } from './session-store.ts';

export const SESSION_COOKIE = 'watchfloor.sid';

export interface SessionPolicy {
  secret: string;
  /** CJIS AC-11: re-authenticate after this much inactivity. */
  idleMinutes: number;
  /** CJIS: and at least this often, however active the session. */
  maxHours: number;
}

/** The cookie session shared by HTTP and (later) the Socket.IO handshake. */
export function createSessionMiddleware(store: DatabaseSessionStore, policy: SessionPolicy) {
  return session({
    name: SESSION_COOKIE,
    secret: policy.secret,
    store,
    resave: false,
    saveUninitialized: false,
    // Each request pushes the idle deadline forward.
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'strict',
      // Secure whenever the request arrived over TLS (directly or through a trusted proxy).
      secure: 'auto',
      maxAge: policy.idleMinutes * 60_000,
    },
  });
}

/**
 * Signs out a session older than the absolute lifetime, whatever its activity. A
 * signed-in session without a sign-in time cannot prove its age, so it ends too.
 */
export function enforceSessionLifetime(policy: SessionPolicy): RequestHandler {
  const maxAgeMs = policy.maxHours * 3_600_000;
  return (req, _res, next) => {
    const signedInAt = req.session?.signedInAt;
    if (!req.user || (typeof signedInAt === 'number' && Date.now() - signedInAt <= maxAgeMs)) {
      next();
      return;
    }
    req.session.destroy((error) => {
      req.user = undefined;
      next(error);
    });
  };
}

/** Factors in `authenticatedBy` that are not the password. */
const secondFactors = new Set(['totp', 'webauthn', 'recovery_code', providerSecondFactor]);

/** Whether a sign-in proven by these methods included a second factor. */
export function hasSecondFactor(authenticatedBy: readonly string[] | undefined): boolean {
  return authenticatedBy?.some((method) => secondFactors.has(method)) ?? false;
}

/**
 * Where every person must have a second factor, a session signed in without one
 * (from before MFA was required) ends on its next request, like an expired one.
 */
export function enforceSecondFactor(required: boolean): RequestHandler {
  return (req, _res, next) => {
    if (!required || !req.user || hasSecondFactor(req.session?.authenticatedBy)) {
      next();
      return;
    }
    req.session.destroy((error) => {
      req.user = undefined;
      next(error);
    });
  };
}

/** What a person who owes a new password may still do: see who they are, choose it, or leave. */
const allowedWhilePasswordChangeOwed = new Set([
  'GET /me',
  'GET /auth/csrf',
  'POST /auth/password',
  'POST /auth/logout',
]);

/**
 * A one-time or expired password opens the session for one thing only: choosing a new
 * password. Everything else answers 403 `password_change_required` until then.
 */
export const enforcePasswordChange: RequestHandler = (req, _res, next) => {
  if (
    !req.user?.passwordChangeRequired ||
    allowedWhilePasswordChangeOwed.has(`${req.method} ${req.path}`)
  ) {
    next();
    return;
  }
  next(
    new HttpError(
      403,
      'password_change_required',
      'Choose a new password before continuing (POST /api/auth/password)',
    ),
  );
};
