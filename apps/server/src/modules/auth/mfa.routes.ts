import { Router, type Request } from 'express';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import {
  mfaVerifyRequestSchema,
  totpConfirmRequestSchema,
  webauthnRegisterRequestSchema,
  type EnrolmentConfirmed,
  type MfaStatus,
  type SecondFactorPending,
  type TotpEnrollResponse,
  type WebauthnOptions,
} from '@watchfloor/contracts';
import { HttpError, parseInput, unauthenticated } from '../../http/errors.ts';
import { actorFromRequest } from '../audit/actor.ts';
import type { MfaService, SecondFactorAnswer } from '../mfa/mfa.service.ts';
import type { IssuedChallenge, RelyingParty } from '../mfa/webauthn.ts';
import type { AuthService, EnrollableMethod } from './auth.service.ts';
import { pendingSignInOf, takeWebauthnChallenge, totpEnrolmentOf } from './pending-sign-in.ts';
import { requireUser } from './require-user.ts';
import type { SignInLimits } from './sign-in-limits.ts';
import { startSession, type GenerateCsrfToken } from './sign-in-session.ts';

interface MfaRouteDeps {
  authService: AuthService;
  mfaService: MfaService;
  generateCsrfToken: GenerateCsrfToken;
  signInLimits: SignInLimits;
  /** The site's origin as browsers see it (WEBAUTHN_ORIGIN); by default, the request's. */
  webauthnOrigin?: string;
}

/** How recently a signed-in person must have signed in to add a factor beside others. */
const recentSignInMinutes = 15;

const notVerified = () =>
  new HttpError(
    401,
    'invalid_code',
    'That code is not valid; check your device’s clock, or use a recovery code',
    { issues: [{ path: 'code', message: 'Not valid now, or already used' }] },
  );

/**
 * Who may enrol a factor now: a person half-way through sign-in who has no factor yet
 * (and must enrol one to get in), or a signed-in person — who, if they already have a
 * factor, must have signed in recently, so a stolen session cannot add the thief's
 * own. An enrolled app is replaced only through an administrator's MFA reset.
 */
