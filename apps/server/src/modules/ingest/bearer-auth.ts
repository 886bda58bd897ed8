import type { RequestHandler } from 'express';
import { defineAbilityFor } from '@watchfloor/authz';
import { HttpError } from '../../http/errors.ts';
import type { TokenRow } from '../tokens/tokens.repo.ts';
import type { TokensService } from '../tokens/tokens.service.ts';

const missingToken = () =>
  new HttpError(401, 'unauthenticated', 'Send Authorization: Bearer <integration token>', {
    headers: { 'WWW-Authenticate': 'Bearer' },
  });

/** Machine clients authenticate with an integration token; they get the integration role's ability. */
export function requireIntegrationToken(tokensService: TokensService): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('Authorization');
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const row = token ? await tokensService.authenticate(token) : undefined;
    if (!row) throw missingToken();
    req.ability = defineAbilityFor({ id: row.id, role: 'integration', districts: [] });
    res.locals.integration = row;
    next();
  };
}

export function integrationOf(locals: Record<string, unknown>): TokenRow {
  return locals.integration as TokenRow;
}
