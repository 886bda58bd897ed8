import {
  callChangedMessageSchema,
  positionBatchSchema,
  unitChangedMessageSchema,
  type Call,
  type CallChangedMessage,
  type Unit,
} from '@watchfloor/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { HttpClient } from '../../lib/http.ts';
import { applyCallChanged, removeCall } from './callsCache.ts';
import { createCallRefetcher } from './callRefetcher.ts';
import { unknownUnitRefetchMs } from './liveConfig.ts';
import { fetchCall, liveJournals, openCallsQueryKey, unitsQueryKey } from './liveQueries.ts';
import type { PositionStore } from './positionStore.ts';
import { applyUnitChanged } from './unitsCache.ts';

interface LiveSyncDeps {
  queryClient: QueryClient;
  http: HttpClient;
  positions: PositionStore;
}

/**
 * Turns socket messages into cache updates: calls and units into the TanStack Query lists
 * (REST snapshots, patched in place), positions into the position store. Payloads are
 * validated against the shared contracts first; one that does not fit is dropped and, for
 * the reliable lanes, the list reloaded, since a message was effectively lost.
 */
export function createLiveSync({ queryClient, http, positions }: LiveSyncDeps) {
  const journals = liveJournals(queryClient);
  const refetchCalls = () => void queryClient.invalidateQueries({ queryKey: openCallsQueryKey });
  const refetchUnits = () => void queryClient.invalidateQueries({ queryKey: unitsQueryKey });

  /**
   * Reloads a list from scratch. A fetch already under way may have read the server before
   * the socket joined its rooms, and changes in between would be in neither; invalidating
   * alone would reuse that fetch when the list has no data yet, so it is cancelled first.
   */
  async function reload(queryKey: readonly unknown[]) {
    await queryClient.cancelQueries({ queryKey });
    await queryClient.invalidateQueries({ queryKey });
  }

  /** Applies a message to the cached list, if there is one; reports a gap to the refetcher. */
  function applyToCalls(message: CallChangedMessage): void {
    journals.calls.record(message);
    // No list yet: the snapshot being fetched will replay this from the journal.
    const calls = queryClient.getQueryData<Call[]>(openCallsQueryKey);
    if (!calls) return;
    const update = applyCallChanged(calls, message);
    if (update.calls !== calls) queryClient.setQueryData(openCallsQueryKey, update.calls);
    if (update.refetchCallId !== null) refetcher.request(update.refetchCallId);
  }

  const refetcher = createCallRefetcher({
    fetchCall: (callId) => fetchCall(http, callId),
    applyCall: (call) => applyToCalls({ seq: call.version, call }),
    removeCall: (callId) =>
      queryClient.setQueryData<Call[]>(openCallsQueryKey, (calls) =>
        calls ? removeCall(calls, callId) : calls,
      ),
    refetchList: refetchCalls,
  });

  // Positions may name a unit the list lacks (it just came into view): reload the list, but
  // not once a second for as long as that lasts.
  let lastUnitsRefetch = -Infinity;
  let knownUnits: { units: Unit[]; ids: Set<string> } | null = null;
  function noticeUnknownUnits(changed: ReadonlySet<string>): void {
    const units = queryClient.getQueryData<Unit[]>(unitsQueryKey);
    if (!units || Date.now() - lastUnitsRefetch < unknownUnitRefetchMs) return;
    if (knownUnits?.units !== units) {
      knownUnits = { units, ids: new Set(units.map((unit) => unit.id)) };
    }
    const { ids } = knownUnits;
    if ([...changed].some((unitId) => !ids.has(unitId))) {
      lastUnitsRefetch = Date.now();
      refetchUnits();
    }
  }

  return {
    onCallChanged: (payload: unknown): void => {
      const parsed = callChangedMessageSchema.safeParse(payload);
      if (!parsed.success) {
        console.warn('calls:changed did not match the contract; reloading calls', parsed.error);
        refetchCalls();
        return;
      }
      applyToCalls(parsed.data);
    },

    onUnitChanged: (payload: unknown): void => {
      const parsed = unitChangedMessageSchema.safeParse(payload);
      if (!parsed.success) {
        console.warn('units:changed did not match the contract; reloading units', parsed.error);
        refetchUnits();
        return;
      }
      journals.units.record(parsed.data);
      queryClient.setQueryData<Unit[]>(unitsQueryKey, (units) =>
        units ? applyUnitChanged(units, parsed.data) : units,
      );
    },

    onPositions: (payload: unknown): void => {
      const parsed = positionBatchSchema.safeParse(payload);
      if (!parsed.success) {
        // Volatile lane: the next batch supersedes this one.
        console.warn('units:positions did not match the contract; batch dropped', parsed.error);
        return;
      }
      const changed = positions.merge(parsed.data.positions);
      if (changed.size > 0) noticeUnknownUnits(changed);
    },

    /** REST is the truth after any gap in the connection: reload both lists. */
    resync: (): void => {
      void reload(openCallsQueryKey);
      void reload(unitsQueryKey);
    },

    stop: (): void => {
      refetcher.stop();
    },
  };
}

export type LiveSync = ReturnType<typeof createLiveSync>;
