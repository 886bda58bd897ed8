import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useHttpClient } from '../../lib/httpContext.tsx';
import {
  createIntegrationTokenResponseSchema,
  integrationTokenListResponseSchema,
  integrationTokenViewSchema,
  auditListResponseSchema,
  auditChainReportSchema,
  type AuditListResponse,
} from '@watchfloor/contracts';

export const auditPageSize = 100;

const tokensKey = ['admin', 'tokens'] as const;

export function useIntegrationTokens() {
  const http = useHttpClient();
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) =>
      http.get('/api/tokens', integrationTokenListResponseSchema, { signal }),
  });
}

/** Issues a token; the answer holds the token itself, which is never shown again. */
export function useCreateIntegrationToken() {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      http.request('/api/tokens', {
        method: 'POST',
        body: { name },
        schema: createIntegrationTokenResponseSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeIntegrationToken() {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      http.request(`/api/tokens/${encodeURIComponent(id)}/revoke`, {
        method: 'POST',
        schema: integrationTokenViewSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

/** The server's check of the audit chain; it reads the whole log, so it is not refetched often. */
export function useAuditChain() {
  const http = useHttpClient();
  return useQuery({
    queryKey: ['admin', 'audit', 'chain'],
    queryFn: ({ signal }) =>
      http.get('/api/audit/verification', auditChainReportSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

/**
 * The audit log, newest first, a page at a time; each next page starts before the oldest
 * seen. `filters` are the API's query parameters (see `auditQueryParams`).
 */
export function useAuditEvents(filters: Record<string, string> = {}) {
  const http = useHttpClient();
  return useInfiniteQuery({
    queryKey: ['admin', 'audit', filters],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(auditPageSize), ...filters });
      if (pageParam !== null) params.set('before', String(pageParam));
      return http.get(`/api/audit?${params.toString()}`, auditListResponseSchema, { signal });
    },
    // A short page is the last one.
    getNextPageParam: (lastPage: AuditListResponse) =>
      lastPage.events.length < auditPageSize ? undefined : lastPage.events.at(-1)?.id,
  });
}
