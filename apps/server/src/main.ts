import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { createApp } from './app.ts';
import { attachRealtime } from './realtime/gateway.ts';
import {
  accountPolicies,
  ConfigError,
  loadConfig,
  retentionPolicy,
  type Config,
} from './config.ts';
import { shippedMigrationCount } from './db/client.ts';
import { openConfiguredDatabase } from './db/open-configured.ts';
import { connectedRoleCanRewriteHistory } from './db/roles/history-exposure.ts';
import { seedDemoUsers } from './demo/demo-users.ts';
import { startDemoCityForServer } from './demo/start-demo-city.ts';
import { HttpError } from './http/errors.ts';
import { createLogger, type Logger } from './logger.ts';
import type { DependencyStatus } from './modules/health/health.routes.ts';
import { loadAgencyConfig } from './modules/agency/agency.loader.ts';
import { startRetentionJob } from './modules/retention/retention.job.ts';
import { createSessionMiddleware, type SessionPolicy } from './modules/auth/session.ts';
import { DatabaseSessionStore } from './modules/auth/session-store.ts';
import { resolveSessionSecret } from './secrets.ts';
import { createServices } from './services.ts';

/** How long a start waits for Redis before serving without it. */
const redisStartGraceMs = 3_000;

function printDemoBanner(port: number, seeded: { password: string; usernames: string[] }) {
  const lines = [
    '',
    '  Watchfloor demo accounts (shown once; set DEMO_PASSWORD to choose the password):',
    `    usernames: ${seeded.usernames.join(', ')}`,
    `    password:  ${seeded.password}`,
    `    open:      http://localhost:${port}/`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** After in-flight requests are cut (SHUTDOWN_TIMEOUT_MS), what closing the rest may take. */
const shutdownCloseGraceMs = 5_000;

async function start(config: Config, logger: Logger) {
  const database = await openConfiguredDatabase(config);
  logger.info({ driver: database.driver }, 'database ready, migrations applied');
  if (database.driver === 'postgres' && (await connectedRoleCanRewriteHistory(database.db))) {
    // A warning, not a refusal: single-role installs keep working until their DBA runs db:roles.
    logger.warn(
      'DATABASE_URL connects as the owner of the audit and event tables (or a superuser): ' +
        'these credentials can switch off the append-only triggers and rewrite history. ' +
        'Run `pnpm watchfloor db:roles` and connect as the runtime role (docs/SECURITY.md).',
    );
  }
  const agency = await loadAgencyConfig(config.AGENCY_CONFIG);
  const sessionSecret = await resolveSessionSecret(config.SESSION_SECRET, config.DATA_DIR);
  const services = createServices(database.db, {
    agency,
    mfa: { required: config.mfaRequired, secret: config.MFA_ENCRYPTION_KEY ?? sessionSecret },
    auditSigningSecret: config.AUDIT_SIGNING_KEY,
    signIn: config.signIn,
    ...accountPolicies(config),
    exports: {
      perUser: config.EXPORT_CONCURRENCY_PER_USER,
      total: config.EXPORT_CONCURRENCY_TOTAL,
      statementTimeoutMs: config.EXPORT_STATEMENT_TIMEOUT_MS,
    },
    retention: retentionPolicy(config),
  });
  const seeded = config.demo ? await seedDemoUsers(services, config.DEMO_PASSWORD) : null;

  const sessionPolicy: SessionPolicy = {
    secret: sessionSecret,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    maxHours: config.SESSION_MAX_HOURS,
  };
  const sessionStore = new DatabaseSessionStore(database.db, sessionPolicy.idleMinutes * 60_000);
  const sessionMiddleware = createSessionMiddleware(sessionStore, sessionPolicy);
  // /readyz asks the gateway, which can only be attached once the app exists.
  let redisStatus: () => DependencyStatus | undefined = () => undefined;
  const { app, passport } = createApp({
    db: database.db,
    logger,
    services,
    agency,
    sessionMiddleware,
    sessionPolicy,
    trustProxy: config.trustProxy,
    loginRateLimit: config.LOGIN_RATE_LIMIT,
    tokenFailureLimit: config.TOKEN_FAILURE_LIMIT,
    expectedMigrations: await shippedMigrationCount(),
    webDist: config.WEB_DIST,
    webauthnOrigin: config.WEBAUTHN_ORIGIN,
    redisStatus: () => redisStatus(),
  });

  const server = http.createServer(app);
  const realtime = attachRealtime(server, {
    sessionMiddleware,
    passport,
    domainEvents: services.domainEvents,
    db: database.db,
    logger,
    loadCall: (callId, ability) => services.callsService.loadForAbility(callId, ability),
    loadUnit: (unitId) => services.unitsService.loadForRooms(unitId),
    redisUrl: config.REDIS_URL,
    sessionMaxAgeMs: sessionPolicy.maxHours * 3_600_000,
    secondFactorRequired: config.mfaRequired,
  });
  redisStatus = realtime.redisStatus;
  // Redis gets a moment, so a normal start serves with it; it is not required: without it
  // this process serves HTTP and its own sockets (/readyz says degraded) while the client
  // keeps connecting in the background.
  await Promise.race([realtime.ready, delay(redisStartGraceMs, undefined, { ref: false })]);
  if (realtime.redisStatus() === 'unavailable') {
    logger.warn('starting without Redis: live updates stay on this process until it answers');
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ host: config.HOST, port, agency: agency.id, demo: config.demo }, 'listening');
  if (seeded) printDemoBanner(port, seeded);
  // The live demo city only fits the demo agency it was derived for.
  const demoCity =
    config.demo && agency.id === 'demo'
      ? await startDemoCityForServer({ config, agency, services, db: database.db, port, logger })
      : null;

  // Signed at start (pinning everything written before this boot) and then on a timer.
  const signCheckpoint = () => {
    services.auditService
      .checkpoint()
      .catch((error: unknown) => logger.warn({ err: error }, 'audit checkpoint failed'));
  };
  signCheckpoint();
  const checkpointTimer = setInterval(signCheckpoint, config.AUDIT_CHECKPOINT_MINUTES * 60_000);
  checkpointTimer.unref();
  // Rolled-up audit rows (refusals, token use) are written once a minute and at shutdown.
  const flushRollup = () =>
    services.auditRollup
      .flush()
      .catch((error: unknown) => logger.warn({ err: error }, 'audit roll-up flush failed'));
  const rollupTimer = setInterval(() => void flushRollup(), 60_000);
  rollupTimer.unref();

  // Expired sessions go with the rest (RETENTION_SESSIONS_DAYS); the store never serves them.
  const retentionJob = startRetentionJob({
    retentionService: services.retentionService,
    intervalMinutes: config.RETENTION_PURGE_INTERVAL_MINUTES,
    logger,
  });

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    // A hard deadline: closing the pool waits for every checked-out connection, and a stuck
    // one (or a hung Redis or demo city) must not keep alive a process told to stop.
    const deadlineMs = config.SHUTDOWN_TIMEOUT_MS + shutdownCloseGraceMs;
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs }, 'shutdown deadline passed with work still pending; exiting');
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    clearInterval(checkpointTimer);
    // Stops between batches; the batch in flight is one short transaction.
    await retentionJob.stop();
    // The demo city talks to this server over HTTP, so it stops (and flushes) before the server does.
    await demoCity
      ?.stop()
      .catch((error: unknown) => logger.warn({ err: error }, 'demo city stop failed'));
    // Sockets first: open ones would otherwise hold the HTTP server open until the forced timeout.
    await realtime.close();
    const forced = setTimeout(() => {
      logger.warn('in-flight requests did not finish in time; closing connections');
      server.closeAllConnections();
    }, config.SHUTDOWN_TIMEOUT_MS);
    forced.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearInterval(rollupTimer);
    // After the last request, so its refusals and token use are in the final rows.
    await flushRollup();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function fail(message: string): never {
  process.stderr.write(`watchfloor: ${message}\n`);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
const logger = createLogger(config.LOG_LEVEL);
start(config, logger).catch((error: unknown) => {
  if (error instanceof HttpError) {
    // Only the demo seeding can raise one here: a DEMO_PASSWORD the policy refuses.
    fail(
      `DEMO_PASSWORD: ${error.issues?.map((issue) => issue.message).join('; ') ?? error.message}`,
    );
  }
  if (error instanceof Error && !('code' in error && error.code === 'EADDRINUSE')) {
    fail(error.message);
  }
  fail(`port ${config.PORT} is already in use; set PORT to another one`);
});
