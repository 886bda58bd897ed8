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
  usersRepo: UsersRepo;
  auditService: AuditService;
  lockout: LockoutPolicy;
}) {
  const { usersRepo, auditService, lockout } = deps;

  async function fail(actor: Actor, username: string, reason: FailureReason, userId?: string) {
    await auditService.record(
      { ...actor, userId: userId ?? null, username },
      {
        action: 'auth.login',
        outcome: 'failure',
        subjectType: 'User',
        subjectId: userId,
        details: { reason },
      },
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
      const passwordMatches = await verifyPassword(user.passwordHash, password);
      if (user.disabled) return fail(actor, user.username, 'disabled', user.id);
      if (user.lockedUntil && user.lockedUntil > new Date()) {
        return fail(actor, user.username, 'locked', user.id);
      }
      if (!passwordMatches) {
        await usersRepo.recordFailedLogin(user.id, lockout);
        return fail(actor, user.username, 'wrong_password', user.id);
      }
      await usersRepo.recordSuccessfulLogin(user.id);
      await auditService.record(
        { ...actor, userId: user.id, username: user.username },
        { action: 'auth.login', outcome: 'success', subjectType: 'User', subjectId: user.id },
      );
      return toSessionUser(user);
    },

    /** Reloads the session's user; null when the account is gone or disabled. */
    async sessionUser(id: string): Promise<SessionUser | null> {
      const user = await usersRepo.findById(id);
      return user && !user.disabled ? toSessionUser(user) : null;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
