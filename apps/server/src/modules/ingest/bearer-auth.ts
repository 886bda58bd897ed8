import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { defineAbilityFor } from '@watchfloor/authz';
import { errorBody, HttpError } from '../../http/errors.ts';
import { tokenActor } from '../audit/actor.ts';
import type { AuditRollup } from '../audit/audit-rollup.ts';
import type { TokenRow } from '../tokens/tokens.repo.ts';
import type { TokensService } from '../tokens/tokens.service.ts';

const missingToken = () =>
  new HttpError(401, 'unauthenticated', 'Send Authorization: Bearer <integration token>', {
    headers: { 'WWW-Authenticate': 'Bearer' },
  });

/**
 * Machine clients authenticate with an integration token; they get the integration
 * role's ability. Each accepted request is counted toward the token's `token.use`
 * audit row (per token, address and outcome, a row a minute): requests, the items
 * they carried (set by the route in `res.locals.ingestItems`) and the paths.
 */
export function requireIntegrationToken(
  tokensService: TokensService,
  rollup: AuditRollup,
): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('Authorization');
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const row = token ? await tokensService.authenticate(token) : undefined;
    if (!row) throw missingToken();
    req.ability = defineAbilityFor({ id: row.id, role: 'integration', districts: [] });
    res.locals.integration = row;
    res.once('finish', () => {
      const items: unknown = res.locals.ingestItems;
      rollup.count(
        {
          action: 'token.use',
          outcome: res.statusCode < 400 ? 'success' : 'failure',
          actor: tokenActor(req, row.name),
          subjectType: 'IntegrationToken',
          subjectId: row.id,
        },
        { requests: 1, items: typeof items === 'number' ? items : 0 },
        req.path,
      );
    });
    next();
  };
}

export function integrationOf(locals: Record<string, unknown>): TokenRow {
  return locals.integration as TokenRow;
}

/**
 * Slows token guessing: an address whose bearer tokens were refused `limit` times in
 * 15 minutes gets 429 until the window passes. Accepted requests do not count, so a
 * feed with a valid token is never throttled here.
 */
export function throttleTokenFailures(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    handler: (_req, res) => {
      res
        .status(429)
        .json(
          errorBody('rate_limited', 'Too many refused tokens from this address; wait and retry'),
        );
    },
  });
}
