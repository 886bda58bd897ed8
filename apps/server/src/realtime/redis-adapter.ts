import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logger.ts';

/*
 * Why the Redis Streams adapter and not the Pub/Sub one (@socket.io/redis-adapter):
 * Pub/Sub is fire-and-forget, so every broadcast made while a process's subscriber
 * is reconnecting to Redis is lost, and that process's clients are not told: their
 * own sockets stayed up, so nothing prompts them to refetch. For `calls:changed`,
 * the lane that must be reliable, the stream closes that gap: each reader resumes
 * from its last offset after a reconnect.
 * We do not use connection state recovery (its other selling point); clients
 * refetch over REST after a reconnect. The cost is a bounded stream in Redis
 * (`maxLen`) and one blocking XREAD loop per process.
 *
 * When Redis itself is away. The adapter (socket.io-adapter's ClusterAdapter) delivers
 * a broadcast to this process's own sockets only after its XADD settles, and node-redis
 * queues commands while disconnected: left alone, a Redis outage froze every live
 * picture, even on one process. So a publish is refused at once while Redis is away,
 * and given up after `publishTimeoutMs` when Redis stops answering; the adapter then
 * delivers locally, as it does for any publish error. Other processes miss those
 * broadcasts, so when Redis answers again `onRestored` runs: the gateway tells every
 * client to resync from REST.
 */

/** Entries kept in the stream: a minute or more of traffic, to ride out a Redis blip. */
const streamMaxLength = 1_000;
/**
 * How long an idle XREAD blocks. A reader only stops between two reads, so this
 * also bounds how long a connection lingers after `close()`.
 */
const readBlockMs = 1_000;
/** XADD answers in well under a millisecond; no answer in this long means Redis is stuck. */
const publishTimeoutMs = 1_000;
/** While Redis holds its connection but does not answer, how often to ask whether it is back. */
const stalledProbeMs = 1_000;

export type RedisStatus = 'ok' | 'unavailable';

class RedisUnavailableError extends Error {
  constructor(reason: string) {
    super(`Redis ${reason}: delivered to this process's sockets only`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    // Rejecting from `setImmediate` lets a reply that arrived during a blocked event loop be
    // read first (timers run before I/O), so a busy process does not take Redis for stuck.
    timer = setTimeout(
      () => setImmediate(() => reject(new RedisUnavailableError('did not answer'))),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A Redis Streams adapter with its own client, so several processes share one live
 * picture, and so that each keeps serving its own sockets while Redis is away.
 */
export function createRedisAdapter(options: {
  url: string;
  streamName: string;
  logger: Logger;
  /** Runs when Redis answers again after an outage (or after a start without it). */
  onRestored: () => void;
}) {
  const { logger } = options;
  const client = createClient({ url: options.url });
  /** Redis answers: publishes go through it. */
  let up = false;
  /** Whether Redis answered once, so a return is a return and not the first connect. */
  let wasUp = false;
  /** A publish was refused or given up while Redis was away. */
  let missed = false;
  let probe: NodeJS.Timeout | undefined;

  function markDown(reason: string) {
    if (!up) return;
    up = false;
    logger.warn(
      { reason },
      "realtime: Redis unavailable; delivering to this process's sockets only",
    );
  }
  function markUp() {
    clearInterval(probe);
    probe = undefined;
    if (up) return;
    up = true;
    const restored = wasUp || missed;
    wasUp = true;
    missed = false;
    logger.info('realtime: Redis available');
    if (restored) options.onRestored();
  }
  /** The connection is open but Redis stopped answering: ping until it does. */
  function markStalled() {
    markDown('did not answer');
    probe ??= setInterval(() => {
      if (!client.isReady) return; // reconnecting: `ready` will say when it is back
      withTimeout(client.ping(), publishTimeoutMs).then(markUp, () => undefined);
    }, stalledProbeMs);
  }

  client.on('error', (error: unknown) => {
    // node-redis reconnects by itself; without a listener an error would crash the process.
    if (up) logger.warn({ err: error }, 'realtime: Redis connection error');
    if (!client.isReady) markDown('connection lost');
  });
  client.on('ready', markUp);
  // Never rejects while reconnecting is allowed (the default); the catch is for the rest.
  const ready = client.connect().then(
    () => undefined,
    (error: unknown) => logger.error({ err: error }, 'realtime: Redis connection failed'),
  );

  const createStreamsAdapter = createAdapter(client, {
    streamName: options.streamName,
    channelPrefix: options.streamName,
    maxLen: streamMaxLength,
    blockTimeInMs: readBlockMs,
    // Our payloads are plain JSON: skip the per-broadcast search for binary data.
    onlyPlaintext: true,
  });

  /** Every publish of the adapter (broadcasts, remote disconnects) goes through here. */
  function guardPublish(publish: (message: unknown) => Promise<string>) {
    return async (message: unknown): Promise<string> => {
      if (!up || !client.isReady) {
        missed = true;
        throw new RedisUnavailableError('is away');
      }
      try {
        return await withTimeout(publish(message), publishTimeoutMs);
      } catch (error) {
        missed = true;
        if (error instanceof RedisUnavailableError) markStalled();
        throw error;
      }
    };
  }

  // A function, not an arrow: Socket.IO calls it with `new`.
  function adapter(nsp: unknown) {
    const instance = createStreamsAdapter(nsp);
    // `doPublish` is what ClusterAdapter awaits before its local delivery; it is
    // protected in the types, hence the cast.
    const publishing = instance as unknown as {
      doPublish: (message: unknown) => Promise<string>;
    };
    publishing.doPublish = guardPublish(publishing.doPublish.bind(instance));
    return instance;
  }

  return {
    adapter,
    /** Resolves once Redis is first connected; until then the gateway serves this process only. */
    ready,
    status: (): RedisStatus => (up && client.isReady ? 'ok' : 'unavailable'),
    /**
     * Call after the adapter's own close, which stops the reader and subscriber
     * connections it duplicated from this client. While Redis is unreachable those
     * keep retrying until the process exits: closing them under the adapter makes
     * it reject promises nobody handles.
     */
    async close(): Promise<void> {
      clearInterval(probe);
      // A graceful close waits for every pending reply, which a stalled Redis never sends.
      if (up && client.isReady) {
        await withTimeout(client.close(), publishTimeoutMs).catch(() => client.destroy());
      } else if (client.isOpen) client.destroy();
    },
  };
}
