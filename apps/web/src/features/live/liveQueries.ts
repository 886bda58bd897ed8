import {
  callDetailSchema,
  callListResponseSchema,
  unitListResponseSchema,
  type Call,
  type CallChangedMessage,
  type UnitChangedMessage,
} from '@watchfloor/contracts';
import { openCallStatuses } from '@watchfloor/domain';
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { HttpClient } from '../../lib/http.ts';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { applyCallChanged } from './callsCache.ts';
import { createSnapshotJournal, type SnapshotJournal } from './snapshotJournal.ts';
import { applyUnitChanged } from './unitsCache.ts';

export const openCallsQueryKey = ['calls', 'open'] as const;
export const unitsQueryKey = ['units'] as const;

/** The server caps a list at this; more open calls than this would be a major incident. */
const openCallsLimit = 1000;

interface LiveJournals {
  calls: SnapshotJournal<CallChangedMessage>;
  units: SnapshotJournal<UnitChangedMessage>;
}

// One pair per query client (per app, per test), shared by the socket handlers that record
// and the query functions that replay.
const journals = new WeakMap<QueryClient, LiveJournals>();

export function liveJournals(queryClient: QueryClient): LiveJournals {
  let entry = journals.get(queryClient);
  if (!entry) {
    entry = { calls: createSnapshotJournal(), units: createSnapshotJournal() };
    journals.set(queryClient, entry);
  }
  return entry;
}

/**
 * Open calls the user may see, kept current by `calls:changed`. REST is the snapshot: the
 * socket invalidates it on every (re)connect, so it never needs to go stale by time.
 */
export function openCallsQueryOptions(http: HttpClient, queryClient: QueryClient) {
  const path = `/api/calls?status=${openCallStatuses.join(',')}&limit=${openCallsLimit}`;
  return queryOptions({
    queryKey: openCallsQueryKey,
    queryFn: ({ signal }) =>
      liveJournals(queryClient).calls.capture(
        async () => (await http.get(path, callListResponseSchema, { signal })).calls,
        (calls, messages) =>
          messages.reduce((list, message) => applyCallChanged(list, message).calls, calls),
      ),
    staleTime: Infinity,
  });
}

/** Units the user may see, kept current by `units:changed` (positions live elsewhere). */
export function unitsQueryOptions(http: HttpClient, queryClient: QueryClient) {
  return queryOptions({
    queryKey: unitsQueryKey,
    queryFn: ({ signal }) =>
      liveJournals(queryClient).units.capture(
        async () => (await http.get('/api/units', unitListResponseSchema, { signal })).units,
        (units, messages) => messages.reduce(applyUnitChanged, units),
      ),
    staleTime: Infinity,
  });
}

export function useOpenCalls({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...openCallsQueryOptions(useHttpClient(), useQueryClient()), enabled });
}

export function useUnits({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...unitsQueryOptions(useHttpClient(), useQueryClient()), enabled });
}

/** One call as REST has it now, without its timeline (the open list does not keep that). */
export async function fetchCall(http: HttpClient, callId: string): Promise<Call> {
  const { timeline: _timeline, ...call } = await http.get(
    `/api/calls/${encodeURIComponent(callId)}`,
    callDetailSchema,
  );
  return call;
}
