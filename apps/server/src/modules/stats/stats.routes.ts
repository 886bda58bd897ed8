import { Router } from 'express';
import { requireUser } from '../auth/require-user.ts';
import type { StatsService } from './stats.service.ts';

export function statsRoutes({ statsService }: { statsService: StatsService }): Router {
  const router = Router();
  router.get('/stats/response-times', requireUser, async (req, res) => {
    res.json(await statsService.responseTimes(req.ability, req.query));
  });
  return router;
}