async function enrollingUser(req: Request, mfaService: MfaService, method: EnrollableMethod) {
  if (req.user) {
    const status = await mfaService.status(req.user.id);
    if (method === 'totp' && status.totp) {
      throw new HttpError(
        409,
        'already_enrolled',
        'An authenticator app is already enrolled; an administrator can reset it',
      );
    }
    const hasFactor = status.totp || status.webauthnCredentials > 0;
    const signedInAt = req.session.signedInAt ?? 0;
    if (hasFactor && Date.now() - signedInAt > recentSignInMinutes * 60_000) {
      throw new HttpError(
        403,
        'reauthentication_required',
        `Sign in again to add a second factor (within ${recentSignInMinutes} minutes of signing in)`,
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

/** What proved the first step of the sign-in now completing (read before the id changes). */
const firstFactorOf = (req: Request) => req.session.pendingSignIn?.firstFactor ?? 'pwd';

/** Keeps the options' challenge with the session (it answers once) and returns the options. */
function issueChallenge(
  req: Request,
  purpose: IssuedChallenge['purpose'],
  options: { challenge: string },
): WebauthnOptions {
  req.session.webauthnChallenge = { challenge: options.challenge, purpose, startedAt: Date.now() };
  return { ...options };
}

export function mfaRoutes(deps: MfaRouteDeps): Router {
  const { authService, mfaService, generateCsrfToken, signInLimits } = deps;
  const router = Router();

  /**
   * The relying party the browser checks: this site, as the config or the request names
   * it. A Host header is the client's to write, so one that names no host is a 400.
   */
  function relyingParty(req: Request): RelyingParty {
    const origin = deps.webauthnOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`;
    const url = URL.parse(origin);
    const onlyHost = url?.pathname === '/' && !url.search && !url.hash && !url.username;
    if (!url?.hostname || !onlyHost) {
      throw new HttpError(400, 'invalid_host', 'The Host header does not name this site', {
        issues: [{ path: 'Host', message: 'Expected a host name, with a port if any' }],
      });
    }
    // The normalised origin (a default port dropped), as browsers write it.
    return { id: url.hostname, name: 'Watchfloor', origin: url.origin };
  }

  async function usernameOf(enrolling: { userId: string; username: string | null }) {
    const username =
      enrolling.username ?? (await authService.sessionUser(enrolling.userId))?.username;
    if (!username) throw unauthenticated();
    return username;
  }

  /** Answers a confirmed enrolment; one that completes a sign-in starts the session. */
  async function enrolled(
    req: Request,
    method: EnrollableMethod,
    confirmed: { user: Express.User; recoveryCodes: string[] },
    completesSignIn: boolean,
  ): Promise<EnrolmentConfirmed> {
    const body: EnrolmentConfirmed = { recoveryCodes: confirmed.recoveryCodes };
    if (completesSignIn) {
      const first = firstFactorOf(req);
      body.signedIn = await startSession(req, confirmed.user, [first, method], generateCsrfToken);
    }
    return body;
  }

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
    const input = parseInput(mfaVerifyRequestSchema, req.body);
    const answer: SecondFactorAnswer =
      'webauthn' in input
        ? {
            webauthn: input.webauthn as unknown as AuthenticationResponseJSON,
            challenge: takeWebauthnChallenge(req, 'authenticate'),
            rp: relyingParty(req),
          }
        : { code: input.code };
    const proven = await authService.completeSecondFactor(
      pending.userId,
      answer,
      actorFromRequest(req),
    );
    if (!proven) throw notVerified();
    const first = pending.firstFactor ?? 'pwd';
    res.json(await startSession(req, proven.user, [first, proven.method], generateCsrfToken));
  });

  /** A challenge for signing in with one of the person's passkeys. */
  router.post('/auth/mfa/webauthn/options', signInLimits.perAddress, async (req, res) => {
    const pending = pendingSignInOf(req);
    // Methods of a person still to enrol are what they may enrol, not what they have.
    if (pending.enrollmentRequired || !pending.methods.includes('webauthn')) {
      throw new HttpError(409, 'no_passkey', 'This account has no passkey; use a code');
    }
    const options = await mfaService.webauthnAuthenticationOptions(
      relyingParty(req),
      pending.userId,
    );
    res.json(issueChallenge(req, 'authenticate', options));
  });

  router.get('/auth/mfa/status', requireUser, async (req, res) => {
    const body: MfaStatus = await mfaService.status(req.user!.id);
    res.json(body);
  });

  router.post('/auth/mfa/totp/enroll', signInLimits.perAddress, async (req, res) => {
    const enrolling = await enrollingUser(req, mfaService, 'totp');
    const { sealed, ...shown } = await mfaService.startTotpEnrolment(await usernameOf(enrolling));
    req.session.totpEnrolment = { sealedSecret: sealed, startedAt: Date.now() };
    const body: TotpEnrollResponse = shown;
    res.json(body);
  });

  router.post('/auth/mfa/totp/confirm', signInLimits.perAddress, async (req, res) => {
    const enrolling = await enrollingUser(req, mfaService, 'totp');
    const { code } = parseInput(totpConfirmRequestSchema, req.body);
    const sealedSecret = totpEnrolmentOf(req);
    const confirmed = await authService.confirmEnrolment(
      'totp',
      enrolling.userId,
      actorFromRequest(req),
      enrolling.completesSignIn,
      (userId, tx) => mfaService.confirmTotpEnrolment(userId, sealedSecret, code, tx),
    );
    if (!confirmed) throw notVerified();
    delete req.session.totpEnrolment;
    res.json(await enrolled(req, 'totp', confirmed, enrolling.completesSignIn));
  });

  router.post('/auth/mfa/webauthn/register/options', signInLimits.perAddress, async (req, res) => {
    const enrolling = await enrollingUser(req, mfaService, 'webauthn');
    const options = await mfaService.webauthnRegistrationOptions(relyingParty(req), {
      id: enrolling.userId,
      username: await usernameOf(enrolling),
    });
    res.json(issueChallenge(req, 'register', options));
  });

  router.post('/auth/mfa/webauthn/register', signInLimits.perAddress, async (req, res) => {
    const enrolling = await enrollingUser(req, mfaService, 'webauthn');
    const { response, name } = parseInput(webauthnRegisterRequestSchema, req.body);
    const challenge = takeWebauthnChallenge(req, 'register');
    const rp = relyingParty(req);
    const confirmed = await authService.confirmEnrolment(
      'webauthn',
      enrolling.userId,
      actorFromRequest(req),
      enrolling.completesSignIn,
      (userId, tx) =>
        mfaService.registerWebauthn(
          userId,
          rp,
          challenge,
          response as unknown as RegistrationResponseJSON,
          name,
          tx,
        ),
    );
    if (!confirmed) {
      throw new HttpError(401, 'passkey_not_verified', 'The passkey’s answer did not verify');
    }
    res.json(await enrolled(req, 'webauthn', confirmed, enrolling.completesSignIn));
  });

  return router;
}
