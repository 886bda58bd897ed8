import type { MfaMethod } from '@watchfloor/contracts';
import type { Database } from '../../db/client.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../audit/actor.ts';
import type { MfaService, SecondFactorAnswer, SecondFactorChallenge } from '../mfa/mfa.service.ts';
import type { UserRow, UsersRepo } from '../users/users.repo.ts';
import { verifyAgainstDummy, verifyPassword } from '../users/passwords.ts';
import type { PasswordPolicy } from '../users/password-policy.ts';
import type { PasswordSignIn } from './oidc-settings.ts';
import { toSessionUser, type SessionUser } from './session-user.ts';
import { unknownUsernameMarker } from './unknown-username.ts';

/** The factors a person can enrol (recovery codes come with them). */
export type EnrollableMethod = Exclude<MfaMethod, 'recovery_code'>;

export interface LockoutPolicy {
  /** Consecutive failures that lock an account (CJIS AC-7: 5). */
  threshold: number;
  /** Failures further apart than this start counting again. */
  windowMinutes: number;
  lockMinutes: number;
}

type FailureReason =
  | 'unknown_user'
  | 'disabled'
  | 'locked'
  | 'wrong_password'
  | 'wrong_code'
  | 'no_enrolment'
  | 'sso_account'
  | 'local_sign_in_disabled';

/** The password was right: the user, and what they must still prove (null: nothing). */
export interface PasswordAccepted {
  user: SessionUser;
  secondFactor: SecondFactorChallenge | null;
}

