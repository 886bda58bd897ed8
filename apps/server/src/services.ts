import type { AgencyConfig } from '@watchfloor/contracts';
import type { Database } from './db/client.ts';
import { createAgencyDirectory } from './modules/agency/agency-directory.ts';
import { createAuditRepo } from './modules/audit/audit.repo.ts';
import { createCheckpointSigner } from './modules/audit/audit-chain.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createAuditExport } from './modules/audit/audit-export.ts';
import { createAuditRollup } from './modules/audit/audit-rollup.ts';
import { createAuthService, type LockoutPolicy } from './modules/auth/auth.service.ts';
import { createOidcService } from './modules/auth/oidc.service.ts';
import type { OidcSettings, PasswordSignIn } from './modules/auth/oidc-settings.ts';
import { createMfaKeys } from './modules/mfa/mfa-keys.ts';
import { createMfaRepo } from './modules/mfa/mfa.repo.ts';
import { createMfaService } from './modules/mfa/mfa.service.ts';
import { createSessionsRepo } from './modules/auth/sessions.repo.ts';
import { createCallActions } from './modules/calls/call-actions.ts';
import { createCallsRepo } from './modules/calls/calls.repo.ts';
import { createCallsService } from './modules/calls/calls.service.ts';
import { createHistoryRepo } from './modules/history/history.repo.ts';
import { createHistoryService } from './modules/history/history.service.ts';
import { createExportsRepo } from './modules/exports/exports.repo.ts';
import {
  createExportSlots,
  exportDefaults,
  type ExportSettings,
} from './modules/exports/exports.limits.ts';
import { createExportsService } from './modules/exports/exports.service.ts';
import { createIngestCallsService } from './modules/ingest/ingest-calls.service.ts';
import { createIngestPositionsService } from './modules/ingest/ingest-positions.service.ts';
import { createIngestUnitsService } from './modules/ingest/ingest-units.service.ts';
import { createHotspotsRepo } from './modules/hotspots/hotspots.repo.ts';
import { createHotspotsService } from './modules/hotspots/hotspots.service.ts';
import { createRetentionRepo } from './modules/retention/retention.repo.ts';
import { retentionDefaults, type RetentionPolicy } from './modules/retention/retention.policy.ts';
import { createRetentionService } from './modules/retention/retention.service.ts';
import { createStatsRepo } from './modules/stats/stats.repo.ts';
import { createStatsService } from './modules/stats/stats.service.ts';
import { createTokensRepo } from './modules/tokens/tokens.repo.ts';
import { createTokensService } from './modules/tokens/tokens.service.ts';
import { createUnitsRepo } from './modules/units/units.repo.ts';
import { createUnitsService } from './modules/units/units.service.ts';
import { createUsersRepo } from './modules/users/users.repo.ts';
import { createUsersService } from './modules/users/users.service.ts';
import { createUserPasswordsService } from './modules/users/user-passwords.service.ts';
import { createUserSessionsService } from './modules/users/user-sessions.service.ts';
import { defaultPasswordPolicy, type PasswordPolicy } from './modules/users/password-policy.ts';
import { createDomainEvents, type DomainEvents } from './realtime/domain-events.ts';

export interface ServiceOptions {
  lockout: LockoutPolicy;
  /** NIST SP 800-63B by default; CJIS expiry and history when configured. */
  passwordPolicy?: PasswordPolicy;
  agency: AgencyConfig;
  domainEvents?: DomainEvents;
  /**
   * Second factors: whether everyone must have one (default no), and the secret their
   * keys derive from (MFA_ENCRYPTION_KEY, else the session secret).
   */
  mfa: { required?: boolean; secret: string | undefined };
  /** Signs audit checkpoints (AUDIT_SIGNING_KEY); default, the MFA keys' secret. */
  auditSigningSecret?: string;
  /** Export limits and time limit; `exportDefaults` for what is not given. */
  exports?: Partial<ExportSettings>;
  /** How long each kind of data is kept (RETENTION_*); `retentionDefaults` for what is not given. */
  retention?: Partial<RetentionPolicy>;
  /** Who may use a password (default everyone) and the identity provider, if any. */
  signIn?: { password: PasswordSignIn; oidc?: OidcSettings };
}

