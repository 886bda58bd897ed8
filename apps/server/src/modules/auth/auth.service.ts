import type { Database } from '../../db/client.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../audit/actor.ts';
import type { UsersRepo } from '../users/users.repo.ts';
import { verifyAgainstDummy, verifyPassword } from '../users/passwords.ts';
import { toSessionUser, type SessionUser } from './session-user.ts';
import { unknownUsernameMarker } from './unknown-username.ts';

export interface LockoutPolicy {
  /** Consecutive failures that lock an account (CJIS AC-7: 5). */
  threshold: number;
  /** Failures further apart than this start counting again. */
  windowMinutes: number;
  lockMinutes: number;
}

type FailureReason = 'unknown_user' | 'disabled' | 'locked' | 'wrong_password';

export function createAuthService(deps: {
  db: Database;
  usersRepo: UsersRepo;
  auditService: AuditService;
  lockout: LockoutPolicy;
}) {
  const { db, usersRepo, auditService, lockout } = deps;

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

  return {
    /**
     * Checks a username and password. Every kind of refusal returns null and costs
     * one password verification, so callers cannot tell why (no user enumeration);
     * the audit log records the real reason.
     */
    async authenticate(
      username: string,
      password: string,
      actor: Actor,
    ): Promise<SessionUser | null> {
      const user = await usersRepo.findByUsername(username);
      if (!user) {
        await verifyAgainstDummy(password);
        return fail(actor, unknownUsernameMarker(username), 'unknown_user');
      }
      // The slow hash runs before the lock; what it means is decided under the lock, so
      // parallel guesses are counted one by one and none is judged after the lockout.
      const passwordMatches = await verifyPassword(user.passwordHash, password);
      return db.transaction(async (tx) => {
        const current = await usersRepo.lockForSignIn(user.id, tx);
        if (!current) return fail(actor, user.username, 'unknown_user', undefined, tx);
        if (current.disabled) return fail(actor, current.username, 'disabled', current.id, tx);
        if (current.lockedUntil && current.lockedUntil > new Date()) {
          return fail(actor, current.username, 'locked', current.id, tx);
        }
        if (!passwordMatches || current.passwordHash !== user.passwordHash) {
          await usersRepo.recordFailedLogin(current.id, lockout, tx);
          return fail(actor, current.username, 'wrong_password', current.id, tx);
        }
        await usersRepo.recordSuccessfulLogin(current.id, tx);
        await auditService.record(
          { ...actor, userId: current.id, username: current.username },
          { action: 'auth.login', outcome: 'success', subjectType: 'User', subjectId: current.id },
          tx,
        );
        return toSessionUser(current);
      });
    },

    /** Reloads the session's user; null when the account is gone or disabled. */
    async sessionUser(id: string): Promise<SessionUser | null> {
      const user = await usersRepo.findById(id);
      return user && !user.disabled ? toSessionUser(user) : null;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
