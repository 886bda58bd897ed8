import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useHttpClient } from '../../lib/httpContext.tsx';
import {
  createIntegrationTokenResponseSchema,
  integrationTokenListResponseSchema,
  integrationTokenViewSchema,
  auditListResponseSchema,
  auditChainReportSchema,
  mfaResetResponseSchema,
  userAdminViewSchema,
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

/** What an administrator can do to an account from the Users page. */
export type AccountAction = 'disable' | 'enable' | 'unlock' | 'mfa/reset';

/** One account action; the list is reloaded after, so it shows the account as it is now. */
export function useAccountAction() {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, action }: { userId: string; action: AccountAction }) => {
      const path = `/api/users/${encodeURIComponent(userId)}/${action}`;
      if (action === 'mfa/reset') {
        await http.request(path, { method: 'POST', schema: mfaResetResponseSchema });
      } else {
        await http.request(path, { method: 'POST', schema: userAdminViewSchema });
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

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
