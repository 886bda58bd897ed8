import { createHash } from 'node:crypto';
import { Router } from 'express';
import { apiVersion, buildOpenApiDocument } from './openapi.document.ts';

export const OPENAPI_PATH = '/api/openapi.json';

/**
 * `GET /api/openapi.json`: the OpenAPI document, public (the contract is not a
 * secret). Built and serialised once, when the router is created; clients
 * revalidate with the ETag after five minutes.
 */
export function openApiRoutes(options: { version?: string } = {}): Router {
  const document = buildOpenApiDocument({ version: options.version ?? apiVersion });
  const body = JSON.stringify(document);
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  const router = Router();
  router.get(OPENAPI_PATH, (req, res) => {
    res.set({ ETag: etag, 'Cache-Control': 'public, max-age=300' });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(body);
  });
  return router;
}
