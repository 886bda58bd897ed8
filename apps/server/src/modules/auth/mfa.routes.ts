import { Router, type Request } from 'express';
import {
  mfaVerifyRequestSchema,
  totpConfirmRequestSchema,
  type MfaStatus,
  type SecondFactorPending,
  type TotpConfirmResponse,
  type TotpEnrollResponse,
} from '@watchfloor/contracts';
import { HttpError, parseInput, unauthenticated } from '../../http/errors.ts';
import { actorFromRequest } from '../audit/actor.ts';
import type { MfaService } from '../mfa/mfa.service.ts';
import type { AuthService } from './auth.service.ts';
import { pendingSignInOf, totpEnrolmentOf } from './pending-sign-in.ts';
import { requireUser } from './require-user.ts';
import type { SignInLimits } from './sign-in-limits.ts';
import { startSession, type GenerateCsrfToken } from './sign-in-session.ts';

interface MfaRouteDeps {
  authService: AuthService;
  mfaService: MfaService;
  generateCsrfToken: GenerateCsrfToken;
  signInLimits: SignInLimits;
}

const wrongCode = () =>
  new HttpError(
    401,
    'invalid_code',
    'That code is not valid; check your device’s clock, or use a recovery code',
    {
      issues: [{ path: 'code', message: 'Not valid now, or already used' }],
    },
  );

/**
 * Who may enrol TOTP now: a person half-way through sign-in who has no factor yet
 * (and must enrol one to get in), or a signed-in person without TOTP. Replacing an
 * enrolled app goes through an administrator's MFA reset, so a stolen session or a
 * known password cannot swap in the thief's own app.
 */
async function enrollingUser(req: Request, mfaService: MfaService) {
  if (req.user) {
    if ((await mfaService.status(req.user.id)).totp) {
      throw new HttpError(
        409,
        'already_enrolled',
        'An authenticator app is already enrolled; an administrator can reset it',
      );
    }
    return { userId: req.user.id, username: req.user.username, completesSignIn: false };
  }
  if (!req.session.pendingSignIn) throw unauthenticated();
  const pending = pendingSignInOf(req);
  if (!pending.enrollmentRequired) {
    throw new HttpError(
      403,
      'enrollment_not_allowed',
      'This account already has a second factor: prove it with POST /api/auth/mfa',
    );
  }
  return { userId: pending.userId, username: null, completesSignIn: true };
}

export function mfaRoutes(deps: MfaRouteDeps): Router {
  const { authService, mfaService, generateCsrfToken, signInLimits } = deps;
  const router = Router();

  /** After a page reload half-way through sign-in: what is still owed. */
  router.get('/auth/mfa', (req, res) => {
    const pending = pendingSignInOf(req);
    const body: SecondFactorPending = {
      mfaRequired: true,
      methods: pending.methods,
      enrollmentRequired: pending.enrollmentRequired,
      csrfToken: generateCsrfToken(req),
    };
    res.json(body);
  });

  router.post('/auth/mfa', signInLimits.perAddress, async (req, res) => {
    const pending = pendingSignInOf(req);
    const { code } = parseInput(mfaVerifyRequestSchema, req.body);
    const proven = await authService.completeSecondFactor(
      pending.userId,
      code,
      actorFromRequest(req),
    );
    if (!proven) throw wrongCode();
    res.json(await startSession(req, proven.user, ['pwd', proven.method], generateCsrfToken));
  });

  router.get('/auth/mfa/status', requireUser, async (req, res) => {
    const body: MfaStatus = await mfaService.status(req.user!.id);
    res.json(body);
  });

  router.post('/auth/mfa/totp/enroll', signInLimits.perAddress, async (req, res) => {
    const enrolling = await enrollingUser(req, mfaService);
    const label = enrolling.username ?? (await authService.sessionUser(enrolling.userId))?.username;
    if (!label) throw unauthenticated();
    const { sealed, ...shown } = await mfaService.startTotpEnrolment(label);
    req.session.totpEnrolment = { sealedSecret: sealed, startedAt: Date.now() };
    const body: TotpEnrollResponse = shown;
    res.json(body);
  });

  router.post('/auth/mfa/totp/confirm', signInLimits.perAddress, async (req, res) => {
    const enrolling = await enrollingUser(req, mfaService);
    const { code } = parseInput(totpConfirmRequestSchema, req.body);
    const sealedSecret = totpEnrolmentOf(req);
    const confirmed = await authService.confirmTotpEnrolment(
      enrolling.userId,
      sealedSecret,
      code,
      actorFromRequest(req),
      enrolling.completesSignIn,
    );
    if (!confirmed) throw wrongCode();
    delete req.session.totpEnrolment;
    const body: TotpConfirmResponse = { recoveryCodes: confirmed.recoveryCodes };
    if (enrolling.completesSignIn) {
      body.signedIn = await startSession(req, confirmed.user, ['pwd', 'totp'], generateCsrfToken);
    }
    res.json(body);
  });

  return router;
}
