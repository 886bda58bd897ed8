import type { Logger } from '../../logger.ts';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { startDemoCity, type DemoCityOptions } from './demo-city.ts';
import { demoAgency as agency, demoParams as params } from './test-fixtures.ts';

interface Recorded {
  path: string;
  body: {
    source?: string;
    events?: { sourceEventId: string; callSign?: string; status?: string; type?: string }[];
    positions?: { unit: string }[];
  };
}

async function until(check: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('startDemoCity', () => {
  it('registers units, replays a busy hour, streams, and ends the shift on stop', async () => {
    const requests: Recorded[] = [];
    const fetch = vi.fn(async (url: string, init: { body: string }) => {
      const body = JSON.parse(init.body) as Recorded['body'];
      requests.push({ path: new URL(url).pathname, body });
      const items = (body.events ?? body.positions ?? []).length;
      await new Promise((resolve) => setTimeout(resolve, 2));
      return Response.json({
        results: Array.from({ length: items }, (_, index) => ({ index, outcome: 'applied' })),
        summary: { applied: items, duplicate: 0, history: 0, rejected: 0 },
      });
    });
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    // Simulated time runs 60× faster than the test, from a fixed afternoon.
    const realStart = Date.now();
    const simStart = Date.parse('2024-03-06T23:00:00Z');
    const options: DemoCityOptions = {
      baseUrl: 'http://127.0.0.1:9/',
      token: 'wf_integration_token',
      agency,
      params,
      logger,
      seed: 'demo-test',
      tickMs: 100,
      fetch: fetch as unknown as typeof globalThis.fetch,
      now: () => simStart + (Date.now() - realStart) * 60,
    };
    const city = startDemoCity(options);
    await until(() => requests.some((r) => r.path === '/api/ingest/positions'));
    await until(() => requests.filter((r) => r.path === '/api/ingest/positions').length >= 2);

    // Registration first: every unit, with type and home district, in one request.
    const first = requests[0]!;
    expect(first.path).toBe('/api/ingest/units');
    expect(first.body.source).toBe('demo-cad');
    expect(first.body.events!.length).toBe(city.simulation.callSigns.length);
    expect(first.body.events!.every((e) => e.type === 'patrol' && e.status === 'available')).toBe(
      true,
    );
    // Then the warm-up calls, before any position.
    const firstPosition = requests.findIndex((r) => r.path === '/api/ingest/positions');
    const firstCalls = requests.findIndex((r) => r.path === '/api/ingest/calls');
    expect(firstCalls).toBeGreaterThan(0);
    expect(firstCalls).toBeLessThan(firstPosition);
    expect(city.simulation.stats().openCalls).toBeGreaterThan(3);

    await city.stop();
    const count = requests.length;
    const last = requests.filter((r) => r.path === '/api/ingest/units').at(-1)!;
    expect(last.body.events!.at(-1)!.status).toBe('off_duty');
    expect(city.simulation.stats().openCalls).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(requests.length).toBe(count); // nothing after stop
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      expect.objectContaining({ units: 55 }),
      'demo city started',
    );
    await city.stop(); // idempotent
  });

  it('accepts a pino logger', () => {
    // Type-level: the server's logger fits the feed's logger.
    const accept = (logger: DemoCityOptions['logger']) => logger;
    expectTypeOf<Logger>().toMatchTypeOf<DemoCityOptions['logger']>();
    expect(accept).toBeTypeOf('function');
  });
});
