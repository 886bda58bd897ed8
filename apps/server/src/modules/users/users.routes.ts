import { Router, type Request } from 'express';
import type { MfaResetResponse, UserAdminView, UserListResponse } from '@watchfloor/contracts';
import { actorFromRequest } from '../audit/actor.ts';
import { requireUser } from '../auth/require-user.ts';
import { presentUserForAdmin } from './users.presenter.ts';
import type { UsersService } from './users.service.ts';

export function usersRoutes({ usersService }: { usersService: UsersService }): Router {
  const router = Router();
  router.get('/users', requireUser, async (req, res) => {
    const users = await usersService.list(req.ability);
    const body: UserListResponse = { users: users.map((user) => presentUserForAdmin(user)) };
    res.json(body);
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
      const body: UserAdminView = presentUserForAdmin(await apply(req.params.id as string, req));
      res.json(body);
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
  return router;
}
