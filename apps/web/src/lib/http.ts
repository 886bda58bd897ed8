import { apiErrorSchema, CSRF_HEADER, csrfResponseSchema } from '@watchfloor/contracts';
import type { ZodType } from 'zod';
import { HttpError, NetworkError, SignedOutError, UnexpectedResponseError } from './httpErrors.ts';

/** The subset of `fetch` the client uses, so tests can hand in a fake. */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Only sign-in changes state without a session, and so without a CSRF token. */
  withoutCsrf?: boolean;
  /**
   * Whether a 401 means "the session has ended" (`SignedOutError`). Sign-in turns this off:
   * there a 401 only means wrong credentials.
   */
  requiresSession?: boolean;
  /** Extra request headers, e.g. `If-Match` for versioned edits. */
  headers?: Record<string, string>;
}

export interface HttpClient {
  /** Sends a request and validates the JSON answer with `schema`. */
  request<T>(path: string, options: RequestOptions & { schema: ZodType<T> }): Promise<T>;
  /** Sends a request whose answer has no body the caller needs (e.g. 204). */
  request(path: string, options?: RequestOptions): Promise<void>;
  get<T>(path: string, schema: ZodType<T>, options?: { signal?: AbortSignal }): Promise<T>;
  /** Stores a token handed out by the server outside `/api/auth/csrf` (the sign-in answer). */
  setCsrfToken(token: string | null): void;
}

export interface HttpClientOptions {
  fetch?: FetchFn;
  /** Prefix for every path; empty in the browser, where the API shares the page's origin. */
  baseUrl?: string;
}

const CSRF_PATH = '/api/auth/csrf';

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const fetchFn: FetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const baseUrl = options.baseUrl ?? '';
  let csrfToken: string | null = null;
  // Requests that start together share one token fetch.
  let pendingCsrfToken: Promise<string> | null = null;

  async function send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchFn(baseUrl + path, { credentials: 'same-origin', ...init });
    } catch (cause) {
      // A cancelled query is not a network failure; let the caller see the abort as is.
      if (init.signal?.aborted) throw cause;
      throw new NetworkError({ cause });
    }
  }

  async function errorFrom(response: Response, requiresSession: boolean): Promise<HttpError> {
    const body: unknown = await response.json().catch(() => null);
    const parsed = apiErrorSchema.safeParse(body);
    const { code, message, issues } = parsed.success
      ? parsed.data.error
      : { code: 'unknown', message: `HTTP ${response.status}`, issues: undefined };
    const ErrorClass = response.status === 401 && requiresSession ? SignedOutError : HttpError;
    const details = parsed.success ? (body as { error: unknown }).error : undefined;
    return new ErrorClass(response.status, code, message, issues ?? [], details);
  }

  async function parseBody<T>(response: Response, path: string, schema: ZodType<T>): Promise<T> {
    const body: unknown = await response.json().catch((cause: unknown) => {
      throw new UnexpectedResponseError(path, { cause });
    });
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new UnexpectedResponseError(path, { cause: parsed.error });
    return parsed.data;
  }

  function freshCsrfToken(): Promise<string> {
    pendingCsrfToken ??= (async () => {
      try {
        const response = await send(CSRF_PATH, { headers: { Accept: 'application/json' } });
        if (!response.ok) throw await errorFrom(response, true);
        const { csrfToken: token } = await parseBody(response, CSRF_PATH, csrfResponseSchema);
        csrfToken = token;
        return token;
      } finally {
        pendingCsrfToken = null;
      }
    })();
    return pendingCsrfToken;
  }

  async function perform(path: string, options: RequestOptions, isRetry: boolean) {
    const method = options.method ?? 'GET';
    const requiresSession = options.requiresSession ?? true;
    const sendsCsrf = method !== 'GET' && !options.withoutCsrf;
    const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (sendsCsrf) headers[CSRF_HEADER] = csrfToken ?? (await freshCsrfToken());

    const response = await send(path, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
    if (response.ok) return response;

    const error = await errorFrom(response, requiresSession);
    // The token rotates with the session (sign-in, server restart): fetch a new one and try
    // once more. A second refusal is real and goes to the caller.
    if (sendsCsrf && !isRetry && error.status === 403 && error.code === 'csrf_invalid') {
      csrfToken = null;
      return perform(path, options, true);
    }
    throw error;
  }

  function request<T>(path: string, options: RequestOptions & { schema: ZodType<T> }): Promise<T>;
  function request(path: string, options?: RequestOptions): Promise<void>;
  async function request<T>(
    path: string,
    options: RequestOptions & { schema?: ZodType<T> } = {},
  ): Promise<T | void> {
    const { schema, ...rest } = options;
    const response = await perform(path, rest, false);
    if (schema) return parseBody(response, path, schema);
  }

  return {
    request,
    get: (path, schema, options) => request(path, { ...options, schema }),
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}
