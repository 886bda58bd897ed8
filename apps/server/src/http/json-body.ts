import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { HttpError } from './errors.ts';

/** A body is present when it has bytes; an empty `Content-Length: 0` body is no body. */
function carriesBody(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length']) > 0;
}

const requireJson: RequestHandler = (req, _res, next) => {
  if (carriesBody(req.headers) && !req.is('application/json')) {
    next(new HttpError(415, 'unsupported_media_type', 'Send the body as application/json'));
    return;
  }
  next();
};

/**
 * The JSON body parser every API router uses. A body in another media type is
 * refused (415) rather than ignored, and UTF-8 that is not valid is refused (400)
 * rather than silently replaced with U+FFFD, which would store text nobody sent.
 */
export function jsonBody(options: { limit: string }): RequestHandler[] {
  return [
    requireJson,
    express.json({
      limit: options.limit,
      verify: (_req, _res, body, encoding) => {
        if (encoding.toLowerCase().replace('-', '') === 'utf8' && !isUtf8(body))
          throw new HttpError(400, 'validation_failed', 'The request body is not valid UTF-8', {
            issues: [{ path: '', message: 'Bytes that are not UTF-8' }],
          });
      },
    }),
  ];
}
