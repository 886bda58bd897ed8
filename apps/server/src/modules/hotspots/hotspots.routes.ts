import { Router } from 'express';
import { actorFromRequest } from '../audit/actor.ts';
import { requireUser } from '../auth/require-user.ts';
import type { HotspotsService } from './hotspots.service.ts';

export function hotspotsRoutes({ hotspotsService }: { hotspotsService: HotspotsService }): Router {
  const router = Router();
  router.get('/hotspots', requireUser, async (req, res) => {
    res.json(await hotspotsService.grid(req.ability, req.query));
  });
  router.get('/hotspots/export', requireUser, async (req, res) => {
    const table = await hotspotsService.exportTable(req.ability, actorFromRequest(req), req.query);
    res.type('text/csv; charset=utf-8').attachment(table.filename).send(table.csv);
  });
  router.get('/hotspots/cells/:cell/calls', requireUser, async (req, res) => {
    res.json(await hotspotsService.cellCalls(req.ability, req.params.cell as string, req.query));
  });
  return router;
}
