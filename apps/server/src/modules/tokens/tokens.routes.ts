import { Router } from 'express';
import {
  createIntegrationTokenRequestSchema,
  type CreateIntegrationTokenResponse,
  type IntegrationTokenListResponse,
  type IntegrationTokenView,
} from '@watchfloor/contracts';
import { parseInput } from '../../http/errors.ts';
import { actorFromRequest } from '../audit/actor.ts';
import { requireUser } from '../auth/require-user.ts';
import { presentToken } from './tokens.presenter.ts';
import type { TokensService } from './tokens.service.ts';

/** Integration tokens from the product: a feed can be connected while the server runs. */
export function tokensRoutes({ tokensService }: { tokensService: TokensService }): Router {
  const router = Router();

  router.get('/tokens', requireUser, async (req, res) => {
    const rows = await tokensService.listFor(req.ability);
    const body: IntegrationTokenListResponse = { tokens: rows.map(presentToken) };
    res.json(body);
  });

  router.post('/tokens', requireUser, async (req, res) => {
    const { name } = parseInput(createIntegrationTokenRequestSchema, req.body);
    const { token, row } = await tokensService.createFor(req.ability, actorFromRequest(req), name);
    const body: CreateIntegrationTokenResponse = { token, integrationToken: presentToken(row) };
    res.status(201).json(body);
  });

  router.post('/tokens/:id/revoke', requireUser, async (req, res) => {
    const row = await tokensService.revokeFor(
      req.ability,
      actorFromRequest(req),
      req.params.id as string,
    );
    const body: IntegrationTokenView = presentToken(row);
    res.json(body);
  });

  return router;
}
