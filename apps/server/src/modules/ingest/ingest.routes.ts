import { Router, type ErrorRequestHandler, type Request } from 'express';
import {
  ingestCallBatchSchema,
  ingestPositionBatchSchema,
  ingestUnitBatchSchema,
  unstorableIssues,
} from '@watchfloor/contracts';
import { isStorageUnavailable } from '../../db/storage-errors.ts';
import { errorBody, forbidden, HttpError, parseInput } from '../../http/errors.ts';
import { jsonBody } from '../../http/json-body.ts';
import { tokenActor, type Actor } from '../audit/actor.ts';
import type { AuditRollup } from '../audit/audit-rollup.ts';
import type { AgencyDirectory } from '../agency/agency-directory.ts';
import type { TokensService } from '../tokens/tokens.service.ts';
import { integrationOf, requireIntegrationToken, throttleTokenFailures } from './bearer-auth.ts';
import { eidoDocumentSchema, mapEido } from './eido.mapper.ts';
import type { IngestCallsService } from './ingest-calls.service.ts';
import type { IngestPositionsService } from './ingest-positions.service.ts';
import type { IngestUnitsService } from './ingest-units.service.ts';

export interface IngestRouteDeps {
  tokensService: TokensService;
  ingestCalls: IngestCallsService;
  ingestPositions: IngestPositionsService;
  ingestUnits: IngestUnitsService;
  directory: AgencyDirectory;
  /** Refused bearer tokens an address may send per 15 minutes. */
  tokenFailureLimit: number;
  /** Where each token's use is counted, for one audit row a minute. */
  auditRollup: AuditRollup;
}

/** How many items a batch carried, for the token's use row. */
function countItems(res: { locals: Record<string, unknown> }, items: number): void {
  res.locals.ingestItems = items;
}

function ingestActor(req: Request, locals: Record<string, unknown>): Actor {
  return tokenActor(req, integrationOf(locals).name);
}

/**
 * Storage trouble (the database down, unreachable, overloaded or mid-migration)
 * answers 503 so the feed retries: every item acknowledged before was committed on
 * its own, and a retry of the whole batch is harmless because ingest is idempotent.
 * Anything else is not cured by retrying and goes to the error handler (4xx or 500).
 */
const storageUnavailable: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (!isStorageUnavailable(error) || res.headersSent) {
    next(error);
    return;
  }
  req.log.error({ err: error }, 'ingest failed on storage');
  res
    .set('Retry-After', '5')
    .status(503)
    .json(
      errorBody(
        'storage_unavailable',
        'Storage is unavailable; retry the batch (ingest is idempotent)',
      ),
    );
};

/** `/api/ingest/*`: bearer-token machine ingest, outside the browser session and CSRF. */
export function ingestRoutes(deps: IngestRouteDeps): Router {
  const router = Router();
  router.use(throttleTokenFailures(deps.tokenFailureLimit));
  router.use(jsonBody({ limit: '4mb' }));
  router.use(requireIntegrationToken(deps.tokensService, deps.auditRollup));

  router.post('/calls', async (req, res) => {
    if (req.ability.cannot('ingest', 'Call')) throw forbidden();
    const batch = parseInput(ingestCallBatchSchema, req.body);
    countItems(res, batch.events.length);
    res.json(
      await deps.ingestCalls.ingest(ingestActor(req, res.locals), batch.source, batch.events),
    );
  });

  router.post('/units', async (req, res) => {
    if (req.ability.cannot('ingest', 'UnitPosition')) throw forbidden();
    const batch = parseInput(ingestUnitBatchSchema, req.body);
    countItems(res, batch.events.length);
    res.json(
      await deps.ingestUnits.ingest(ingestActor(req, res.locals), batch.source, batch.events),
    );
  });

  router.post('/positions', async (req, res) => {
    if (req.ability.cannot('ingest', 'UnitPosition')) throw forbidden();
    const batch = parseInput(ingestPositionBatchSchema, req.body);
    countItems(res, batch.positions.length);
    res.json(await deps.ingestPositions.ingest(batch.positions));
  });

  router.post('/eido', async (req, res) => {
    if (req.ability.cannot('ingest', 'Call')) throw forbidden();
    // One document is one incident: text that cannot be stored refuses it, naming the field.
    const unstorable = unstorableIssues(req.body);
    if (unstorable.length > 0)
      throw new HttpError(
        400,
        'validation_failed',
        'The EIDO document has text that cannot be stored',
        {
          issues: unstorable,
        },
      );
    const document = parseInput(eidoDocumentSchema, req.body);
    countItems(res, 1);
    const mapped = mapEido(document, deps.directory);
    if (!mapped.ok)
      throw new HttpError(400, 'validation_failed', 'The EIDO document cannot be mapped', {
        issues: mapped.issues,
      });
    const result = await deps.ingestCalls.ingest(ingestActor(req, res.locals), mapped.source, [
      mapped.event,
    ]);
    const [item] = result.results;
    if (item?.outcome === 'rejected')
      throw new HttpError(400, 'validation_failed', 'The EIDO incident was rejected', {
        issues: item.issues ?? [],
      });
    res.json(result);
  });

  router.use(storageUnavailable);
  return router;
}
