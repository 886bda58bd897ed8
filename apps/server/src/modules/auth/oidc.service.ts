import * as client from 'openid-client';
import type { SsoErrorCode } from '@watchfloor/contracts';
import { storableCopy, unstorableReason } from '@watchfloor/contracts';
import type { Database } from '../../db/client.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import type { Actor } from '../audit/actor.ts';
import type { AuditEntry, AuditService } from '../audit/audit.service.ts';
import type { MfaService, SecondFactorChallenge } from '../mfa/mfa.service.ts';
import { grantProblems } from '../users/grants-policy.ts';
import type { UserRow, UsersRepo } from '../users/users.repo.ts';
import { mapClaims, type Claims } from './oidc-claims.ts';
import { providerSecondFactor, type OidcSettings } from './oidc-settings.ts';
import { sameSecret, type OidcTransaction } from './oidc-transaction.ts';
import { toSessionUser, type SessionUser } from './session-user.ts';

/**
 * An SSO account's password hash: not an argon2 hash, so no password ever matches it.
 * Such an account signs in only through its identity provider.
 */
export const ssoPasswordHash = '!sso';

/** The provider's answer, as the callback received it. */
export interface OidcCallback {
  /** The callback URL as the provider called it (our redirect_uri and its query). */
  url: URL;
  state?: string;
  error?: string;
}

/** A person the provider vouched for: who, what is still owed, and how they were proven. */
export interface SsoAccepted {
  user: SessionUser;
  /** Watchfloor's own second factor, when the provider's `amr` showed none and one is due. */
  secondFactor: SecondFactorChallenge | null;
  authenticatedBy: string[];
}

type Refusal = Exclude<SsoErrorCode, 'sso_unavailable'>;

