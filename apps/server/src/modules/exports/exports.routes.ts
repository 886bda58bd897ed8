import { Router } from 'express';
import { actorFromRequest } from '../audit/actor.ts';
import { requireUser } from '../auth/require-user.ts';
import type { ExportsService } from './exports.service.ts';
import { sendExport as send } from './exports.stream.ts';

export function exportsRoutes({ exportsService }: { exportsService: ExportsService }): Router {
  const router = Router();
  router.get('/exports/calls/estimate', requireUser, async (req, res) => {
    res.json(await exportsService.estimate(req.ability, req.query));
  });
  router.get('/exports/calls', requireUser, async (req, res) => {
    await send(req, res, await exportsService.calls(req.ability, actorFromRequest(req), req.query));
  });
  router.get('/exports/stats', requireUser, async (req, res) => {
    await send(req, res, await exportsService.stats(req.ability, actorFromRequest(req), req.query));
  });
  return router;
}
