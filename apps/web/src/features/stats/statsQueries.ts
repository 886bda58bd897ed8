import {
  responseTimeCallsSchema,
  responseTimeHistogramSchema,
  responseTimeStatsSchema,
  type StatsDimension,
} from '@watchfloor/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { responseTimeSearch, type StatsView } from './statsView.ts';

/** A period still running is refetched this often, so today's figures move with the day. */
const liveRefreshMs = 30_000;

/** Response-time groups for the view, grouped by `groupBy` (none: one group for all). */
export function useResponseTimes(
  view: StatsView,
  timeZone: string,
  groupBy: readonly StatsDimension[],
  { live }: { live: boolean },
) {
  const http = useHttpClient();
  const search = responseTimeSearch(view, timeZone, groupBy).toString();
  return useQuery({
    queryKey: ['stats', 'response-times', search],
    queryFn: ({ signal }) =>
      http.get(`/api/stats/response-times?${search}`, responseTimeStatsSchema, { signal }),
    refetchInterval: live ? liveRefreshMs : false,
    // Changing a filter keeps the old figures on screen until the new ones arrive: no jump.
    placeholderData: keepPreviousData,
  });
}

/** The calls behind one group, a page at a time (longest interval first). */
export function useDrillCalls(search: URLSearchParams | null) {
  const http = useHttpClient();
  const query = search?.toString() ?? '';
  return useInfiniteQuery({
    queryKey: ['stats', 'drill', query],
    queryFn: ({ pageParam, signal }) => {
      const page = new URLSearchParams(query);
      page.set('status', 'all');
      if (pageParam) page.set('cursor', pageParam);
      return http.get(`/api/stats/response-times/calls?${page}`, responseTimeCallsSchema, {
        signal,
      });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: search !== null,
  });
}

/** The distribution of the view's interval, in buckets of `bucketSeconds`. */
export function useHistogram(
  search: URLSearchParams,
  bucketSeconds: number,
  { live }: { live: boolean },
) {
  const http = useHttpClient();
  const query = new URLSearchParams(search);
  query.set('bucketSeconds', String(bucketSeconds));
  query.set('maxBuckets', '60');
  const text = query.toString();
  return useQuery({
    queryKey: ['stats', 'histogram', text],
    queryFn: ({ signal }) =>
      http.get(`/api/stats/response-times/histogram?${text}`, responseTimeHistogramSchema, {
        signal,
      }),
    refetchInterval: live ? liveRefreshMs : false,
    placeholderData: keepPreviousData,
  });
}
