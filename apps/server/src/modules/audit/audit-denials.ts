import type { ErrorRequestHandler, Request, Response } from 'express';
import { HttpError } from '../../http/errors.ts';
import { actorFromRequest, tokenActor, type Actor } from './actor.ts';
import type { AuditRollup } from './audit-rollup.ts';

/** A request's actor: the signed-in person, or the integration token that sent it. */
function requester(req: Request, res: Response): Actor {
  const token = res.locals.integration as { id: string; name: string } | undefined;
  return token ? tokenActor(req, token.name) : actorFromRequest(req);
}

/**
 * Every authorization refusal (a service's 403) reaches the audit log as
 * `access.denied`, rolled up per person, address, method and path per minute, so a
 * script hammering a forbidden route writes one row a minute, not one per request.
 * Refusals that wrote their own row (an export's) are not counted twice. The path is
 * the one requested: it names the subject (a call's or user's id) where there is one.
 */
export function auditDenials(rollup: AuditRollup): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (error instanceof HttpError && error.status === 403 && error.code === 'forbidden') {
      if (!error.audited) {
        rollup.count(
          {
            action: 'access.denied',
            outcome: 'denied',
            actor: requester(req, res),
            details: { method: req.method, route: req.originalUrl.split('?')[0]! },
          },
          { requests: 1 },
        );
      }
    }
    next(error);
  };
}
