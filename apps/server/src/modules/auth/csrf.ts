import type { RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import { CSRF_HEADER } from '@watchfloor/contracts';
import { HttpError } from '../../http/errors.ts';

const headerName = CSRF_HEADER.toLowerCase();
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Synchronizer-token CSRF protection: the token lives in the session, the browser echoes it in a header. */
export function createCsrf(options: { exemptPaths: string[] }) {
  const { generateToken, isRequestValid } = csrfSync({
    getTokenFromRequest: (req) => {
      const value = req.headers[headerName];
      return typeof value === 'string' ? value : undefined;
    },
  });

  const protect: RequestHandler = (req, _res, next) => {
    // No bearer-header exemption: every route behind this check authenticates by the session
    // cookie, and a header an attacker's page can add says nothing about who is calling.
    // Machine clients use `/api/ingest`, which is mounted outside the session and this check.
    // Without a signed-in user there is no session to ride on (and every state-changing
    // route then answers 401 itself), so only signed-in requests need the token, and
    // those half-way through sign-in (whose token came with the password's answer).
    const hasSessionState = req.user !== undefined || req.session?.pendingSignIn !== undefined;
    const exempt =
      safeMethods.has(req.method) || options.exemptPaths.includes(req.path) || !hasSessionState;
    if (exempt || isRequestValid(req)) {
      next();
      return;
    }
    next(
      new HttpError(
        403,
        'csrf_invalid',
        `Missing or invalid ${CSRF_HEADER} header; fetch /api/auth/csrf`,
      ),
    );
  };

  return { protect, generateToken };
}
