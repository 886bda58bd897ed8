import { Router, type Request } from 'express';
import {
  loginRequestSchema,
  type CsrfResponse,
  type SecondFactorPending,
} from '@watchfloor/contracts';
import { HttpError, parseInput } from '../../http/errors.ts';
import { actorFromRequest } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import type { UserPasswordsService } from '../users/user-passwords.service.ts';
import { presentMe } from './auth.presenter.ts';
import type { PasswordSignIn } from './oidc-settings.ts';
import { requireUser } from './require-user.ts';
import { SESSION_COOKIE } from './session.ts';
import type { SignInLimits } from './sign-in-limits.ts';
import {
  authenticatePassword,
  endSession,
  regenerateSession,
  startSession,
  type Authenticator,
  type GenerateCsrfToken,
} from './sign-in-session.ts';

const invalidCredentials = () =>
  new HttpError(401, 'invalid_credentials', 'Wrong username or password');

interface AuthRouteDeps {
  passport: Authenticator;
  auditService: AuditService;
  domainEvents: DomainEvents;
  generateCsrfToken: GenerateCsrfToken;
  signInLimits: SignInLimits;
  userPasswordsService: UserPasswordsService;
  /** LOCAL_SIGN_IN: `disabled` refuses every password; `admins` keeps administrators'. */
  passwordSignIn: PasswordSignIn;
}

const localSignInDisabled = () =>
  new HttpError(
    403,
    'local_sign_in_disabled',
    'Signing in with a Watchfloor password is turned off here; sign in with your agency’s single sign-on',
  );

export function authRoutes(deps: AuthRouteDeps): Router {
  const { passport, auditService, domainEvents, generateCsrfToken, signInLimits } = deps;
  const { userPasswordsService } = deps;
  const router = Router();

  /** With local sign-in off, a password is refused before it is even read, and audited. */
  async function refuseLocalSignIn(req: Request) {
    await auditService.record(actorFromRequest(req), {
      action: 'auth.login',
      outcome: 'failure',
      subjectType: 'User',
      details: { reason: 'local_sign_in_disabled' },
    });
    throw localSignInDisabled();
  }

  // Only a signed-in session has state to protect (sign-in itself is exempt), so an
  // anonymous request gets no token, and no session row is stored for it.
  router.get('/auth/csrf', requireUser, (req, res) => {
    const body: CsrfResponse = { csrfToken: generateCsrfToken(req) };
    res.json(body);
  });

  router.post(
    '/auth/login',
    signInLimits.perAddress,
    signInLimits.perUsername,
    async (req, res, next) => {
      if (deps.passwordSignIn === 'disabled') await refuseLocalSignIn(req);
      req.body = parseInput(loginRequestSchema, req.body);
      const accepted = await authenticatePassword(passport, req, res, next);
      if (!accepted) throw invalidCredentials();
      const { user, secondFactor } = accepted;
      if (!secondFactor) {
        res.json(await startSession(req, user, ['pwd'], generateCsrfToken));
        return;
      }
      // Not signed in yet: the session holds only who is half-way, under a new id.
      await regenerateSession(req);
      req.session.pendingSignIn = { userId: user.id, startedAt: Date.now(), ...secondFactor };
      const body: SecondFactorPending = {
        mfaRequired: true,
        ...secondFactor,
        csrfToken: generateCsrfToken(req, true),
      };
      res.json(body);
    },
  );

  router.post('/auth/logout', requireUser, async (req, res) => {
    const actor = actorFromRequest(req);
    const sessionId = req.session.id;
    await endSession(req);
    await auditService.record(actor, {
      action: 'auth.logout',
      outcome: 'success',
      subjectType: 'User',
      subjectId: actor.userId ?? undefined,
    });
    domainEvents.emit('session:ended', { sessionId });
    res.clearCookie(SESSION_COOKIE).status(204).end();
  });

  // Guessing the current password from a stolen session is a sign-in attempt like any other.
  router.post('/auth/password', requireUser, signInLimits.perAddress, async (req, res) => {
    await userPasswordsService.changeOwn(actorFromRequest(req), req.sessionID, req.body);
    res.status(204).end();
  });

  router.get('/me', requireUser, (req, res) => {
    res.json(presentMe(req.user!));
  });

  return router;
}
