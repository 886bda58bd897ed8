import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { HttpError, SignedOutError } from '../lib/httpErrors.ts';

/** Asking again will not change a 4xx answer; only network trouble and 5xx are worth a retry. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof HttpError && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * The app's query client. Any request that finds the session gone (401) calls `onSignedOut`,
 * wherever it was made, so no page has to handle it.
 */
export function createQueryClient({ onSignedOut }: { onSignedOut: () => void }): QueryClient {
  const onError = (error: unknown) => {
    if (error instanceof SignedOutError) onSignedOut();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
