import {
  authProvidersSchema,
  secondFactorPendingSchema,
  ssoErrorCodes,
  type SecondFactorPending,
  type SsoErrorCode,
} from '@watchfloor/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useHttpClient } from '../../lib/httpContext.tsx';

/** How people may sign in here (password, single sign-on), from the server's configuration. */
export function useAuthProviders() {
  const http = useHttpClient();
  return useQuery({
    queryKey: ['auth-providers'],
    queryFn: ({ signal }) => http.get('/api/auth/providers', authProvidersSchema, { signal }),
    staleTime: Infinity,
  });
}

/** The refusal single sign-on sent the browser back with (`?sso_error=`), if one we know. */
export function ssoErrorOf(search: URLSearchParams): SsoErrorCode | null {
  const code = search.get('sso_error');
  return (ssoErrorCodes as readonly string[]).includes(code ?? '') ? (code as SsoErrorCode) : null;
}

/**
 * After single sign-on that still owes Watchfloor's second factor (`?sso=second-factor`):
 * fetches what is owed, with the token for the second step, as a password would have.
 */
export function useSsoSecondFactor(
  search: URLSearchParams,
  onSecondFactor: (pending: SecondFactorPending) => void,
) {
  const http = useHttpClient();
  const owed = search.get('sso') === 'second-factor';
  useEffect(() => {
    if (!owed) return;
    const controller = new AbortController();
    http
      .get('/api/auth/mfa', secondFactorPendingSchema, { signal: controller.signal })
      .then((pending) => {
        http.setCsrfToken(pending.csrfToken);
        onSecondFactor(pending);
      })
      // Expired or never started: the plain sign-in page is the way on.
      .catch(() => undefined);
    return () => controller.abort();
  }, [owed, http, onSecondFactor]);
}
