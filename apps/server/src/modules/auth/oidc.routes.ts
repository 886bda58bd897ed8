import { Router, type Request, type Response } from 'express';
import {
  oidcCallbackQuerySchema,
  oidcLoginQuerySchema,
  type AuthProviders,
  type SsoErrorCode,
} from '@watchfloor/contracts';
import { HttpError, parseInput } from '../../http/errors.ts';
import { actorFromRequest } from '../audit/actor.ts';
import type { OidcService } from './oidc.service.ts';
import { oidcCallbackPath, type PasswordSignIn } from './oidc-settings.ts';
import type { OidcTransactions } from './oidc-transaction.ts';
import { regenerateSession, startSession, type GenerateCsrfToken } from './sign-in-session.ts';

interface OidcRouteDeps {
  /** Absent when no identity provider is configured. */
  oidcService?: OidcService;
  transactions: OidcTransactions;
  generateCsrfToken: GenerateCsrfToken;
  passwordSignIn: PasswordSignIn;
  /** OIDC_REDIRECT_URI; by default the callback on the public origin. */
  redirectUri?: string;
  /** WEBAUTHN_ORIGIN: the origin browsers reach the site at; by default the request's. */
  publicOrigin?: string;
}

const oidcLoginPath = '/api/auth/oidc/login';
/** The web app's sign-in page, which reads `sso_error` and `sso` from its query. */
const signInPage = '/sign-in';

const notConfigured = () =>
  new HttpError(404, 'sso_not_configured', 'Single sign-on is not configured here');

/** Back to the sign-in page with a code it explains (never a half-made session). */
function backToSignIn(res: Response, error: SsoErrorCode) {
  res.redirect(303, `${signInPage}?sso_error=${error}`);
}

export function oidcRoutes(deps: OidcRouteDeps): Router {
  const { oidcService, transactions, generateCsrfToken } = deps;
  const router = Router();

  function redirectUriFor(req: Request): string {
    if (deps.redirectUri) return deps.redirectUri;
    const origin = URL.parse(deps.publicOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`);
    if (!origin?.hostname || origin.pathname !== '/' || origin.search || origin.username) {
      throw new HttpError(400, 'invalid_host', 'The Host header does not name this site', {
        issues: [{ path: 'Host', message: 'Expected a host name, with a port if any' }],
      });
    }
    return new URL(oidcCallbackPath, origin).href;
  }

  /** What the sign-in page offers. */
  router.get('/auth/providers', (_req, res) => {
    const body: AuthProviders = {
      password: deps.passwordSignIn,
      sso: oidcService ? { name: oidcService.displayName, loginUrl: oidcLoginPath } : null,
    };
    res.json(body);
  });

  /** Sends the browser to the identity provider, with state, nonce and a PKCE challenge. */
  router.get('/auth/oidc/login', async (req, res) => {
    if (!oidcService) throw notConfigured();
    const { returnTo } = parseInput(oidcLoginQuerySchema, req.query);
    const redirectUri = redirectUriFor(req);
    let started: Awaited<ReturnType<OidcService['start']>>;
    try {
      started = await oidcService.start(redirectUri, returnTo ?? '/');
    } catch (error) {
      req.log.warn({ err: error }, 'identity provider unavailable');
      backToSignIn(res, 'sso_unavailable');
      return;
    }
    transactions.keep(req, res, started.transaction);
    res.redirect(303, started.url.href);
  });

  /** The provider's answer: signs the person in, or asks Watchfloor's second factor. */
  router.get('/auth/oidc/callback', async (req, res) => {
    if (!oidcService) throw notConfigured();
    const transaction = transactions.take(req, res);
    const query = oidcCallbackQuerySchema.safeParse(req.query);
    const params = query.success ? query.data : {};
    const url = new URL(transaction?.redirectUri ?? redirectUriFor(req));
    url.search = new URL(req.originalUrl, 'http://callback').search;
    const result = await oidcService.finish(
      { url, state: params.state, error: params.error },
      transaction,
      actorFromRequest(req),
    );
    if ('error' in result) {
      backToSignIn(res, result.error);
      return;
    }
    if (result.secondFactor) {
      // Not signed in yet: the session holds only who is half-way, under a new id.
      await regenerateSession(req);
      req.session.pendingSignIn = {
        userId: result.user.id,
        startedAt: Date.now(),
        firstFactor: 'oidc',
        ...result.secondFactor,
      };
      res.redirect(303, `${signInPage}?sso=second-factor`);
      return;
    }
    await startSession(req, result.user, result.authenticatedBy, generateCsrfToken);
    res.redirect(303, transaction?.returnTo ?? '/');
  });

  return router;
}
