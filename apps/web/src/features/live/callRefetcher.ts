import type { Call } from '@watchfloor/contracts';
import { HttpError } from '../../lib/httpErrors.ts';
import { maxSingleCallRefetches } from './liveConfig.ts';

export interface CallRefetcherDeps {
  fetchCall: (callId: string) => Promise<Call>;
  /** Puts a freshly read call into the open list (through the same reducer as messages). */
  applyCall: (call: Call) => void;
  /** The call is gone or out of view (404): take it off the list. */
  removeCall: (callId: string) => void;
  /** Too many gaps at once, or a read failed: reload the whole list instead. */
  refetchList: () => void;
}

/**
 * Reads again, over REST, calls whose messages were missed (a jump in `seq`). Requests in the
 * same tick are gathered; the same call is never read twice at once.
 */
export function createCallRefetcher(deps: CallRefetcherDeps) {
  const requested = new Set<string>();
  const inFlight = new Set<string>();
  let scheduled = false;
  let stopped = false;

  async function refetch(callId: string) {
    inFlight.add(callId);
    try {
      const call = await deps.fetchCall(callId);
      if (!stopped) deps.applyCall(call);
    } catch (error) {
      if (stopped) return;
      if (error instanceof HttpError && error.status === 404) deps.removeCall(callId);
      else deps.refetchList();
    } finally {
      inFlight.delete(callId);
    }
  }

  function flush() {
    scheduled = false;
    if (stopped) return;
    const callIds = [...requested].filter((callId) => !inFlight.has(callId));
    requested.clear();
    if (callIds.length > maxSingleCallRefetches) {
      deps.refetchList();
      return;
    }
    for (const callId of callIds) void refetch(callId);
  }

  return {
    request(callId: string) {
      requested.add(callId);
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(flush);
    },
    stop() {
      stopped = true;
    },
  };
}
