import type { AppAbility } from '@watchfloor/authz';
import { changePasswordRequestSchema } from '@watchfloor/contracts';
import type { Database } from '../../db/client.ts';
import { isUuid } from '../../db/uuid.ts';
import { forbidden, HttpError, notFound, parseInput } from '../../http/errors.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { SessionsRepo } from '../auth/sessions.repo.ts';
import { checkNewPassword, nextPasswordHistory, type PasswordPolicy } from './password-policy.ts';
import { generateOneTimePassword, hashPassword, verifyPassword } from './passwords.ts';
import type { UserRow, UsersRepo } from './users.repo.ts';

/**
 * Passwords after an account exists: a person changes their own, an administrator hands
 * out a one-time one. Both follow the agency's policy (NIST by default, CJIS's expiry and
 * history when configured) and both are audited.
 */
export function createUserPasswordsService(deps: {
  db: Database;
  usersRepo: UsersRepo;
  sessionsRepo: SessionsRepo;
  auditService: AuditService;
  domainEvents: DomainEvents;
  passwordPolicy: PasswordPolicy;
}) {
  const { db, usersRepo, sessionsRepo, auditService, domainEvents, passwordPolicy } = deps;

  return {
    /**
     * A signed-in person replaces their password, proving the current one. Their other
     * sessions end (whoever else held the old password is out); this one stays.
     */
    async changeOwn(actor: Actor, sessionId: string, input: unknown): Promise<void> {
      const request = parseInput(changePasswordRequestSchema, input);
      const user = actor.userId ? await usersRepo.findById(actor.userId) : undefined;
      if (!user) throw forbidden();
      if (!(await verifyPassword(user.passwordHash, request.currentPassword))) {
        await auditService.record(actor, {
          action: 'password.change',
          outcome: 'failure',
          subjectType: 'User',
          subjectId: user.id,
          details: { reason: 'wrong_current_password' },
        });
        throw new HttpError(400, 'wrong_password', 'The current password is not right', {
          issues: [{ path: 'currentPassword', message: 'Not your current password' }],
        });
      }
      // Never the same password again, and none of the remembered ones when history is kept.
      const problems = await checkNewPassword(request.newPassword, user.username, passwordPolicy, [
        user.passwordHash,
        ...user.passwordHistory,
      ]);
      if (problems.length > 0) {
        throw new HttpError(400, 'validation_failed', 'The new password is not acceptable', {
          issues: problems.map((issue) => ({ ...issue, path: 'newPassword' })),
        });
      }
      const passwordHash = await hashPassword(request.newPassword);
      const ended = await db.transaction(async (tx) => {
        await replacePassword(user, passwordHash, false, tx);
        const others = await sessionsRepo.deleteOthersForUser(user.id, sessionId, tx);
        await auditService.record(
          actor,
          {
            action: 'password.change',
            outcome: 'success',
            subjectType: 'User',
            subjectId: user.id,
            details: { otherSessionsEnded: others.length },
          },
          tx,
        );
        return others;
      });
      for (const endedId of ended) domainEvents.emit('session:ended', { sessionId: endedId });
    },

    /**
     * An administrator replaces a person's password with a one-time one (answered once
     * here) and ends their sessions; they must choose their own at the next sign-in.
     */
    async reset(
      ability: AppAbility,
      actor: Actor,
      id: string,
    ): Promise<{ user: UserRow; oneTimePassword: string }> {
      const before = isUuid(id) ? await usersRepo.findById(id) : undefined;
      if (!before || ability.cannot('read', 'User')) throw notFound('User');
      if (ability.cannot('update', 'User')) throw forbidden();
      if (before.identityIssuer !== null) {
        throw new HttpError(
          409,
          'sso_account',
          'This account signs in through the identity provider; reset its password there',
        );
      }
      const oneTimePassword = generateOneTimePassword();
      const passwordHash = await hashPassword(oneTimePassword);
      const user = await db.transaction(async (tx) => {
        const updated = await replacePassword(before, passwordHash, true, tx);
        const ended = await sessionsRepo.deleteForUser(id, tx);
        await auditService.record(
          actor,
          {
            action: 'password.reset',
            outcome: 'success',
            subjectType: 'User',
            subjectId: id,
            details: { sessionsEnded: ended },
          },
          tx,
        );
        return updated;
      });
      domainEvents.emit('user:access-changed', { userId: id });
      return { user, oneTimePassword };
    },
  };

  async function replacePassword(
    user: UserRow,
    passwordHash: string,
    mustChangePassword: boolean,
    tx: Database,
  ): Promise<UserRow> {
    const updated = await usersRepo.update(
      user.id,
      {
        passwordHash,
        mustChangePassword,
        passwordChangedAt: new Date(),
        passwordHistory: nextPasswordHistory(
          user.passwordHash,
          user.passwordHistory,
          passwordPolicy,
        ),
        // A password an administrator set also releases a lockout: that is what it is for.
        ...(mustChangePassword ? { lockedUntil: null, failedLoginCount: 0 } : {}),
      },
      tx,
    );
    if (!updated) throw notFound('User');
    return updated;
  }
}

export type UserPasswordsService = ReturnType<typeof createUserPasswordsService>;
