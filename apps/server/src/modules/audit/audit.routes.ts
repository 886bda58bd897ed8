import { Router } from 'express';
import {
  auditListQuerySchema,
  type AuditChainReport,
  type AuditListResponse,
} from '@watchfloor/contracts';
import { parseInput } from '../../http/errors.ts';
import { requireUser } from '../auth/require-user.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes({ auditService }: { auditService: AuditService }): Router {
  const router = Router();
  router.get('/audit', requireUser, async (req, res) => {
    const query = parseInput(auditListQuerySchema, req.query);
    const body: AuditListResponse = { events: await auditService.list(req.ability, query) };
    res.json(body);
  });
  /** Recomputes the whole chain: what the audit page shows as "verified through …". */
  router.get('/audit/verification', requireUser, async (req, res) => {
    const body: AuditChainReport = await auditService.verify(req.ability);
    res.json(body);
  });
  return router;
}
