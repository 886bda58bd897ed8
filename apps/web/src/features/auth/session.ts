import {
  loginResponseSchema,
  meResponseSchema,
  type LoginRequest,
  type MeResponse,
  type SecondFactorPending,
  type SignedInResponse,
} from '@watchfloor/contracts';
import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { HttpClient } from '../../lib/http.ts';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { SignedOutError } from '../../lib/httpErrors.ts';

export const meQueryKey = ['me'] as const;

/** The signed-in user, or `null` when there is no session (a 401 here is an answer, not an error). */
export function meQueryOptions(http: HttpClient) {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: async ({ signal }): Promise<MeResponse | null> => {
      try {
        return await http.get('/api/me', meResponseSchema, { signal });
      } catch (error) {
        if (error instanceof SignedOutError) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useMe() {
  return useQuery(meQueryOptions(useHttpClient()));
}

function isSessionQuery(queryKey: readonly unknown[]): boolean {
  return queryKey[0] === meQueryKey[0];
}

/**
 * Drops everything the previous session could see. "No user" is set before the rest is
 * removed so the session guard, still subscribed, re-renders and redirects to sign-in.
 */
export function forgetSession(queryClient: QueryClient, http: HttpClient): void {
  http.setCsrfToken(null);
  queryClient.setQueryData(meQueryKey, null);
  queryClient.removeQueries({ predicate: (query) => !isSessionQuery(query.queryKey) });
  queryClient.getMutationCache().clear();
}

/**
 * Asks the server whether the session still stands, without putting the page into an error
 * state when the server cannot be reached (the live connection asks this after the server
 * cut it, which also happens on a restart). Signed out: forget the session, as a 401 does.
 */
export async function recheckSession(queryClient: QueryClient, http: HttpClient): Promise<void> {
  try {
    queryClient.setQueryData(meQueryKey, await http.get('/api/me', meResponseSchema));
  } catch (error) {
    if (error instanceof SignedOutError) forgetSession(queryClient, http);
    // Otherwise unreachable or failing: nothing is known, and the caller asks again later.
  }
}

/** Makes a completed sign-in the page's session. */
export function adoptSignedIn(
  queryClient: QueryClient,
  http: HttpClient,
  { user, csrfToken }: SignedInResponse,
): void {
  http.setCsrfToken(csrfToken);
  // Nothing cached under a previous user may leak into this session.
  queryClient.removeQueries({ predicate: (query) => !isSessionQuery(query.queryKey) });
  queryClient.setQueryData(meQueryKey, user);
}

/**
 * Signs in with the password. The answer either completes the sign-in, or says which
 * second factor is owed (`onSecondFactor`); then only the second step's token is kept.
 */
export function useSignIn(onSecondFactor: (pending: SecondFactorPending) => void) {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginRequest) =>
      http.request('/api/auth/login', {
        method: 'POST',
        body: credentials,
        schema: loginResponseSchema,
        withoutCsrf: true,
        requiresSession: false,
      }),
    onSuccess: (answer) => {
      if (answer.mfaRequired) {
        http.setCsrfToken(answer.csrfToken);
        onSecondFactor(answer);
        return;
      }
      adoptSignedIn(queryClient, http, answer);
    },
  });
}

export function useSignOut() {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await http.request('/api/auth/logout', { method: 'POST' });
      } catch (error) {
        // Already signed out on the server: the outcome the user asked for.
        if (!(error instanceof SignedOutError)) throw error;
      }
    },
    onSuccess: () => forgetSession(queryClient, http),
  });
}
