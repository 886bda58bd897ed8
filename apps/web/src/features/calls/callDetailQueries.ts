import { callDetailSchema, callSchema, type Call, type CallDetail } from '@watchfloor/contracts';
import { isFinalCallStatus } from '@watchfloor/domain';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { HttpClient } from '../../lib/http.ts';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { HttpError } from '../../lib/httpErrors.ts';
import { openCallsQueryKey } from '../live/liveQueries.ts';
import { requestUnitStatus, storeUnit, type UnitStatusChange } from '../units/unitQueries.ts';

export const callDetailQueryKey = (callId: string) => ['calls', 'detail', callId] as const;

const callPath = (callId: string) => `/api/calls/${encodeURIComponent(callId)}`;

/** One call with its timeline, as the signed-in user may see it. */
export function useCallDetail(callId: string) {
  const http = useHttpClient();
  return useQuery({
    queryKey: callDetailQueryKey(callId),
    queryFn: ({ signal }) => http.get(callPath(callId), callDetailSchema, { signal }),
  });
}

/** A dispatcher action on a call; each answers with the call as it is now. */
export type CallAction =
  | { kind: 'assign'; unitId: string }
  | { kind: 'unassign'; unitId: string }
  | { kind: 'close'; disposition: string }
  | { kind: 'cancel'; reason?: string }
  | { kind: 'note'; text: string }
  | { kind: 'priority'; priority: number; version: number };

export async function performCallAction(
  http: HttpClient,
  callId: string,
  action: CallAction,
): Promise<Call> {
  const path = callPath(callId);
  switch (action.kind) {
    case 'assign':
    case 'unassign':
      return http.request(`${path}/${action.kind}`, {
        method: 'POST',
        body: { unitId: action.unitId },
        schema: callSchema,
      });
    case 'close':
      return http.request(`${path}/close`, {
        method: 'POST',
        body: { disposition: action.disposition },
        schema: callSchema,
      });
    case 'cancel':
      return http.request(`${path}/cancel`, {
        method: 'POST',
        body: action.reason ? { reason: action.reason } : {},
        schema: callSchema,
      });
    case 'note':
      return http.request(`${path}/notes`, {
        method: 'POST',
        body: { text: action.text },
        schema: callSchema,
      });
    case 'priority':
      return http.request(path, {
        method: 'PATCH',
        headers: { 'If-Match': `"${action.version}"` },
        body: { priority: action.priority },
        schema: callSchema,
      });
  }
}

/** Puts the call the server answered with into the open list and the detail query. */
export function storeCall(queryClient: QueryClient, call: Call) {
  queryClient.setQueryData<Call[]>(openCallsQueryKey, (list) => {
    if (!list) return list;
    const without = list.filter((entry) => entry.id !== call.id);
    if (isFinalCallStatus(call.status)) return without;
    const index = list.findIndex((entry) => entry.id === call.id);
    if (index === -1) return [...list, call];
    const existing = list[index]!;
    if (existing.version > call.version) return list;
    return list.map((entry) => (entry.id === call.id ? call : entry));
  });
  queryClient.setQueryData<CallDetail>(callDetailQueryKey(call.id), (detail) =>
    detail && detail.version <= call.version ? { ...call, timeline: detail.timeline } : detail,
  );
}

export function useCallAction(callId: string) {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: CallAction) => performCallAction(http, callId, action),
    onSuccess: (call) => {
      storeCall(queryClient, call);
      // The timeline gained an entry: read it again.
      void queryClient.invalidateQueries({ queryKey: callDetailQueryKey(callId) });
    },
  });
}

/** Moves an assigned unit (the server carries the call forward); refreshes the call. */
export function useUnitStatus(callId: string) {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: UnitStatusChange) => requestUnitStatus(http, change),
    onSuccess: (unit) => {
      storeUnit(queryClient, unit);
      void queryClient.invalidateQueries({ queryKey: callDetailQueryKey(callId) }).then(() => {
        const detail = queryClient.getQueryData<CallDetail>(callDetailQueryKey(callId));
        if (detail) {
          const { timeline: _timeline, ...call } = detail;
          storeCall(queryClient, call);
        }
      });
    },
  });
}

/** The call as it is now, when the server refused an edit made on an older version. */
export function versionConflictCurrent(error: unknown): Call | null {
  if (!(error instanceof HttpError) || error.code !== 'version_conflict') return null;
  const details = error.details as { current?: unknown } | undefined;
  const parsed = callSchema.safeParse(details?.current);
  return parsed.success ? parsed.data : null;
}
