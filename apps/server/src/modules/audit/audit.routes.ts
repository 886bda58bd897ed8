import { Router } from 'express';
import {
  auditListQuerySchema,
  type AuditChainReport,
  type AuditListResponse,
} from '@watchfloor/contracts';
import { parseInput } from '../../http/errors.ts';
import { requireUser } from '../auth/require-user.ts';
import { sendExport } from '../exports/exports.stream.ts';
import { actorFromRequest } from './actor.ts';
import type { AuditExport } from './audit-export.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes({
  auditService,
  auditExport,
}: {
  auditService: AuditService;
  auditExport: AuditExport;
}): Router {
  const router = Router();
  router.get('/audit', requireUser, async (req, res) => {
    const query = parseInput(auditListQuerySchema, req.query);
    const body: AuditListResponse = { events: await auditService.list(req.ability, query) };
    res.json(body);
  });
  /** Every event the search finds, as CSV, with the purpose of the export (itself audited). */
  router.get('/audit/export', requireUser, async (req, res) => {
    await sendExport(
      req,
      res,
      await auditExport.csv(req.ability, actorFromRequest(req), req.query),
    );
  });
  /** Recomputes the whole chain: what the audit page shows as "verified through …". */
  router.get('/audit/verification', requireUser, async (req, res) => {
    const body: AuditChainReport = await auditService.verify(req.ability);
    res.json(body);
  });
  return router;
}
