import type { IngestPosition } from '@watchfloor/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createIngestFeed, type IngestFeedOptions } from './feed.ts';
import type { OutgoingEvent } from './simulation.ts';

interface Recorded {
  path: string;
  headers: Record<string, string>;
  body: { source?: string; events?: { sourceEventId: string }[]; positions?: IngestPosition[] };
  at: number;
}

type Reply = Response | Error | ((items: number) => Response);

/** A fake fetch: records each request and answers from `replies` in turn, then 200 "applied". */
function fakeServer(replies: Reply[] = []) {
  const requests: Recorded[] = [];
  const fetch = vi.fn((url: string, init: { body: string; headers: Record<string, string> }) => {
    const body = JSON.parse(init.body) as Recorded['body'];
    requests.push({
      path: new URL(url).pathname,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body,
      at: Date.now(),
    });
    const items = (body.events ?? body.positions ?? []).length;
    const reply = replies.shift();
    if (reply instanceof Error) return Promise.reject(reply);
    if (reply instanceof Response) return Promise.resolve(reply);
    return Promise.resolve(typeof reply === 'function' ? reply(items) : applied(items));
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

function applied(items: number): Response {
  return Response.json({
    results: Array.from({ length: items }, (_, index) => ({ index, outcome: 'applied' })),
    summary: { applied: items },
  });
}

function logger() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

function feedWith(
  server: ReturnType<typeof fakeServer>,
  log = logger(),
  extra: Partial<IngestFeedOptions> = {},
) {
  return createIngestFeed({
    baseUrl: 'http://watchfloor.test/',
    token: 'secret-token',
    source: 'demo-cad',
    logger: log,
    fetch: server.fetch,
    backoff: { initialMs: 5, maxMs: 20 },
    positionIntervalMs: 100,
    ...extra,
  });
}

const at = '2024-03-06T08:00:00.000Z';
const unit = (id: string): OutgoingEvent => ({
  kind: 'unit',
  event: { sourceEventId: id, callSign: '1A11', at, status: 'available' },
});
const call = (id: string): OutgoingEvent => ({
  kind: 'call',
  event: { sourceEventId: id, sourceCallId: 'C1', at, status: 'enroute' },
});
const position = (n: number): IngestPosition => ({
  unit: '1A11',
  lat: 39.8,
  lon: -123.7,
  at: new Date(n).toISOString(),
});
const ids = (r: Recorded) => r.body.events?.map((e) => e.sourceEventId);

describe('ingest feed', () => {
  it('sends events in order, one request per run of the same kind, with the bearer token', async () => {
    const server = fakeServer();
    const feed = feedWith(server);
    feed.push({
      events: [unit('u1'), unit('u2'), call('c1'), call('c2'), unit('u3')],
      positions: [],
    });
    expect(await feed.flush()).toBe(true);
    expect(server.requests.map((r) => [r.path, ids(r)])).toEqual([
      ['/api/ingest/units', ['u1', 'u2']],
      ['/api/ingest/calls', ['c1', 'c2']],
      ['/api/ingest/units', ['u3']],
    ]);
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe('Bearer secret-token');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.body.source).toBe('demo-cad');
    }
    await feed.close();
  });

  it('batches positions: at most one request per interval, ≤ 10,000 per request', async () => {
    const server = fakeServer();
    const feed = feedWith(server, logger(), { positionIntervalMs: 150 });
    feed.push({ events: [], positions: [position(0), position(1)] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 1; i < 10; i++) {
      feed.push({ events: [], positions: [position(i * 2), position(i * 2 + 1)] });
    }
    expect(await feed.flush()).toBe(true);
    const posts = server.requests.filter((r) => r.path === '/api/ingest/positions');
    expect(posts.map((r) => r.body.positions!.length)).toEqual([2, 18]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(140);

    feed.push({ events: [], positions: Array.from({ length: 25_000 }, (_, i) => position(i)) });
    expect(await feed.flush({ timeoutMs: 5000 })).toBe(true);
    const sizes = server.requests.slice(2).map((r) => r.body.positions!.length);
    expect(sizes).toEqual([10_000, 10_000, 5_000]);
    await feed.close();
  });

  it('retries 503 and network errors with backoff, losing and reordering nothing', async () => {
    const server = fakeServer([
      new Response('busy', { status: 503, headers: { 'retry-after': '0' } }),
      new TypeError('fetch failed'),
      new Response('still busy', { status: 503 }),
    ]);
    const log = logger();
    const feed = feedWith(server, log);
    feed.push({ events: [unit('u1'), call('c1')], positions: [] });
    feed.push({ events: [call('c2')], positions: [] });
    expect(await feed.flush()).toBe(true);
    expect(server.requests.map((r) => [r.path, ids(r)])).toEqual([
      ['/api/ingest/units', ['u1']],
      ['/api/ingest/units', ['u1']],
      ['/api/ingest/units', ['u1']],
      ['/api/ingest/units', ['u1']],
      ['/api/ingest/calls', ['c1', 'c2']],
    ]);
    // Backoff: the retries are spaced, not hammered.
    const gaps = server.requests.slice(1, 4).map((r, i) => r.at - server.requests[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2);
    expect(feed.stats()).toMatchObject({ retries: 3, pendingEvents: 0, droppedEvents: 0 });
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ path: '/api/ingest/units', status: 503, attempt: 1 }),
      'demo city: ingest unavailable, retrying',
    );
    await feed.close();
  });

  it('logs rejected items as warnings with their issues', async () => {
    const server = fakeServer([
      Response.json({
        results: [
          { index: 0, outcome: 'applied' },
          {
            index: 1,
            outcome: 'rejected',
            issues: [{ path: 'status', message: 'A call cannot go from closed to enroute' }],
          },
          { index: 2, outcome: 'duplicate' },
        ],
        summary: { applied: 1, rejected: 1, duplicate: 1 },
      }),
    ]);
    const log = logger();
    const feed = feedWith(server, log);
    feed.push({ events: [call('c1'), call('c2'), call('c3')], positions: [] });
    expect(await feed.flush()).toBe(true);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(
      {
        path: '/api/ingest/calls',
        rejected: 1,
        items: [
          {
            sourceEventId: 'c2',
            status: 'enroute',
            issues: [{ path: 'status', message: 'A call cannot go from closed to enroute' }],
          },
        ],
      },
      'demo city: ingest rejected items',
    );
    expect(feed.stats().rejected).toBe(1);
    await feed.close();
  });

  it('drops a batch the server refuses as malformed, logs it, and carries on', async () => {
    const server = fakeServer([
      Response.json({ error: { code: 'validation_failed', message: 'bad' } }, { status: 400 }),
    ]);
    const log = logger();
    const feed = feedWith(server, log);
    feed.push({ events: [unit('u1'), call('c1')], positions: [] });
    expect(await feed.flush()).toBe(true);
    expect(server.requests.map(ids)).toEqual([['u1'], ['c1']]);
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ path: '/api/ingest/units', status: 400, items: 1 }),
      expect.stringContaining('dropping'),
    );
    expect(feed.stats().droppedEvents).toBe(1);
    await feed.close();
  });

  it('holds positions until the gate opens (units registered first)', async () => {
    const server = fakeServer();
    const feed = feedWith(server);
    let open!: () => void;
    feed.holdPositionsUntil(new Promise<void>((resolve) => (open = resolve)));
    feed.push({ events: [], positions: [position(1)] });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.requests).toHaveLength(0);
    open();
    expect(await feed.flush()).toBe(true);
    expect(server.requests.map((r) => r.path)).toEqual(['/api/ingest/positions']);
    await feed.close();
  });

  it('tells when the events pushed so far are answered, even while more keep coming', async () => {
    const server = fakeServer([new Response('busy', { status: 503 })]);
    const feed = feedWith(server);
    feed.push({ events: [unit('u1'), unit('u2')], positions: [] });
    const settled = feed.eventsSettled();
    feed.push({ events: [call('c1')], positions: [] });
    let done = false;
    void settled.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(done).toBe(false);
    await settled;
    expect(server.requests.slice(0, 2).map(ids)).toEqual([
      ['u1', 'u2'],
      ['u1', 'u2'],
    ]);
    await feed.eventsSettled();
    expect(feed.stats().pendingEvents).toBe(0);
    await feed.close();
  });

  it('stops retrying at once when closed', async () => {
    const server = fakeServer(
      Array.from({ length: 1000 }, () => new Response('down', { status: 503 })),
    );
    const feed = feedWith(server, logger(), { backoff: { initialMs: 50, maxMs: 50 } });
    feed.push({ events: [unit('u1')], positions: [] });
    expect(await feed.flush({ timeoutMs: 120 })).toBe(false);
    const started = Date.now();
    await feed.close();
    expect(Date.now() - started).toBeLessThan(100);
    const count = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(server.requests.length).toBe(count);
    expect(count).toBeLessThan(10);
  });
});
