import { Router } from 'express';
import { requireUser } from '../auth/require-user.ts';
import type { HistoryService } from './history.service.ts';

/** The time machine (`docs/TIME-MACHINE.md`): read-only, rebuilt from the event log. */
export function historyRoutes({ historyService }: { historyService: HistoryService }): Router {
  const router = Router();
  router.get('/history/snapshot', requireUser, async (req, res) => {
    res.json(await historyService.snapshot(req.ability, req.query));
  });
  router.get('/history/events', requireUser, async (req, res) => {
    res.json(await historyService.events(req.ability, req.query));
  });
  router.get('/history/calls/:id/replay', requireUser, async (req, res) => {
    res.json(await historyService.callReplay(req.ability, req.params.id as string, req.query));
  });
  return router;
}
