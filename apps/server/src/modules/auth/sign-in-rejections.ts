import type { ErrorRequestHandler } from 'express';
import { HttpError } from '../../http/errors.ts';
import { actorFromRequest } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { unknownUsernameMarker } from './unknown-username.ts';

/**
 * Puts every refused sign-in request on record, even one too malformed to reach the
 * password check (refused at the edge or by the login schema). Mounted on the login
 * path after the routes, so it sees both. What was typed as a username is kept only
 * as the keyed digest of every failed sign-in: it may be a password in the wrong
 * box, and it may hold text the audit log could not store.
 */
export function auditRejectedSignIn(auditService: AuditService): ErrorRequestHandler {
  return (error: unknown, req, _res, next) => {
    const status = (error as { status?: unknown }).status;
    if (req.method !== 'POST' || status !== 400) {
      next(error);
      return;
    }
    const issues = error instanceof HttpError ? (error.issues ?? []) : [];
    const typed = (req.body as { username?: unknown } | undefined)?.username;
    const username = typeof typed === 'string' ? unknownUsernameMarker(typed) : null;
    auditService
      .record(
        { ...actorFromRequest(req), username },
        {
          action: 'auth.login',
          outcome: 'failure',
          subjectType: 'User',
          details: {
            reason: 'invalid_request',
            fields: [...new Set(issues.map((issue) => issue.path.split('.')[0]!))].sort(),
          },
        },
      )
      .then(() => next(error), next);
  };
}