export function createAuthService(deps: {
  db: Database;
  usersRepo: UsersRepo;
  mfaService: MfaService;
  auditService: AuditService;
  lockout: LockoutPolicy;
  passwordPolicy: PasswordPolicy;
  /** Who may sign in with a password (LOCAL_SIGN_IN); default everyone. */
  passwordSignIn?: PasswordSignIn;
}) {
  const { db, usersRepo, mfaService, auditService, lockout, passwordPolicy } = deps;
  const passwordSignIn = deps.passwordSignIn ?? 'enabled';

  async function fail(
    actor: Actor,
    username: string,
    reason: FailureReason,
    userId?: string,
    tx?: Database,
  ) {
    await auditService.record(
      { ...actor, userId: userId ?? null, username },
      {
        action: 'auth.login',
        outcome: 'failure',
        subjectType: 'User',
        subjectId: userId,
        details: { reason },
      },
      tx,
    );
    return null;
  }

  /** Audits a full sign-in and clears the failure count: only now is the person in. */
  async function succeed(actor: Actor, user: UserRow, tx: Database, method?: string) {
    await usersRepo.recordSuccessfulLogin(user.id, tx);
    await auditService.record(
      { ...actor, userId: user.id, username: user.username },
      {
        action: 'auth.login',
        outcome: 'success',
        subjectType: 'User',
        subjectId: user.id,
        ...(method ? { details: { method } } : {}),
      },
      tx,
    );
    return toSessionUser(user, passwordPolicy);
  }

  /**
   * Runs one step of a sign-in under the account's row lock, so parallel attempts are
   * judged one at a time: a disabled or locked account is refused whatever it sends,
   * and a step that returns null counts as a failure toward the lockout.
   */
  function underSignInLock<T>(
    userId: string,
    actor: Actor,
    step: (user: UserRow, tx: Database) => Promise<T | null>,
  ): Promise<T | null> {
    return db.transaction(async (tx) => {
      const user = await usersRepo.lockForSignIn(userId, tx);
      if (!user) return fail(actor, '', 'unknown_user', undefined, tx);
      if (user.disabled) return fail(actor, user.username, 'disabled', user.id, tx);
      if (user.lockedUntil && user.lockedUntil > new Date()) {
        return fail(actor, user.username, 'locked', user.id, tx);
      }
      const result = await step(user, tx);
      if (result === null) {
        const counted = await usersRepo.recordFailedLogin(user.id, lockout, tx);
        // The account was not locked when this step began (refused above), so a lock now is new.
        if (counted?.lockedUntil && counted.lockedUntil > new Date()) {
          await auditService.record(
            { ...actor, userId: user.id, username: user.username },
            {
              action: 'auth.lockout',
              outcome: 'success',
              subjectType: 'User',
              subjectId: user.id,
              details: {
                failures: counted.failedLoginCount,
                lockedUntil: counted.lockedUntil.toISOString(),
              },
            },
            tx,
          );
        }
      }
      return result;
    });
  }

  return {
    /**
     * Checks a username and password. Every kind of refusal returns null and costs
     * one password verification, so callers cannot tell why (no user enumeration);
     * the audit log records the real reason. When a second factor follows, the
     * failure count is left alone: it is cleared only by a complete sign-in, so a
     * known password does not buy unlimited guesses at the code.
     */
    async authenticate(
      username: string,
      password: string,
      actor: Actor,
    ): Promise<PasswordAccepted | null> {
      const user = await usersRepo.findByUsername(username);
      if (!user) {
        await verifyAgainstDummy(password);
        return fail(actor, unknownUsernameMarker(username), 'unknown_user');
      }
      // An SSO account answers to its identity provider alone. Not counted toward the
      // lockout: guessing at a password it does not use must not lock its owner out.
      if (user.identityIssuer !== null) {
        await verifyAgainstDummy(password);
        return fail(actor, user.username, 'sso_account', user.id);
      }
      // The slow hash runs before the lock; what it means is decided under the lock, so
      // parallel guesses are counted one by one and none is judged after the lockout.
      const passwordMatches = await verifyPassword(user.passwordHash, password);
      return underSignInLock(user.id, actor, async (current, tx) => {
        if (!passwordMatches || current.passwordHash !== user.passwordHash) {
          return fail(actor, current.username, 'wrong_password', current.id, tx);
        }
        // Break-glass: with local sign-in off, only administrators keep their password.
        if (passwordSignIn !== 'enabled' && current.role !== 'admin') {
          return fail(actor, current.username, 'local_sign_in_disabled', current.id, tx);
        }
        const secondFactor = await mfaService.challengeFor(current.id, tx);
        if (!secondFactor) return { user: await succeed(actor, current, tx), secondFactor };
        await auditService.record(
          { ...actor, userId: current.id, username: current.username },
          {
            action: 'auth.password',
            outcome: 'success',
            subjectType: 'User',
            subjectId: current.id,
            details: { secondFactor: secondFactor.enrollmentRequired ? 'enrol' : 'prove' },
          },
          tx,
        );
        return { user: toSessionUser(current, passwordPolicy), secondFactor };
      });
    },

    /** The second step: a code or a passkey proves the factor and completes the sign-in. */
    async completeSecondFactor(
      userId: string,
      answer: SecondFactorAnswer,
      actor: Actor,
    ): Promise<{ user: SessionUser; method: MfaMethod } | null> {
      return underSignInLock(userId, actor, async (user, tx) => {
        const who = { ...actor, userId: user.id, username: user.username };
        const proof = await mfaService.prove(user.id, answer, tx);
        if (!proof) {
          await auditService.record(
            who,
            {
              action: 'auth.mfa',
              outcome: 'failure',
              subjectType: 'User',
              subjectId: user.id,
              details: {
                method: 'webauthn' in answer ? 'webauthn' : 'code',
                reason: 'wrong_code',
              },
            },
            tx,
          );
          return null;
        }
        await auditService.record(
          who,
          {
            action: 'auth.mfa',
            outcome: 'success',
            subjectType: 'User',
            subjectId: user.id,
            details: { ...proof },
          },
          tx,
        );
        return { user: await succeed(actor, user, tx, proof.method), method: proof.method };
      });
    },

    /**
     * Stores a new second factor once `enrol` has verified it (a code from the new TOTP
     * secret, a passkey's registration) and answers the recovery codes it issued. With
     * `completesSignIn` (a person enrolling right after their password) the sign-in
     * ends here too, and a failed proof counts toward the lockout like any other.
     */
    async confirmEnrolment(
      method: EnrollableMethod,
      userId: string,
      actor: Actor,
      completesSignIn: boolean,
      enrol: (userId: string, tx: Database) => Promise<string[] | null>,
    ): Promise<{ user: SessionUser; recoveryCodes: string[] } | null> {
      const confirm = async (user: UserRow, tx: Database) => {
        const who = { ...actor, userId: user.id, username: user.username };
        const recoveryCodes = await enrol(user.id, tx);
        await auditService.record(
          who,
          {
            action: 'mfa.enroll',
            outcome: recoveryCodes ? 'success' : 'failure',
            subjectType: 'User',
            subjectId: user.id,
            details: recoveryCodes ? { method } : { method, reason: 'not_verified' },
          },
          tx,
        );
        if (!recoveryCodes) return null;
        const sessionUser = completesSignIn
          ? await succeed(actor, user, tx, method)
          : toSessionUser(user, passwordPolicy);
        return { user: sessionUser, recoveryCodes };
      };
      if (completesSignIn) return underSignInLock(userId, actor, confirm);
      // Already signed in: a mistyped code is not an attack on the account.
      return db.transaction(async (tx) => {
        const user = await usersRepo.lockForSignIn(userId, tx);
        return user ? confirm(user, tx) : null;
      });
    },

    /** Reloads the session's user; null when the account is gone or disabled. */
    async sessionUser(id: string): Promise<SessionUser | null> {
      const user = await usersRepo.findById(id);
      return user && !user.disabled ? toSessionUser(user, passwordPolicy) : null;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
