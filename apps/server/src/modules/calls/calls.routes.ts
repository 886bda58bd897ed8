import { Router, type Request } from 'express';
import {
  addNoteRequestSchema,
  assignUnitRequestSchema,
  cancelCallRequestSchema,
  closeCallRequestSchema,
  unassignUnitRequestSchema,
} from '@watchfloor/contracts';
import { HttpError, parseInput } from '../../http/errors.ts';
import { actorFromRequest } from '../audit/actor.ts';
import { requireUser } from '../auth/require-user.ts';
import type { CallsService } from './calls.service.ts';

/** Reads `If-Match: <version>` (quoted or weak forms accepted); PATCH without it is refused. */
function expectedVersion(req: Request): number {
  const header = req.get('If-Match');
  const match = header ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  if (!header)
    throw new HttpError(
      428,
      'precondition_required',
      'Send If-Match with the call version you edited',
    );
  if (!match)
    throw new HttpError(400, 'validation_failed', 'If-Match must be a call version', {
      issues: [{ path: 'If-Match', message: 'Expected a version number' }],
    });
  return Number(match[1]);
}

export function callsRoutes({ callsService }: { callsService: CallsService }): Router {
  const router = Router();
  const id = (req: Request) => req.params.id as string;

  router.get('/calls', requireUser, async (req, res) => {
    res.json({ calls: await callsService.list(req.ability, actorFromRequest(req), req.query) });
  });
  router.post('/calls', requireUser, async (req, res) => {
    res.status(201).json(await callsService.create(req.ability, actorFromRequest(req), req.body));
  });
  router.get('/calls/:id', requireUser, async (req, res) => {
    const call = await callsService.get(req.ability, actorFromRequest(req), id(req));
    res.set('ETag', `"${call.version}"`).json(call);
  });
  router.patch('/calls/:id', requireUser, async (req, res) => {
    const call = await callsService.update(
      req.ability,
      actorFromRequest(req),
      id(req),
      expectedVersion(req),
      req.body,
    );
    res.set('ETag', `"${call.version}"`).json(call);
  });
  router.post('/calls/:id/assign', requireUser, async (req, res) => {
    const { unitId } = parseInput(assignUnitRequestSchema, req.body);
    res.json(await callsService.assign(req.ability, actorFromRequest(req), id(req), unitId));
  });
  router.post('/calls/:id/unassign', requireUser, async (req, res) => {
    const { unitId } = parseInput(unassignUnitRequestSchema, req.body);
    res.json(await callsService.unassign(req.ability, actorFromRequest(req), id(req), unitId));
  });
  router.post('/calls/:id/notes', requireUser, async (req, res) => {
    const { text } = parseInput(addNoteRequestSchema, req.body);
    res
      .status(201)
      .json(await callsService.addNote(req.ability, actorFromRequest(req), id(req), text));
  });
  router.post('/calls/:id/close', requireUser, async (req, res) => {
    const { disposition } = parseInput(closeCallRequestSchema, req.body);
    res.json(await callsService.close(req.ability, actorFromRequest(req), id(req), disposition));
  });
  router.post('/calls/:id/cancel', requireUser, async (req, res) => {
    const { reason } = parseInput(cancelCallRequestSchema, req.body ?? {});
    res.json(await callsService.cancel(req.ability, actorFromRequest(req), id(req), reason));
  });
  return router;
}
