import { Router } from 'express';
import { actorFromRequest } from '../audit/actor.ts';
import { requireUser } from '../auth/require-user.ts';
import type { UnitsService } from './units.service.ts';

export function unitsRoutes({ unitsService }: { unitsService: UnitsService }): Router {
  const router = Router();
  router.get('/units', requireUser, async (req, res) => {
    res.json({ units: await unitsService.list(req.ability) });
  });
  router.post('/units/:id/status', requireUser, async (req, res) => {
    res.json(
      await unitsService.changeStatus(
        req.ability,
        actorFromRequest(req),
        req.params.id as string,
        req.body,
      ),
    );
  });
  return router;
}
