import { CSRF_HEADER } from '@watchfloor/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFakeFetch, json, noContent, type RecordedRequest } from '../testing/fakeFetch.ts';
import { createHttpClient } from './http.ts';
import { HttpError, NetworkError, SignedOutError, UnexpectedResponseError } from './httpErrors.ts';

const okSchema = z.object({ ok: z.literal(true) });

/** Hands out csrf tokens `token-1`, `token-2`, … and answers everything else with `respond`. */
function serverWithTokens(respond: (request: RecordedRequest) => Response | undefined) {
  let issued = 0;
  return createFakeFetch((request) => {
    if (request.url === '/api/auth/csrf') return json(200, { csrfToken: `token-${++issued}` });
    return respond(request);
  });
}

const csrfInvalid = () => json(403, { error: { code: 'csrf_invalid', message: 'Bad token' } });

describe('http client', () => {
  it('validates a GET answer and sends no CSRF token', async () => {
    const server = serverWithTokens(() => json(200, { ok: true }));
    const http = createHttpClient({ fetch: server.fetch });

    await expect(http.get('/api/thing', okSchema)).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.has(CSRF_HEADER)).toBe(false);
  });

  it('fetches a CSRF token before the first POST and reuses it afterwards', async () => {
    const server = serverWithTokens(() => noContent());
    const http = createHttpClient({ fetch: server.fetch });

    await http.request('/api/things', { method: 'POST', body: { name: 'a' } });
    await http.request('/api/things/1', { method: 'DELETE' });

    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/auth/csrf',
      'POST /api/things',
      'DELETE /api/things/1',
    ]);
    expect(server.requests[1]?.headers.get(CSRF_HEADER)).toBe('token-1');
    expect(server.requests[1]?.headers.get('Content-Type')).toBe('application/json');
    expect(server.requests[1]?.body).toEqual({ name: 'a' });
    expect(server.requests[2]?.headers.get(CSRF_HEADER)).toBe('token-1');
  });

  it('shares one token fetch between requests that start together', async () => {
    const server = serverWithTokens(() => noContent());
    const http = createHttpClient({ fetch: server.fetch });

    await Promise.all([
      http.request('/api/a', { method: 'POST' }),
      http.request('/api/b', { method: 'POST' }),
    ]);
    expect(server.requests.filter((r) => r.url === '/api/auth/csrf')).toHaveLength(1);
  });

  it('uses a token handed over by sign-in without asking for one', async () => {
    const server = serverWithTokens(() => noContent());
    const http = createHttpClient({ fetch: server.fetch });
    http.setCsrfToken('from-login');

    await http.request('/api/auth/logout', { method: 'POST' });
    expect(server.requests.map((r) => r.url)).toEqual(['/api/auth/logout']);
    expect(server.requests[0]?.headers.get(CSRF_HEADER)).toBe('from-login');
  });

  it('refetches the token and retries once when the server answers csrf_invalid', async () => {
    const server = serverWithTokens((request) =>
      request.headers.get(CSRF_HEADER) === 'token-1' ? json(200, { ok: true }) : csrfInvalid(),
    );
    const http = createHttpClient({ fetch: server.fetch });
    http.setCsrfToken('stale');

    await expect(
      http.request('/api/things', { method: 'POST', body: {}, schema: okSchema }),
    ).resolves.toEqual({ ok: true });
    const sent = server.requests.map((r) => `${r.method} ${r.url} ${r.headers.get(CSRF_HEADER)}`);
    expect(sent).toEqual([
      'POST /api/things stale',
      'GET /api/auth/csrf null',
      'POST /api/things token-1',
    ]);
  });

  it('gives up after one retry when the fresh token is refused too', async () => {
    const server = serverWithTokens(() => csrfInvalid());
    const http = createHttpClient({ fetch: server.fetch });

    const error = await http.request('/api/things', { method: 'PUT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe('csrf_invalid');
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });

  it('does not retry other 403 answers', async () => {
    const server = serverWithTokens(() =>
      json(403, { error: { code: 'forbidden', message: 'Not allowed' } }),
    );
    const http = createHttpClient({ fetch: server.fetch });

    await expect(http.request('/api/things', { method: 'POST' })).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('maps a 401 to SignedOutError carrying the parsed error body', async () => {
    const server = serverWithTokens(() =>
      json(401, { error: { code: 'unauthenticated', message: 'Sign in first' } }),
    );
    const http = createHttpClient({ fetch: server.fetch });

    const error = await http.get('/api/me', okSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignedOutError);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', message: 'Sign in first' });
  });

  it('keeps a sign-in 401 an ordinary error: wrong credentials, not an ended session', async () => {
    const server = serverWithTokens(() =>
      json(401, { error: { code: 'invalid_credentials', message: 'Wrong username or password' } }),
    );
    const http = createHttpClient({ fetch: server.fetch });

    const error = await http
      .request('/api/auth/login', {
        method: 'POST',
        body: { username: 'a', password: 'b' },
        withoutCsrf: true,
        requiresSession: false,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).not.toBeInstanceOf(SignedOutError);
    expect((error as HttpError).code).toBe('invalid_credentials');
    // Sign-in needs no token, so none was fetched or sent.
    expect(server.requests.map((r) => r.url)).toEqual(['/api/auth/login']);
    expect(server.requests[0]?.headers.has(CSRF_HEADER)).toBe(false);
  });

  it('parses validation issues from the error body', async () => {
    const server = serverWithTokens(() =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'Invalid request',
          issues: [{ path: 'username', message: 'Required' }],
        },
      }),
    );
    const http = createHttpClient({ fetch: server.fetch });

    await expect(http.request('/api/things', { method: 'POST' })).rejects.toMatchObject({
      status: 400,
      code: 'validation_failed',
      issues: [{ path: 'username', message: 'Required' }],
    });
  });

  it('reports an error body outside the contract as code "unknown"', async () => {
    const server = serverWithTokens(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    const http = createHttpClient({ fetch: server.fetch });

    await expect(http.get('/api/thing', okSchema)).rejects.toMatchObject({
      status: 502,
      code: 'unknown',
    });
  });

  it('rejects a 2xx answer that does not match the schema', async () => {
    const server = serverWithTokens(() => json(200, { ok: 'yes' }));
    const http = createHttpClient({ fetch: server.fetch });

    await expect(http.get('/api/thing', okSchema)).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it('turns a failed fetch into NetworkError, but lets an abort through', async () => {
    const http = createHttpClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(http.get('/api/thing', okSchema)).rejects.toBeInstanceOf(NetworkError);

    const controller = new AbortController();
    controller.abort();
    const abortError = new DOMException('Aborted', 'AbortError');
    const aborting = createHttpClient({ fetch: () => Promise.reject(abortError) });
    await expect(aborting.get('/api/thing', okSchema, { signal: controller.signal })).rejects.toBe(
      abortError,
    );
  });
});
