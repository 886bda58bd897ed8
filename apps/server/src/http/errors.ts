import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { issuesFromZodError, type ApiError, type Issue } from '@watchfloor/contracts';
import type { z } from 'zod';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

/** An error meant for the client: status, stable code, message and optional field issues. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Issue[] | undefined;
  readonly headers: Record<string, string>;
  /** Extra fields for the error body, e.g. the current state on a version conflict. */
  readonly extra: Record<string, unknown>;
  /** A refusal already written to the audit log by the code that refused it. */
  audited = false;
  constructor(
    status: number,
    code: string,
    message: string,
    options: {
      issues?: Issue[];
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

export const notFound = (what = 'Resource') => new HttpError(404, 'not_found', `${what} not found`);
export const unauthenticated = () => new HttpError(401, 'unauthenticated', 'Sign in to continue');
export const forbidden = () => new HttpError(403, 'forbidden', 'You are not allowed to do this');

/** Validates `input` against `schema`, or throws a 400 listing every problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new HttpError(400, 'validation_failed', 'The request is invalid', {
      issues: issuesFromZodError(result.error),
    });
  }
  return result.data;
}

export function errorBody(
  code: string,
  message: string,
  issues?: Issue[],
  extra: Record<string, unknown> = {},
): ApiError {
  return { error: { ...extra, code, message, ...(issues ? { issues } : {}) } };
}

/** 409 when a state machine refuses a transition, with its reason. */
export const illegalTransition = (reason: string) =>
  new HttpError(409, 'illegal_transition', reason);

/** Unknown `/api` routes answer JSON, not the web app's HTML. */
export const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json(errorBody('not_found', 'No such API route'));
};

const decompressorCode = /^(Z_|ERR__ERROR|ZSTD_error)/;

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  code?: unknown;
}

/** Errors of Express's own parts (body parser, router, static files) that are the client's fault. */
function fromFramework(error: BodyParserError | object): HttpError | undefined {
  const { type, status, expose, code } = error as BodyParserError;
  if (type === 'entity.parse.failed') {
    return new HttpError(400, 'validation_failed', 'The request body is not valid JSON', {
      issues: [{ path: '', message: 'Body is not valid JSON' }],
    });
  }
  if (type === 'entity.too.large') {
    return new HttpError(413, 'payload_too_large', 'The request body is too large');
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new HttpError(415, 'unsupported_media_type', 'Send UTF-8 JSON');
  }
  // The router's lazy decoding of a route parameter that is not UTF-8.
  if (error instanceof URIError && status === 400) {
    return new HttpError(400, 'validation_failed', 'The URL path is not valid UTF-8', {
      issues: [{ path: 'path', message: 'Not valid percent-encoded UTF-8' }],
    });
  }
  // A decompressor that cannot read the body (zlib, brotli, zstd): the body is not what its header says.
  if (
    status === 400 &&
    type === undefined &&
    typeof code === 'string' &&
    decompressorCode.test(code)
  ) {
    return new HttpError(
      400,
      'validation_failed',
      'The request body does not match its Content-Encoding',
    );
  }
  // Any other client error Express's parts mark as safe to show (e.g. a static file's 412).
  if (expose === true && typeof status === 'number' && status >= 400 && status < 500) {
    const reason = STATUS_CODES[status] ?? 'Bad Request';
    return new HttpError(status, reason.toLowerCase().replaceAll(' ', '_'), reason);
  }
  return undefined;
}

/** Seconds a client should wait before retrying when the database is away. */
export const databaseRetryAfterSeconds = 5;

/**
 * 503 when the database cannot be reached (refused, reset, timed out, shutting down,
 * out of connections): nothing is wrong with the request, and the pool reconnects by
 * itself, so the client is told to retry rather than shown a 500.
 */
export const databaseUnavailable = () =>
  new HttpError(503, 'database_unavailable', 'The service is briefly unavailable; try again soon', {
    headers: { 'Retry-After': String(databaseRetryAfterSeconds) },
  });

/** Last middleware: every error becomes a JSON body; stack traces only reach the log. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  // Once a streamed response has begun, a status can no longer be sent (handled below).
  const unavailable = !res.headersSent && isDatabaseUnavailable(error);
  if (unavailable) req.log.warn({ err: error }, 'database unavailable');
  const known =
    error instanceof HttpError
      ? error
      : (fromFramework(error ?? {}) ?? (unavailable ? databaseUnavailable() : undefined));
  if (known) {
    // A static file may have set its own type before failing; the error body is JSON.
    res
      .type('application/json')
      .set(known.headers)
      .status(known.status)
      .json(errorBody(known.code, known.message, known.issues, known.extra));
    return;
  }
  req.log.error({ err: error }, 'unhandled error');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // The request id the error was logged under, for whoever reports it.
  const requestId = typeof req.id === 'string' ? req.id : undefined;
  res.status(500).json(
    errorBody('internal_error', 'Something went wrong; the error was logged', undefined, {
      ...(requestId ? { requestId } : {}),
    }),
  );
};
