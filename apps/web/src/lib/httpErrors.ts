import type { Issue } from '@watchfloor/contracts';

/** The server answered with an error status; `code` and `message` come from its error body. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  /** Stable code from the body (e.g. `invalid_credentials`), or `unknown` if the body had none. */
  readonly code: string;
  readonly issues: readonly Issue[];
  /** The whole `error` object of the body, with fields beyond the common ones (e.g. `current`). */
  readonly details: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    issues: readonly Issue[] = [],
    details?: unknown,
  ) {
    super(message);
    this.details = details;
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** A 401 on a request that needs a session: the session has ended (expired, revoked or signed out). */
export class SignedOutError extends HttpError {
  override name = 'SignedOutError';
}

/** The request never got an answer (server down, network cut, proxy refused). */
export class NetworkError extends Error {
  override name = 'NetworkError';

  constructor(options?: { cause?: unknown }) {
    super('The server could not be reached', options);
  }
}

/** The server answered 2xx with a body that does not match the shared contract. */
export class UnexpectedResponseError extends Error {
  override name = 'UnexpectedResponseError';
  readonly path: string;

  constructor(path: string, options?: { cause?: unknown }) {
    super(`Unexpected response from ${path}`, options);
    this.path = path;
  }
}
