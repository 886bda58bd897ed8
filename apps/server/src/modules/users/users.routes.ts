import { Router } from 'express';
import type { UserListResponse } from '@watchfloor/contracts';
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
  return router;
}
