import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logger.ts';

/*
 * Why the Redis Streams adapter and not the Pub/Sub one (@socket.io/redis-adapter):
 * Pub/Sub is fire-and-forget, so every broadcast made while a process's subscriber
 * is reconnecting to Redis is lost, and that process's clients are not told: their
 * own sockets stayed up, so nothing prompts them to refetch. For `calls:changed`,
 * the lane that must be reliable, the stream closes that gap: publishes queue
 * while the connection is down, and each reader resumes from its last offset.
 * We do not use connection state recovery (its other selling point); clients
 * refetch over REST after a reconnect. The cost is a bounded stream in Redis
 * (`maxLen`) and one blocking XREAD loop per process.
 */

/** Entries kept in the stream: a minute or more of traffic, to ride out a Redis blip. */
const streamMaxLength = 1_000;
/**
 * How long an idle XREAD blocks. A reader only stops between two reads, so this
 * also bounds how long a connection lingers after `close()`.
 */
const readBlockMs = 1_000;

/** A Redis Streams adapter with its own client, so several processes share one live picture. */
export function createRedisAdapter(options: { url: string; streamName: string; logger: Logger }) {
  const client = createClient({ url: options.url });
  client.on('error', (error: unknown) => {
    // node-redis reconnects by itself; without a listener an error would crash the process.
    options.logger.warn({ err: error }, 'realtime: Redis connection error');
  });
  const ready = client.connect().then(() => undefined);
  const adapter = createAdapter(client, {
    streamName: options.streamName,
    channelPrefix: options.streamName,
    maxLen: streamMaxLength,
    blockTimeInMs: readBlockMs,
    // Our payloads are plain JSON: skip the per-broadcast search for binary data.
    onlyPlaintext: true,
  });
  return {
    adapter,
    /** Resolves once the publishing connection is up. */
    ready,
    /**
     * Call after the adapter's own close, which stops the reader and subscriber
     * connections it duplicated from this client. While Redis is unreachable those
     * keep retrying until the process exits: closing them under the adapter makes
     * it reject promises nobody handles.
     */
    async close(): Promise<void> {
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
}
