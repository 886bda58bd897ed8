import { randomUUID } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { AgencyConfig } from '@watchfloor/contracts';
import type { Database } from './db/client.ts';
import { apiNotFound, errorHandler } from './http/errors.ts';
import { jsonBody } from './http/json-body.ts';
import { noStore } from './http/no-store.ts';
import { securityHeaders } from './http/security.ts';
import { rejectUnstorableInput } from './http/storable-input.ts';
import { webAppRoutes } from './http/web-app.ts';
import type { Logger } from './logger.ts';
import { agencyRoutes } from './modules/agency/agency.routes.ts';
import { auditDenials } from './modules/audit/audit-denials.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createCsrf } from './modules/auth/csrf.ts';
import { createPassport } from './modules/auth/passport.ts';
import { attachAbility } from './modules/auth/require-user.ts';
import { mfaRoutes } from './modules/auth/mfa.routes.ts';
import { oidcRoutes } from './modules/auth/oidc.routes.ts';
import { createOidcTransactions } from './modules/auth/oidc-transaction.ts';
import {
  enforceSecondFactor,
  enforcePasswordChange,
  enforceSessionLifetime,
  type SessionPolicy,
} from './modules/auth/session.ts';
import { createSignInLimits } from './modules/auth/sign-in-limits.ts';
import { auditRejectedSignIn } from './modules/auth/sign-in-rejections.ts';
import { exportsRoutes } from './modules/exports/exports.routes.ts';
import { healthRoutes, type DependencyStatus } from './modules/health/health.routes.ts';
import { ingestRoutes } from './modules/ingest/ingest.routes.ts';
import { openApiRoutes } from './modules/openapi/openapi.routes.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { callsRoutes } from './modules/calls/calls.routes.ts';
import { unitsRoutes } from './modules/units/units.routes.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { hotspotsRoutes } from './modules/hotspots/hotspots.routes.ts';
import { historyRoutes } from './modules/history/history.routes.ts';
import type { Services } from './services.ts';

export interface AppOptions {
  db: Database;
  logger: Logger;
  services: Services;
  agency: AgencyConfig;
  sessionMiddleware: RequestHandler;
  sessionPolicy: SessionPolicy;
  trustProxy: false | number | string;
  loginRateLimit: number;
  /** Refused bearer tokens an address may send per 15 minutes before 429. */
  tokenFailureLimit: number;
  expectedMigrations: number;
  webDist: string;
  /** WEBAUTHN_ORIGIN: the origin passkeys are bound to; default, each request's. */
  webauthnOrigin?: string;
  /** Whether Redis answers, for /readyz; absent when no Redis is configured. */
  redisStatus?: () => DependencyStatus | undefined;
}

const requestIdPattern = /^[\w.:-]{1,128}$/;

/** Composes the Express application; `main.ts` adds the HTTP server and lifecycle. */
export function createApp(options: AppOptions) {
  const { db, logger, services } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id =
          typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // Feeds post every second; successful ingest is debug noise, failures still show.
      customLogLevel: (req, res, error) =>
        error || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : req.url?.startsWith('/api/ingest')
              ? 'debug'
              : 'info',
    }),
  );
  app.use(securityHeaders());
  app.use(
    healthRoutes({
      db,
      expectedMigrations: options.expectedMigrations,
      redisStatus: options.redisStatus,
    }),
  );

  app.use('/api', noStore);
  app.use(openApiRoutes());
  app.use(
    '/api/ingest',
    ingestRoutes({ ...services, tokenFailureLimit: options.tokenFailureLimit }),
  );

  const passport = createPassport(services.authService);
  const csrf = createCsrf({ exemptPaths: ['/auth/login'] });
  const api = express.Router();
  api.use(jsonBody({ limit: '1mb' }));
  api.use(rejectUnstorableInput);
  api.use(options.sessionMiddleware);
  api.use(passport.session());
  api.use(enforceSessionLifetime(options.sessionPolicy));
  api.use(enforceSecondFactor(services.mfaService.required));
  api.use(enforcePasswordChange);
  api.use(attachAbility);
  api.use(csrf.protect);
  const signInLimits = createSignInLimits(options.loginRateLimit);
  api.use(
    authRoutes({
      passport,
      auditService: services.auditService,
      domainEvents: services.domainEvents,
      generateCsrfToken: csrf.generateToken,
      signInLimits,
      userPasswordsService: services.userPasswordsService,
      passwordSignIn: services.passwordSignIn,
    }),
  );
  api.use(
    oidcRoutes({
      oidcService: services.oidcService,
      transactions: createOidcTransactions(options.sessionPolicy.secret),
      generateCsrfToken: csrf.generateToken,
      passwordSignIn: services.passwordSignIn,
      redirectUri: services.oidcService?.redirectUri,
      publicOrigin: options.webauthnOrigin,
    }),
  );
  api.use(
    mfaRoutes({
      authService: services.authService,
      mfaService: services.mfaService,
      generateCsrfToken: csrf.generateToken,
      signInLimits,
      webauthnOrigin: options.webauthnOrigin,
    }),
  );
  api.use('/auth/login', auditRejectedSignIn(services.auditService));
  api.use(agencyRoutes({ agency: options.agency }));
  api.use(usersRoutes(services));
  api.use(tokensRoutes({ tokensService: services.tokensService }));
  api.use(callsRoutes({ callsService: services.callsService }));
  api.use(unitsRoutes({ unitsService: services.unitsService }));
  api.use(auditRoutes({ auditService: services.auditService, auditExport: services.auditExport }));
  api.use(statsRoutes({ statsService: services.statsService }));
  api.use(exportsRoutes({ exportsService: services.exportsService }));
  api.use(hotspotsRoutes({ hotspotsService: services.hotspotsService }));
  api.use(historyRoutes({ historyService: services.historyService }));
  api.use(apiNotFound);
  app.use('/api', api);

  app.use(webAppRoutes(options.webDist));
  app.use(auditDenials(services.auditRollup));
  app.use(errorHandler);
  return { app, passport };
}
