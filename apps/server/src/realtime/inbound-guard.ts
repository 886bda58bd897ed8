import type { RealtimeSocket } from './socket-events.ts';

/**
 * Clients have nothing to send (rooms come from the server), so every incoming
 * event is dropped unread, a room request included, and a client that floods is
 * cut. Message size is capped by the engine's `maxHttpBufferSize`.
 */
export function guardInbound(
  socket: RealtimeSocket,
  limit: { events: number; perMs: number },
): void {
  let windowStart = Date.now();
  let received = 0;
  socket.use((_packet, _next) => {
    // `_next` is never called: no handler runs for a client event.
    const now = Date.now();
    if (now - windowStart >= limit.perMs) {
      windowStart = now;
      received = 0;
    }
    received += 1;
    if (received > limit.events) socket.disconnect(true);
  });
}
