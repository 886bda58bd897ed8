import { z } from 'zod';
import {
  ingestItemResultSchema,
  type IngestCallEvent,
  type IngestItemResult,
  type IngestPosition,
  type IngestUnitEvent,
} from '@watchfloor/contracts';
import type { OutgoingEvent } from './simulation.ts';

/**
 * Posts the simulation's messages to the public ingest API, as an external CAD
 * and AVL would. Two independent lanes:
 *
 * - **events**: unit and call events strictly in order; consecutive events of
 *   the same kind go in one request (≤ 1000), one request at a time.
 * - **positions**: everything queued, in one request (≤ 10,000) at most once
 *   per `positionIntervalMs`.
 *
 * Temporary failures (network, 408/429/5xx, and 401/403/404 while the server
 * is still being set up) are retried with exponential backoff and jitter, so an
 * event is never dropped because the server was briefly away. A request the
 * server refuses as malformed (other 4xx) is logged and dropped: repeating it
 * cannot help. Items the server answers as `rejected` are logged as warnings.
 */

/** The logging the feed needs; a pino logger fits. */
export interface FeedLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface IngestFeedOptions {
  baseUrl: string;
  token: string;
  /** The `source` of call and unit batches (lower case, digits, `._-`). */
  source: string;
  logger: FeedLogger;
  fetch?: typeof fetch;
  /** Minimum spacing of position requests. Default 1000 ms. */
  positionIntervalMs?: number;
  /** Positions kept while the server is unreachable; the oldest go first. Default 50,000. */
  maxPositionBacklog?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  requestTimeoutMs?: number;
  /** A 500 is retried this many times before the request is given up (a 503 forever). */
  maxServerErrorRetries?: number;
}

export interface IngestFeedStats {
  pendingEvents: number;
  pendingPositions: number;
  requests: number;
  retries: number;
  rejected: number;
  droppedEvents: number;
  droppedPositions: number;
}

export interface IngestFeed {
  push(messages: { events: readonly OutgoingEvent[]; positions: readonly IngestPosition[] }): void;
  /** Positions wait until this settles (e.g. until the units are registered). */
  holdPositionsUntil(gate: Promise<unknown>): void;
  /**
   * Resolves once every event pushed so far has been answered (or dropped as
   * refused), however many are pushed after; never resolves if the feed closes first.
   */
  eventsSettled(): Promise<void>;
  /**
   * Resolves true once everything queued so far is delivered (positions only
   * when `positions` is true), false if `timeoutMs` passes first.
   */
  flush(options?: { timeoutMs?: number; positions?: boolean }): Promise<boolean>;
  /** Stops both lanes and aborts requests in flight; queued items are abandoned. */
  close(): Promise<void>;
  stats(): IngestFeedStats;
}

const maxEventsPerRequest = 1000;
const maxPositionsPerRequest = 10_000;
const retryForever = new Set([401, 403, 404, 408, 425, 429, 502, 503, 504]);

/** Only the per-item results matter here; the summary is not checked. */
const responseSchema = z.object({ results: z.array(ingestItemResultSchema) });

type PostResult = { ok: true; results: IngestItemResult[] } | { ok: false };

class Closed extends Error {}

