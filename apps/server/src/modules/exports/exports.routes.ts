import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { exportTimeZoneHeader, type ExportOutcome } from '@watchfloor/contracts';
import { actorFromRequest } from '../audit/actor.ts';
import { requireUser } from '../auth/require-user.ts';
import { contentDisposition } from './exports.files.ts';
import type { ExportsService, PreparedExport } from './exports.service.ts';

/**
 * Streams an export into the response with back-pressure. A client that goes
 * away mid-file ends the pipeline: the database work is stopped and the audit
 * event says `cancelled` with the rows sent so far.
 */
async function send(req: Request, res: Response, prepared: PreparedExport): Promise<void> {
  let body;
  try {
    body = await prepared.open();
  } catch (error) {
    await prepared.finish('failed', error);
    throw error;
  }
  res.status(200).set({
    'Content-Type': prepared.contentType,
    'Content-Disposition': contentDisposition(prepared.fileName),
    [exportTimeZoneHeader]: prepared.timeZone,
    'Cache-Control': 'no-store',
  });
  // The download starts now, even while PostgreSQL still sorts before its first row.
  res.flushHeaders();
  let outcome: ExportOutcome = 'completed';
  let failure: unknown;
  try {
    // The response ends only after the audit event is written, so a complete file is always on record.
    await pipeline(body, res, { end: false });
  } catch (error) {
    failure = error;
    const code = (error as { code?: string }).code;
    outcome = code === 'ERR_STREAM_PREMATURE_CLOSE' || req.destroyed ? 'cancelled' : 'failed';
    if (outcome === 'failed') req.log.error({ err: error }, 'export failed mid-stream');
  }
  await prepared.finish(outcome, failure);
  if (outcome === 'completed') res.end();
  else res.destroy();
}

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