/** The composition root: each service gets only the repositories it uses. */
export function createServices(db: Database, options: ServiceOptions) {
  const domainEvents = options.domainEvents ?? createDomainEvents();
  const directory = createAgencyDirectory(options.agency);
  const usersRepo = createUsersRepo(db);
  const sessionsRepo = createSessionsRepo(db);
  const passwordPolicy = options.passwordPolicy ?? defaultPasswordPolicy;
  const auditRepo = createAuditRepo(db, options.agency.id);
  const signingSecret = options.auditSigningSecret ?? options.mfa.secret;
  const callsRepo = createCallsRepo(db);
  const unitsRepo = createUnitsRepo(db);
  const auditService = createAuditService({
    auditRepo,
    chain: options.agency.id,
    signer: signingSecret === undefined ? undefined : createCheckpointSigner(signingSecret),
  });
  const auditRollup = createAuditRollup(auditService);
  const mfaService = createMfaService({
    mfaRepo: createMfaRepo(db),
    keys: createMfaKeys(options.mfa.secret),
    required: options.mfa.required ?? false,
    issuer: `Watchfloor ${options.agency.name}`,
  });
  const passwordSignIn = options.signIn?.password ?? 'enabled';
  const authService = createAuthService({
    db,
    usersRepo,
    mfaService,
    auditService,
    lockout: options.lockout,
    passwordPolicy,
    passwordSignIn,
  });
  const agencyDistricts = new Set(
    options.agency.districts.features.map((district) => district.properties.code),
  );
  const oidcSettings = options.signIn?.oidc;
  const oidcService = oidcSettings
    ? createOidcService({
        db,
        usersRepo,
        mfaService,
        auditService,
        domainEvents,
        settings: oidcSettings,
        agencyDistricts,
      })
    : undefined;
  const usersService = createUsersService({
    db,
    usersRepo,
    sessionsRepo,
    mfaService,
    auditService,
    domainEvents,
    agencyDistricts,
    passwordPolicy,
  });
  const userPasswordsService = createUserPasswordsService({
    db,
    usersRepo,
    sessionsRepo,
    auditService,
    domainEvents,
    passwordPolicy,
  });
  const userSessionsService = createUserSessionsService({
    db,
    usersRepo,
    sessionsRepo,
    auditService,
    domainEvents,
  });
  const actions = createCallActions({ db, callsRepo, unitsRepo, auditService });
  const callsService = createCallsService({
    db,
    callsRepo,
    auditService,
    directory,
    domainEvents,
    actions,
  });
  const unitsService = createUnitsService({
    db,
    unitsRepo,
    callsRepo,
    actions,
    auditService,
    domainEvents,
  });
  const statsService = createStatsService({
    statsRepo: createStatsRepo(db),
    agency: options.agency,
  });
  const historyService = createHistoryService({
    historyRepo: createHistoryRepo(db),
    callsRepo,
    directory,
  });
  const hotspotsService = createHotspotsService({
    hotspotsRepo: createHotspotsRepo(db),
    callsRepo,
    auditService,
    agency: options.agency,
  });
  const exportSettings = { ...exportDefaults, ...options.exports };
  // One count of running exports for calls, statistics and the audit log alike.
  const exportSlots = createExportSlots(exportSettings);
  const exportsService = createExportsService({
    exportsRepo: createExportsRepo(db, exportSettings),
    statsService,
    auditService,
    agency: options.agency,
    slots: exportSlots,
  });
  const auditExport = createAuditExport({
    auditRepo,
    auditService,
    agency: options.agency,
    slots: exportSlots,
  });
  const retentionService = createRetentionService({
    retentionRepo: createRetentionRepo(db),
    auditService,
    policy: { ...retentionDefaults, ...options.retention },
  });
  const tokensService = createTokensService({ tokensRepo: createTokensRepo(db), auditService });
  const ingestCalls = createIngestCallsService({
    db,
    callsRepo,
    unitsRepo,
    directory,
    domainEvents,
  });
  const ingestUnits = createIngestUnitsService({ db, unitsRepo, domainEvents });
  const ingestPositions = createIngestPositionsService({ db, unitsRepo, domainEvents });
  return {
    domainEvents,
    tokensService,
    mfaService,
    ingestCalls,
    ingestUnits,
    ingestPositions,
    directory,
    usersRepo,
    callsRepo,
    unitsRepo,
    auditService,
    auditRollup,
    authService,
    passwordSignIn,
    oidcService,
    usersService,
    userPasswordsService,
    userSessionsService,
    callsService,
    unitsService,
    statsService,
    exportsService,
    auditExport,
    historyService,
    hotspotsService,
    retentionService,
  };
}

export type Services = ReturnType<typeof createServices>;
