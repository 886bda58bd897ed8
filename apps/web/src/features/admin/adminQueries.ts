import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useHttpClient } from '../../lib/httpContext.tsx';
import {
  auditListResponseSchema,
  userListResponseSchema,
  type AuditListResponse,
} from '@watchfloor/contracts';

export const auditPageSize = 100;

export function useUsers() {
  const http = useHttpClient();
  return useQuery({
    queryKey: ['admin', 'users'],
    queryFn: ({ signal }) => http.get('/api/users', userListResponseSchema, { signal }),
  });
}

/** The audit log, newest first, a page at a time; each next page starts before the oldest seen. */
export function useAuditEvents() {
  const http = useHttpClient();
  return useInfiniteQuery({
    queryKey: ['admin', 'audit'],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(auditPageSize) });
      if (pageParam !== null) params.set('before', String(pageParam));
      return http.get(`/api/audit?${params.toString()}`, auditListResponseSchema, { signal });
    },
    // A short page is the last one.
    getNextPageParam: (lastPage: AuditListResponse) =>
      lastPage.events.length < auditPageSize ? undefined : lastPage.events.at(-1)?.id,
  });
}
