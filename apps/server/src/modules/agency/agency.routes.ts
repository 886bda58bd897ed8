import { Router } from 'express';
import type { AgencyConfig } from '@watchfloor/contracts';
import { forbidden } from '../../http/errors.ts';
import { requireUser } from '../auth/require-user.ts';

export function agencyRoutes({ agency }: { agency: AgencyConfig }): Router {
  const router = Router();
  const body = JSON.stringify(agency);
  router.get('/agency', requireUser, (req, res) => {
    if (req.ability.cannot('read', 'AgencyConfig')) throw forbidden();
    // Serialised once at boot: the file does not change while the server runs.
    res.type('application/json').send(body);
  });
  return router;
}
