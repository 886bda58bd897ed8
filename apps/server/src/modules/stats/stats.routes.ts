import { Router } from 'express';
import { requireUser } from '../auth/require-user.ts';
import type { StatsService } from './stats.service.ts';

export function statsRoutes({ statsService }: { statsService: StatsService }): Router {
  const router = Router();
  router.get('/stats/response-times', requireUser, async (req, res) => {
    res.json(await statsService.responseTimes(req.ability, req.query));
  });
  router.get('/stats/response-times/calls', requireUser, async (req, res) => {
    res.json(await statsService.responseTimeCalls(req.ability, req.query));
  });
  router.get('/stats/response-times/histogram', requireUser, async (req, res) => {
    res.json(await statsService.responseTimeHistogram(req.ability, req.query));
  });
  return router;
}
