import type { AppAbility } from '@watchfloor/authz';
import type { UserSessionView } from '@watchfloor/contracts';
import type { Database } from '../../db/client.ts';
import { isUuid } from '../../db/uuid.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { SessionsRepo, StoredSession } from '../auth/sessions.repo.ts';
import type { UsersRepo } from './users.repo.ts';

const sessionHandlePattern = /^[0-9a-f]{64}$/;

function presentSession(session: StoredSession, currentSid: string | undefined): UserSessionView {
  const { signedInAt, authenticatedBy, client } = session.data;
  return {
    id: session.handle,
    signedInAt: typeof signedInAt === 'number' ? new Date(signedInAt).toISOString() : null,
    expiresAt: session.expiresAt.toISOString(),
    ip: client?.ip ?? null,
    userAgent: client?.userAgent ?? null,
    authenticatedBy: authenticatedBy ?? [],
    current: session.sid === currentSid,
  };
}

/** A person's signed-in sessions as an administrator sees them, and ending one. */
export function createUserSessionsService(deps: {
  db: Database;
  usersRepo: UsersRepo;
  sessionsRepo: SessionsRepo;
  auditService: AuditService;
  domainEvents: DomainEvents;
}) {
  const { db, usersRepo, sessionsRepo, auditService, domainEvents } = deps;

  async function findUser(ability: AppAbility, id: string) {
    const user = isUuid(id) ? await usersRepo.findById(id) : undefined;
    if (!user || ability.cannot('read', 'User')) throw notFound('User');
    return user;
  }

  return {
    async list(
      ability: AppAbility,
      userId: string,
      currentSid: string | undefined,
    ): Promise<UserSessionView[]> {
      await findUser(ability, userId);
      const sessions = await sessionsRepo.listLiveForUser(userId);
      return sessions.map((session) => presentSession(session, currentSid));
    },

    /**
     * Ends one session at once: its next request is signed out and its sockets are cut
     * (the `session:ended` event reaches every process through the adapter).
     */
    async end(ability: AppAbility, actor: Actor, userId: string, handle: string): Promise<void> {
      await findUser(ability, userId);
      if (ability.cannot('update', 'User')) throw forbidden();
      if (!sessionHandlePattern.test(handle)) throw notFound('Session');
      const sid = await db.transaction(async (tx) => {
        const ended = await sessionsRepo.deleteByHandle(userId, handle, tx);
        if (!ended) throw notFound('Session');
        await auditService.record(
          actor,
          {
            action: 'session.end',
            outcome: 'success',
            subjectType: 'User',
            subjectId: userId,
            details: { session: handle.slice(0, 12) },
          },
          tx,
        );
        return ended;
      });
      domainEvents.emit('session:ended', { sessionId: sid });
    },
  };
}

export type UserSessionsService = ReturnType<typeof createUserSessionsService>;