export function createOidcService(deps: {
  db: Database;
  usersRepo: UsersRepo;
  mfaService: MfaService;
  auditService: AuditService;
  domainEvents: DomainEvents;
  settings: OidcSettings;
  agencyDistricts: ReadonlySet<string>;
}) {
  const { db, usersRepo, mfaService, auditService, domainEvents, settings } = deps;
  const issuer = settings.issuer.href;
  let discovered: Promise<client.Configuration> | undefined;

  /** The provider's metadata, fetched once; a failed fetch is tried again next time. */
  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(
        settings.issuer,
        settings.clientId,
        undefined,
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        {
          timeout: 10,
          // Plain HTTP only reaches a provider on this machine (config.ts refuses others).
          execute: settings.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  /** A successful step by `user` about their own account, in the sign-in's transaction. */
  function recordOwn(
    actor: Actor,
    user: UserRow,
    action: AuditEntry['action'],
    details: Record<string, unknown>,
    tx: Database,
  ) {
    return auditService.record(
      { ...actor, userId: user.id, username: user.username },
      { action, outcome: 'success', subjectType: 'User', subjectId: user.id, details },
      tx,
    );
  }

  async function refuse(
    actor: Actor,
    reason: string,
    code: Refusal,
    user?: UserRow,
    tx?: Database,
  ): Promise<{ error: Refusal }> {
    await auditService.record(
      { ...actor, userId: user?.id ?? null, username: user?.username ?? null },
      {
        action: 'auth.sso',
        outcome: 'failure',
        subjectType: 'User',
        subjectId: user?.id,
        details: { issuer, reason },
      },
      tx,
    );
    return { error: code };
  }

  /** The ID token's claims, with userinfo's for what the ID token left out. */
  async function verifiedClaims(
    callback: OidcCallback,
    transaction: OidcTransaction,
  ): Promise<Claims> {
    const config = await configuration();
    const tokens = await client.authorizationCodeGrant(config, callback.url, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('no ID token');
    if (!config.serverMetadata().userinfo_endpoint) return idToken;
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
    // The ID token speaks for the authentication itself (iss, sub, nonce, amr).
    return { ...userinfo, ...idToken };
  }

  /**
   * Creates the account on a first sign-in, or brings its grants and name up to the
   * provider's: the provider is the source of truth for an SSO account.
   */
  async function provision(
    tx: Database,
    actor: Actor,
    subject: string,
    person: { username: string; displayName: string; role: string; districts: string[] },
  ): Promise<
    | { user: UserRow; grantsChanged: boolean }
    | { refused: 'username_taken' | 'disabled' | 'locked'; user?: UserRow }
  > {
    const existing = await usersRepo.lockByIdentity(issuer, subject, tx);
    if (!existing) {
      // Never joined to a local account of the same name: whoever names themselves that
      // at the provider would take it over. An administrator renames one of the two.
      if (await usersRepo.findByUsername(person.username, tx)) return { refused: 'username_taken' };
      const user = await usersRepo.insert(
        {
          username: person.username,
          displayName: person.displayName,
          role: person.role as SessionUser['role'],
          districts: person.districts,
          passwordHash: ssoPasswordHash,
          identityIssuer: issuer,
          identitySubject: subject,
        },
        tx,
      );
      await recordOwn(
        actor,
        user,
        'user.create',
        { username: user.username, role: user.role, districts: user.districts },
        tx,
      );
      return { user, grantsChanged: false };
    }
    // Disabled here stays disabled, whatever the provider says; nothing about it changes.
    if (existing.disabled) return { refused: 'disabled', user: existing };
    if (existing.lockedUntil && existing.lockedUntil > new Date()) {
      return { refused: 'locked', user: existing };
    }
    const grantsChanged =
      existing.role !== person.role || existing.districts.join() !== person.districts.join();
    if (!grantsChanged && existing.displayName === person.displayName) {
      return { user: existing, grantsChanged };
    }
    const user =
      (await usersRepo.update(
        existing.id,
        { role: person.role, districts: person.districts, displayName: person.displayName },
        tx,
      )) ?? existing;
    if (grantsChanged) {
      await recordOwn(
        actor,
        user,
        'user.grants',
        {
          from: { role: existing.role, districts: existing.districts },
          to: { role: user.role, districts: user.districts },
        },
        tx,
      );
    }
    return { user, grantsChanged };
  }

  return {
    displayName: settings.displayName,
    /** OIDC_REDIRECT_URI, when set; otherwise the routes derive it from the public origin. */
    redirectUri: settings.redirectUri,

    /** Where to send the browser, and what to remember until it comes back. */
    async start(redirectUri: string, returnTo: string) {
      const config = await configuration();
      const transaction: OidcTransaction = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        redirectUri,
        returnTo,
        startedAt: Date.now(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        response_type: 'code',
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, transaction };
    },

    /**
     * Judges the provider's answer: the state this browser was given, the code exchanged
     * with the PKCE verifier, the ID token's signature, audience and nonce, then the claims
     * mapped to grants the agency has. Every refusal is audited and answered as a code;
     * nothing is created or changed for a refused answer.
     */
    async finish(
      callback: OidcCallback,
      transaction: OidcTransaction | null,
      actor: Actor,
    ): Promise<SsoAccepted | { error: Refusal }> {
      if (!transaction) return refuse(actor, 'no_transaction', 'sso_expired');
      if (!callback.state || !sameSecret(callback.state, transaction.state)) {
        return refuse(actor, 'state_mismatch', 'sso_state_mismatch');
      }
      if (callback.error) {
        return refuse(actor, `provider:${callback.error.slice(0, 64)}`, 'sso_idp_error');
      }
      let claims: Claims;
      try {
        claims = await verifiedClaims(callback, transaction);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return refuse(
          actor,
          `exchange:${typeof code === 'string' ? code : 'failed'}`,
          'sso_exchange_failed',
        );
      }
      const person = mapClaims(claims, settings.claims);
      if ('problem' in person) {
        return refuse(
          actor,
          `${person.problem}:${person.detail}`,
          person.problem === 'unmapped_role' ? 'sso_unmapped_role' : 'sso_missing_claims',
        );
      }
      if (unstorableReason(person.username)) {
        return refuse(
          actor,
          `missing_claims:${settings.claims.usernameClaim}`,
          'sso_missing_claims',
        );
      }
      const problems = grantProblems(person, deps.agencyDistricts);
      if (problems.length > 0) return refuse(actor, 'invalid_grants', 'sso_invalid_grants');
      const subject = String(claims.sub);

      const outcome = await db.transaction(async (tx) => {
        const provisioned = await provision(tx, actor, subject, {
          ...person,
          displayName: storableCopy(person.displayName),
        });
        if ('refused' in provisioned) {
          const { refused, user } = provisioned;
          const code = refused === 'username_taken' ? 'sso_username_taken' : 'sso_account_disabled';
          return refuse(actor, refused, code, user, tx);
        }
        const { user } = provisioned;
        const secondFactor = person.providerMfa ? null : await mfaService.challengeFor(user.id, tx);
        await recordOwn(
          actor,
          user,
          'auth.sso',
          {
            issuer,
            secondFactor: person.providerMfa
              ? 'provider'
              : secondFactor
                ? secondFactor.enrollmentRequired
                  ? 'enrol'
                  : 'prove'
                : 'none',
          },
          tx,
        );
        // Without a factor still owed, the person is in: as a password sign-in ends.
        if (!secondFactor) {
          await usersRepo.recordSuccessfulLogin(user.id, tx);
          await recordOwn(actor, user, 'auth.login', { method: 'oidc' }, tx);
        }
        const accepted: SsoAccepted = {
          user: toSessionUser(user),
          secondFactor,
          authenticatedBy: person.providerMfa ? ['oidc', providerSecondFactor] : ['oidc'],
        };
        return { accepted, grantsChanged: provisioned.grantsChanged };
      });
      if ('error' in outcome) return outcome;
      // Other sessions of this person hold the old grants: their sockets reconnect.
      if (outcome.grantsChanged) {
        domainEvents.emit('user:access-changed', { userId: outcome.accepted.user.id });
      }
      return outcome.accepted;
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
