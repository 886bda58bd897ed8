import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  mfaResetResponseSchema,
  oneTimePasswordResponseSchema,
  userListResponseSchema,
  userAdminViewSchema,
  userSessionListResponseSchema,
  type CreateUserRequest,
  type UpdateGrantsRequest,
} from '@watchfloor/contracts';
import { useHttpClient } from '../../lib/httpContext.tsx';

const usersKey = ['admin', 'users'] as const;
const userPath = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;

export function useUsers() {
  const http = useHttpClient();
  return useQuery({
    queryKey: usersKey,
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
      const path = `${userPath(userId)}/${action}`;
      if (action === 'mfa/reset') {
        await http.request(path, { method: 'POST', schema: mfaResetResponseSchema });
      } else {
        await http.request(path, { method: 'POST', schema: userAdminViewSchema });
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Creates an account; the answer holds its one-time password, which is never shown again. */
export function useCreateUser() {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateUserRequest) =>
      http.request('/api/users', {
        method: 'POST',
        body: request,
        schema: oneTimePasswordResponseSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Changes an account's role, districts or display name. */
export function useUpdateGrants(userId: string) {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (grants: UpdateGrantsRequest) =>
      http.request(userPath(userId), {
        method: 'PATCH',
        body: grants,
        schema: userAdminViewSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Replaces a person's password with a one-time one (answered once) and ends their sessions. */
export function useResetPassword(userId: string) {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      http.request(`${userPath(userId)}/password/reset`, {
        method: 'POST',
        schema: oneTimePasswordResponseSchema,
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: usersKey }),
        queryClient.invalidateQueries({ queryKey: sessionsKey(userId) }),
      ]),
  });
}

const sessionsKey = (userId: string) => ['admin', 'users', userId, 'sessions'] as const;

export function useUserSessions(userId: string) {
  const http = useHttpClient();
  return useQuery({
    queryKey: sessionsKey(userId),
    queryFn: ({ signal }) =>
      http.get(`${userPath(userId)}/sessions`, userSessionListResponseSchema, { signal }),
  });
}

/** Ends one of a person's sessions: their page signs out and their live updates stop. */
export function useEndSession(userId: string) {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      http.request(`${userPath(userId)}/sessions/${encodeURIComponent(sessionId)}/end`, {
        method: 'POST',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey(userId) }),
  });
}
