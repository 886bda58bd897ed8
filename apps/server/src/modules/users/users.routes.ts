import { Router, type Request } from 'express';
import type {
  MfaResetResponse,
  OneTimePasswordResponse,
  UserAdminView,
  UserListResponse,
  UserSessionListResponse,
} from '@watchfloor/contracts';
import { actorFromRequest } from '../audit/actor.ts';
import { requireUser } from '../auth/require-user.ts';
import type { UserPasswordsService } from './user-passwords.service.ts';
import type { UserSessionsService } from './user-sessions.service.ts';
import { presentUserForAdmin } from './users.presenter.ts';
import type { UserRow } from './users.repo.ts';
import type { UsersService } from './users.service.ts';

export function usersRoutes(deps: {
  usersService: UsersService;
  userPasswordsService: UserPasswordsService;
  userSessionsService: UserSessionsService;
}): Router {
  const { usersService, userPasswordsService, userSessionsService } = deps;
  const router = Router();
  const present = async (user: UserRow): Promise<UserAdminView> =>
    presentUserForAdmin(user, await usersService.secondFactorsOf(user.id));

  router.get('/users', requireUser, async (req, res) => {
    const users = await usersService.listWithFactors(req.ability);
    const body: UserListResponse = {
      users: users.map(({ user, secondFactors }) => presentUserForAdmin(user, secondFactors)),
    };
    res.json(body);
  });

  router.post('/users', requireUser, async (req, res) => {
    const created = await usersService.createWithOneTimePassword(
      req.ability,
      actorFromRequest(req),
      req.body,
    );
    const body: OneTimePasswordResponse = {
      user: await present(created.user),
      oneTimePassword: created.oneTimePassword,
    };
    res.status(201).json(body);
  });

  router.patch('/users/:id', requireUser, async (req, res) => {
    const user = await usersService.updateGrants(
      req.ability,
      actorFromRequest(req),
      req.params.id as string,
      req.body,
    );
    res.json(await present(user));
  });

  /** Account states an administrator switches from the Users page; each audited. */
  const accountActions = {
    disable: (id: string, req: Request) =>
      usersService.setDisabled(req.ability, actorFromRequest(req), id, true),
    enable: (id: string, req: Request) =>
      usersService.setDisabled(req.ability, actorFromRequest(req), id, false),
    unlock: (id: string, req: Request) =>
      usersService.unlock(req.ability, actorFromRequest(req), id),
  };
  for (const [action, apply] of Object.entries(accountActions)) {
    router.post(`/users/:id/${action}`, requireUser, async (req, res) => {
      res.json(await present(await apply(req.params.id as string, req)));
    });
  }

  router.post('/users/:id/mfa/reset', requireUser, async (req, res) => {
    const removed = await usersService.resetMfa(
      req.ability,
      actorFromRequest(req),
      req.params.id as string,
    );
    const body: MfaResetResponse = { removed };
    res.json(body);
  });

  router.post('/users/:id/password/reset', requireUser, async (req, res) => {
    const reset = await userPasswordsService.reset(
      req.ability,
      actorFromRequest(req),
      req.params.id as string,
    );
    const body: OneTimePasswordResponse = {
      user: await present(reset.user),
      oneTimePassword: reset.oneTimePassword,
    };
    res.json(body);
  });

  router.get('/users/:id/sessions', requireUser, async (req, res) => {
    const sessions = await userSessionsService.list(
      req.ability,
      req.params.id as string,
      req.sessionID,
    );
    const body: UserSessionListResponse = { sessions };
    res.json(body);
  });

  router.post('/users/:id/sessions/:sessionId/end', requireUser, async (req, res) => {
    await userSessionsService.end(
      req.ability,
      actorFromRequest(req),
      req.params.id as string,
      req.params.sessionId as string,
    );
    res.status(204).end();
  });
  return router;
}