export function createIngestFeed(options: IngestFeedOptions): IngestFeed {
  const { logger, source, token } = options;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const positionIntervalMs = options.positionIntervalMs ?? 1000;
  const maxPositionBacklog = options.maxPositionBacklog ?? 50_000;
  const initialBackoff = options.backoff?.initialMs ?? 1000;
  const maxBackoff = options.backoff?.maxMs ?? 30_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxServerErrorRetries = options.maxServerErrorRetries ?? 5;

  const events: OutgoingEvent[] = [];
  let positions: IngestPosition[] = [];
  let eventsLane: Promise<void> | null = null;
  let positionsLane: Promise<void> | null = null;
  let positionGate: Promise<unknown> = Promise.resolve();
  let closed = false;
  const closing = new AbortController();
  const counters = { requests: 0, retries: 0, rejected: 0, droppedEvents: 0, droppedPositions: 0 };
  let droppingPositions = false;
  // Events pushed and events answered (or dropped), for `eventsSettled`.
  let eventsPushed = 0;
  let eventsDone = 0;
  let settleWaiters: { mark: number; resolve: () => void }[] = [];
  const settle = () => {
    const ready = settleWaiters.filter((w) => w.mark <= eventsDone);
    settleWaiters = settleWaiters.filter((w) => w.mark > eventsDone);
    for (const waiter of ready) waiter.resolve();
  };

  /** Waits `ms`, or throws `Closed` as soon as the feed closes. Timers never hold the process. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      if (closing.signal.aborted) return reject(new Closed());
      const timer = setTimeout(() => {
        closing.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      timer.unref();
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Closed());
      };
      closing.signal.addEventListener('abort', onAbort, { once: true });
    });

  const backoffMs = (attempt: number, retryAfter: string | null) => {
    const hinted = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
    const exponential = initialBackoff * 2 ** Math.min(attempt, 16);
    const jittered = exponential * (0.5 + Math.random() / 2);
    return Math.min(maxBackoff, Math.max(hinted, jittered));
  };

  /** Posts one batch until the server answers it (or it is hopeless); throws `Closed` on close. */
  async function post(path: string, body: unknown, items: number): Promise<PostResult> {
    for (let attempt = 0; ; attempt++) {
      if (closed) throw new Closed();
      let status = 0;
      let retryAfter: string | null = null;
      let detail: string;
      try {
        counters.requests++;
        const response = await fetchFn(`${baseUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.any([closing.signal, AbortSignal.timeout(requestTimeoutMs)]),
        });
        status = response.status;
        if (response.ok) {
          const parsed = responseSchema.safeParse(await response.json().catch(() => null));
          if (!parsed.success) {
            logger.warn({ path, status }, 'demo city: ingest answered without per-item results');
            return { ok: true, results: [] };
          }
          return { ok: true, results: parsed.data.results };
        }
        retryAfter = response.headers.get('retry-after');
        detail = (await response.text().catch(() => '')).slice(0, 500);
      } catch (error) {
        if (closed) throw new Closed();
        detail = (error as Error).message;
      }
      const retry =
        status === 0 ||
        retryForever.has(status) ||
        (status >= 500 && attempt < maxServerErrorRetries);
      if (!retry) {
        counters.droppedEvents += path.endsWith('/positions') ? 0 : items;
        logger.error(
          { path, status, items, detail },
          'demo city: ingest refused a batch; dropping it (retrying cannot help)',
        );
        return { ok: false };
      }
      const wait = backoffMs(attempt, retryAfter);
      counters.retries++;
      // The first failure and then every 10th, so an outage is visible without flooding the log.
      if (attempt % 10 === 0) {
        const context = {
          path,
          status: status || undefined,
          detail,
          attempt: attempt + 1,
          retryInMs: Math.round(wait),
        };
        const message = 'demo city: ingest unavailable, retrying';
        if (status === 401 || status === 403) logger.error(context, message);
        else logger.warn(context, message);
      }
      await sleep(wait);
    }
  }

  function logRejected(
    path: string,
    results: IngestItemResult[],
    describe: (index: number) => object,
  ) {
    const rejected = results.filter((r) => r.outcome === 'rejected');
    if (rejected.length === 0) return;
    counters.rejected += rejected.length;
    logger.warn(
      {
        path,
        rejected: rejected.length,
        items: rejected.slice(0, 10).map((r) => ({ ...describe(r.index), issues: r.issues })),
      },
      'demo city: ingest rejected items',
    );
  }

  async function runEvents() {
    while (events.length > 0 && !closed) {
      const kind = events[0]!.kind;
      let count = 0;
      while (count < events.length && count < maxEventsPerRequest && events[count]!.kind === kind)
        count++;
      const batch = events.slice(0, count).map((e) => e.event);
      const path = kind === 'unit' ? '/api/ingest/units' : '/api/ingest/calls';
      const result = await post(path, { source, events: batch }, batch.length);
      events.splice(0, count);
      eventsDone += count;
      settle();
      if (result.ok) {
        logRejected(path, result.results, (index) => {
          const item = batch[index];
          return kind === 'unit'
            ? {
                sourceEventId: item?.sourceEventId,
                callSign: (item as IngestUnitEvent | undefined)?.callSign,
              }
            : {
                sourceEventId: item?.sourceEventId,
                status: (item as IngestCallEvent | undefined)?.status,
              };
        });
      }
    }
  }

  async function runPositions() {
    await positionGate;
    while (positions.length > 0 && !closed) {
      const batch = positions.slice(0, maxPositionsPerRequest);
      const result = await post('/api/ingest/positions', { positions: batch }, batch.length);
      positions.splice(0, batch.length);
      if (result.ok) {
        if (droppingPositions && positions.length < maxPositionBacklog / 2) {
          droppingPositions = false;
          logger.info({ dropped: counters.droppedPositions }, 'demo city: position feed caught up');
        }
        logRejected('/api/ingest/positions', result.results, (index) => ({
          unit: batch[index]?.unit,
          at: batch[index]?.at,
        }));
      }
      await sleep(positionIntervalMs);
    }
  }

  const swallowClosed = (error: unknown) => {
    if (!(error instanceof Closed)) logger.error({ err: error }, 'demo city: feed lane failed');
  };

  function kick() {
    if (closed) return;
    if (!eventsLane && events.length > 0) {
      eventsLane = runEvents()
        .catch(swallowClosed)
        .finally(() => {
          eventsLane = null;
          if (events.length > 0) kick();
        });
    }
    if (!positionsLane && positions.length > 0) {
      positionsLane = runPositions()
        .catch(swallowClosed)
        .finally(() => {
          positionsLane = null;
          if (positions.length > 0) kick();
        });
    }
  }

  return {
    push(messages) {
      if (closed) return;
      events.push(...messages.events);
      eventsPushed += messages.events.length;
      if (messages.positions.length > 0) {
        positions = positions.concat(messages.positions);
        const excess = positions.length - maxPositionBacklog;
        if (excess > 0) {
          positions = positions.slice(excess);
          counters.droppedPositions += excess;
          if (!droppingPositions) {
            droppingPositions = true;
            logger.warn(
              { backlog: maxPositionBacklog },
              'demo city: position backlog full; dropping the oldest positions until ingest catches up',
            );
          }
        }
      }
      kick();
    },

    holdPositionsUntil(gate) {
      positionGate = gate.catch(() => undefined);
    },

    eventsSettled() {
      const mark = eventsPushed;
      if (eventsDone >= mark) return Promise.resolve();
      return new Promise<void>((resolve) => settleWaiters.push({ mark, resolve }));
    },

    async flush({ timeoutMs = 5000, positions: withPositions = true } = {}) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
        timer.unref();
      });
      try {
        for (;;) {
          const busy = [eventsLane, withPositions ? positionsLane : null].filter(
            (lane) => lane !== null,
          );
          const pending = events.length > 0 || (withPositions && positions.length > 0);
          if (closed) return !pending;
          if (busy.length === 0 && !pending) return true;
          kick();
          const lanes = [eventsLane, withPositions ? positionsLane : null].filter(
            (lane) => lane !== null,
          );
          if ((await Promise.race([Promise.all(lanes), deadline])) === 'timeout') return false;
        }
      } finally {
        clearTimeout(timer);
      }
    },

    async close() {
      closed = true;
      closing.abort();
      await Promise.all([eventsLane, positionsLane]);
    },

    stats: () => ({
      pendingEvents: events.length,
      pendingPositions: positions.length,
      ...counters,
    }),
  };
}
