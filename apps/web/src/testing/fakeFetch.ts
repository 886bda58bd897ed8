import type { FetchFn } from '../lib/http.ts';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/api/audit?limit=100`. */
  url: string;
  headers: Headers;
  body: unknown;
}

export type FakeRoute = (request: RecordedRequest) => Response | Promise<Response>;

/**
 * A `fetch` stand-in answering from `respond`, recording every request. Anything `respond`
 * does not answer gets a 404 so a missing stub fails loudly.
 */
export function createFakeFetch(
  respond: (request: RecordedRequest) => Response | Promise<Response> | undefined,
) {
  const requests: RecordedRequest[] = [];
  const fetch: FetchFn = async (url, init) => {
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      url,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    return (await respond(request)) ?? json(404, { error: { code: 'not_found', message: url } });
  };
  return { fetch, requests };
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}
