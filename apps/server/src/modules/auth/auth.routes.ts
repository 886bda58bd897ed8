import { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { createPassport } from './passport.ts';

type Authenticator = ReturnType<typeof createPassport>;
import { loginRequestSchema, type CsrfResponse, type LoginResponse } from '@watchfloor/contracts';
import { errorBody, HttpError, parseInput } from '../../http/errors.ts';
import { actorFromRequest } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import { presentMe } from './auth.presenter.ts';
import { requireUser } from './require-user.ts';
import { SESSION_COOKIE } from './session.ts';
import type { SessionUser } from './session-user.ts';

const toError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** The account a sign-in attempt names, normalised as lookups are (case-insensitive). */
function usernameOf(body: unknown): string {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 200) : '';
}

const invalidCredentials = () =>
  new HttpError(401, 'invalid_credentials', 'Wrong username or password');

interface AuthRouteDeps {
  passport: Authenticator;
  auditService: AuditService;
  domainEvents: DomainEvents;
  generateCsrfToken: (req: Request, overwrite?: boolean) => string;
  loginRateLimit: number;
}

function authenticateLocal(
  passport: Authenticator,
  req: Request,
  res: Response,
  next: NextFunction,
) {
  return new Promise<SessionUser | false>((resolve, reject) => {
    const handler = passport.authenticate('local', (error: unknown, user: SessionUser | false) =>
      error ? reject(toError(error)) : resolve(user),
    ) as (req: Request, res: Response, next: NextFunction) => void;
    handler(req, res, next);
  });
}

function logIn(req: Request, user: SessionUser) {
  // passport regenerates the session id here, which defeats session fixation.
  return new Promise<void>((resolve, reject) =>
    req.login(user, (error) => (error ? reject(toError(error)) : resolve())),
  );
}

function logOut(req: Request) {
  return new Promise<void>((resolve, reject) =>
    req.logout((error) => (error ? reject(toError(error)) : resolve())),
  );
}

export function authRoutes(deps: AuthRouteDeps): Router {
  const { passport, auditService, domainEvents, generateCsrfToken } = deps;
  const router = Router();

  const tooManyAttempts = (_req: Request, res: Response) => {
    res
      .status(429)
      .json(
        errorBody('rate_limited', 'Too many sign-in attempts; wait a few minutes and try again'),
      );
  };
  const limiterOptions = {
    windowMs: 15 * 60_000,
    limit: deps.loginRateLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooManyAttempts,
  } as const;
  // Per address, and per account: a guesser who rotates addresses (or forwarded-for
  // headers) still gets only so many tries at one username.
  const loginLimiter = rateLimit(limiterOptions);
  const usernameLimiter = rateLimit({
    ...limiterOptions,
    keyGenerator: (req) => `username:${usernameOf(req.body)}`,
  });

  // Only a signed-in session has state to protect (sign-in itself is exempt), so an
  // anonymous request gets no token, and no session row is stored for it.
  router.get('/auth/csrf', requireUser, (req, res) => {
    const body: CsrfResponse = { csrfToken: generateCsrfToken(req) };
    res.json(body);
  });

  router.post('/auth/login', loginLimiter, usernameLimiter, async (req, res, next) => {
    req.body = parseInput(loginRequestSchema, req.body);
    const user = await authenticateLocal(passport, req, res, next);
    if (!user) throw invalidCredentials();
    await logIn(req, user);
    req.session.signedInAt = Date.now();
    const body: LoginResponse = { user: presentMe(user), csrfToken: generateCsrfToken(req, true) };
    res.json(body);
  });

  router.post('/auth/logout', requireUser, async (req, res) => {
    const actor = actorFromRequest(req);
    const sessionId = req.session.id;
    await logOut(req);
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((error) => (error ? reject(error as Error) : resolve())),
    );
    await auditService.record(actor, {
      action: 'auth.logout',
      outcome: 'success',
      subjectType: 'User',
      subjectId: actor.userId ?? undefined,
    });
    domainEvents.emit('session:ended', { sessionId });
    res.clearCookie(SESSION_COOKIE).status(204).end();
  });

  router.get('/me', requireUser, (req, res) => {
    res.json(presentMe(req.user!));
  });

  return router;
}
