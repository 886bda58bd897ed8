import {
  callReplaySchema,
  historyEventsSchema,
  historySnapshotSchema,
  responseTimeStatsSchema,
} from '@watchfloor/contracts';
import { useQuery } from '@tanstack/react-query';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { callReplayInput, windowReplayInput, type ReplayInput } from './replayEngine.ts';

/** Positions one per unit per this many seconds: smooth at 10×, a fair size for an hour. */
const positionEverySeconds = 5;

/** The state at `from` and every change up to `to`, ready to play. */
export function useWindowReplay(window: { from: string; to: string } | null) {
  const http = useHttpClient();
  return useQuery({
    queryKey: ['history', 'window', window?.from, window?.to],
    enabled: window !== null,
    staleTime: Infinity,
    queryFn: async ({ signal }): Promise<ReplayInput> => {
      const { from, to } = window!;
      const query = new URLSearchParams({
        from,
        to,
        positionEverySeconds: String(positionEverySeconds),
      });
      const [snapshot, events] = await Promise.all([
        http.get(`/api/history/snapshot?at=${encodeURIComponent(from)}`, historySnapshotSchema, {
          signal,
        }),
        http.get(`/api/history/events?${query}`, historyEventsSchema, { signal }),
      ]);
      return windowReplayInput(snapshot, events);
    },
  });
}

/** One incident's minutes with the units near it. */
export function useCallReplay(callId: string | null) {
  const http = useHttpClient();
  return useQuery({
    queryKey: ['history', 'call', callId],
    enabled: callId !== null,
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      const replay = await http.get(
        `/api/history/calls/${encodeURIComponent(callId!)}/replay`,
        callReplaySchema,
        { signal },
      );
      return { replay, input: callReplayInput(replay) };
    },
  });
}

/** The local hour with the most calls received in [from, to), for "replay the busiest hour". */
export function useBusiestHour(period: { from: string; to: string } | null) {
  const http = useHttpClient();
  return useQuery({
    queryKey: ['history', 'busiest', period?.from, period?.to],
    enabled: period !== null,
    queryFn: async ({ signal }) => {
      const query = new URLSearchParams({ metric: 'total', ...period!, groupBy: 'hour' });
      const stats = await http.get(`/api/stats/response-times?${query}`, responseTimeStatsSchema, {
        signal,
      });
      const calls = (group: (typeof stats.groups)[number]) =>
        group.n +
        group.excluded.missing +
        group.excluded.negative +
        group.excluded.officerInitiated;
      const busiest = stats.groups.toSorted((a, b) => calls(b) - calls(a))[0];
      return busiest?.key.hour ?? null;
    },
  });
}
